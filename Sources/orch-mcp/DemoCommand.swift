import ArgumentParser
import Foundation
import OrchExecutor
import OrchJSON
import OrchMCP
import OrchPlan

/// `orch-mcp demo`: the receipt pipeline on a bundled sample, end to end through the three
/// worker servers: image → text → line items → categories → statistics.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the receipt pipeline on a sample receipt and print what it found.",
        discussion: """
            Runs catalogs/examples/receipt-pipeline.plan.json with catalogs/receipts.json and catalogs/servers.json: \
            receipt-ocr (tesseract) → line-item-parser → expense-categorizer → compute_item_statistics and compute_tax.

            The workers are found next to this executable (build them with `swift build`), then on PATH. \
            Prints the categorized items, the printed totals, per-category statistics and each step's time; \
            --json prints the run result instead.

            Exit codes: 0 succeeded, 1 a step failed or a worker could not start, 2 usage or missing files.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The receipt image: a path, file://, data: or http(s):// URI (default: catalogs/samples/receipt.png).", valueName: "IMAGE"))
    var image: String?

    @Option(help: ArgumentHelp("The folder holding receipts.json, servers.json, examples/ and samples/ (default: the catalogs/ folder found above this executable or the working directory).", valueName: "DIR"))
    var catalogs: String?

    @Flag(help: "Print the run result as JSON on stdout.")
    var json = false

    func run() async throws {
        let logger = global.bootstrapLogging()
        signal(SIGPIPE, SIG_IGN)
        let folder = try catalogs ?? Self.findCatalogs()
        let planPath = folder + "/examples/receipt-pipeline.plan.json"
        var document = readPlanFile(planPath)
        let imageURI = Self.absolute(image ?? folder + "/samples/receipt.png")
        if !imageURI.contains(":") && !FileManager.default.fileExists(atPath: imageURI) {
            CLIError.usage("The receipt image '\(imageURI)' does not exist.").exit()
        }
        guard let ocr = document["steps"]?.arrayValue?.firstIndex(where: { $0["tool"]?.stringValue == "receipt_ocr" }),
              document["steps"]?[ocr]?["input"]?.objectValue != nil,
              (try? JSONPointer(tokens: ["steps", String(ocr), "input", "image_uri"]).set(.string(imageURI), in: &document)) != nil else {
            CLIError.usage("\(planPath): expected a plan with a receipt_ocr step whose input has image_uri.").exit()
        }

        // The folder's own catalog and servers only: ORCH_CATALOG may list receipts.json too.
        let started = ContinuousClock.now
        let loaded = await CatalogOptions.loadTools(catalogFiles: [folder + "/receipts.json"],
                                                    servers: CatalogOptions.readServers(folder + "/servers.json"), logger: logger)
        let missing = Set(["receipt-ocr", "line-item-parser", "expense-categorizer"]).subtracting(loaded.available)
        if !missing.isEmpty {
            await loaded.shutdown()
            CLIError(message: "demo: the worker\(missing.count == 1 ? "" : "s") \(missing.sorted().joined(separator: ", ")) could not be started (see above). Build them with `swift build` (they are looked for next to \(executableDirectory() ?? "orch-mcp") and on PATH).", exitCode: 1).exit()
        }
        let plan: Plan
        switch PlanLoader(catalog: loaded.catalog, options: .init(configuredServers: loaded.available)).load(document) {
        case .success(let valid): plan = valid
        case .failure(let error):
            await loaded.shutdown()
            CLIError.usage("\(planPath): \(error.description)").exit()
        }
        let startup = ContinuousClock.now - started
        let result = await PlanExecutor(catalog: loaded.catalog, mcp: loaded.invoker).run(plan)
        let elapsed = ContinuousClock.now - started
        await loaded.shutdown()
        if json {
            OutputStream.write(JSONWriter().bytes(result.json) + [0x0A])
        } else {
            OutputStream.write(DemoReport(result: result, image: image ?? folder + "/samples/receipt.png",
                                          startupMs: startup.milliseconds, totalMs: elapsed.milliseconds).render())
        }
        if result.status != .succeeded { throw ExitCode(1) }
    }

    /// The nearest `catalogs/` folder holding receipts.json above the executable, then above
    /// the working directory.
    static func findCatalogs() throws -> String {
        var searched: [String] = []
        for start in [executableDirectory(), FileManager.default.currentDirectoryPath].compactMap({ $0 }) {
            var directory = start
            for _ in 0..<6 {
                let candidate = directory + "/catalogs"
                searched.append(candidate)
                if FileManager.default.fileExists(atPath: candidate + "/receipts.json") { return candidate }
                let parent = (directory as NSString).deletingLastPathComponent
                if parent == directory { break }
                directory = parent
            }
        }
        CLIError.usage("No catalogs/ folder with receipts.json was found; looked in \(searched.joined(separator: ", ")). Run from the orch-mcp checkout or pass --catalogs DIR.").exit()
    }

    /// Paths become absolute (the OCR worker may run elsewhere); URIs stay as they are.
    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") || path.range(of: "^[A-Za-z][A-Za-z0-9+.-]+:", options: .regularExpression) != nil { return path }
        return FileManager.default.currentDirectoryPath + "/" + path
    }
}

extension Duration {
    var milliseconds: Double { Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15 }
}
