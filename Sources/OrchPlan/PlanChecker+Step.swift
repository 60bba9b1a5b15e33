import OrchJSON
import OrchSchema

extension PlanChecker {
    /// Why code cannot run, for the issues that say so.
    private var sandboxState: String {
        loader.options.codeStepsUnavailable ?? "is off or was not found (see --sandbox and ORCH_SANDBOX)"
    }

    /// Reads and checks one step; what is wrong becomes issues, what is right goes into the draft.
    mutating func readStep(_ value: JSONValue, index: Int) -> Draft {
        let path = "/steps/\(index)"
        var draft = Draft(index: index)
        guard case .object(let step) = value else {
            issue(path, "A step must be an object {\"id\", \"tool\", \"input\"}, found \(value.shortDescription).")
            return draft
        }
        for key in step.keys where !stepMembers.contains(key) {
            if let near = stepMembers.first(where: { ToolCatalog.editDistance(key, $0) <= 2 }) {
                issue("\(path)/\(key)", "Unknown step member '\(key)'. Did you mean '\(near)'?")
            }
        }
        readID(step, path: path, into: &draft)
        readTool(step, path: path, into: &draft)
        if let schema = draft.schema { checkLiteralInput(schema, draft: draft) }
        readDependsOn(step, path: path, into: &draft)
        readOptions(step, path: path, into: &draft)
        return draft
    }

    private mutating func readID(_ step: JSONObject, path: String, into draft: inout Draft) {
        guard let value = step["id"] else {
            issue("\(path)/id", "The step has no \"id\".")
            return
        }
        guard case .string(let id) = value else {
            issue("\(path)/id", "A step id must be a string, found \(value.shortDescription).")
            return
        }
        guard StepReference.isValidStepID(id) else {
            issue("\(path)/id", "The step id \(JSONWriter.quoted(id)) is not valid: use 1–128 letters, digits, '_' or '-' (ids appear in references like step:ID.field, so no spaces or dots).")
            return
        }
        draft.id = id
    }

    private mutating func readTool(_ step: JSONObject, path: String, into draft: inout Draft) {
        guard let value = step["tool"] else {
            issue("\(path)/tool", "The step has no \"tool\".")
            return
        }
        guard case .string(let tool) = value else {
            issue("\(path)/tool", "\"tool\" must be a string, found \(value.shortDescription).")
            return
        }
        draft.tool = tool
        let input = step["input"] ?? [:]
        switch tool {
        case "function_call":
            guard case .object(let call) = input else {
                issue("\(path)/input", "A function_call step needs \"input\": {\"name\", \"args\"}, found \(input.shortDescription).")
                return
            }
            guard let name = call["name"]?.stringValue else {
                issue("\(path)/input/name", "A function_call step needs \"input.name\", the function to call.")
                return
            }
            guard let function = loader.catalog.functions[name], let compiled = loader.catalog.tool(named: name) else {
                let hint = suggestFunction(name).map { " Did you mean '\($0)'?" } ?? ""
                issue("\(path)/input/name", "The function '\(name)' is not registered.\(hint)")
                return
            }
            draft.target = function.definition.name
            draft.kind = .function
            draft.schema = compiled.input
            let args = call["args"] ?? [:]
            guard args.objectValue != nil else {
                issue("\(path)/input/args", "\"args\" must be an object of the function's arguments, found \(args.shortDescription).")
                return
            }
            setArguments(args, path: "\(path)/input/args", into: &draft)
        case "code_exec":
            draft.target = tool
            draft.kind = .code
            guard loader.options.codeSteps else {
                issue("\(path)/tool", "code steps need the sandbox (orch-sandbox), which \(sandboxState); this step cannot run.")
                return
            }
            guard case .object(let code) = input, code["code"]?.stringValue != nil else {
                issue("\(path)/input/code", "A code_exec step needs \"input.code\", the Python source to run.")
                return
            }
            checkCodeInput(code, path: "\(path)/input")
            setArguments(input, path: "\(path)/input", into: &draft)
        default:
            guard let compiled = loader.catalog.tool(named: tool) else {
                let hint = loader.catalog.suggestion(for: tool).map { " Did you mean '\($0)'?" } ?? ""
                issue("\(path)/tool", "Tool '\(tool)' is not in the catalog.\(hint)")
                return
            }
            draft.target = tool
            draft.kind = compiled.definition.kind
            switch compiled.definition.kind {
            case .mcp:
                let server = compiled.definition.server ?? "?"
                guard loader.options.configuredServers.contains(server) else {
                    issue("\(path)/tool", "No server provides tool '\(tool)': it needs the MCP server '\(server)', which is not configured (pass it with --servers).")
                    return
                }
            case .code:
                guard loader.options.codeSteps else {
                    issue("\(path)/tool", "The tool '\(tool)' is a code tool; code needs the sandbox (orch-sandbox), which \(sandboxState).")
                    return
                }
            case .function:
                guard loader.catalog.functions[tool] != nil else {
                    issue("\(path)/tool", "The catalog declares '\(tool)' as a function tool, but no function of that name is registered.")
                    return
                }
            }
            guard input.objectValue != nil else {
                issue("\(path)/input", "\"input\" must be an object of the tool's arguments, found \(input.shortDescription).")
                return
            }
            draft.schema = compiled.input
            setArguments(input, path: "\(path)/input", into: &draft)
        }
    }

