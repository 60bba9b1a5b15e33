import Foundation
import Testing

/// The three receipt workers as users meet them: through `orch-mcp call` with
/// catalogs/servers.json (bare command names found next to orch-mcp), and their errors.
@Suite("receipt workers")
struct ReceiptWorkerTests {
    static let fixtures = CLIRunner.repository.appendingPathComponent("Tests/Fixtures/receipts")
    static let sample = CLIRunner.repository.appendingPathComponent("catalogs/samples/receipt.png").path

    /// `orch-mcp call TOOL --args JSON` against the worker `server` of catalogs/servers.json
    /// (or of `servers`, another servers file).
    static func call(_ server: String, _ tool: String, _ arguments: String, servers: String = "catalogs/servers.json",
                     timeout: TimeInterval = 60) async throws -> CLIRunner.Output {
        try await CLIRunner.onOwnThread {
            try CLIRunner.runBlocking(["call", "--servers", servers, "--server", server, tool, "--args", arguments, "--json", "--timeout", "50"], timeout: timeout)
        }.0
    }

    /// A servers file that starts receipt-ocr (found next to orch-mcp) with `environment`.
    static func ocrServers(_ environment: [String: String]) throws -> String {
        let env = environment.map { #""\#($0.key)": "\#($0.value)""# }.joined(separator: ", ")
        return try CLIRunner.file(#"{"mcpServers": {"receipt-ocr": {"command": "receipt-ocr", "env": {\#(env)}}}}"#, name: "servers.json")
    }

    static func structured(_ output: CLIRunner.Output) throws -> [String: Any] {
        let result = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any], "stdout: \(output.stdout) stderr: \(output.stderr)")
        return try #require(result["structuredContent"] as? [String: Any], "no structuredContent in \(output.stdout)")
    }

