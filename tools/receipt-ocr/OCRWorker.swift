#if canImport(Glibc)
import Glibc
#endif
import OrchJSON

/// Runs recognitions on their own threads, so that a 300 ms OCR never blocks the server's
/// cooperative pool (which answers tools/list, ping and cancellation meanwhile). The engine
/// itself serializes them.
enum OCRWorker {
    private final class Job: @unchecked Sendable {
        let work: @Sendable () -> Result<JSONValue, OCRError>
        let continuation: CheckedContinuation<Result<JSONValue, OCRError>, Never>
        init(work: @escaping @Sendable () -> Result<JSONValue, OCRError>, continuation: CheckedContinuation<Result<JSONValue, OCRError>, Never>) {
            self.work = work
            self.continuation = continuation
        }
    }

    static func run(_ work: @escaping @Sendable () -> Result<JSONValue, OCRError>) async -> Result<JSONValue, OCRError> {
        await withCheckedContinuation { continuation in
            let job = Unmanaged.passRetained(Job(work: work, continuation: continuation))
            var thread = pthread_t()
            let started = pthread_create(&thread, nil, { context in
                let job = Unmanaged<Job>.fromOpaque(context!).takeRetainedValue()
                job.continuation.resume(returning: job.work())
                return nil
            }, job.toOpaque())
            if started == 0 {
                pthread_detach(thread)
            } else {
                // No thread to be had: do the work here rather than fail the call.
                let job = job.takeRetainedValue()
                job.continuation.resume(returning: job.work())
            }
        }
    }
}
