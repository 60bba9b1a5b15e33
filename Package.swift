// swift-tools-version:6.1
import PackageDescription

// Settings declared once, applied to every target below.
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

var package = Package(
    name: "orch-mcp",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "orch-mcp", targets: ["orch-mcp"]),
        .library(name: "OrchJSON", targets: ["OrchJSON"]),
        .library(name: "OrchSchema", targets: ["OrchSchema"]),
        .library(name: "OrchMCP", targets: ["OrchMCP"]),
        .library(name: "OrchPlan", targets: ["OrchPlan"]),
        .library(name: "OrchExecutor", targets: ["OrchExecutor"]),
        .library(name: "OrchTesting", targets: ["OrchTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // Layer 0: the JSON value, codec and pointer. No I/O.
        .target(name: "OrchJSON"),
        // Layer 1: JSON Schema (2020-12, draft-07) compiled once, validated many times.
        .target(name: "OrchSchema", dependencies: ["OrchJSON"]),
        // Layer 2: MCP over stdio, both eras: messages, framing, the server runtime, the client
        // and the worker processes it runs.
        .target(name: "OrchMCP", dependencies: ["OrchJSON", "OrchSchema", .product(name: "Logging", package: "swift-log")]),
        // Layer 3: tool catalogs, function tools, plans and their validation.
        .target(name: "OrchPlan", dependencies: ["OrchJSON", "OrchSchema"]),
        // Layer 4: the DAG executor (a pure state machine driven by a task group).
        .target(name: "OrchExecutor", dependencies: ["OrchJSON", "OrchSchema", "OrchMCP", "OrchPlan"]),
        // Test support for this package's tests and for library users: protocol conformance checks.
        .target(name: "OrchTesting", dependencies: ["OrchJSON", "OrchSchema"]),
        // Surface: the command-line tool.
        .executableTarget(
            name: "orch-mcp",
            dependencies: [
                "OrchJSON", "OrchSchema", "OrchMCP", "OrchPlan", "OrchExecutor", "OrchSandbox",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The receipt workers (tools/): three MCP stdio servers on orch-mcp's own server runtime,
        // with the parsing and categorizing logic in ReceiptKit and the C libraries they wrap.
        .systemLibrary(name: "CTesseract", path: "tools/CTesseract", pkgConfig: "tesseract",
                       providers: [.apt(["libtesseract-dev", "libleptonica-dev"])]),
        .systemLibrary(name: "CCurl", path: "tools/CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "ReceiptKit", dependencies: ["OrchJSON", "OrchPlan", "OrchMCP", .product(name: "Logging", package: "swift-log")], path: "tools/ReceiptKit"),
        .executableTarget(
            name: "receipt-ocr",
            dependencies: ["CTesseract", "CCurl", "ReceiptKit", "OrchJSON", "OrchMCP"],
            path: "tools/receipt-ocr"
        ),
        .executableTarget(
            name: "line-item-parser",
            dependencies: ["ReceiptKit", "OrchJSON", "OrchMCP"],
            path: "tools/line-item-parser"
        ),
        .executableTarget(
            name: "expense-categorizer",
            dependencies: ["ReceiptKit", "OrchJSON", "OrchMCP"],
            path: "tools/expense-categorizer"
        ),
        // The code-step sandbox (sandbox/README.md): the C runner `orch-sandbox` (seccomp, rlimits,
        // namespaces, embedded CPython linked statically), its control protocol for Swift, and
        // the Swift side that runs `code_exec` steps warm through a fork server or cold.
        .executableTarget(
            name: "orch-sandbox",
            path: "sandbox",
            exclude: ["policy", "shim", "README.md"],
            sources: ["runner"],
            cSettings: [.unsafeFlags(["-I/usr/include/python3.11", "-fno-strict-aliasing"])],
            linkerSettings: [
                .linkedLibrary("seccomp"),
                .unsafeFlags(["-L/usr/lib/python3.11/config-3.11-x86_64-linux-gnu", "-l:libpython3.11-pic.a",
                              "-lexpat", "-lz", "-lm", "-ldl", "-Xlinker", "--export-dynamic"]),
            ]
        ),
        .target(name: "OrchSandboxShim", path: "sandbox/shim"),
        .target(name: "OrchSandbox", dependencies: ["OrchJSON", "OrchMCP", "OrchPlan", "OrchExecutor", "OrchSandboxShim"]),
        // Side-by-side benchmark runner (see Benchmarks/README.md).
        .executableTarget(
            name: "orch-bench",
            dependencies: ["OrchJSON", "OrchSchema", "OrchPlan", "OrchExecutor", "OrchSandbox"],
            path: "Benchmarks/orch-bench"
        ),
        .executableTarget(
            name: "echo-server",
            dependencies: ["OrchJSON", "OrchMCP", .product(name: "Logging", package: "swift-log")],
            path: "Benchmarks/echo-server"
        ),
        .testTarget(name: "OrchJSONTests", dependencies: ["OrchJSON"]),
        .testTarget(name: "OrchSchemaTests", dependencies: ["OrchJSON", "OrchSchema"], exclude: ["Fixtures"]),
        .testTarget(name: "OrchMCPTests", dependencies: ["OrchJSON", "OrchSchema", "OrchMCP", "OrchTesting"]),
        .testTarget(name: "OrchPlanTests", dependencies: ["OrchJSON", "OrchSchema", "OrchPlan"]),
        .testTarget(name: "OrchExecutorTests", dependencies: ["OrchJSON", "OrchPlan", "OrchExecutor", "OrchMCP"]),
        .testTarget(name: "ReceiptKitTests", dependencies: ["ReceiptKit", "OrchJSON"]),
        .testTarget(name: "OrchCLITests", dependencies: ["OrchJSON", "OrchSchema", "OrchTesting"]),
        .testTarget(name: "OrchSandboxTests", dependencies: ["OrchJSON", "OrchPlan", "OrchExecutor", "OrchSandbox", "OrchTesting"]),
    ]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + swiftSettings
}