    @Test func ocrReadsTheSampleReceipt() async throws {
        let output = try await Self.call("receipt-ocr", "receipt_ocr", #"{"image_uri": "\#(Self.sample)"}"#)
        #expect(output.status == 0, "\(output.stderr)")
        let result = try Self.structured(output)
        let text = try #require(result["text"] as? String)
        let truth = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.sample.replacingOccurrences(of: ".png", with: ".json")))) as? [String: Any]
        let merchant = try #require(truth?["merchant"] as? String)
        #expect(text.contains(merchant), "the merchant '\(merchant)' is not in the OCR text:\n\(text)")
        let lines = try #require(result["lines"] as? [[String: Any]])
        #expect(lines.count >= 8)
        #expect(lines.allSatisfy { ($0["confidence"] as? Double).map { (0...100).contains($0) } ?? false })
        #expect((result["mean_confidence"] as? Double ?? 0) > 60)
        #expect((result["width"] as? Int ?? 0) > 100 && (result["height"] as? Int ?? 0) > 100)
    }

    @Test func ocrTakesFileAndDataURIs() async throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.sample))
        for uri in ["file://" + Self.sample, "data:image/png;base64," + bytes.base64EncodedString()] {
            let output = try await Self.call("receipt-ocr", "receipt_ocr", #"{"image_uri": "\#(uri)"}"#)
            #expect(output.status == 0, "\(uri.prefix(40)): \(output.stdout.prefix(300)) \(output.stderr)")
            #expect((try Self.structured(output)["text"] as? String)?.isEmpty == false)
        }
    }

    @Test(arguments: [
        (#"{"image_uri": "/nonexistent/receipt.png"}"#, "missing file: no file at '/nonexistent/receipt.png'"),
        (#"{"image_uri": "Package.swift"}"#, "not an image: 'Package.swift': the "),
        (#"{"image_uri": "/tmp"}"#, "unreadable image: '/tmp' is not a regular file"),
        (#"{"image_uri": "data:image/png;base64,iVBORw0KGgo!!!"}"#, "invalid image_uri: the data: URI's base64 content has an invalid character at offset 11"),
        (#"{"image_uri": "data:text/plain;base64,aGVsbG8="}"#, "not an image: the data: URI says 'text/plain'"),
        (#"{"image_uri": "data:image/png;base64,iVBORw0KGgoAAAAN"}"#, "unreadable image: the data: URI: the PNG image's header cannot be read"),
        (#"{"image_uri": "ftp://example.com/r.png"}"#, "invalid image_uri: the scheme 'ftp' is not supported"),
        (#"{"image_uri": "http://127.0.0.1:9/receipt.png"}"#, "fetch failed: fetching 'http://127.0.0.1:9/receipt.png' failed"),
    ])
    func ocrErrorsSayWhichAndWhy(arguments: String, expected: String) async throws {
        let output = try await Self.call("receipt-ocr", "receipt_ocr", arguments)
        #expect(output.status == 1, "exit \(output.status): \(output.stdout) \(output.stderr)")
        #expect(output.stdout.contains(expected), "\(output.stdout)")
        #expect(output.stdout.contains(#""isError":true"#))
    }

    @Test func ocrRefusesImagesOverThePixelCap() async throws {
        // 8000×6000 = 48 MP. Only the header is written: the cap is checked before decoding.
        let png = try #require(Self.blankPNG(width: 8000, height: 6000, headerOnly: true))
        let path = try CLIRunner.file("", name: "huge.png")
        try png.write(to: URL(fileURLWithPath: path))
        let output = try await Self.call("receipt-ocr", "receipt_ocr", #"{"image_uri": "\#(path)"}"#)
        #expect(output.status == 1)
        #expect(output.stdout.contains("image too large: '\(path)': the image is 8000×6000 = 48000000 pixels; the limit is 40000000 (RECEIPT_OCR_MAX_MEGAPIXELS raises it)."), "\(output.stdout)")
    }

    @Test func ocrSaysSoWhenAnImageHasNoText() async throws {
        let png = try #require(Self.blankPNG(width: 400, height: 300))
        let path = try CLIRunner.file("", name: "blank.png")
        try png.write(to: URL(fileURLWithPath: path))
        let output = try await Self.call("receipt-ocr", "receipt_ocr", #"{"image_uri": "\#(path)"}"#)
        #expect(output.status == 1)
        #expect(output.stdout.contains("no text found: '\(path)': tesseract found no text in the 400×300 image"), "\(output.stdout)")
    }

    @Test func ocrFetchesOverHTTPAndChecksTheContentType() async throws {
        let server = try await LoopbackHTTPServer.serving(directory: CLIRunner.repository.path)
        defer { server.stop() }
        let good = try await Self.call("receipt-ocr", "receipt_ocr", #"{"image_uri": "\#(server.url)/catalogs/samples/receipt.png"}"#)
        #expect(good.status == 0, "\(good.stdout) \(good.stderr)")
        #expect((try Self.structured(good)["text"] as? String)?.isEmpty == false)
        let text = try await Self.call("receipt-ocr", "receipt_ocr", #"{"image_uri": "\#(server.url)/catalogs/receipts.json"}"#)
        #expect(text.stdout.contains("not an image: '\(server.url)/catalogs/receipts.json' sent content type"), "\(text.stdout)")
        let missing = try await Self.call("receipt-ocr", "receipt_ocr", #"{"image_uri": "\#(server.url)/nope.png"}"#)
        #expect(missing.stdout.contains("fetch failed: '\(server.url)/nope.png' answered HTTP 404"), "\(missing.stdout)")
    }

    @Test func ocrCapsEverySourceAtTheConfiguredSize() async throws {
        let servers = try Self.ocrServers(["RECEIPT_OCR_MAX_MB": "1"])
        let web = try await LoopbackHTTPServer.edge()
        defer { web.stop() }
        var twoMiB = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        twoMiB.append(Data(count: (2 << 20) - twoMiB.count))
        let path = try CLIRunner.file("", name: "two-mib.png")
        try twoMiB.write(to: URL(fileURLWithPath: path))
        let cases = [
            (path, "image too large: '\(path)' is 2097152 bytes; the limit is 1 MiB (RECEIPT_OCR_MAX_MB raises it)."),
            ("data:image/png;base64," + twoMiB.prefix(3 << 19).base64EncodedString(), "image too large: the data: URI holds more than 1 MiB (RECEIPT_OCR_MAX_MB raises the limit)."),
            // Refused from its Content-Length, before the body.
            ("\(web.url)/big.png?bytes=2097152", "image too large: '\(web.url)/big.png?bytes=2097152' is larger than 1 MiB (RECEIPT_OCR_MAX_MB raises the limit)."),
            // A Content-Length of 10 GiB and then a stall: refused at once, not after the stall.
            ("\(web.url)/liar.png", "image too large: '\(web.url)/liar.png' is larger than 1 MiB (RECEIPT_OCR_MAX_MB raises the limit)."),
            // No Content-Length: stopped while downloading, when the cap is passed.
            ("\(web.url)/chunked.png?bytes=2097152", "image too large: '\(web.url)/chunked.png?bytes=2097152' is larger than 1 MiB (RECEIPT_OCR_MAX_MB raises the limit)."),
        ]
        for (uri, expected) in cases {
            let started = Date()
            // Through a file: the data: URI is too long for one command-line argument.
            let arguments = try CLIRunner.file(#"{"image_uri": "\#(uri)"}"#, name: "arguments.json")
            let output = try await Self.call("receipt-ocr", "receipt_ocr", "@" + arguments, servers: servers)
            #expect(output.status == 1, "\(uri.prefix(60)): exit \(output.status) \(output.stderr)")
            #expect(output.stdout.contains(expected), "\(uri.prefix(60)): \(output.stdout.prefix(400))")
            #expect(Date().timeIntervalSince(started) < 20, "\(uri.prefix(60)) took \(Date().timeIntervalSince(started)) s")
        }
    }

    @Test func ocrFetchesTimeOutAtTheConfiguredTime() async throws {
        let servers = try Self.ocrServers(["RECEIPT_OCR_FETCH_TIMEOUT_MS": "700"])
        let web = try await LoopbackHTTPServer.edge()
        defer { web.stop() }
        let started = Date()
        let output = try await Self.call("receipt-ocr", "receipt_ocr", #"{"image_uri": "\#(web.url)/stall.png"}"#, servers: servers)
        #expect(output.status == 1)
        #expect(output.stdout.contains("fetch failed: fetching '\(web.url)/stall.png' timed out after 700 ms"), "\(output.stdout.prefix(400))")
        #expect(Date().timeIntervalSince(started) < 20)
    }

    @Test func anEngineThatCannotLoadSaysSoWithoutBlamingTheImage() async throws {
        let output = try await Self.call("receipt-ocr", "receipt_ocr", #"{"image_uri": "\#(Self.sample)"}"#,
                                         servers: try Self.ocrServers(["TESSDATA_PREFIX": "/nonexistent/tessdata"]))
        #expect(output.status == 1)
        #expect(output.stdout.contains("OCR engine error: tesseract could not load the 'eng' language data."), "\(output.stdout.prefix(400))")
        #expect(!output.stdout.contains("receipt.png"), "the image is not at fault: \(output.stdout.prefix(400))")
    }

    @Test(arguments: [
        ("RECEIPT_OCR_MAX_MB", "0", "RECEIPT_OCR_MAX_MB='0' must be a whole number from 1 to 1024: the largest encoded image, in MiB (default 32)."),
        ("RECEIPT_OCR_FETCH_TIMEOUT_MS", "soon", "RECEIPT_OCR_FETCH_TIMEOUT_MS='soon' must be a whole number from 100 to 600000"),
        ("RECEIPT_OCR_MAX_MEGAPIXELS", "1e3", "RECEIPT_OCR_MAX_MEGAPIXELS='1e3' must be a whole number from 1 to 400"),
    ])
    func ocrRefusesToStartWithAnInvalidLimit(variable: String, value: String, expected: String) async throws {
        let output = try await Self.call("receipt-ocr", "receipt_ocr", #"{"image_uri": "\#(Self.sample)"}"#, servers: try Self.ocrServers([variable: value]))
        #expect(output.status != 0)
        #expect(output.stderr.contains(expected), "\(output.stderr)")
    }

    @Test func callReadsItsArgumentsFromAFileOrStdinAndNamesABadOne() async throws {
        let call = ["call", "--servers", "catalogs/servers.json", "--server", "line-item-parser", "line_item_parser", "--json"]
        let file = try CLIRunner.file(#"{"text": "MILK 2.49\nTOTAL 2.49"}"#, name: "arguments.json")
        let fromFile = try await CLIRunner.onOwnThread { try CLIRunner.runBlocking(call + ["--args", "@" + file], timeout: 60) }.0
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        #expect(try Self.structured(fromFile)["total"] as? Double == 2.49)
        let fromStdin = try await CLIRunner.onOwnThread { try CLIRunner.runBlocking(call + ["--args", "@-"], stdin: #"{"text": "TEA 1.50\nTOTAL 1.50"}"#, timeout: 60) }.0
        #expect(try Self.structured(fromStdin)["total"] as? Double == 1.5, "\(fromStdin.stderr)")
        let missing = try await CLIRunner.run(call + ["--args", "@/nonexistent/arguments.json"])
        #expect(missing.status == 2 && missing.stderr.contains("The --args file '/nonexistent/arguments.json' does not exist."), "\(missing.stderr)")
        let array = try await CLIRunner.run(call + ["--args", "@" + (try CLIRunner.file("[1, 2]"))])
        #expect(array.status == 2 && array.stderr.contains("--args must be a JSON object"), "\(array.stderr)")
    }

    @Test func parserAndCategorizerAnswerThroughOrchMCP() async throws {
        let text = "CORNER SHOP\\n03/14/2025\\nORG BANANAS 1.29\\nPAPER TOWELS 6PK 8.99\\nSUBTOTAL 10.28\\nTAX 0.82\\nTOTAL 11.10"
        let parsed = try Self.structured(try await Self.call("line-item-parser", "line_item_parser", #"{"text": "\#(text)"}"#))
        let items = try #require(parsed["items"] as? [[String: Any]])
        #expect(items.count == 2)
        #expect(parsed["total"] as? Double == 11.10)
        #expect(parsed["date"] as? String == "2025-03-14")
        let categorized = try Self.structured(try await Self.call("expense-categorizer", "expense_categorizer",
            #"{"items": [{"name": "ORG BANANAS", "total": 1.29, "sku": "4011"}, {"name": "PAPER TOWELS 6PK", "total": 8.99}]}"#))
        let out = try #require(categorized["items"] as? [[String: Any]])
        #expect(out.map { $0["category"] as? String } == ["food", "household"])
        #expect(out.first?["sku"] as? String == "4011", "members the categorizer does not know pass through")
        let atPharmacy = try Self.structured(try await Self.call("expense-categorizer", "expense_categorizer",
            #"{"items": [{"name": "QWZX SLEEP 50CT", "total": 9.99}], "merchant": "CORNER PHARMACY"}"#))
        #expect((atPharmacy["items"] as? [[String: Any]])?.first?["category"] as? String == "health", "\(atPharmacy)")
    }

    @Test(arguments: ["modern", "legacy"])
    func everyWorkerServesBothProtocolEras(era: String) async throws {
        for (server, tool, arguments) in [
            ("receipt-ocr", "receipt_ocr", #"{"image_uri": "\#(Self.sample)"}"#),
            ("line-item-parser", "line_item_parser", #"{"text": "MILK 2.49\nTOTAL 2.49"}"#),
            ("expense-categorizer", "expense_categorizer", #"{"items": [{"name": "MILK", "total": 2.49}]}"#),
        ] {
            let output = try await CLIRunner.onOwnThread {
                try CLIRunner.runBlocking(["call", "--servers", "catalogs/servers.json", "--server", server, tool, "--args", arguments, "--json", "--era", era], timeout: 60)
            }.0
            #expect(output.status == 0, "\(server) (\(era)): \(output.stdout.prefix(300)) \(output.stderr)")
            #expect(try Self.structured(output).isEmpty == false)
        }
    }

    @Test func aServerCommandThatResolvesNowhereNamesTheServerAndThePlacesLookedIn() async throws {
        let config = try CLIRunner.file(#"{"mcpServers": {"ocr": {"command": "receipt-ocr-missing"}}}"#, name: "servers.json")
        let output = try await CLIRunner.run(["call", "--servers", config, "--server", "ocr", "receipt_ocr", "--args", "{}"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("MCP server 'ocr'"), "\(output.stderr)")
        #expect(output.stderr.contains("The command 'receipt-ocr-missing' was not found. Looked in: \(CLIRunner.binary.deletingLastPathComponent().path)/receipt-ocr-missing"), "\(output.stderr)")
    }

    /// A white 1-bit PNG of that size (one stored deflate block, so keep it small), or with
    /// `headerOnly` just the signature, IHDR and IEND: enough for the pixel-cap check, which
    /// must refuse the image before decoding it.
    static func blankPNG(width: Int, height: Int, headerOnly: Bool = false) -> Data? {
        PNGWriter.blank(width: width, height: height, headerOnly: headerOnly)
    }
}
