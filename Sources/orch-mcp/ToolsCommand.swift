import ArgumentParser
import Foundation
import OrchJSON
import OrchMCP
import OrchPlan

/// `orch-mcp tools`: every tool plans can use, with where it comes from.
struct ToolsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tools",
        abstract: "List every tool: built-in functions, catalog tools and the live tools of configured MCP servers."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var tools: CatalogOptions

    @Flag(help: "Print {\"tools\": [{name, type, source, server?, description, inputSchema, outputSchema?}]}.")
    var json = false

    func run() async throws {
        let logger = global.bootstrapLogging()
        signal(SIGPIPE, SIG_IGN)
        let loaded = await tools.loadTools(logger: logger)
        await loaded.shutdown()
        OutputStream.write(ToolListing.render(loaded.catalog.tools.map(\.definition), json: json))
    }
}

/// `orch-mcp call`: call one tool of an MCP server.
struct CallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "call",
        abstract: "Call one tool of an MCP server and print the result.",
        discussion: """
            orch-mcp call --servers servers.json --server NAME TOOL [--args JSON|@FILE]
            orch-mcp call TOOL [--args JSON|@FILE] -- COMMAND ARGS…      (starts COMMAND as the server)
            Prints the text content (or, with --json, the tools/call result object).
            Exit codes: 0 success, 1 the tool reported an error, 2 usage or a server that cannot be reached.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("An mcpServers config file.", valueName: "FILE"))
    var servers: String?

    @Option(help: "The server to call, by its name in --servers.")
    var server: String?

    @Option(help: ArgumentHelp("Arguments as a JSON object, or @FILE to read them from a file (@- from stdin), for arguments too long for a command line (a data: URI).",
                               valueName: "JSON|@FILE"))
    var args: String = "{}"

    @Option(help: "Seconds to wait for the answer.")
    var timeout: Double = 60

    @Option(help: "Speak this era without probing: modern or legacy.")
    var era: String?

    @Flag(help: "Print the tools/call result as JSON.")
    var json = false

    @Argument(help: "The tool to call.")
    var tool: String

    @Argument(parsing: .postTerminator, help: "The server command and its arguments (after --).")
    var command: [String] = []

    func validate() throws {
        if command.isEmpty {
            guard servers != nil, server != nil else { throw ValidationError("Give --servers FILE --server NAME, or the server command after --.") }
        } else if servers != nil || server != nil {
            throw ValidationError("Give either --servers/--server or a command after --, not both.")
        }
        if let era, MCPClient.Era(rawValue: era) == nil { throw ValidationError("--era must be modern or legacy, not '\(era)'.") }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive.") }
    }

    func run() async throws {
        let logger = global.bootstrapLogging()
        signal(SIGPIPE, SIG_IGN)
        let arguments: JSONValue
        if args.hasPrefix("@") {
            arguments = SchemaValidateCommand.readJSON(String(args.dropFirst()), what: "--args")
        } else {
            do {
                arguments = try JSONValue(parsing: args)
            } catch {
                CLIError.usage("--args is not valid JSON: \(error.description)").exit()
            }
        }
        guard arguments.objectValue != nil else { CLIError.usage("--args must be a JSON object, found \(arguments.shortDescription).").exit() }
        var entry: ServersConfig.Entry
        if command.isEmpty {
            let config = CatalogOptions.readServers(servers!)
            guard let found = config.entry(server!) else {
                CLIError.usage("No server named '\(server!)' in \(servers!) (it has: \(config.names.joined(separator: ", "))).").exit()
            }
            entry = found
        } else {
            entry = ServersConfig.Entry(launch: ServerLaunch(name: URL(fileURLWithPath: command[0]).lastPathComponent, command: command[0],
                                                             arguments: Array(command.dropFirst())), era: nil)
        }
        var options = MCPClient.Options()
        options.logger = logger
        options.era = era.flatMap(MCPClient.Era.init) ?? entry.era
        let client: MCPClient
        do {
            client = try await MCPClient.connect(entry.launch, options: options)
        } catch {
            CLIError.usage(error.description).exit()
        }
        let result: JSONValue
        do {
            result = try await client.callTool(tool, arguments: arguments, timeout: .milliseconds(Int(timeout * 1000)))
        } catch {
            await client.close()
            // An unknown tool or bad params (a JSON-RPC error) is a usage problem, like an unreachable server.
            CLIError.usage(error.description).exit()
        }
        await client.close()
        if json {
            OutputStream.write(JSONWriter().bytes(result) + [0x0A])
        } else {
            let texts = result["content"]?.arrayValue?.compactMap { $0["text"]?.stringValue } ?? []
            OutputStream.write((texts.isEmpty ? JSONWriter.string(result["structuredContent"] ?? result) : texts.joined(separator: "\n")) + "\n")
        }
        if result["isError"] == true { throw ExitCode(1) }
    }
}
