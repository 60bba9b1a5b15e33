import ArgumentParser
import Foundation
import OrchJSON
import OrchPlan
import OrchMCP
import OrchExecutor
import Logging

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
        Self.loadCatalog(catalogFiles)
    }

    /// The built-in functions plus `files`; exits 2 with the reason when one is bad.
    static func loadCatalog(_ files: [String]) -> ToolCatalog {
        var catalog = ToolCatalog.standard()
        for file in files {
            do {
                try catalog.load(contentsOf: file)
            } catch {
                CLIError.usage("Catalog \(error.description)").exit()
            }
        }
        return catalog
    }

    /// The `--servers` config, if given; exits 2 when it cannot be read or is malformed.
    func serversConfig() -> ServersConfig? {
        servers.map(Self.readServers)
    }

    /// Reads an `mcpServers` file; exits 2 naming the file and the bad entry.
    static func readServers(_ path: String) -> ServersConfig {
        let json = SchemaValidateCommand.readJSON(path, what: "servers")
        do {
            return try ServersConfig(json: json, source: path)
        } catch {
            CLIError.usage(error.message).exit()
        }
    }

    /// The catalog plus the live tools of every configured server (started now), and the pool
    /// that runs them. A server that cannot be started is reported on stderr and left out;
    /// plans that need its tools then fail validation saying no server provides them.
    func loadTools(logger: Logger) async -> LoadedTools {
        await Self.loadTools(catalogFiles: catalogFiles, servers: serversConfig(), logger: logger)
    }

    /// As ``loadTools(logger:)`` for given catalog files and servers (the demo's own, without
    /// ORCH_CATALOG or options).
    static func loadTools(catalogFiles: [String], servers: ServersConfig?, logger: Logger) async -> LoadedTools {
        var catalog = loadCatalog(catalogFiles)
        guard let config = servers else { return LoadedTools(catalog: catalog, pool: nil, available: []) }
        var options = MCPClient.Options()
        options.logger = logger
        let pool = ServerPool(config: config, options: options)
        var available = Set<String>()
        // Each child task returns a Listing (a class), not a (String, Result) tuple: with a tuple
        // result, a release build of Swift 6.3.1 miscompiled this group (the results arrived as
        // garbage and orch-mcp crashed).
        var listed: [String: Result<[JSONValue], MCPClientError>] = [:]
        await withTaskGroup(of: Listing.self) { group in
            for name in config.names {
                group.addTask { await Listing.list(name, pool: pool) }
            }
            for await listing in group { listed[listing.name] = listing.result }
        }
        for name in config.names {
            guard let result = listed[name] else { continue }
            switch result {
            case .success(let tools):
                available.insert(name)
                for note in catalog.addServerTools(tools, server: name) { logger.warning("\(note)") }
            case .failure(let error):
                FileHandle.standardError.write(Data("orch-mcp: \(error.description)\n".utf8))
            }
        }
        return LoadedTools(catalog: catalog, pool: pool, available: available)
    }
}

/// One server's `tools/list`, or why it could not be had.
final class Listing: Sendable {
    let name: String
    let result: Result<[JSONValue], MCPClientError>

    init(name: String, result: Result<[JSONValue], MCPClientError>) {
        self.name = name
        self.result = result
    }

    static func list(_ name: String, pool: ServerPool) async -> Listing {
        do {
            let client = try await pool.client(name)
            return Listing(name: name, result: .success(try await client.listTools()))
        } catch {
            return Listing(name: name, result: .failure(error))
        }
    }
}

/// What `--catalog` and `--servers` give a command.
struct LoadedTools {
    let catalog: ToolCatalog
    /// The running MCP servers; shut it down before exiting.
    let pool: ServerPool?
    /// Servers whose tools were listed.
    let available: Set<String>

    var invoker: MCPToolInvoker? { pool.map(MCPToolInvoker.init) }

    func shutdown() async { await pool?.shutdown() }
}

/// Reads a plan file: exits 2 when it cannot be read or is not JSON.
func readPlanFile(_ path: String) -> JSONValue {
    SchemaValidateCommand.readJSON(path, what: "plan")
}
