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
    // One chart per target, each with its bound, and the staff-hours chart.
    let targets = try #require(fromVary.stdout.split(separator: "\n").dropFirst(3).first)
    #expect(html.components(separatedBy: "<svg ").count - 1 == 5 + 1, "\(targets)")
    #expect(html.components(separatedBy: "stroke-dasharray=\"6 4\"").count - 1 == 5)
    #expect(html.contains("<title>Staff-hours on duty</title>"))
    // Round ticks only: no label such as 16.5 or 89.2% on an axis (a tick label is anchored end).
    let ticks = html.matches(of: /text-anchor="end" fill="#444">([^<]*)</).map { String($0.output.1) }
    #expect(!ticks.isEmpty)
    for tick in ticks {
      let number = tick.prefix { "0123456789.,".contains($0) }.replacingOccurrences(of: ",", with: "")
      let value = try #require(Double(number), "\(tick)")
      // A multiple of 1, 2, 5 × 10^k of its step, at most one decimal: 0.5, 15, 30, 92, 40,000.
      #expect((value * 2).rounded() == value * 2, "an odd tick: \(tick)")
    }
    // Every point has a whatif.html beside it.
    #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("whatif.html").path))
    #expect(html.contains("Cheapest point that meets every target"))
    try "organization.children.staff,x\n2\n".write(to: csv, atomically: true, encoding: .utf8)
    let bad = try gridsim("sweep", "Scenarios/ci/policy.json5", "--rows", csv.path)
    #expect(bad.status == 65)
    #expect(bad.stderr.contains("points.csv:2: error: expected 2 values (one per key), found 1"))
    let both = try gridsim("sweep", "Scenarios/ci/policy.json5", "--rows", csv.path, "--vary", "seed=1,2")
    #expect(both.status == 64)
  }

  @Test("a bad --vary is a usage error; a bad value names the --vary it came from")
  func badVary() throws {
    let usage = try gridsim("sweep", "Scenarios/ci/policy.json5", "--vary", "nothing")
    #expect(usage.status == 64)
    #expect(usage.stderr.contains("is not KEY=V1,V2,..."))
    let bad = try gridsim("sweep", "Scenarios/ci/policy.json5", "--vary", "replications=2,lots")
    #expect(bad.status == 65)
    #expect(
      bad.stderr
        == """
        Scenarios/ci/policy.json5 (--vary replications=lots): error: replications: expected a whole number, found "lots"
        Error: Scenarios/ci/policy.json5 has 1 problem; nothing was run.

        """)
  }

  @Test(
    "the same key twice in --vary is a usage error naming the key, with the one --vary that gives all its values"
  )
  func repeatedKey() throws {
    let r = try gridsim(
      "sweep", "Scenarios/ci/policy.json5", "--vary", "organization.children.staff=1,80", "--vary",
      "seed=1,2", "--vary", "organization.children.staff=40,80")
    #expect(r.status == 64)
    #expect(r.stdout.isEmpty)
    let first = try #require(r.stderr.split(separator: "\n").first)
    #expect(
      first
        == "Error: '--vary organization.children.staff' is given twice, and the second would replace the first; vary a key once with all its values: --vary organization.children.staff=1,80,40"
    )
  }

  @Test("a warning about a varied value is said once per sweep, naming the key (not each point's value)")
  func warningOnce() throws {
    let r = try gridsim(
      "sweep", "Scenarios/national-day-2026.json5", "--vary", "organization.children.staff=18,24",
      "--replications", "2")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stderr
        == """
        Scenarios/national-day-2026.json5 (--vary organization.children.staff): warning: organization.children.staff: this does not change tier 'village' where its roster gives a number of people: duty (weekend, holiday), nor tier 'leadership' where its roster gives a number of people: duty (weekend, holiday); night (workday, weekend, holiday, makeup-workday); change the roster instead (--set tiers.TIER.roster.shifts.NAME.staff=N), or give the shift a share such as "50%"

        """)
  }

  @Test("a bad --rows file names itself, the line and the column: a header key, a repeated key, a value")
  func rowsLocations() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gridsim-sweep-\(UUID())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let csv = dir.appendingPathComponent("points.csv")
    func sweep(_ text: String) throws -> Invocation {
      try text.write(to: csv, atomically: true, encoding: .utf8)
      return try gridsim("sweep", "Scenarios/ci/policy.json5", "--rows", csv.path, "--replications", "2")
    }
    // An unknown key: its header cell, not a --set nobody typed.
    let key = try sweep("seed,organization.chldren.staff\n1,2\n")
    #expect(key.status == 65)
    #expect(
      key.stderr
        == """
        Scenarios/ci/policy.json5 (\(csv.path):1:6): error: organization.chldren: unknown key 'chldren'; did you mean 'children'?
        Error: Scenarios/ci/policy.json5 has 1 problem; nothing was run.

        """)
    // A bad value: its own cell.
    let value = try sweep("seed,organization.children.staff\n1,2\n3,lots\n")
    #expect(value.status == 65)
    #expect(
      value.stderr.hasPrefix(
        "Scenarios/ci/policy.json5 (\(csv.path):3:3): error: organization.children.staff: expected a headcount, found \"lots\"\n"
      ))
    // A key named twice, and an empty value, in the rows file itself.
    let twice = try sweep("seed,\"seed\"\n1,2\n")
    #expect(twice.status == 65)
    #expect(
      twice.stderr
        == "\(csv.path):1:6: error: the key 'seed' is named twice in the header (fields 1 and 2); one key per column, one point per row\n"
    )
    let empty = try sweep("seed,organization.children.staff\n1, \n")
    #expect(empty.status == 65)
    #expect(
      empty.stderr
        == "\(csv.path):2:3: error: the value of 'organization.children.staff' is empty; one key per column, one point per row\n"
    )
  }

  @Test(
    "--lang zh: the table, the cheapest point, the CSV headers and the page in Chinese; --lang en in English")
  func language() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gridsim-sweep-\(UUID())")
    defer { try? FileManager.default.removeItem(at: dir) }
    let zh = try gridsim(
      "sweep", "Scenarios/ci/policy.json5", "--vary", "tiers.grid.deadlines.response=\"2 h\",\"4 h\"",
      "--replications", "3", "--lang", "zh", "--out", dir.path)
    #expect(zh.status == 0, "\(zh.stderr)")
    #expect(zh.stdout.hasPrefix("gridsim sweep：CI policy（Scenarios/ci/policy.json5）\n  2 个参数组合，共用随机数\n"))
    #expect(zh.stdout.contains("\n满足全部目标的最省人力组合：tiers.grid.deadlines.response=\"4 h\"（"))
    #expect(zh.stderr.hasPrefix("参数扫描已写入 "))
    let csv = try String(contentsOf: dir.appendingPathComponent("sweep.csv"), encoding: .utf8)
    #expect(
      csv.hasPrefix("tiers.grid.deadlines.response,人时,全部达成,grid answers on time 均值,grid answers on time 下限,"))
    let html = try String(contentsOf: dir.appendingPathComponent("sweep.html"), encoding: .utf8)
    #expect(html.contains("满足全部目标的最省人力组合") && !html.contains("Cheapest point"))
    let en = try gridsim(
      "sweep", "Scenarios/ci/policy.json5", "--vary", "tiers.grid.deadlines.response=\"2 h\",\"4 h\"",
      "--replications", "3", "--lang", "en")
    #expect(
      en.stdout.contains("\nCheapest point that meets every target: tiers.grid.deadlines.response=\"4 h\" ("))
    let bad = try gridsim("sweep", "Scenarios/ci/policy.json5", "--vary", "seed=1,2", "--lang", "fr")
    #expect(bad.status == 64)
  }
}
