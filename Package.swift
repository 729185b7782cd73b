// swift-tools-version: 6.0
// gridsim: a simulator and staffing planner for a township's three-tier grid.
// The toolchain alone: no package dependencies (asked for by the people this is built for).
import PackageDescription

let package = Package(
  name: "gridsim",
  products: [
    .library(name: "GridSim", targets: ["GridSim"]),
    .executable(name: "gridsim", targets: ["GridSimCLI"]),
  ],
  targets: [
    .target(name: "GridSim"),
    .executableTarget(name: "GridSimCLI", dependencies: ["GridSim"]),
    .testTarget(
      name: "GridSimTests",
      dependencies: ["GridSim"],
      exclude: ["Snapshots"]
    ),
    .testTarget(
      name: "GridSimCLITests",
      dependencies: ["GridSim", "GridSimCLI"],
      exclude: ["Snapshots", "Fixtures"]
    ),
  ],
  swiftLanguageModes: [.v6]
)
