import OrchJSON

/// A JSON-RPC request id: a string or an integer, echoed exactly as received.
public enum JSONRPCID: Hashable, Sendable, CustomStringConvertible {
    case int(Int64)
    case string(String)

    public var json: JSONValue {
        switch self {
        case .int(let i): .int(i)
        case .string(let s): .string(s)
        }
    }

    /// An id read from JSON; nil for anything that is not a string or an integer.
    public init?(_ value: JSONValue) {
        switch value {
        case .int(let i): self = .int(i)
        case .string(let s): self = .string(s)
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .int(let i): String(i)
        case .string(let s): JSONWriter.quoted(s)
        }
    }
}

/// One JSON-RPC 2.0 message, as MCP frames them: one per line.
public enum JSONRPCMessage: Sendable {
    case request(id: JSONRPCID, method: String, params: JSONValue?)
    case notification(method: String, params: JSONValue?)
    case response(id: JSONRPCID, result: JSONValue)
    /// An error response; `id` is nil only when the request's id could not be read.
    case error(id: JSONRPCID?, MCPError)

    /// A message that breaks JSON-RPC, with the id it carried when one could be read.
    public struct Invalid: Error, Sendable {
        public let id: JSONRPCID?
        public let error: MCPError
    }

    /// Classifies a decoded JSON value.
    public init(_ value: JSONValue) throws(Invalid) {
        guard case .object(let object) = value else {
            throw Invalid(id: nil, error: .invalidRequest("A JSON-RPC message must be an object, found \(value.shortDescription)."))
        }
        let rawID = object["id"]
        let id = rawID.flatMap(JSONRPCID.init)
        guard object["jsonrpc"] == "2.0" else {
            throw Invalid(id: id, error: .invalidRequest("The message must have \"jsonrpc\": \"2.0\"."))
        }
        if let methodValue = object["method"] {
            guard case .string(let method) = methodValue else {
                throw Invalid(id: id, error: .invalidRequest("\"method\" must be a string, found \(methodValue.shortDescription)."))
            }
            let params = object["params"]
            if let params, params.objectValue == nil, params.arrayValue == nil {
                throw Invalid(id: id, error: .invalidRequest("\"params\" must be an object or an array, found \(params.shortDescription)."))
            }
            guard let rawID else {
                self = .notification(method: method, params: params)
                return
            }
            guard let id else {
                throw Invalid(id: nil, error: .invalidRequest("A request id must be a string or an integer, found \(rawID.shortDescription)."))
            }
            self = .request(id: id, method: method, params: params)
            return
        }
        if let result = object["result"] {
            guard let id else { throw Invalid(id: nil, error: .invalidRequest("A response needs the id of its request.")) }
            self = .response(id: id, result: result)
            return
        }
        if case .object(let error)? = object["error"], let code = error["code"]?.intValue, let message = error["message"]?.stringValue {
            self = .error(id: id, MCPError(code: Int(code), message: message, data: error["data"]))
            return
        }
        throw Invalid(id: id, error: .invalidRequest("The message is neither a request (\"method\") nor a response (\"result\" or \"error\")."))
    }

    public var json: JSONValue {
        switch self {
        case .request(let id, let method, let params):
            var object: JSONObject = ["jsonrpc": "2.0", "id": id.json, "method": .string(method)]
            if let params { object["params"] = params }
            return .object(object)
        case .notification(let method, let params):
            var object: JSONObject = ["jsonrpc": "2.0", "method": .string(method)]
            if let params { object["params"] = params }
            return .object(object)
        case .response(let id, let result):
            return ["jsonrpc": "2.0", "id": id.json, "result": result]
        case .error(let id, let error):
            return ["jsonrpc": "2.0", "id": id?.json ?? .null, "error": error.json]
        }
    }

    /// The message as one line: compact JSON and `\n` (JSON never contains a raw newline).
    public var line: [UInt8] {
        var bytes = JSONWriter().bytes(json)
        bytes.append(0x0A)
        return bytes
    }
}
