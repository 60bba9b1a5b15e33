import ArgumentParser
import Foundation
import OrchJSON
import OrchPlan

/// `--catalog F…` and `--servers F`, shared by every command that needs tools.
struct CatalogOptions: ParsableArguments {
    @Option(name: .customLong("catalog"), help: ArgumentHelp("A tool catalog file to load (repeatable; adds to ORCH_CATALOG, a colon-separated list).", valueName: "FILE"))
    var catalogs: [String] = []

    @Option(name: .customLong("servers"), help: ArgumentHelp("An mcpServers config file ({\"mcpServers\": {NAME: {command, args, env, cwd}}}).", valueName: "FILE"))
    var servers: String?

    /// Catalog files: ORCH_CATALOG's, then --catalog's.
    var catalogFiles: [String] {
        let fromEnvironment = (ProcessInfo.processInfo.environment["ORCH_CATALOG"] ?? "")
            .split(separator: ":").map(String.init).filter { !$0.isEmpty }
        return fromEnvironment + catalogs
    }

    /// The built-in functions plus every catalog file; exits 2 with the reason when one is bad.
    func loadCatalog() -> ToolCatalog {
        var catalog = ToolCatalog.standard()
        for file in catalogFiles {
            do {
                try catalog.load(contentsOf: file)
            } catch {
                CLIError.usage("Catalog \(error.description)").exit()
            }
        }
        if let servers { _ = ServersConfig.load(servers) }
        return catalog
    }

    /// Servers that can run tools now. (Calling MCP servers arrives with the MCP client; until
    /// then no server counts as available, so plans that need one fail validation clearly.)
    var availableServers: Set<String> { [] }
}

/// The `mcpServers` file, read for its shape; running the servers comes with the MCP client.
enum ServersConfig {
    static func load(_ path: String) -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else {
            CLIError.usage("The servers file '\(path)' \(FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist").").exit()
        }
        let json: JSONValue
        do { json = try JSONValue(parsing: data) } catch {
            CLIError.usage("The servers file '\(path)' is not valid JSON: \(error.description)").exit()
        }
        guard case .object(let servers)? = json["mcpServers"] else {
            CLIError.usage("The servers file '\(path)' needs an object \"mcpServers\": {NAME: {\"command\", \"args\", \"env\", \"cwd\"}}.").exit()
        }
        for (name, server) in servers where server["command"]?.stringValue == nil {
            CLIError.usage("\(path) at /mcpServers/\(name): the server '\(name)' needs a \"command\" string.").exit()
        }
        return servers.keys
    }
}

/// Reads a plan file: exits 2 when it cannot be read or is not JSON.
func readPlanFile(_ path: String) -> JSONValue {
    SchemaValidateCommand.readJSON(path, what: "plan")
}
