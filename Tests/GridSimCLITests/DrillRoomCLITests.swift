import Foundation
import GridSimTestSupport
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
    try "inject,action,time,unit\nI1,respond,2026-10-02,grid\n".write(
      toFile: log, atomically: true, encoding: .utf8)
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
      "drill", "score", Self.flood, "--log", Self.late, "--replications", "4", "--lang", "en", "--out",
      out.path)
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
    #expect(
      lines[0]
        == "no,objective,inject,action,tier,issue,rule,corrective_action,responsible,start,completion,contact"
    )
    // Seven actions late or not done: five late, I1's reply and I1b's reply not done.
    #expect(lines.count == 8)
    #expect(lines[1].hasPrefix("1,O2,I1,report,领导小组,late by 50 min"))
    let csv = try String(contentsOf: out.appendingPathComponent("score.csv"), encoding: .utf8)
    #expect(
      csv.hasPrefix(
        "inject,action,tier,due,actual,status,late_minutes,late_working_minutes,points,objectives,policy_p50_minutes,policy_p90_minutes,faster_than_percent\n"
      ))
    let zh = try gridsim(
      "drill", "score", Self.flood, "--log", Self.late, "--replications", "2", "--lang", "zh", "--out",
      out.path)
    #expect(zh.status == 1)
    #expect(zh.stdout.contains("结果：未通过（"))
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
    #expect(
      r.stdout.contains("Ranked by score (higher first), then rating (better first), then total lateness"))
    let first = try #require(r.stdout.range(of: "   1  national-day-team-on-time    100  P       PASSED"))
    let second = try #require(
      r.stdout.range(of: "   2  national-day-team-late      56.8  M       NOT PASSED"))
    #expect(first.lowerBound < second.lowerBound)
    #expect(
      r.stderr.contains("Wrote comparison.json, comparison.csv, comparison.md, comparison.html, teams/ to"))
    let csv = try String(contentsOf: out.appendingPathComponent("comparison.csv"), encoding: .utf8)
    #expect(
      csv.hasPrefix(
        "rank,team,log,score,rating,passed,total_late_minutes,not_done,O1_score,O2_score,O3_score,O4_score\n1,national-day-team-on-time,"
      ))
    let html = try String(contentsOf: out.appendingPathComponent("comparison.html"), encoding: .utf8)
    // A chart overall and one per objective (four).
    #expect(html.components(separatedBy: "<svg").count - 1 == 5)
    for team in ["national-day-team-on-time", "national-day-team-late"] {
      #expect(
        FileManager.default.fileExists(atPath: out.appendingPathComponent("teams/\(team)/score.html").path))
    }
    // A folder of logs: two copies of the team that met the policy; every team passes: 0.
    for name in ["a.csv", "b.csv"] {
      try FileManager.default.copyItem(
        at: packageRoot.appendingPathComponent(Self.onTime), to: logs.appendingPathComponent(name))
    }
    let both = try gridsim(
      "drill", "score", Self.flood, "--log", logs.path, "--replications", "0", "--lang", "en")
    #expect(both.status == 0, "\(both.stderr)")
    #expect(both.stdout.contains("Result: every team PASSED"))
    // Equal on score, rating and lateness: the same rank.
    #expect(both.stdout.contains("   1  a  ") && both.stdout.contains("   1  b  "))
    let zh = try gridsim(
      "drill", "score", Self.flood, "--log", logs.path, "--log", Self.late, "--replications", "0", "--lang",
      "zh")
    #expect(zh.status == 1)
    let allowed = try LanguageCLITests.allowed("Scenarios/national-day-2026.json5").union([
      "national", "day", "team", "late", "gridsim", "drill", "score", "O", "I",
    ])
    #expect(
      LanguageCLITests.english(zh, allowed: allowed).isEmpty,
      "\(LanguageCLITests.english(zh, allowed: allowed))")
  }
}

/// `gridsim drill play` driven through a pseudo-terminal: script(1) runs it as the session leader
/// of a terminal of its own, so that what is typed reaches it as a recorder's keyboard would, and
/// Ctrl-C (the terminal's interrupt character) reaches it as a signal.
final class PlayTerminal: @unchecked Sendable {
  let process = Process()
  let input = Pipe()
  let output = Pipe()
  private let lock = NSLock()
  private var buffer = Data()

  init(_ arguments: [String]) throws {
    let command = ([gridsimExecutable().path] + arguments).map { "'\($0)'" }.joined(separator: " ")
    process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
    // -e: script exits with the play's status; -f: flushed as it comes.
    process.arguments = ["-qefc", command, "/dev/null"]
    process.currentDirectoryURL = packageRoot
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    output.fileHandleForReading.readabilityHandler = { [weak self] handle in
      let data = handle.availableData
      guard let self else { return }
      self.lock.lock()
      self.buffer.append(data)
      self.lock.unlock()
    }
    try process.run()
  }

  var text: String {
    lock.lock()
    defer { lock.unlock() }
    return String(decoding: buffer, as: UTF8.self)
  }

