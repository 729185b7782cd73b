import Foundation
import GridSimTestSupport
import Testing

/// `gridsim drill` end to end: the built executable, its stdout, stderr and exit codes.
@Suite("gridsim drill")
struct DrillCLITests {
  static let twoSessions = "Scenarios/drills/two-sessions-dangerous-building.json5"
  static let flood = "Scenarios/drills/national-day-flood.json5"

  static func temporary() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("gridsim-drill-\(UUID().uuidString)")
  }

  @Test("script: the injects with their expected actions and due times; --out writes four files")
  func script() throws {
    let out = Self.temporary()
    defer { try? FileManager.default.removeItem(at: out) }
    let r = try gridsim("drill", "script", Self.flood, "--lang", "en", "--out", out.path)
    #expect(r.status == 0, "\(r.stderr)")
    // A post on the morning of 2 October: the grid's stated 30 min, the skip-level hour, and the
    // village's 1 working day from the end of the holiday (Saturday 10 October is a make-up day).
    #expect(r.stdout.contains("2026-10-02T06:40 Fri (holiday, National Day)"))
    #expect(r.stdout.contains("2026-10-10T17:30 Sat (make-up workday, National Day make-up workday)"))
    #expect(r.stdout.contains("* a contingency: I1b only if I1 report is not done within 60 min"))
    let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
    #expect(names == ["cards.html", "script.csv", "script.html", "script.md", "team-log.csv"])
    let log = try String(contentsOf: out.appendingPathComponent("team-log.csv"), encoding: .utf8)
    #expect(log.hasPrefix("inject,action,time,unit,role,note\nI1,report,,青山镇,leadership,"))
    #expect(r.stderr.contains("Wrote script.csv, script.md, script.html, team-log.csv, cards.html"))
    // The printed cards: every inject, no expected action.
    let cards = try String(contentsOf: out.appendingPathComponent("cards.html"), encoding: .utf8)
    #expect(cards.components(separatedBy: "<section class=\"card\">").count - 1 == 3)
    #expect(
      !cards.contains("due") && cards.contains("Contingency: only if I1 report is not done within 60 min"))
  }

  @Test("play: releases every inject in time order, contingencies marked, and ends")
  func play() throws {
    let r = try gridsim("drill", "play", Self.twoSessions, "--speed", "1000000", "--lang", "en")
    #expect(r.status == 0, "\(r.stderr)")
    let order = [
      "== 2026-03-05T20:30 Thu == I1", "== 2026-03-06T00:30 Fri == I1b", "== 2026-03-06T10:30 Fri == I2",
    ]
    let positions = order.map { r.stdout.range(of: $0)?.lowerBound }
    #expect(positions.allSatisfy { $0 != nil }, "\(r.stdout)")
    #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
    #expect(r.stdout.contains("CONTINGENCY, only if I1 respond is not done within 4 h"))
    #expect(r.stdout.contains("Drill over: 2 injects released, 1 contingency shown."))
    // Not a terminal: no clock on stderr.
    #expect(r.stderr.isEmpty)
    let bad = try gridsim("drill", "play", Self.twoSessions, "--speed", "0")
    #expect(bad.status == 64)
    let from = try gridsim("drill", "play", Self.twoSessions, "--speed", "1000000", "--from", "I9")
    #expect(from.status == 64 && from.stderr.contains("The pack has no inject 'I9'"))
  }

  @Test("play stops cleanly on an interrupt")
  func interrupt() throws {
    let process = Process()
    process.executableURL = gridsimExecutable()
    process.arguments = ["drill", "play", Self.twoSessions]
    process.currentDirectoryURL = packageRoot
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    Thread.sleep(forTimeInterval: 1)
    process.interrupt()
    process.waitUntilExit()
    #expect(process.terminationStatus == 130)
    #expect(process.terminationReason == .exit)
    let printed = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(printed.contains("I1 · 网民发帖"))
    #expect(!printed.contains("I2 ·"))
  }

  @Test("score: the team that meets the policy passes (0), the one that misses it does not (1)")
  func score() throws {
    let good = try gridsim(
      "drill", "score", Self.flood, "--log", "Scenarios/drills/national-day-team-on-time.csv",
      "--replications", "2",
      "--lang", "en")
    #expect(good.status == 0, "\(good.stderr)")
    #expect(good.stdout.contains("Score: 100/100, rating P (performed without challenges)"))
    #expect(good.stdout.contains("Result: PASSED"))
    let late = try gridsim(
      "drill", "score", Self.flood, "--log", "Scenarios/drills/national-day-team-late.csv", "--replications",
      "0",
      "--format", "json")
    #expect(late.status == 1)
    let json = try #require(JSONSerialization.jsonObject(with: Data(late.stdout.utf8)) as? [String: Any])
    #expect(json["passed"] as? Bool == false)
    #expect(json["rating"] as? String == "M")
    let actions = try #require(json["actions"] as? [[String: Any]])
    // The grid worker arrived at 07:30 for a 06:40 due time: 50 min late, none of it office time
    // (a holiday).
    let respond = try #require(
      actions.first { $0["action"] as? String == "respond" && $0["tier"] as? String == "grid" })
    #expect(respond["due"] as? String == "2026-10-02T06:40")
    #expect(respond["actual"] as? String == "2026-10-02T07:30")
    #expect(respond["lateMinutes"] as? Double == 50)
    #expect(respond["lateWorkingMinutes"] as? Double == 0)
  }

  @Test("score: a bad log is refused (65) with every row's line; a missing one is 66; usage 64")
  func badInput() throws {
    let folder = Self.temporary()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let log = folder.appendingPathComponent("log.csv")
    try
      "inject,action,time,unit\nI1,respond,2026-03-05T21:00,3村第2网格\nI7,respond,2026-03-05T21:00,3村\nI1,reply,5 March,3村\n"
      .write(to: log, atomically: true, encoding: .utf8)
    let bad = try gridsim("drill", "score", Self.twoSessions, "--log", log.path, "--replications", "0")
    #expect(bad.status == 65)
    #expect(bad.stderr.contains("log.csv:3: error: inject: expected an inject id of the pack, found 'I7'"))
    #expect(bad.stderr.contains("log.csv:4: error: time: expected a local date-time"))
    #expect(bad.stdout.isEmpty)
    let missing = try gridsim(
      "drill", "score", Self.twoSessions, "--log", folder.appendingPathComponent("none.csv").path)
    #expect(missing.status == 66)
    let noLog = try gridsim("drill", "score", Self.twoSessions)
    #expect(noLog.status == 64 && noLog.stderr.contains("Missing '--log FILE'"))
    let unknown = try gridsim("drill", "scroe", Self.twoSessions)
    #expect(unknown.status == 64 && unknown.stderr.contains("Did you mean 'score'?"))
  }

  @Test("a bad pack: every problem at once (65); validate and trace take packs")
  func packs() throws {
    let folder = Self.temporary()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.copyItem(
      at: packageRoot.appendingPathComponent("Scenarios/township-baseline.json5"),
      to: folder.appendingPathComponent("township-baseline.json5"))
    let pack = folder.appendingPathComponent("bad.json5")
    try """
    { version: 1, name: "bad", scenario: "township-baseline.json5",
      injects: [{ id: "I1", at: "2026-03-05T09:00", grid: "3村第9网格", severity: "urgent" }] }
    """.write(to: pack, atomically: true, encoding: .utf8)
    let r = try gridsimArgs(["drill", "script", "bad.json5"], in: folder)
    #expect(r.status == 65)
    #expect(r.stderr.contains("bad.json5:2:"))
    #expect(
      r.stderr.contains("error: injects[0].grid: expected the name of a grid of the scenario, found '3村第9网格'")
    )
    #expect(r.stderr.contains("Error: bad.json5 has 2 problems; nothing was run."))
    #expect(r.stderr.contains("injects[0].severity: expected a severity id of the scenario, found 'urgent'"))
    let ok = try gridsim("validate", Self.twoSessions, "--lang", "en")
    #expect(ok.status == 0)
    #expect(
      ok.stdout.contains(
        "ok: drill pack against Scenarios/township-baseline.json5, 3 injects (1 conditional)"))
    let trace = try gridsim("trace", Self.twoSessions, "--inject", "I1", "--lang", "en")
    #expect(trace.status == 0, "\(trace.stderr)")
    #expect(trace.stdout.contains("负面舆情 (negative-opinion), 较大 (serious), by 网络留言 (online), in 3村第2网格"))
    #expect(trace.stdout.contains("Opinion: kept from worsening"))
    let none = try gridsim("trace", Self.twoSessions, "--inject", "I9")
    #expect(none.status == 64 && none.stderr.contains("There is no inject 'I9'"))
  }
}
