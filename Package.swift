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
        // Surface: the command-line tool.
        .executableTarget(
            name: "orch-mcp",
            dependencies: [
                "OrchJSON", "OrchSchema",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Side-by-side benchmark runner (see Benchmarks/README.md).
        .executableTarget(
            name: "orch-bench",
            dependencies: ["OrchJSON", "OrchSchema"],
            path: "Benchmarks/orch-bench"
        ),
        .testTarget(name: "OrchJSONTests", dependencies: ["OrchJSON"]),
        .testTarget(name: "OrchSchemaTests", dependencies: ["OrchJSON", "OrchSchema"], exclude: ["Fixtures"]),
        .testTarget(name: "OrchCLITests", dependencies: ["OrchJSON"]),
    ]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + swiftSettings
}
