// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "UnionDesk",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "uniondesk", targets: ["Run"])
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
    ],
    targets: [
        .target(name: "Domain"),
        .target(name: "Office", dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .target(
            name: "App",
            dependencies: [
                .target(name: "Domain"),
                .target(name: "Office"),
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(name: "Run", dependencies: [.target(name: "App")]),
        // The parsers of outside input as fuzz targets: libFuzzer drives them (`make fuzz`), the tests replay the corpus.
        .target(name: "FuzzTargets", dependencies: [.target(name: "Domain"), .target(name: "Office")]),
        .executableTarget(name: "Fuzz", dependencies: [.target(name: "FuzzTargets")]),
        .testTarget(name: "DomainTests", dependencies: [.target(name: "Domain")]),
        .testTarget(name: "OfficeTests", dependencies: [.target(name: "Office")], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "FuzzTests",
            dependencies: [
                .target(name: "FuzzTargets"), .target(name: "Domain"), .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            resources: [.copy("Corpus")]
        ),
        .testTarget(
            name: "AppTests",
            dependencies: [
                .target(name: "App"),
                .product(name: "VaporTesting", package: "vapor"),
            ],
            // The reviewed snapshots are read from the source tree by `Golden`, not bundled.
            exclude: ["Core/__golden__", "Reports/__golden__"]
        ),
    ]
)
