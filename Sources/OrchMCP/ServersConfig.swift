import OrchJSON

/// The `{"mcpServers": {NAME: {"command", "args"?, "env"?, "cwd"?, "era"?}}}` file that
/// MCP-aware assistants use; `era` (`modern` | `legacy`) is orch-mcp's addition to skip the probe.
public struct ServersConfig: Sendable {
    public struct Entry: Sendable {
        public let launch: ServerLaunch
        public let era: MCPClient.Era?

        public init(launch: ServerLaunch, era: MCPClient.Era? = nil) {
            self.launch = launch
            self.era = era
        }
    }

    /// In file order.
    public let servers: [Entry]

    public var names: [String] { servers.map(\.launch.name) }

    public func entry(_ name: String) -> Entry? { servers.first { $0.launch.name == name } }

    public init(servers: [Entry]) { self.servers = servers }

    /// Reads a config document; `source` names it in errors (`servers.json at /mcpServers/ocr/args`).
    public init(json: JSONValue, source: String) throws(ProcessError) {
        guard case .object(let map)? = json["mcpServers"] else {
            throw ProcessError(server: "-", "\(source): expected {\"mcpServers\": {NAME: {\"command\", \"args\", \"env\", \"cwd\"}}}.")
        }
        var entries: [Entry] = []
        for (name, value) in map {
            let at = "\(source) at /mcpServers/\(name)"
            guard case .object(let server) = value, let command = server["command"]?.stringValue, !command.isEmpty else {
                throw ProcessError(server: name, "\(at): needs a \"command\" string.")
            }
            var arguments: [String] = []
            if let args = server["args"] {
                guard let list = args.arrayValue, list.allSatisfy({ $0.stringValue != nil }) else {
                    throw ProcessError(server: name, "\(at)/args: must be an array of strings.")
                }
                arguments = list.compactMap(\.stringValue)
            }
            var environment: [String: String] = [:]
            if let env = server["env"] {
                guard case .object(let pairs) = env else { throw ProcessError(server: name, "\(at)/env: must be an object of strings.") }
                for (key, value) in pairs {
                    guard let text = value.stringValue else { throw ProcessError(server: name, "\(at)/env/\(key): must be a string.") }
                    environment[key] = text
                }
            }
            var era: MCPClient.Era?
            if let pin = server["era"] {
                guard let text = pin.stringValue, let parsed = MCPClient.Era(rawValue: text) else {
                    throw ProcessError(server: name, "\(at)/era: must be \"modern\" or \"legacy\".")
                }
                era = parsed
            }
            let cwd = server["cwd"]?.stringValue
            entries.append(Entry(launch: ServerLaunch(name: name, command: command, arguments: arguments, environment: environment, workingDirectory: cwd), era: era))
        }
        servers = entries
    }
}
