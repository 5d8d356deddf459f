// swift-tools-version: 6.1
//
// Dependency rule (kept; checked by `swift build --explicit-target-dependency-import-check error`):
//
//   PetDeskRules     Foundation only. The standard as data + the evaluator. No UI, no SQL, no clock.
//   PetDeskStore     PetDeskRules + GRDB (SQLite) + PostgresNIO (team mode). No GRDB, NIO, Postgres or
//                    SQL type leaves this module.
//   PetDeskUI        PetDeskRules (+ TOMLKit to read theme text). Pure dashboard core: State,
//                    update, view -> cells, keymap, themes, display width. No curses, no SQL, no files.
//   PetDeskTerminal  PetDeskUI + CNcursesw. Draws cell buffers, turns keys/resizes/signals/ticks
//                    into events. Never touches SQL.
//   PetDeskDashboard PetDeskUI + PetDeskStore: the effect runner that performs the dashboard core's
//                    effects on the store (no terminal), so it is tested and benchmarked without one.
//   PetDeskDemo      PetDeskRules only. The believable demo queue and the benchmarks' cases.
//   petdesk          The executable: the only module that sees all the others.
//   PetDeskFuzz      The fuzz target (Fuzz/run.sh) over the case-file reader and the CSV importer.
//   PetDeskTestSupport  Foundation only: the throwaway PostgreSQL cluster the tests start.
//
// Arrows point one way only: petdesk -> {Dashboard, Store, Terminal, UI, Demo, Rules};
// Dashboard -> {Store, UI}; Terminal -> UI -> Rules; Store -> Rules; Demo -> Rules. Nothing depends on the executable.
import PackageDescription

let package = Package(
    name: "petdesk",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "petdesk", targets: ["petdesk"]),
        .library(name: "PetDeskRules", targets: ["PetDeskRules"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
    ],
    targets: [
        .target(name: "PetDeskRules"),
        .target(name: "PetDeskDemo", dependencies: ["PetDeskRules"]),
        .target(name: "PetDeskDashboard", dependencies: ["PetDeskUI", "PetDeskStore", "PetDeskRules"]),
        .target(name: "PetDeskUI", dependencies: ["PetDeskRules", .product(name: "TOMLKit", package: "TOMLKit")]),
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        .target(name: "PetDeskTerminal", dependencies: ["PetDeskUI", "CNcursesw"]),
        .target(
            name: "PetDeskStore",
            dependencies: [
                "PetDeskRules",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .executableTarget(
            name: "petdesk",
            dependencies: [
                "PetDeskRules",
                "PetDeskUI",
                "PetDeskStore",
                "PetDeskTerminal",
                "PetDeskDemo",
                "PetDeskDashboard",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        .executableTarget(name: "PetDeskFuzz", dependencies: ["PetDeskRules", "PetDeskStore"]),
        .target(name: "PetDeskTestSupport"),
        .testTarget(name: "PetDeskStoreTests", dependencies: ["PetDeskStore", "PetDeskRules", "PetDeskTestSupport", "PetDeskDemo"]),
        .testTarget(name: "PetDeskCLITests", dependencies: ["petdesk", "PetDeskStore", "PetDeskTestSupport"], exclude: ["Golden"]),
        .testTarget(name: "PetDeskDashboardTests", dependencies: ["PetDeskDashboard", "PetDeskStore", "PetDeskUI", "PetDeskRules"]),
        .testTarget(name: "PetDeskTerminalTests", dependencies: ["PetDeskTerminal", "PetDeskUI", "CNcursesw"]),
        .testTarget(name: "PetDeskDemoTests", dependencies: ["PetDeskDemo", "PetDeskRules", "PetDeskStore"]),
        .testTarget(name: "PetDeskUITests", dependencies: ["PetDeskUI", "PetDeskRules", "PetDeskDemo"], exclude: ["Snapshots"]),
        .testTarget(
            name: "PetDeskRulesTests",
            dependencies: ["PetDeskRules", "PetDeskDemo"],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
