import Foundation
import Testing

/// `gridsim drill` as run in a room (issue 34), end to end: the blank log scored as written, a
/// drill's end, the score page's timeline and improvement plan, and teams compared.
@Suite("gridsim drill in the room")
struct DrillRoomCLITests {
  static let flood = DrillCLITests.flood
  static let late = "Scenarios/drills/national-day-team-late.csv"
  static let onTime = "Scenarios/drills/national-day-team-on-time.csv"

  @Test("the blank template that script --out writes scores without edits: every row not done")
  func blankTemplate() throws {
    let out = DrillCLITests.temporary()
    defer { try? FileManager.default.removeItem(at: out) }
    #expect(try gridsim("drill", "script", Self.flood, "--out", out.path).status == 0)
    let log = out.appendingPathComponent("team-log.csv").path
    let r = try gridsim("drill", "score", Self.flood, "--log", log, "--replications", "0", "--lang", "en")
    // Scored (not refused with 65): nothing done, so the pack's pass criteria are missed.
    #expect(r.status == 1, "\(r.stderr)")
    #expect(r.stdout.contains("(0 rows, 11 left without a time)"))
    #expect(r.stdout.contains("Score: 0/100, rating U"))
    #expect(r.stdout.contains("Result: NOT PASSED"))
    #expect(!r.stdout.contains("Log rows not counted"))
  }

