import Foundation
import OrchJSON
import OrchMCP
import Testing

typealias H = ServerHarness

@Suite("MCPServer")
struct MCPServerTests {
    // MARK: Eras

    @Test func servesTheModernEraWithoutAHandshake() async throws {
        let sent = [H.modern(1, "server/discover"), H.modern(2, "tools/list"),
                    H.modern(3, "tools/call", ["name": "square", "arguments": ["n": 7]])]
        let out = try await H.session(try TestTools.server(), sent)
        try H.expectConforming(out, version: "2026-07-28", sent: sent)
        let discover = try #require(H.response(out, id: 1)?["result"])
        #expect(discover["supportedVersions"] == ["2026-07-28"])
        #expect(discover["resultType"] == "complete")
        #expect(discover["_meta"]?["io.modelcontextprotocol/serverInfo"]?["name"] == "test-server")
        let list = try #require(H.response(out, id: 2)?["result"])
        #expect(list["tools"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["echo", "slow", "progress", "boom", "square", "liar"])
        #expect(list["ttlMs"]?.intValue != nil && list["cacheScope"] == "public")
        #expect(H.response(out, id: 3)?["result"]?["structuredContent"] == ["square": 49])
    }

    @Test(arguments: ProtocolVersion.legacy)
    func negotiatesEveryHandshakeVersion(_ version: String) async throws {
        let sent = [H.initialize(version), #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#,
                    H.legacy(2, "ping"), H.legacy(3, "tools/list"), H.legacy(4, "tools/call", ["name": "square", "arguments": ["n": 3]]),
                    H.legacy(5, "logging/setLevel", ["level": "debug"])]
        let out = try await H.session(try TestTools.server(), sent)
        try H.expectConforming(out, version: version, sent: sent)
        #expect(H.response(out, id: 1)?["result"]?["protocolVersion"] == .string(version))
        #expect(H.response(out, id: 2)?["result"] == [:])
        let tools = try #require(H.response(out, id: 3)?["result"]?["tools"]?.arrayValue)
        let square = try #require(tools.first { $0["name"] == "square" })
        #expect((square["outputSchema"] != nil) == (version >= "2025-06-18"), "outputSchema exists from 2025-06-18 on")
        let call = try #require(H.response(out, id: 4)?["result"])
        #expect(call["isError"] == false)
        #expect((call["structuredContent"] != nil) == (version >= "2025-06-18"))
        #expect(call["resultType"] == nil, "legacy results carry no resultType")
        #expect(H.response(out, id: 5)?["result"] == [:])
    }

    @Test func answersAnUnknownVersionWithTheNewestHandshakeVersion() async throws {
        let out = try await H.session(try TestTools.server(), [H.initialize("1999-01-01")])
        #expect(H.response(out, id: 1)?["result"]?["protocolVersion"] == "2025-11-25")
    }

    @Test func rejectsAnUnsupportedModernVersionWith32022() async throws {
        let line = #"{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2099-01-01","io.modelcontextprotocol/clientCapabilities":{}}}}"#
        let out = try await H.session(try TestTools.server(), [line])
        let error = try #require(H.response(out, id: 1)?["error"])
        #expect(error["code"] == -32022)
        #expect(error["data"] == ["supported": ["2026-07-28"], "requested": "2099-01-01"])
    }

    @Test func rejectsAModernRequestWithoutClientCapabilities() async throws {
        let line = #"{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28"}}}"#
        let out = try await H.session(try TestTools.server(), [line])
        #expect(H.response(out, id: 1)?["error"]?["code"] == -32602)
        #expect(H.response(out, id: 1)?["error"]?["message"]?.stringValue?.contains("clientCapabilities") == true)
    }

    @Test func refusesASecondInitialize() async throws {
        let sent = [H.initialize("2025-11-25"), H.initialize("2025-06-18", id: 2), H.legacy(3, "ping")]
        let out = try await H.session(try TestTools.server(), sent)
        try H.expectConforming(out, version: "2025-11-25", sent: sent)
        #expect(H.response(out, id: 2)?["error"]?["code"] == -32600)
        #expect(H.response(out, id: 3)?["result"] == [:], "the session goes on")
    }

    @Test func refusesInitializeOnAModernConnectionAndModernRequestsOnALegacyOne() async throws {
        let modernFirst = try await H.session(try TestTools.server(), [H.modern(1, "tools/list"), H.initialize("2025-11-25", id: 2)])
        #expect(H.response(modernFirst, id: 2)?["error"]?["code"] == -32022)
        let legacyFirst = try await H.session(try TestTools.server(), [H.initialize("2025-11-25"), H.modern(2, "server/discover")])
        #expect(H.response(legacyFirst, id: 2)?["error"]?["code"] == -32600)
    }

    @Test func asksForTheHandshakeBeforeLegacyRequests() async throws {
        let out = try await H.session(try TestTools.server(), [H.legacy(1, "tools/list"), H.legacy(2, "ping")])
        #expect(H.response(out, id: 1)?["error"]?["code"] == -32600)
        #expect(H.response(out, id: 1)?["error"]?["message"]?.stringValue?.contains("initialize") == true)
        #expect(H.response(out, id: 2)?["result"] == [:], "ping is allowed before initialize")
    }

