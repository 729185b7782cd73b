import Foundation
import GridSimTestSupport
import Testing

@Suite("gridsim calendar end to end")
struct CalendarCLITests {
  @Test("calendar due prints the due time as an ISO 8601 local date-time")
  func due() throws {
    let r = try gridsim("calendar", "due", "2026-09-30T10:00", "3 working days")
    #expect(r.status == 0)
    #expect(r.stdout == "2026-10-10T17:30\n")
    #expect(r.stderr.isEmpty)
    let late = try gridsim("calendar", "due", "2026-12-31T16:00", "8 working hours")
    #expect(late.stdout == "2027-01-01T17:30\n")
    #expect(
      late.stderr
        == "warning: no holiday data for 2027: weekends only; pass --scenario with a calendar that has them\n"
    )
  }

  @Test("calendar YEAR --format csv has a row per day: date,weekday,kind,name")
  func csv() throws {
    let r = try gridsim("calendar", "2026", "--format", "csv")
    #expect(r.status == 0)
    let lines = r.stdout.split(separator: "\n")
    #expect(lines.count == 366)
    #expect(lines[0] == "date,weekday,kind,name")
    #expect(lines.contains("2026-10-10,Sat,makeup-workday,National Day make-up workday"))
    #expect(lines.contains("2026-10-01,Thu,holiday,National Day"))
    #expect(lines.contains("2026-10-11,Sun,weekend,"))
    let text = try gridsim("calendar", "2026")
    try expectSnapshot(text.stdout, "calendar-2026.txt")
  }

  @Test("calendar usage errors exit 64")
  func errors() throws {
    for args in [
      ["calendar", "due", "2026-09-30", "3 workdays"], ["calendar", "20x6"], ["calendar", "due", "x", "1 h"],
    ] {
      let r = try gridsimArgs(args)
      #expect(r.status == 64, "\(args)")
      #expect(r.stderr.hasPrefix("Error: "))
    }
  }
}

@Suite("Working time and the rest end to end")
struct WorkingTimeCLITests {
  let fixture = "\(fixtures)/national-day.json5"