    /// The members of a code_exec input: `code`, `input_data`, and optional `limits`
    /// {cpu_seconds, memory_mb, output_bytes, logs_bytes: positive integers; allow_threads: boolean}.
    private mutating func checkCodeInput(_ input: JSONObject, path: String) {
        for key in input.keys where !["code", "input_data", "limits"].contains(key) {
            issue("\(path)/\(key)", "Unknown code_exec input member '\(key)'; a code step takes \"code\", \"input_data\" and \"limits\".")
        }
        guard let value = input["limits"] else { return }
        guard case .object(let limits) = value else {
            issue("\(path)/limits", "\"limits\" must be an object {\(CodeLimits.names.joined(separator: ", "))}, found \(value.shortDescription).")
            return
        }
        for (key, item) in limits {
            if key == CodeLimits.allowThreads {
                if item.boolValue == nil { issue("\(path)/limits/\(key)", "\"\(key)\" must be true or false, found \(item.shortDescription).") }
            } else if let maximum = CodeLimits.maximum(of: key) {
                guard let number = item.intValue, item.typeName == "integer", number >= 1, number <= maximum else {
                    issue("\(path)/limits/\(key)", "\"\(key)\" must be an integer from 1 to \(maximum), found \(item.shortDescription).")
                    continue
                }
            } else {
                let near = CodeLimits.names.first { ToolCatalog.editDistance(key, $0) <= 3 }
                issue("\(path)/limits/\(key)", "Unknown limit '\(key)'.\(near.map { " Did you mean '\($0)'?" } ?? "") Limits: \(CodeLimits.names.joined(separator: ", ")) (the wall clock is the step's timeout_ms).")
            }
        }
    }

    private func suggestFunction(_ name: String) -> String? {
        loader.catalog.functions.keys.filter { ToolCatalog.editDistance(name, $0) <= max(2, name.count / 3) }
            .min { ToolCatalog.editDistance(name, $0) < ToolCatalog.editDistance(name, $1) }
    }

    private mutating func setArguments(_ arguments: JSONValue, path: String, into draft: inout Draft) {
        draft.arguments = arguments
        draft.argumentsPath = path
        var found: [(JSONPointer, StepReference)] = []
        var problems: [(JSONPointer, String)] = []
        Self.collectReferences(arguments, at: JSONPointer(), into: &found, problems: &problems)
        draft.references = found.map { (location: $0.0, reference: $0.1) }
        for (location, message) in problems { issue(path + location.description, message) }
    }

    /// Every `step:` string inside `value`, nested in objects and arrays too.
    static func collectReferences(_ value: JSONValue, at pointer: JSONPointer,
                                  into found: inout [(JSONPointer, StepReference)], problems: inout [(JSONPointer, String)]) {
        switch value {
        case .string(let text) where StepReference.isReference(text):
            do {
                found.append((pointer, try StepReference(parsing: text)))
            } catch {
                problems.append((pointer, error.message))
            }
        case .array(let items):
            for (i, item) in items.enumerated() { collectReferences(item, at: pointer.appending(i), into: &found, problems: &problems) }
        case .object(let object):
            for (key, item) in object { collectReferences(item, at: pointer.appending(key), into: &found, problems: &problems) }
        default:
            break
        }
    }

    /// Checks the literal parts of the input; what a reference will fill in is checked at run time.
    private mutating func checkLiteralInput(_ schema: Schema, draft: Draft) {
        let result = schema.validate(draft.arguments)
        guard !result.valid else { return }
        let referenced = draft.references.map(\.location.tokens)
        for error in result.errors {
            let at = error.instanceLocation.tokens
            // At or below a reference: the reference decides.
            if referenced.contains(where: { at.starts(with: $0) }) { continue }
            // Above a reference, keywords whose verdict depends on the referenced value.
            if referenced.contains(where: { $0.starts(with: at) }) {
                let keyword = error.keywordLocation.split(separator: "/").last.map(String.init) ?? ""
                if ["anyOf", "oneOf", "not", "allOf", "if", "then", "else", "contains", "uniqueItems", "const", "enum", "$ref", "dependentSchemas", "propertyNames"].contains(keyword) { continue }
            }
            issue(draft.argumentsPath + error.instanceLocation.description, error.message)
        }
    }

    private mutating func readDependsOn(_ step: JSONObject, path: String, into draft: inout Draft) {
        guard let value = step["depends_on"] else { return }
        guard case .array(let list) = value else {
            issue("\(path)/depends_on", "\"depends_on\" must be an array of step ids, found \(value.shortDescription).")
            return
        }
        for (i, item) in list.enumerated() {
            guard let id = item.stringValue else {
                issue("\(path)/depends_on/\(i)", "\"depends_on\" lists step ids (strings), found \(item.shortDescription).")
                continue
            }
            draft.dependsOn.append((id, "\(path)/depends_on/\(i)"))
        }
    }
}
