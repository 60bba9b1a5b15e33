import Logging
import OrchJSON
import Synchronization

/// The state of one server connection: its era, negotiated version and requests in flight.
final class ServerConnection: Sendable {
    typealias Work = @Sendable () async -> Void
    typealias Respond = @Sendable (JSONRPCMessage) -> Void

    enum Era: Sendable { case undecided, legacy, modern }

    struct State: Sendable {
        var era = Era.undecided
        var legacyVersion: String?
        var logLevel = "info"
        var inFlight: [JSONRPCID: InFlight] = [:]
    }

    /// A request whose handler runs as a task.
    final class InFlight: Sendable {
        let task = Mutex<Task<Void, Never>?>(nil)
        let cancelled = Atomic<Bool>(false)
        let finished = Atomic<Bool>(false)
    }

    let server: MCPServer
    let writer: FrameWriter
    let work: AsyncStream<Work>.Continuation
    let state = Mutex(State())

    static let logLevels: Set<String> = ["debug", "info", "notice", "warning", "error", "critical", "alert", "emergency"]

    init(server: MCPServer, writer: FrameWriter, work: AsyncStream<Work>.Continuation) {
        self.server = server
        self.writer = writer
        self.work = work
    }

    func send(_ message: JSONRPCMessage) {
        if !writer.write(message.line) {
            server.logger.debug("stdout is closed; dropping a message")
        }
    }

    // MARK: Reading

    func readLoop(fd: Int32) {
        var reader = FrameReader(fd: fd)
        while let frame = reader.next() {
            switch frame {
            case .tooLong(let size):
                server.logger.warning("dropped a message of \(size) bytes (over the 64 MiB limit)")
                send(.error(id: nil, .invalidRequest("The message of \(size) bytes is larger than the limit of 64 MiB.")))
            case .line(let bytes):
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                handleLine(bytes)
            }
        }
        work.finish()
    }

    func handleLine(_ bytes: ArraySlice<UInt8>) {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: bytes)
        } catch {
            send(.error(id: nil, .parseError("Parse error: \(error.description)")))
            return
        }
        if case .array(let items) = value {
            handleBatch(items)
            return
        }
        dispatch(value, respond: { [self] in send($0) })
    }

    /// JSON-RPC batches exist only in 2025-03-26.
    private func handleBatch(_ items: [JSONValue]) {
        let version = state.withLock { $0.era == .legacy ? $0.legacyVersion : nil }
        guard version == "2025-03-26" else {
            send(.error(id: nil, .invalidRequest("JSON-RPC batches are accepted only in protocol version 2025-03-26\(version.map { "; this connection uses \($0)" } ?? "").")))
            return
        }
        guard !items.isEmpty else {
            send(.error(id: nil, .invalidRequest("An empty batch is not a valid request.")))
            return
        }
        let expected = items.filter { item in
            guard case .object(let object) = item else { return true }
            return object["id"] != nil || object["method"] == nil
        }.count
        guard expected > 0 else {
            for item in items { dispatch(item, respond: { _ in }) }
            return
        }
        let collected = Mutex<[JSONValue]>([])
        let respond: Respond = { [self] message in
            let all: [JSONValue]? = collected.withLock { list in
                list.append(message.json)
                return list.count == expected ? list : nil
            }
            if let all {
                var bytes = JSONWriter().bytes(.array(all))
                bytes.append(0x0A)
                writer.write(bytes)
            }
        }
        for item in items { dispatch(item, respond: respond) }
    }

    private func dispatch(_ value: JSONValue, respond: @escaping Respond) {
        let message: JSONRPCMessage
        do {
            message = try JSONRPCMessage(value)
        } catch {
            respond(.error(id: error.id, error.error))
            return
        }
        switch message {
        case .notification(let method, let params):
            handleNotification(method, params)
        case .request(let id, let method, let params):
            handleRequest(id: id, method: method, params: params, respond: respond)
        case .response(let id, _), .error(let id?, _):
            server.logger.debug("ignoring a response to \(id), which this server never asked")
        case .error(nil, let error):
            server.logger.debug("ignoring an error without id from the client: \(error)")
        }
    }

    private func handleNotification(_ method: String, _ params: JSONValue?) {
        switch method {
        case "notifications/cancelled":
            guard let id = params?["requestId"].flatMap(JSONRPCID.init) else { return }
            let entry = state.withLock { $0.inFlight[id] }
            guard let entry else { return }
            entry.cancelled.store(true, ordering: .sequentiallyConsistent)
            entry.task.withLock { $0?.cancel() }
        case "notifications/initialized":
            break
        default:
            server.logger.debug("ignoring the notification \(method)")
        }
    }
}
