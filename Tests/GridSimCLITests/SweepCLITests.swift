import Foundation
import Testing

@Suite("gridsim sweep end to end")
struct SweepCLITests {
  @Test(
    "each point is the run that --set would give (common random numbers); the cheapest passing point is named"
  )
  func sweep() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gridsim-sweep-\(UUID())")
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try gridsim(
      "sweep", "Scenarios/ci/policy.json5", "--vary", "tiers.grid.deadlines.response=\"2 h\",\"4 h\"",
      "--out",
      dir.path)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("2 points on common random numbers"))
    #expect(
      r.stdout.contains("Cheapest point that meets every target: tiers.grid.deadlines.response=\"4 h\""))
    // The 4 h point is the scenario as shipped: its figures are check's, to the digit.
    let check = try gridsim("check", "Scenarios/ci/policy.json5")
    let line = try #require(
      check.stdout.split(separator: "\n").first { $0.hasPrefix("grid answers on time") })
    let estimate = try #require(line.firstMatch(of: /[0-9.]+% \([0-9.]+% to [0-9.]+%\)/)).output
    let row = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("\"4 h\"") })
    #expect(row.contains(estimate), "\(row) vs \(line)")
    let csv = try String(contentsOf: dir.appendingPathComponent("sweep.csv"), encoding: .utf8)
    let rows = csv.split(separator: "\n")
    #expect(rows.count == 3)
    #expect(rows[0].hasPrefix("tiers.grid.deadlines.response,staff_hours,all_met,grid answers on time mean,"))
    #expect(rows[1].hasPrefix("\"\"\"2 h\"\"\",") && rows[1].contains(",false,"))
    #expect(rows[2].hasPrefix("\"\"\"4 h\"\"\",") && rows[2].contains(",true,"))
  }

  @Test("--rows: the points from a CSV equal the same points from --vary; sweep.html charts each target")
  func rows() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gridsim-sweep-\(UUID())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let csv = dir.appendingPathComponent("points.csv")
    try "organization.children.staff\n2\n3\n".write(to: csv, atomically: true, encoding: .utf8)
    let fromRows = try gridsim(
      "sweep", "Scenarios/ci/policy.json5", "--rows", csv.path, "--replications", "3", "--out", dir.path)
    #expect(fromRows.status == 0, "\(fromRows.stderr)")
    let fromVary = try gridsim(
      "sweep", "Scenarios/ci/policy.json5", "--vary", "organization.children.staff=2,3", "--replications", "3"
    )
    #expect(fromRows.stdout == fromVary.stdout)
    let html = try String(contentsOf: dir.appendingPathComponent("sweep.html"), encoding: .utf8)
    // One chart per target, each with its bound.
    let targets = try #require(fromVary.stdout.split(separator: "\n").dropFirst(3).first)
    #expect(html.components(separatedBy: "<svg ").count - 1 == 5, "\(targets)")
    #expect(html.contains("Cheapest point that meets every target"))
    try "organization.children.staff,x\n2\n".write(to: csv, atomically: true, encoding: .utf8)
    let bad = try gridsim("sweep", "Scenarios/ci/policy.json5", "--rows", csv.path)
    #expect(bad.status == 65)
    #expect(bad.stderr.contains("points.csv:2: error: expected 2 values (one per key), found 1"))
    let both = try gridsim("sweep", "Scenarios/ci/policy.json5", "--rows", csv.path, "--vary", "seed=1,2")
    #expect(both.status == 64)
  }

  @Test("a bad --vary is a usage error; a bad value names the --set it came from")
  func badVary() throws {
    let usage = try gridsim("sweep", "Scenarios/ci/policy.json5", "--vary", "nothing")
    #expect(usage.status == 64)
    #expect(usage.stderr.contains("is not KEY=V1,V2,..."))
    let bad = try gridsim("sweep", "Scenarios/ci/policy.json5", "--vary", "replications=2,lots")
    #expect(bad.status == 65)
    #expect(bad.stderr.contains("(--set replications=lots)"))
  }
}
