import Logging
import OrchJSON
import Synchronization

/// The configured MCP servers, each started on first use and kept running.
///
/// A server that exits is restarted by the next call, after an exponential backoff (from
/// 100 ms, doubling, at most 5 s). After `maxCrashes` exits in a row without a successful
/// call in between, the server is marked broken and calls fail at once with its last error.
public actor ServerPool {
    enum Slot {
        case idle(crashes: Int, lastError: MCPClientError?, notBefore: ContinuousClock.Instant)
        case starting(Task<Result<MCPClient, MCPClientError>, Never>)
        case running(MCPClient, crashes: Int)
        case broken(MCPClientError)
    }

    public let config: ServersConfig
    public let options: MCPClient.Options
    public let maxCrashes: Int
    private var slots: [String: Slot] = [:]

    public init(config: ServersConfig, options: MCPClient.Options = .init(), maxCrashes: Int = 5) {
        self.config = config
        self.options = options
        self.maxCrashes = maxCrashes
    }

    /// A connected client for `name`, starting or restarting the server when needed.
    public func client(_ name: String) async throws(MCPClientError) -> MCPClient {
        guard let entry = config.entry(name) else {
            throw MCPClientError(.spawnFailed, server: name, "no server of that name is configured (configured: \(config.names.joined(separator: ", "))).")
        }
        while true {
            switch slots[name] ?? .idle(crashes: 0, lastError: nil, notBefore: .now) {
            case .broken(let error):
                throw MCPClientError(.broken, server: name, "marked broken after \(maxCrashes) crashes in a row; last: \(error.message)")
            case .running(let client, let crashes):
                if client.process.exitStatus == nil && client.connection.closedError == nil { return client }
                let error = client.connection.closedError ?? MCPClientError(.serverExited, server: name, "the server exited (\(client.process.exitStatus!)).")
                _ = await client.close(grace: .milliseconds(100))
                recordCrash(name, crashes: crashes + 1, error: error)
            case .starting(let task):
                switch await task.value {
                case .success(let client):
                    if case .starting = slots[name] { slots[name] = .running(client, crashes: 0) }
                    return client
                case .failure(let error):
                    throw error
                }
            case .idle(let crashes, _, let notBefore):
                var options = self.options
                options.era = entry.era ?? options.era
                let launch = entry.launch
                let task = Task { () -> Result<MCPClient, MCPClientError> in
                    if notBefore > .now { try? await Task.sleep(until: notBefore) }
                    do throws(MCPClientError) { return .success(try await MCPClient.connect(launch, options: options)) } catch { return .failure(error) }
                }
                slots[name] = .starting(task)
                switch await task.value {
                case .success(let client):
                    slots[name] = .running(client, crashes: crashes)
                    return client
                case .failure(let error):
                    recordCrash(name, crashes: crashes + 1, error: error)
                    throw error
                }
            }
        }
    }

    private func recordCrash(_ name: String, crashes: Int, error: MCPClientError) {
        if crashes >= maxCrashes {
            slots[name] = .broken(error)
            return
        }
        let backoff = Duration.milliseconds(min(5000, 100 << min(crashes - 1, 6)))
        slots[name] = .idle(crashes: crashes, lastError: error, notBefore: .now + backoff)
    }

    /// A call succeeded: the crash count starts again.
    public func succeeded(_ name: String) {
        if case .running(let client, _) = slots[name] { slots[name] = .running(client, crashes: 0) }
    }

    /// Runs `body` with this pool, then shuts the pool down whether `body` throws or not.
    public nonisolated func using<T>(_ body: (ServerPool) async throws -> T) async rethrows -> T {
        do {
            let result = try await body(self)
            await shutdown()
            return result
        } catch {
            await shutdown()
            throw error
        }
    }

    /// Stops every running server and reaps it.
    public func shutdown() async {
        let running = slots.values.compactMap { slot -> MCPClient? in
            if case .running(let client, _) = slot { client } else { nil }
        }
        slots.removeAll()
        await withTaskGroup(of: Void.self) { group in
            for client in running { group.addTask { _ = await client.close() } }
        }
    }
}