    // MARK: Tools

    @Test func unknownToolIsAProtocolError() async throws {
        let out = try await H.session(try TestTools.server(), [H.modern(1, "tools/call", ["name": "nope"])])
        #expect(H.response(out, id: 1)?["error"]?["code"] == -32602)
        #expect(H.response(out, id: 1)?["error"]?["message"] == "Unknown tool: nope")
    }

    @Test(arguments: [("2025-11-25", true), ("2025-06-18", false), ("2024-11-05", false)])
    func argumentsBreakingTheSchemaFollowTheVersionsRule(_ version: String, _ asToolError: Bool) async throws {
        let sent = [H.initialize(version), H.legacy(2, "tools/call", ["name": "square", "arguments": ["n": "seven"]])]
        let out = try await H.session(try TestTools.server(), sent)
        try H.expectConforming(out, version: version, sent: sent)
        let response = try #require(H.response(out, id: 2))
        if asToolError {
            #expect(response["result"]?["isError"] == true)
            #expect(response["result"]?["content"]?[0]?["text"]?.stringValue?.contains("`/n`: expected an integer, found the string \"seven\"") == true)
        } else {
            #expect(response["error"]?["code"] == -32602)
        }
    }

    @Test func aToolThatThrowsGivesAnIsErrorResult() async throws {
        let out = try await H.session(try TestTools.server(), [H.modern(1, "tools/call", ["name": "boom"])])
        let result = try #require(H.response(out, id: 1)?["result"])
        #expect(result["isError"] == true)
        #expect(result["content"]?[0]?["text"] == "the boom tool failed on purpose")
    }

    @Test func structuredOutputBreakingItsSchemaIsReportedAsAToolError() async throws {
        let out = try await H.session(try TestTools.server(), [H.modern(1, "tools/call", ["name": "liar"])])
        let result = try #require(H.response(out, id: 1)?["result"])
        #expect(result["isError"] == true)
        #expect(result["content"]?[0]?["text"]?.stringValue?.contains("does not match its outputSchema") == true)
    }

    @Test func paginatesToolsWithCursors() async throws {
        let sent = [H.initialize("2025-11-25"), H.legacy(2, "tools/list"), H.legacy(3, "tools/list", ["cursor": "4"]),
                    H.legacy(4, "tools/list", ["cursor": "bogus"])]
        let out = try await H.session(try TestTools.server(pageSize: 4), sent)
        try H.expectConforming(out, version: "2025-11-25", sent: sent)
        #expect(H.response(out, id: 2)?["result"]?["tools"]?.arrayValue?.count == 4)
        #expect(H.response(out, id: 2)?["result"]?["nextCursor"] == "4")
        #expect(H.response(out, id: 3)?["result"]?["tools"]?.arrayValue?.count == 2)
        #expect(H.response(out, id: 3)?["result"]?["nextCursor"] == nil)
        #expect(H.response(out, id: 4)?["error"]?["code"] == -32602)
    }

    @Test func sendsProgressBeforeTheResponse() async throws {
        var params: JSONObject = ["name": "progress"]
        var meta = H.modernMeta.objectValue!
        meta["progressToken"] = "tok"
        params["_meta"] = .object(meta)
        let line = JSONWriter.string(["jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": .object(params)])
        let out = try await H.session(try TestTools.server(), [line])
        try H.expectConforming(out, version: "2026-07-28", sent: [line])
        let progress = out.filter { $0["method"] == "notifications/progress" }
        #expect(progress.map { $0["params"]?["progress"] } == [1, 2, 3])
        #expect(progress.allSatisfy { $0["params"]?["progressToken"] == "tok" })
        let responseIndex = try #require(out.firstIndex { $0["id"] == 1 })
        #expect(out.prefix(responseIndex).filter { $0["method"] == "notifications/progress" }.count == 3)
    }

    @Test func cancellationStopsTheCallAndSendsNoResponse() async throws {
        let sent = [H.modern(1, "tools/call", ["name": "slow", "arguments": ["ms": 60_000]]),
                    #"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":1,"reason":"test"}}"#,
                    H.modern(2, "tools/call", ["name": "echo", "arguments": ["text": "still here"]])]
        let clock = ContinuousClock()
        let start = clock.now
        let out = try await H.session(try TestTools.server(), sent)
        // Well under the call's 60 s, with room for a loaded 2-core machine (17 s seen in CI).
        #expect(clock.now - start < .seconds(40), "the cancelled 60 s call held the server")
        #expect(H.response(out, id: 1) == nil, "a cancelled request gets no response")
        #expect(H.response(out, id: 2)?["result"]?["content"]?[0]?["text"] == "still here")
    }