  @Test("--ends: actions due after it are beyond the drill, listed, not scored; a date alone is refused")
  func ends() throws {
    let r = try gridsim(
      "drill", "score", Self.flood, "--log", Self.late, "--ends", "2026-10-03T18:00", "--replications", "0",
      "--lang", "en")
    #expect(r.status == 1, "\(r.stderr)")
    #expect(r.stdout.contains("Drill ends: 2026-10-03T18:00 Sat (holiday, National Day)"))
    // Of the eleven actions, four fall due after 3 October: left out. The other seven score
    // 50 + 25 + 25 + 100 + 0 + 50 + 75 = 325: 46.4.
    #expect(r.stdout.contains("Score: 46.4/100"))
    #expect(r.stdout.contains("beyond the drill"))
    #expect(
      r.stdout.contains(
        "Beyond the drill (it ends 2026-10-03T18:00), not scored: I1 respond 村两委 due 2026-10-08T17:30 (done 2026-10-02T10:00)"
      ))
    let bad = try gridsim("drill", "score", Self.flood, "--log", Self.late, "--ends", "2026-10-03")
    #expect(bad.status == 64)
    #expect(
      bad.stderr.contains(
        "'--ends': expected a date and a time of day, found the date '2026-10-03' alone; write the time too: 2026-10-03T17:30"
      ))
  }

  @Test("a log row with a date and no time is refused (65) with the fix")
  func dateOnlyRow() throws {
    let folder = DrillCLITests.temporary()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let log = folder.appendingPathComponent("log.csv").path
    try "inject,action,time,unit\nI1,respond,2026-10-02,grid\n".write(toFile: log, atomically: true, encoding: .utf8)
    let r = try gridsim("drill", "score", Self.flood, "--log", log, "--replications", "0")
    #expect(r.status == 65)
    #expect(r.stderr.contains("log.csv:2: error: time: "))
    #expect(r.stderr.contains("found the date '2026-10-02' alone"))
    #expect(r.stderr.contains("write the time too: 2026-10-02T17:30"))
  }

  @Test("--out: the page says PASSED or NOT PASSED, has a timeline per inject, an improvement plan")
  func scorePage() throws {
    let out = DrillCLITests.temporary()
    defer { try? FileManager.default.removeItem(at: out) }
    let r = try gridsim(
      "drill", "score", Self.flood, "--log", Self.late, "--replications", "4", "--lang", "en", "--out", out.path)
    #expect(r.status == 1, "\(r.stderr)")
    let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
    #expect(names == ["improvement-plan.csv", "score.csv", "score.html", "score.json", "score.md"])
    let html = try String(contentsOf: out.appendingPathComponent("score.html"), encoding: .utf8)
    #expect(html.contains("<strong>NOT PASSED</strong> · Score"))
    // One timeline per released inject: I1, its contingency I1b (released: the report was late), I2.
    #expect(html.components(separatedBy: "<svg").count - 1 == 3)
    #expect(html.contains("<h2>Improvement plan</h2>"))
    #expect(html.contains("class=\"l n\"") || html.contains("class=\"n\""))
    // Calendar-time deadlines say how late only once (no "(- office time)").
    #expect(!html.contains("(- "))
    let plan = try String(contentsOf: out.appendingPathComponent("improvement-plan.csv"), encoding: .utf8)
    let lines = plan.split(separator: "\n")
    #expect(lines[0] == "no,objective,inject,action,tier,issue,rule,corrective_action,responsible,start,completion,contact")
    // Seven actions late or not done: five late, I1's reply and I1b's reply not done.
    #expect(lines.count == 8)
    #expect(lines[1].hasPrefix("1,O2,I1,report,领导小组,late by 50 min"))
    let csv = try String(contentsOf: out.appendingPathComponent("score.csv"), encoding: .utf8)
    #expect(csv.hasPrefix("inject,action,tier,due,actual,status,late_minutes,late_working_minutes,points,objectives,policy_p50_minutes,policy_p90_minutes,faster_than_percent\n"))
    let zh = try gridsim(
      "drill", "score", Self.flood, "--log", Self.late, "--replications", "2", "--lang", "zh", "--out", out.path)
    #expect(zh.status == 1)
    #expect(zh.stdout.contains("结果: 未通过"))
    #expect(zh.stdout.contains("的模拟运行"))
    let zhHTML = try String(contentsOf: out.appendingPathComponent("score.html"), encoding: .utf8)
    #expect(zhHTML.contains("<strong>未通过</strong>"))
    #expect(zhHTML.contains("<h2>改进计划</h2>"))
  }

  @Test("teams compared: ranked by score, rating, lateness; one folder; exit 1 when any team fails")
  func compared() throws {
    let out = DrillCLITests.temporary()
    let logs = DrillCLITests.temporary()
    try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
    defer {
      try? FileManager.default.removeItem(at: out)
      try? FileManager.default.removeItem(at: logs)
    }
    let r = try gridsim(
      "drill", "score", Self.flood, "--log", Self.late, "--log", Self.onTime, "--replications", "2", "--lang",
      "en", "--out", out.path)
    #expect(r.status == 1, "\(r.stderr)")
    #expect(r.stdout.contains("2 teams compared"))
    #expect(r.stdout.contains("Ranked by score (higher first), then rating (better first), then total lateness"))
    let first = try #require(r.stdout.range(of: "   1  national-day-team-on-time    100  P       PASSED"))
    let second = try #require(r.stdout.range(of: "   2  national-day-team-late      56.8  M       NOT PASSED"))
    #expect(first.lowerBound < second.lowerBound)
    #expect(r.stderr.contains("Wrote comparison.json, comparison.csv, comparison.md, comparison.html, teams/ to"))
    let csv = try String(contentsOf: out.appendingPathComponent("comparison.csv"), encoding: .utf8)
    #expect(csv.hasPrefix("rank,team,log,score,rating,passed,total_late_minutes,not_done,O1_score,O2_score,O3_score,O4_score\n1,national-day-team-on-time,"))
    let html = try String(contentsOf: out.appendingPathComponent("comparison.html"), encoding: .utf8)
    // A chart overall and one per objective (four).
    #expect(html.components(separatedBy: "<svg").count - 1 == 5)
    for team in ["national-day-team-on-time", "national-day-team-late"] {
      #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("teams/\(team)/score.html").path))
    }
    // A folder of logs: two copies of the team that met the policy; every team passes: 0.
    for name in ["a.csv", "b.csv"] {
      try FileManager.default.copyItem(
        at: packageRoot.appendingPathComponent(Self.onTime), to: logs.appendingPathComponent(name))
    }
    let both = try gridsim("drill", "score", Self.flood, "--log", logs.path, "--replications", "0", "--lang", "en")
    #expect(both.status == 0, "\(both.stderr)")
    #expect(both.stdout.contains("Result: every team PASSED"))
    // Equal on score, rating and lateness: the same rank.
    #expect(both.stdout.contains("   1  a  ") && both.stdout.contains("   1  b  "))
    let zh = try gridsim(
      "drill", "score", Self.flood, "--log", logs.path, "--log", Self.late, "--replications", "0", "--lang", "zh")
    #expect(zh.status == 1)
    let allowed = try LanguageCLITests.allowed("Scenarios/national-day-2026.json5").union([
      "national", "day", "team", "late", "gridsim", "drill", "score", "O", "I",
    ])
    #expect(LanguageCLITests.english(zh, allowed: allowed).isEmpty, "\(LanguageCLITests.english(zh, allowed: allowed))")
  }
}
