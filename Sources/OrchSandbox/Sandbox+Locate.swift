import Foundation
import OrchMCP
import OrchPlan

extension Sandbox {
    /// Finds `orch-sandbox`: `explicit` (then nothing else), else `$ORCH_SANDBOX`, else next to the running
    /// executable (`/proc/self/exe`: orch-mcp and the test runner both live in the build
    /// directory), else next to the test bundle (`argv[0]`'s `.xctest`). Throws
    /// `worker_unavailable` naming every place looked in.
    public static func locate(explicit: String? = nil) throws(StepError) -> String {
        var candidates: [String] = []
        if let explicit, !explicit.isEmpty {
            candidates.append(explicit)
        } else {
            candidates += defaultCandidates()
        }
        for candidate in candidates where access(candidate, X_OK) == 0 {
            var info = stat()
            if stat(candidate, &info) == 0, info.st_mode & S_IFMT == S_IFREG { return candidate }
        }
        var unique: [String] = []
        for candidate in candidates where !unique.contains(candidate) { unique.append(candidate) }
        throw StepError(.workerUnavailable, "The sandbox runner orch-sandbox was not found. Looked in: \(unique.joined(separator: ", ")). Build it (swift build --product orch-sandbox) or set ORCH_SANDBOX.")
    }

    private static func defaultCandidates() -> [String] {
        var candidates: [String] = []
        if let fromEnvironment = ProcessInfo.processInfo.environment["ORCH_SANDBOX"], !fromEnvironment.isEmpty {
            candidates.append(fromEnvironment)
        }
        if let directory = executableDirectory() { candidates.append(directory + "/orch-sandbox") }
        var bundle = URL(fileURLWithPath: CommandLine.arguments.first ?? "")
        while bundle.path != "/", bundle.pathExtension != "xctest", bundle.path.contains(".xctest") { bundle.deleteLastPathComponent() }
        candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("orch-sandbox").path)
        return candidates
    }
}
