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
    // Everything but the command line: input, calendar, scenario, statistics, model, engine,
    // experiment and reports (folders in that order; a folder names only the ones before it).
    .target(name: "GridSim"),
    // `gridsim bench`: the bare tandem loop, kept apart from the engine it is compared with.
    .target(name: "GridSimBench", dependencies: ["GridSim"]),
    // The `gridsim` executable: argument parsing, exit codes, files, printing.
    .executableTarget(name: "GridSimCLI", dependencies: ["GridSim", "GridSimBench"]),
    // What both test targets share: the package's root and the golden-file helper.
    .target(name: "GridSimTestSupport", path: "Tests/GridSimTestSupport"),
    .testTarget(
      name: "GridSimTests",
      dependencies: ["GridSim", "GridSimBench", "GridSimTestSupport"],
      exclude: ["Snapshots", "Reports/Snapshots"]
    ),
    .testTarget(
      name: "GridSimCLITests",
      dependencies: ["GridSim", "GridSimCLI", "GridSimTestSupport"],
      exclude: ["Snapshots", "Fixtures"]
    ),
  ],
  swiftLanguageModes: [.v6]
)
