import Foundation

/// Runs blocking work (waiting for a process, a pipe, a semaphore) on a thread of its own and
/// awaits it. A test that blocks on a thread of Swift's cooperative pool — two threads on a
/// two-core machine — holds up every other test in the process while it waits.
///
/// The work must not record test issues itself (it runs outside the test's task): return what
/// it found and check it in the test.
public func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}
