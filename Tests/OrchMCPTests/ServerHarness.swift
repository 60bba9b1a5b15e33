import Foundation
import Glibc
import OrchJSON
import OrchTesting
import OrchMCP
import Synchronization
import Testing

/// Runs an ``MCPServer`` in-process on two pipes and records what it writes.
struct ServerHarness {
    static let modernMeta: JSONValue = [
        "io.modelcontextprotocol/protocolVersion": "2026-07-28",
        "io.modelcontextprotocol/clientCapabilities": [:],
        "io.modelcontextprotocol/clientInfo": ["name": "test", "version": "1"],
    ]

    static func initialize(_ version: String, id: Int = 1) -> String {
        #"{"jsonrpc":"2.0","id":\#(id),"method":"initialize","params":{"protocolVersion":"\#(version)","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}"#
    }

    /// A modern request line.
    static func modern(_ id: Int, _ method: String, _ params: JSONObject = [:]) -> String {
        var params = params
        params["_meta"] = modernMeta
        return JSONWriter.string(["jsonrpc": "2.0", "id": .int(Int64(id)), "method": .string(method), "params": .object(params)])
    }

    static func legacy(_ id: JSONValue, _ method: String, _ params: JSONObject? = nil) -> String {
        var message: JSONObject = ["jsonrpc": "2.0", "id": id, "method": .string(method)]
        if let params { message["params"] = .object(params) }
        return JSONWriter.string(.object(message))
    }

    /// Sends `input` (then closes the server's stdin), waits for the server to finish and
    /// returns every line it wrote, parsed. Fails the test if `run` does not return in time.
    static func session(_ server: MCPServer, bytes input: [UInt8], timeout: Duration = .seconds(60)) async throws -> [JSONValue] {
        var toServer: [Int32] = [0, 0]
        var fromServer: [Int32] = [0, 0]
        #expect(pipe(&toServer) == 0)
        #expect(pipe(&fromServer) == 0)
        let output = Mutex<[UInt8]>([])
        let readDone = Atomic<Bool>(false)
        let readFD = fromServer[0]
        startThread(name: "test-read") {
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = buffer.withUnsafeMutableBytes { read(readFD, $0.baseAddress, $0.count) }
                if n <= 0 { break }
                output.withLock { $0.append(contentsOf: buffer[0..<n]) }
            }
            readDone.store(true, ordering: .sequentiallyConsistent)
        }
        let writeFD = toServer[1]
        startThread(name: "test-write") {
            input.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let n = write(writeFD, raw.baseAddress! + offset, raw.count - offset)
                    if n <= 0 { break }
                    offset += n
                }
            }
            close(writeFD)
        }
        let serverIn = toServer[0], serverOut = fromServer[1]
        let serverDone = Atomic<Bool>(false)
        Task {
            await server.run(input: serverIn, output: serverOut)
            close(serverOut)
            close(serverIn)
            serverDone.store(true, ordering: .sequentiallyConsistent)
        }
        // Every wait has a deadline: a server that never finishes fails the test, not the run.
        let deadline = ContinuousClock.now + timeout
        while !(readDone.load(ordering: .sequentiallyConsistent) && serverDone.load(ordering: .sequentiallyConsistent)) {
            if ContinuousClock.now > deadline {
                Issue.record("the server did not finish within \(timeout)")
                break
            }
            try await Task.sleep(for: .milliseconds(2))
        }
        if readDone.load(ordering: .sequentiallyConsistent) { close(readFD) }
        let text = output.withLock { String(decoding: $0, as: UTF8.self) }
        return try text.split(separator: "\n").map { try JSONValue(parsing: String($0)) }
    }

    static func session(_ server: MCPServer, _ lines: [String], timeout: Duration = .seconds(60)) async throws -> [JSONValue] {
        try await session(server, bytes: Array((lines.joined(separator: "\n") + "\n").utf8), timeout: timeout)
    }

    /// Checks every message against the official schema of `version`; `sent` maps ids to methods.
    static func expectConforming(_ messages: [JSONValue], version: String, sent: [String]) throws {
        var methods: [JSONValue: String] = [:]
        for line in sent {
            if let message = try? JSONValue(parsing: line), let id = message["id"], let method = message["method"]?.stringValue {
                methods[id] = method
            }
        }
        for message in messages {
            let problems = try MCPSchemaCheck.problems(message, version: version, method: message["id"].flatMap { methods[$0] })
            #expect(problems.isEmpty, "\(message) breaks the \(version) schema: \(problems)")
        }
    }

    /// The response with `id`.
    static func response(_ messages: [JSONValue], id: JSONValue) -> JSONValue? {
        messages.first { $0["id"] == id && ($0["result"] != nil || $0["error"] != nil) }
    }
}

/// Tools for the server tests.
enum TestTools {
    static func all() throws -> [ServerTool] {
        [
            try ServerTool(name: "echo", description: "Echoes text.",
                           inputSchema: ["type": "object", "required": ["text"], "properties": ["text": ["type": "string"]]],
                           handler: .sync { arguments, _ in .text(arguments["text"]?.stringValue ?? "") }),
            try ServerTool(name: "slow", description: "Sleeps.",
                           inputSchema: ["type": "object", "properties": ["ms": ["type": "integer"]]],
                           handler: .async { arguments, _ in
                               try await Task.sleep(for: .milliseconds(arguments["ms"]?.intValue ?? 100))
                               return .text("slept")
                           }),
            try ServerTool(name: "progress", description: "Reports progress three times.",
                           inputSchema: ["type": "object"],
                           handler: .async { _, context in
                               for i in 1...3 { context.progress(Double(i), total: 3, message: "step \(i)") }
                               return .text("done")
                           }),
            try ServerTool(name: "boom", description: "Fails.", inputSchema: ["type": "object"],
                           handler: .sync { _, _ in throw TestFailure(message: "the boom tool failed on purpose") }),
            try ServerTool(name: "square", title: "Square", description: "Squares n.",
                           inputSchema: ["type": "object", "required": ["n"], "properties": ["n": ["type": "integer"]]],
                           outputSchema: ["type": "object", "required": ["square"], "properties": ["square": ["type": "integer"]]],
                           handler: .sync { arguments, _ in
                               let n = arguments["n"]?.intValue ?? 0
                               return .structured(["square": .int(n * n)])
                           }),
            try ServerTool(name: "liar", description: "Breaks its output schema.", inputSchema: ["type": "object"],
                           outputSchema: ["type": "object", "required": ["square"]],
                           handler: .sync { _, _ in .structured(["cube": 8]) }),
        ]
    }

    static func server(pageSize: Int = 100) throws -> MCPServer {
        MCPServer(info: Implementation(name: "test-server", version: "1.0"), tools: try all(), pageSize: pageSize)
    }

    struct TestFailure: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}
