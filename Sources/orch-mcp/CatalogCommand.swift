import ArgumentParser
import Foundation
import OrchJSON
import OrchPlan

/// `orch-mcp catalog …`: check, list and export tool catalogs.
struct CatalogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Check, list and export tool catalogs.",
        subcommands: [CatalogLintCommand.self, CatalogListCommand.self, CatalogExportCommand.self]
    )
}

struct CatalogLintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check catalog files: valid JSON, valid tool names, schemas that compile, no duplicates.",
        discussion: "Exit codes: 0 all good, 1 a problem found (each is printed), 2 usage."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Catalog files.")
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("Give at least one catalog file.") }
    }

    func run() async throws {
        _ = global.bootstrapLogging()
        var catalog = ToolCatalog.standard()
        var problems = 0
        for file in files {
            // Each file alone first, so one bad file does not hide the next one's problems.
            var alone = ToolCatalog()
            do {
                try alone.load(contentsOf: file)
            } catch {
                problems += 1
                OutputStream.write("✗ \(error.description)\n")
                continue
            }
            do {
                try catalog.load(contentsOf: file)
                OutputStream.write("✓ \(file): \(alone.tools.count) tool\(alone.tools.count == 1 ? "" : "s")\n")
            } catch {
                problems += 1
                OutputStream.write("✗ \(error.description)\n")
            }
        }
        if problems > 0 { throw ExitCode(1) }
    }
}

struct CatalogListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List every tool: the built-in functions and the loaded catalogs."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var tools: CatalogOptions

    @Flag(help: "Print the tools as JSON catalog entries.")
    var json = false

    func run() async throws {
        _ = global.bootstrapLogging()
        OutputStream.write(ToolListing.render(tools.loadCatalog().tools.map(\.definition), json: json))
    }
}

/// How `catalog list` and `tools` print tools: a table, or JSON catalog entries with their source.
enum ToolListing {
    static func render(_ definitions: [ToolDefinition], json: Bool) -> [UInt8] {
        if json {
            let entries = definitions.map { definition -> JSONValue in
                var object = definition.json.objectValue ?? JSONObject()
                object["source"] = .string(definition.source)
                return .object(object)
            }
            return JSONWriter().bytes(["tools": .array(entries)]) + [0x0A]
        }
        let width = min(48, definitions.map(\.name.count).max() ?? 4)
        var out = ""
        for definition in definitions {
            let name = definition.name.padding(toLength: max(width, definition.name.count), withPad: " ", startingAt: 0)
            var summary = definition.description.split(separator: "\n").first.map(String.init) ?? ""
            if summary.count > 70 { summary = String(summary.prefix(69)) + "…" }
            out += "\(name)  \(definition.kind.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0))  \(definition.source)  \(summary)\n"
        }
        return Array(out.utf8)
    }
}

struct CatalogExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the tools in a provider's tool format: openai, anthropic, gemini or mcp.",
        discussion: """
            Names that a provider does not accept are mapped (dots become __, long names are shortened
            with a hash) and the mapping is printed on stderr. What a format cannot express fails with a
            reason naming the tool and the keyword (exit 1). Notes about dropped keywords go to stderr.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var tools: CatalogOptions

    @Option(help: "openai, anthropic, gemini or mcp.")
    var format: String

    @Flag(help: "OpenAI strict mode (every property required, no additional properties).")
    var strict = false

    @Flag(help: "Leave out the built-in function tools.")
    var noBuiltins = false

    func validate() throws {
        guard ExportFormat(rawValue: format) != nil else {
            throw ValidationError("--format must be one of \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")), not '\(format)'.")
        }
    }

    func run() async throws {
        _ = global.bootstrapLogging()
        let catalog = tools.loadCatalog()
        let definitions = catalog.tools.map(\.definition).filter { !(noBuiltins && $0.source == "built-in") }
        let export: CatalogExport
        do {
            export = try CatalogExport.export(definitions, format: ExportFormat(rawValue: format)!, strict: strict)
        } catch {
            FileHandle.standardError.write(Data("orch-mcp: \(error.description)\n".utf8))
            throw ExitCode(1)
        }
        var notes = ""
        for mapping in export.mappings { notes += "name: \(mapping.original) → \(mapping.exported)\n" }
        for note in export.notes { notes += "note: \(note.message)\n" }
        if !notes.isEmpty { FileHandle.standardError.write(Data(notes.utf8)) }
        OutputStream.write(JSONWriter(pretty: true).bytes(export.json) + [0x0A])
    }
}
