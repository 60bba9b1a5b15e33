import ArgumentParser
import Foundation
import OrchJSON
import OrchMCP
import OrchSchema

/// `orch-mcp schema …`: JSON Schema tools.
struct SchemaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Work with JSON Schemas (draft 2020-12 by default, draft-07 when a schema says so).",
        subcommands: [SchemaValidateCommand.self]
    )
}

struct SchemaValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate a JSON instance against a JSON Schema.",
        discussion: """
            Prints every error with the instance location, the schema keyword and a message.
            Exit codes: 0 valid, 1 invalid, 2 unreadable file, invalid schema or usage.

            With --batch, reads JSON lines {"schema": …, "instance": …} on stdin and writes one line
            {"valid": true|false, "errors": [{"instanceLocation", "keywordLocation", "message"}]}
            per input line, in order; a bad line gets {"error": "…"} and the stream goes on.
            A SCHEMA file given with --batch is used for lines without "schema".
            The batch exits 0 once every line is answered.

            Remote $refs resolve only from --resource directories, never the network:
              --resource https://example.com/schemas/=./schemas
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The schema file (JSON). Optional with --batch.")
    var schemaPath: String?

    @Argument(help: "The instance file (JSON), or - for stdin.")
    var instancePath: String?

    @Flag(help: "Read {\"schema\", \"instance\"} JSON lines on stdin; answer one JSON line each.")
    var batch = false

    @Option(name: .customLong("resource"), help: ArgumentHelp("Serve the .json files of DIR at URI_PREFIX for $ref (repeatable).", valueName: "URI_PREFIX=DIR"))
    var resources: [String] = []

    @Flag(help: "Check `format` (date-time, date, time, email, hostname, ipv4, ipv6, uri, uuid, …) as an assertion.")
    var formatAssertion = false

    @Option(help: ArgumentHelp("Dialect of schemas without $schema: 2020-12 or draft-07.", valueName: "DRAFT"))
    var defaultDraft: String = "2020-12"

    @Flag(help: "Print the result as JSON: {\"valid\", \"errors\": [{\"instanceLocation\", \"keywordLocation\", \"message\"}]}.")
    var json = false

    func validate() throws {
        if batch {
            if instancePath != nil { throw ValidationError("With --batch, instances come from stdin: give at most a SCHEMA file.") }
        } else {
            guard schemaPath != nil, instancePath != nil else {
                throw ValidationError("Give a SCHEMA file and an INSTANCE file (or use --batch).")
            }
        }
        guard Schema.Draft(rawValue: defaultDraft) != nil else {
            throw ValidationError("--default-draft must be 2020-12 or draft-07, not '\(defaultDraft)'.")
        }
        for resource in resources where !resource.contains("=") {
            throw ValidationError("--resource takes URI_PREFIX=DIR, got '\(resource)'.")
        }
    }

    private var options: Schema.Options {
        Schema.Options(defaultDraft: Schema.Draft(rawValue: defaultDraft) ?? .draft2020_12, formatAssertion: formatAssertion)
    }

    func run() async throws {
        _ = global.bootstrapLogging()
        signal(SIGPIPE, SIG_IGN)
        var registry = SchemaResources()
        for resource in resources {
            let parts = resource.split(separator: "=", maxSplits: 1).map(String.init)
            do {
                try registry.addDirectory(parts[1], uriPrefix: parts[0])
            } catch {
                CLIError.usage("--resource \(resource): \(error.message)").exit()
            }
        }
        if batch {
            runBatch(resources: registry)
            return
        }
        let schemaJSON = Self.readJSON(schemaPath!, what: "schema")
        let instance = Self.readJSON(instancePath!, what: "instance")
        let schema: Schema
        do {
            schema = try Schema(schemaJSON, resources: registry, options: options)
        } catch {
            if json {
                OutputStream.write(JSONWriter().bytes(["error": .string(error.description), "violations": .array(error.violations.map(\.json))]) + [0x0A])
            }
            var text = "orch-mcp: \(schemaPath!): \(error.description)\n"
            for violation in error.violations.dropFirst().prefix(20) { text += "  \(violation.description)\n" }
            FileHandle.standardError.write(Data(text.utf8))
            Foundation.exit(2)
        }
        let result = schema.validate(instance)
        if json {
            OutputStream.write(JSONWriter().bytes(result.json) + [0x0A])
        } else if result.valid {
            OutputStream.write("\(instancePath!): valid\n")
        } else {
            var text = "\(instancePath!): invalid, \(result.errors.count) error\(result.errors.count == 1 ? "" : "s")\n"
            for error in result.errors { text += "  \(error.description)  [schema \(error.keywordLocation.isEmpty ? "#" : error.keywordLocation)]\n" }
            OutputStream.write(text)
        }
        if !result.valid { throw ExitCode(1) }
    }

    /// Reads and parses a JSON file (or stdin for `-`), exiting 2 with a clear message on failure.
    static func readJSON(_ path: String, what: String) -> JSONValue {
        let data: Data?
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            data = FileManager.default.contents(atPath: path)
        }
        guard let data else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist"
            CLIError.usage("The \(what) file '\(path)' \(reason).").exit()
        }
        do {
            return try JSONValue(parsing: data)
        } catch {
            CLIError.usage("The \(what) file '\(path)' is not valid JSON: \(error.description)").exit()
        }
    }

    private func runBatch(resources: SchemaResources) {
        let defaultSchema = schemaPath.map { Self.readJSON($0, what: "schema") }
        var cache = SchemaCache(resources: resources, options: options)
        var reader = FrameReader(fd: 0)
        var lineNumber = 0
        let writer = JSONWriter()
        while let frame = reader.next() {
            lineNumber += 1
            let answer: JSONValue
            do {
                guard case .line(let line) = frame else {
                    throw CLIError.usage("the line is longer than the limit of 64 MiB")
                }
                let request = try JSONValue(parsing: line)
                guard case .object(let object) = request else {
                    throw CLIError.usage("expected an object {\"schema\", \"instance\"}, found \(request.shortDescription)")
                }
                guard let schemaJSON = object["schema"] ?? defaultSchema else {
                    throw CLIError.usage("the member \"schema\" is missing (and no SCHEMA file was given)")
                }
                guard let instance = object["instance"] else {
                    throw CLIError.usage("the member \"instance\" is missing")
                }
                answer = try cache.schema(for: schemaJSON).validate(instance).json
            } catch let error as JSONError {
                answer = ["error": .string("line \(lineNumber): \(error.description)")]
            } catch let error as SchemaError {
                answer = ["error": .string("line \(lineNumber): \(error.description)")]
            } catch {
                answer = ["error": .string("line \(lineNumber): \(error)")]
            }
            var bytes = writer.bytes(answer)
            bytes.append(0x0A)
            OutputStream.write(bytes)
        }
    }
}

/// Compiled schemas by their JSON, so a batch that repeats a schema compiles it once.
struct SchemaCache {
    let resources: SchemaResources
    let options: Schema.Options
    private var compiled: [JSONValue: Schema] = [:]
    static let capacity = 256

    init(resources: SchemaResources, options: Schema.Options) {
        self.resources = resources
        self.options = options
    }

    mutating func schema(for json: JSONValue) throws(SchemaError) -> Schema {
        if let schema = compiled[json] { return schema }
        let schema = try Schema(json, resources: resources, options: options)
        if compiled.count >= Self.capacity { compiled.removeAll(keepingCapacity: true) }
        compiled[json] = schema
        return schema
    }
}
