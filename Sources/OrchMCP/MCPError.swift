import OrchJSON

/// A JSON-RPC error: what a peer answers when a request cannot be served as a protocol matter.
///
/// A tool that runs and fails is not an `MCPError`: that is a `tools/call` result with
/// `isError: true`, as the specification separates them.
public struct MCPError: Error, Sendable, Hashable, CustomStringConvertible {
    public let code: Int
    public let message: String
    public let data: JSONValue?

    public init(code: Int, message: String, data: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    public static let parseErrorCode = -32700
    public static let invalidRequestCode = -32600
    public static let methodNotFoundCode = -32601
    public static let invalidParamsCode = -32602
    public static let internalErrorCode = -32603
    /// 2026-07-28: the request needs a client capability it did not declare.
    public static let missingCapabilityCode = -32021
    /// 2026-07-28: the requested protocol version is not supported (`data.supported`, `data.requested`).
    public static let unsupportedVersionCode = -32022

    public static func parseError(_ message: String) -> MCPError { MCPError(code: parseErrorCode, message: message) }
    public static func invalidRequest(_ message: String) -> MCPError { MCPError(code: invalidRequestCode, message: message) }
    public static func methodNotFound(_ method: String) -> MCPError {
        MCPError(code: methodNotFoundCode, message: "Method not found: \(method)", data: .string(method))
    }
    public static func invalidParams(_ message: String) -> MCPError { MCPError(code: invalidParamsCode, message: message) }
    public static func internalError(_ message: String) -> MCPError { MCPError(code: internalErrorCode, message: message) }

    /// `{"code", "message", "data"?}`.
    public var json: JSONValue {
        var object: JSONObject = ["code": .int(Int64(code)), "message": .string(message)]
        if let data { object["data"] = data }
        return .object(object)
    }

    public var description: String { "MCP error \(code): \(message)" }
}
