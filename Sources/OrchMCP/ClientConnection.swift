import Dispatch
import Glibc
import Logging
import OrchJSON
import Synchronization

/// The wire side of a client: sends requests, matches responses by id, routes progress,
/// answers requests from the server, and fails everything in flight the moment the server's
/// output ends or the process exits.
final class ClientConnection: Sendable {
    typealias Progress = @Sendable (Double, Double?, String?) -> Void

    struct Pending: Sendable {
        let method: String
        let continuation: CheckedContinuation<Result<JSONValue, MCPClientError>, Never>
        let progress: Progress?
        /// When the request times out (moved on by progress when asked), and for how long it waited.
        var deadline: ContinuousClock.Instant
        let timeout: Duration
    }

    struct State: Sendable {
        var nextID: Int64 = 1
        var pending: [JSONRPCID: Pending] = [:]
        var closed: MCPClientError?
        var skippedLines = 0
    }

    let server: String
    let writer: FrameWriter
    let state = Mutex(State())
    let logger: Logger
    /// Answers a request the server sends (legacy: ping, roots/list, sampling, elicitation).
    let answerServerRequest: @Sendable (String, JSONValue?) -> Result<JSONValue, MCPError>

    init(server: String, input: Int32, output: Int32, logger: Logger,
         answerServerRequest: @escaping @Sendable (String, JSONValue?) -> Result<JSONValue, MCPError>) {
        self.server = server
        writer = FrameWriter(fd: input)
        self.logger = logger
        self.answerServerRequest = answerServerRequest
        startThread(name: "mcp-client-read") { [self] in readLoop(fd: output) }
        startThread(name: "mcp-client-timeouts") { [self] in sweepLoop() }
    }

    var skippedLines: Int { state.withLock { $0.skippedLines } }