  func type(_ text: String) { input.fileHandleForWriting.write(Data(text.utf8)) }

  /// Waits (up to `seconds`) until the output holds `text`.
  @discardableResult
  func wait(for text: String, seconds: Double = 20) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if self.text.contains(text) { return true }
      Thread.sleep(forTimeInterval: 0.05)
    }
    return false
  }

  func finish(seconds: Double = 20) -> Int32 {
    let deadline = Date().addingTimeInterval(seconds)
    while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    if process.isRunning { process.terminate() }
    process.waitUntilExit()
    output.fileHandleForReading.readabilityHandler = nil
    return process.terminationStatus
  }
}

@Suite("gridsim drill play, live", .serialized)
struct DrillPlayLiveTests {
  static let pack = DrillCLITests.twoSessions

  @Test(
    "two views, one clock: actions typed are checked, journaled line by line; contingencies follow the log")
  func liveRoom() throws {
    let folder = DrillCLITests.temporary()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let log = folder.appendingPathComponent("team.csv").path
    let players = folder.appendingPathComponent("players.html").path
    // An hour a second: I1 at 20:30, its contingency's trigger (I1 respond missing after 4 h) 4 s on.
    let play = try PlayTerminal([
      "drill", "play", Self.pack, "--speed", "3600", "--log", log, "--players", players, "--lang", "en",
    ])
    #expect(play.wait(for: "== 2026-03-05T20:30 Thu == I1"), "\(play.text)")
    play.type("I1 respond 网格员\nI9 respond 网格员\nI1 响应 镇\n")
    #expect(play.wait(for: "logged: I1 respond · 网格员 (网格员) at 2026-03-05T2"), "\(play.text)")
    // Flushed at once: in the file while the play runs.
    let journal = try String(contentsOfFile: log, encoding: .utf8)
    #expect(journal.hasPrefix("inject,action,time,unit,role,note\nI1,respond,2026-03-05T2"))
    #expect(play.text.contains("?? no inject 'I9' in the pack; did you mean 'I1'?"))
    #expect(play.text.contains("?? '镇' is not the inject's grid, a unit above it, or a tier"))
    // The response was logged before 00:30: the contingency is not released.
    #expect(play.wait(for: "-- I1b not released: its trigger was not met"), "\(play.text)")
    play.type("pause\n")
    #expect(play.wait(for: "-- paused at"))
    play.type("resume\njump I2\n")
    #expect(play.wait(for: "-- jumped to 2026-03-06T10:30"), "\(play.text)")
    #expect(play.wait(for: "== 2026-03-06T10:30 Fri == I2"), "\(play.text)")
    play.type("end\n")
    #expect(play.finish() == 0, "\(play.text)")
    #expect(play.text.contains("Drill over: 2 injects released, 1 actions logged to \(log)."))
    // The players' view: the inject as released, no expected actions, no contingency.
    let page = try String(contentsOfFile: players, encoding: .utf8)
    #expect(page.contains("网民发帖：3村老粮站旁危房无人管") && page.contains("住户到村委会反映危房"))
    #expect(!page.contains("帖子发酵"))
    #expect(!page.contains("expected") && !page.contains("due"))
    #expect(page.contains("The drill is over."))
    // The journal scores at once.
    let score = try gridsim("drill", "score", Self.pack, "--log", log, "--replications", "0", "--lang", "en")
    #expect([0, 1].contains(score.status), "\(score.stderr)")
    #expect(score.stdout.contains("(1 rows)"))
  }

  @Test("an alert when a deadline passes with nothing logged; Ctrl-C keeps what was logged")
  func alertAndInterrupt() throws {
    let folder = DrillCLITests.temporary()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let log = folder.appendingPathComponent("team.csv").path
    // Ten minutes a second: I1's grid response (due 21:30) falls due 6 s in.
    let play = try PlayTerminal(["drill", "play", Self.pack, "--speed", "600", "--log", log, "--lang", "en"])
    #expect(play.wait(for: "== 2026-03-05T20:30 Thu == I1"), "\(play.text)")
    play.type("I1 report 领导小组\n")
    #expect(play.wait(for: "logged: I1 report"), "\(play.text)")
    // Faster from now on: an hour in 1.2 s.
    play.type("speed 3000\nspeed fast\n")
    #expect(play.wait(for: "-- speed 3000"), "\(play.text)")
    #expect(play.wait(for: "?? expected a speed from above 0 to 1000000, found 'fast'"), "\(play.text)")
    #expect(
      play.wait(for: "!! ALERT I1 respond · 网格员 was due 2026-03-05T21:30 Thu: nothing logged"), "\(play.text)"
    )
    // Ctrl-C, as the terminal sends it: the play stops (130) and the journal keeps its line.
    play.type("\u{03}")
    #expect(play.finish() == 130, "\(play.text)")
    let journal = try String(contentsOfFile: log, encoding: .utf8)
    #expect(journal.split(separator: "\n").count == 2)
    #expect(journal.contains("I1,report,2026-03-05T20:3"))
  }
}
