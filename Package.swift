// swift-tools-version: 6.1
import PackageDescription

// The interpreter calls small HeapModel accessors millions of times a second;
// full cross-module optimisation lets them inline (DECISIONS.md, "Performance").
let crossModuleOptimization: [SwiftSetting] = [
  .unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))
]

let package = Package(
  name: "heapscope",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "heapscope", targets: ["heapscope"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/attaswift/BigInt", from: "6.0.1"),
  ],
  targets: [
    .systemLibrary(name: "CMalloc"),
    .systemLibrary(
      name: "CNCurses",
      pkgConfig: "ncursesw",
      providers: [.apt(["libncurses-dev"])]
    ),
    .target(
      name: "HeapModel",
      dependencies: [.product(name: "BigInt", package: "BigInt")],
      swiftSettings: crossModuleOptimization
    ),
    .target(
      name: "Scenario",
      dependencies: ["HeapModel", .product(name: "BigInt", package: "BigInt")]
    ),
    .target(
      name: "HeapscopeTUI",
      dependencies: ["HeapModel", "Scenario", "CNCurses"]
    ),
    .executableTarget(
      name: "heapscope",
      dependencies: [
        "HeapModel", "Scenario", "HeapscopeTUI", "CMalloc",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(name: "HeapModelTests", dependencies: ["HeapModel"]),
    .testTarget(name: "ScenarioTests", dependencies: ["Scenario", "HeapModel"]),
    .testTarget(name: "HeapscopeTUITests", dependencies: ["HeapscopeTUI", "HeapModel", "Scenario"]),
  ]
)