    @Test func answersEveryRequestEvenWhenInputClosesRightAfterABurst() async throws {
        var sent = [H.initialize("2025-11-25")]
        for i in 2...101 {
            let tool = i % 2 == 0 ? "slow" : "echo"
            let arguments: JSONObject = tool == "slow" ? ["ms": 20] : ["text": .string("\(i)")]
            sent.append(H.legacy(.int(Int64(i)), "tools/call", ["name": .string(tool), "arguments": .object(arguments)]))
        }
        let out = try await H.session(try TestTools.server(), sent)
        let answered = Set(out.compactMap { $0["id"]?.intValue })
        #expect(answered == Set(1...101))
    }

    // MARK: Bad input

    @Test func malformedLinesGetErrorsAndTheStreamGoesOn() async throws {
        let invalidUTF8: [UInt8] = Array(#"{"jsonrpc":"2.0","id":9,"method":"ping","x":""#.utf8) + [0xFF, 0x22, 0x7D, 0x0A]
        let lines = [
            "not json", #"{"jsonrpc":"2.0","id":null,"method":"ping"}"#, #"{"jsonrpc":"1.0","id":3,"method":"ping"}"#,
            #"{"jsonrpc":"2.0","id":4}"#, #"{"jsonrpc":"2.0","id":"five","result":{}}"#,
            #"{"jsonrpc":"2.0","id":6,"method":"notifications/initialized"}"#, H.modern(7, "server/discover"),
        ]
        var bytes = invalidUTF8
        bytes += Array((lines.joined(separator: "\n") + "\n").utf8)
        bytes += Array(#"[{"jsonrpc":"2.0","id":8,"method":"ping"}]"#.utf8) + [0x0A]
        bytes += Array(H.modern(10, "tools/call", ["name": "echo", "arguments": ["text": "after all that"]]).utf8) + [0x0A]
        let out = try await H.session(try TestTools.server(), bytes: bytes)
        let nullErrors = out.filter { $0["id"] == .null }.compactMap { $0["error"]?["code"]?.intValue }
        // invalid UTF-8 and "not json" → parse errors; a null id → invalid request; a batch in a modern session → invalid request.
        #expect(nullErrors.filter { $0 == -32700 }.count == 2)
        #expect(nullErrors.filter { $0 == -32600 }.count == 2)
        #expect(out.contains { $0["error"]?["message"]?.stringValue?.contains("not valid UTF-8") == true })
        #expect(H.response(out, id: 3)?["error"]?["code"] == -32600)
        #expect(H.response(out, id: 4)?["error"]?["code"] == -32600)
        #expect(H.response(out, id: "five") == nil, "a response to an unknown id is ignored")
        #expect([-32600, -32601].contains(H.response(out, id: 6)?["error"]?["code"]?.intValue), "a notification method sent with an id is not served (here: no handshake yet)")
        #expect(H.response(out, id: 7)?["result"]?["resultType"] == "complete")
        #expect(H.response(out, id: 10)?["result"]?["content"]?[0]?["text"] == "after all that")
    }

    @Test func acceptsABatchIn2025_03_26() async throws {
        let sent = [H.initialize("2025-03-26"),
                    #"[{"jsonrpc":"2.0","id":2,"method":"ping"},{"jsonrpc":"2.0","method":"notifications/initialized"},{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"echo","arguments":{"text":"b"}}}]"#]
        let out = try await H.session(try TestTools.server(), sent)
        let batch = try #require(out.first { $0.arrayValue != nil }?.arrayValue)
        #expect(Set(batch.compactMap { $0["id"]?.intValue }) == [2, 3])
        try H.expectConforming(out, version: "2025-03-26", sent: ["{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}", "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\"}"] + sent)
    }
}

/// The two tests that push tens of megabytes through a debug build: each keeps a thread of the
/// cooperative pool busy for seconds, so they run one at a time rather than taking both threads
/// of a two-core machine (every other test in the process would wait).
@Suite("MCPServer big lines", .serialized)
struct MCPServerBigLineTests {
    @Test func aFiftyMegabyteLineIsHandled() async throws {
        let big = String(repeating: "x", count: 50 << 20)
        let line = H.modern(1, "tools/call", ["name": "echo", "arguments": ["text": .string(big)]])
        let out = try await H.session(try TestTools.server(), [line, H.modern(2, "server/discover")], timeout: .seconds(60))
        #expect(H.response(out, id: 1)?["result"]?["content"]?[0]?["text"]?.stringValue?.utf8.count == 50 << 20)
        #expect(H.response(out, id: 2) != nil)
    }

    @Test func aLineOverTheLimitIsRejectedWithoutHoldingIt() async throws {
        var bytes = [UInt8](repeating: 0x61, count: (64 << 20) + 100)
        bytes.append(0x0A)
        bytes += Array(H.modern(2, "server/discover").utf8) + [0x0A]
        let out = try await H.session(try TestTools.server(), bytes: bytes, timeout: .seconds(60))
        #expect(out.first?["error"]?["code"] == -32600)
        #expect(out.first?["error"]?["message"]?.stringValue?.contains("larger than the limit of 64 MiB") == true)
        #expect(H.response(out, id: 2) != nil, "the stream goes on")
    }
}