    /// Sends a request and waits for its answer, at most `timeout`.
    func request(_ method: String, params: JSONValue?, timeout: Duration, progress: Progress? = nil,
                 resetTimeoutOnProgress: Bool = false) async -> Result<JSONValue, MCPClientError> {
        let id: JSONRPCID = state.withLock { state in
            defer { state.nextID += 1 }
            return .int(state.nextID)
        }
        var params = params
        if progress != nil, case .object(var object)? = params {
            var meta = object["_meta"]?.objectValue ?? JSONObject()
            meta["progressToken"] = id.json
            object["_meta"] = .object(meta)
            params = .object(object)
        }
        let message = JSONRPCMessage.request(id: id, method: method, params: params)
        var sink: Progress? = progress
        if let progress, resetTimeoutOnProgress {
            sink = { [self] p, t, m in
                arm(id, method: method, timeout: timeout)
                progress(p, t, m)
            }
        }
        let line = message.line
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<JSONValue, MCPClientError>, Never>) in
                send(id: id, method: method, line: line, timeout: timeout, progress: sink, continuation: continuation)
            }
        } onCancel: { [self] in
            finish(id, .failure(MCPClientError(.cancelled, server: server, "\(method) was cancelled.")), notify: "cancelled by the caller")
        }
    }

    private func send(id: JSONRPCID, method: String, line: [UInt8], timeout: Duration, progress: Progress?,
                      continuation: CheckedContinuation<Result<JSONValue, MCPClientError>, Never>) {
        let cancelled = Task.isCancelled
        let refused: MCPClientError? = state.withLock { state in
            if let closed = state.closed { return closed }
            if cancelled { return MCPClientError(.cancelled, server: server, "\(method) was cancelled.") }
            state.pending[id] = Pending(method: method, continuation: continuation, progress: progress,
                                        deadline: .now + timeout, timeout: timeout)
            return nil
        }
        if let refused {
            continuation.resume(returning: .failure(refused))
            return
        }
        if !writer.write(line) {
            // The server is gone; the end of its output (or its exit) fails this request with
            // the reason, within a second.
            logger.debug("cannot send \(method) to MCP server '\(server)': its stdin is closed")
        }
    }

    /// Moves a pending request's deadline on (progress resets the timeout when asked).
    private func arm(_ id: JSONRPCID, method: String, timeout: Duration) {
        state.withLock { state in
            state.pending[id]?.deadline = .now + timeout
        }
    }

    /// Fails requests whose deadline has passed. One sweeper thread per connection checks
    /// every 50 ms: no timer per request (a timer per call costs more than the call).
    private func sweepLoop() {
        while closedError == nil {
            usleep(50_000)
            let now = ContinuousClock.now
            let expired = state.withLock { state in
                state.pending.filter { $0.value.deadline <= now }.map { ($0.key, $0.value.method, $0.value.timeout) }
            }
            for (id, method, timeout) in expired {
                finish(id, .failure(MCPClientError(.timeout, server: server, "\(method) got no answer within \(Self.describe(timeout)).")),
                       notify: "timed out after \(Self.describe(timeout))")
            }
        }
    }

    /// Sends a notification.
    func notify(_ method: String, params: JSONValue?) {
        writer.write(JSONRPCMessage.notification(method: method, params: params).line)
    }

    /// Resolves a pending request once; `notify` sends `notifications/cancelled` with that reason.
    private func finish(_ id: JSONRPCID, _ result: Result<JSONValue, MCPClientError>, notify reason: String?) {
        let pending = state.withLock { $0.pending.removeValue(forKey: id) }
        guard let pending else { return }
        if let reason {
            self.notify("notifications/cancelled", params: ["requestId": id.json, "reason": .string(reason)])
        }
        pending.continuation.resume(returning: result)
    }

    /// Fails every request in flight and refuses new ones.
    func close(_ error: MCPClientError) {
        let pending = state.withLock { state -> [Pending] in
            if state.closed == nil { state.closed = error }
            defer { state.pending.removeAll() }
            return Array(state.pending.values)
        }
        for entry in pending {
            entry.continuation.resume(returning: .failure(error))
        }
    }

    var closedError: MCPClientError? { state.withLock { $0.closed } }

    // MARK: Reading

    private func readLoop(fd: Int32) {
        var reader = FrameReader(fd: fd)
        while let frame = reader.next() {
            guard case .line(let bytes) = frame else {
                state.withLock { $0.skippedLines += 1 }
                logger.warning("MCP server '\(server)' wrote a line over 64 MiB on stdout; skipped")
                continue
            }
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            guard let value = try? JSONValue(parsing: bytes), let message = try? JSONRPCMessage(value) else {
                let count = state.withLock { state -> Int in
                    state.skippedLines += 1
                    return state.skippedLines
                }
                logger.warning("MCP server '\(server)' wrote a line that is not JSON-RPC on stdout (\(count) so far); skipped: \(String(decoding: bytes.prefix(200), as: UTF8.self))")
                continue
            }
            handle(message)
        }
        // The process is usually exiting: its exit watcher reports the status and the stderr
        // tail, which say far more than "closed its output". Give it a moment to go first
        // (close keeps the first error).
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(1)) { [self] in
            close(MCPClientError(.serverExited, server: server, "the server closed its output."))
        }
    }

    private func handle(_ message: JSONRPCMessage) {
        switch message {
        case .response(let id, let result):
            finish(id, .success(result), notify: nil)
        case .error(let id?, let error):
            let method = state.withLock { $0.pending[id]?.method } ?? "a request"
            finish(id, .failure(MCPClientError(.protocolError, server: server, "\(method) failed: \(error.message) (\(error.code))", protocolError: error)), notify: nil)
        case .error(nil, let error):
            logger.warning("MCP server '\(server)' sent an error without id: \(error)")
        case .notification(let method, let params):
            if method == "notifications/progress", let token = params?["progressToken"].flatMap(JSONRPCID.init),
               let progress = params?["progress"]?.doubleValue {
                // The token is the request's own id; some servers echo it as a string ("7" for 7).
                let sink = state.withLock { state in
                    state.pending[token]?.progress ?? Self.otherSpelling(of: token).flatMap { state.pending[$0]?.progress }
                }
                sink?(progress, params?["total"]?.doubleValue, params?["message"]?.stringValue)
            } else if method == "notifications/message" {
                logger.info("MCP server '\(server)': \(params.map(JSONWriter.string) ?? "")")
            }
        case .request(let id, let method, let params):
            switch answerServerRequest(method, params) {
            case .success(let result): writer.write(JSONRPCMessage.response(id: id, result: result).line)
            case .failure(let error): writer.write(JSONRPCMessage.error(id: id, error).line)
            }
        }
    }

    /// `7` for `"7"` and the other way round.
    static func otherSpelling(of id: JSONRPCID) -> JSONRPCID? {
        switch id {
        case .int(let value): .string(String(value))
        case .string(let text): Int64(text).map(JSONRPCID.int)
        }
    }

    static func dispatchInterval(_ duration: Duration) -> DispatchTimeInterval {
        let c = duration.components
        return .nanoseconds(Int(min(Int64(Int.max / 2), c.seconds * 1_000_000_000 + c.attoseconds / 1_000_000_000)))
    }

    static func describe(_ duration: Duration) -> String {
        let c = duration.components
        let ms = c.seconds * 1000 + c.attoseconds / 1_000_000_000_000_000
        return ms % 1000 == 0 ? "\(ms / 1000) s" : "\(ms) ms"
    }
}