  @Test("run on a scenario with working-time deadlines, a calendar file, office hours and demand by day kind")
  func runNationalDay() throws {
    let r = try gridsim("run", fixture)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.isEmpty)
    try expectSnapshot(r.stdout, "run-national-day.txt")
    let json = try gridsim("run", fixture, "--format", "json")
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let targets = try #require(document["targets"] as? [[String: Any]])
    #expect(targets.map { $0["name"] as? String } == ["grid answers on time", "resolution.p90 ≤ 3 days"])
    #expect(targets.allSatisfy { $0["met"] as? Bool == true })
  }

  @Test("calendar uses a scenario's holidays, cut-off and a tier's office hours")
  func calendarWithScenario() throws {
    let village = try gridsim(
      "calendar", "due", "2026-10-09T16:00", "2 working hours", "--scenario", fixture, "--tier", "village")
    #expect(village.stdout == "2026-10-10T10:00\n")  // 16:00-17:00, then 09:00-10:00 on the make-up Saturday
    let cutoff = try gridsim("calendar", "due", "2026-10-09T16:30", "same day", "--scenario", fixture)
    #expect(cutoff.stdout == "2026-10-10T17:30\n")
    let fair = try gridsim("calendar", "due", "2026-10-10T09:00", "1 working day", "--scenario", fixture)
    #expect(fair.stdout == "2026-10-13T17:30\n")  // the county fair's Monday is off
    let csv = try gridsim("calendar", "2026", "--format", "csv", "--scenario", fixture)
    #expect(csv.stdout.contains("\n2026-10-12,Mon,holiday,County fair\n"))
    let tier = try gridsim(
      "calendar", "due", "2026-10-09T16:00", "1 h", "--scenario", fixture, "--tier", "town")
    #expect(tier.status == 64)
    #expect(tier.stderr.hasPrefix("Error: The scenario has no tier 'town'; its tiers are grid, village."))
  }

  @Test("an overrides file is not a scenario to run; validate checks --set values")
  func overridesAndSet() throws {
    let run = try gridsim("run", "Scenarios/ci/answer-within-the-hour.json5")
    #expect(run.status == 65)
    #expect(
      run.stderr.hasPrefix(
        "Error: Scenarios/ci/answer-within-the-hour.json5 is an overrides file, not a scenario"))
    let good = try gridsim("validate", fixture, "--set", "tiers.village.deadlines.resolution=5 working days")
    #expect(good.status == 0)
    let bad = try gridsim("validate", fixture, "--set", "tiers.village.deadlines.resolution=5 workdays")
    #expect(bad.status == 65)
    #expect(
      bad.stderr.hasPrefix(
        "\(fixture) (--set tiers.village.deadlines.resolution=5 workdays): error: tiers[1].deadlines.resolution: expected a deadline"
      ))
  }

  @Test("bench times the engine against the bare loop and, with --replications, the speed-up of jobs")
  func bench() throws {
    let r = try gridsim(
      "bench", "--hours", "2000", "--repeat", "1", "--scenario", "\(fixtures)/small.json5", "--replications",
      "4",
      "--jobs", "2")
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(lines.contains { $0.hasPrefix("bare loop") && $0.hasSuffix("M/s") })
    #expect(lines.contains { $0.hasPrefix("gridsim ") && $0.hasSuffix("M/s") })
    #expect(lines.contains { $0.hasPrefix("ratio: gridsim takes ") })
    // The engine (tandem3 runs its basic copy) and the bare loop draw the same numbers: the same
    // mean wait at each tier, to the digits printed.
    let waits = try #require(lines.first { $0.hasPrefix("mean waits per tier (h), gridsim vs bare: ") })
    let pairs = waits.split(separator: ":").last!.split(separator: ",").map {
      $0.trimmingCharacters(in: .whitespaces).split(separator: "/").map(String.init)
    }
    #expect(pairs.count == 3 && pairs.allSatisfy { $0.count == 2 && $0[0] == $0[1] && $0[0] != "0.0000" })
    #expect(lines.contains("小镇 small: 4 replications by number of jobs (fastest of the repeats)"))
    #expect(lines.contains { $0.hasPrefix("   1 ") && $0.hasSuffix("1.00x") })
    #expect(lines.contains { $0.hasPrefix("   2 ") })
    let misuse = try gridsim("bench", "--replications", "4")
    #expect(misuse.status == 64)
  }

  @Test(
    "bench --plan times the planner with its snapshots and without: the same plan, and the runs that went on from one"
  )
  func benchPlan() throws {
    // The Erlang desk on 6 replications, to keep the test short.
    let folder = temporaryFolder()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let desk = folder.appendingPathComponent("desk.json5").path
    try String(
      contentsOf: packageRoot.appendingPathComponent("Scenarios/planning/erlang-desk.json5"), encoding: .utf8
    )
    .replacingOccurrences(of: "replications: 30", with: "replications: 6")
    .write(toFile: desk, atomically: true, encoding: .utf8)
    let r = try gridsim("bench", "--hours", "2000", "--repeat", "1", "--plan", desk)
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n").map(String.init)
    let with = try #require(lines.first { $0.hasPrefix("from snapshots, as checked") })
    let without = try #require(lines.first { $0.hasPrefix("whole period") })
    // Columns: wall time (2 words), evaluations, simulations, from a snapshot, simulations/s.
    func columns(_ line: String) -> [String] {
      line.split(separator: " ").map(String.init).suffix(6).map { $0 }
    }
    let (a, b) = (columns(with), columns(without))
    #expect(a[2] == b[2] && a[3] == b[3], "the same search: \(a) \(b)")
    #expect(a[4] == a[3] && b[4] == "0", "every run from a snapshot, or none: \(a) \(b)")
    #expect(
      lines.contains { $0.hasPrefix("Snapshots and scope: ") && $0.hasSuffix("faster; the same plan.") })
    let unplanned = try gridsim(
      "bench", "--hours", "2000", "--repeat", "1", "--plan", "\(fixtures)/small.json5")
    #expect(unplanned.status == 64 && unplanned.stderr.contains("has no 'plan' key"), "\(unplanned.stderr)")
  }
}
