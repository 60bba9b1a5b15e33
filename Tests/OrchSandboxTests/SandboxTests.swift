import Testing

/// Every sandbox suite runs one test at a time (as extensions of this suite), so that the
/// "no process left behind" checks see only their own steps. Still about 10 s in all.
@Suite(.serialized) struct SandboxTests {}
