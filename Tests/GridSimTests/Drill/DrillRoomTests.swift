import Foundation
import Testing

@testable import GridSim

/// Drills as run in a room (issue 34): the blank log scores as filled in, a drill has an end, the
/// scoring rule's boundaries, "faster than" with ties, and teams compared. Answers by hand.
@Suite("Drill room")
struct DrillRoomTests {
  /// Monday 12 October 2026 (a plain workday), office 08:30-12:00 and 14:30-17:30: the grid must
  /// respond within 1 h of release (stated, calendar time) and pass up within 2 working hours; a
  /// contingency fires when the response is missing after 2 h.
  static let pack = """
    { version: 1, name: "room", scenario: "s.json5",
      objectives: [
        { id: "O1", text: "grid", tests: ["I1.respond.grid", "I1.escalate.grid"] },
        { id: "O2", text: "township", tests: ["I1.respond.township", "I1.reply"] },
      ],
      injects: [
        { id: "I1", at: "2026-10-12T09:00", channel: "patrol", title: "post",
          expect: [{ action: "respond", within: "1 h" }, { action: "escalate", within: "2 working hours" }] },
        { id: "I1b", when: { missing: "I1.respond", by: "2 h" }, channel: "patrol", title: "trending" },
      ] }
    """

  static func drill(_ extra: String = "") throws -> LoadedDrill {
    try DrillTests.loadPack(
      extra.isEmpty
        ? pack : pack.replacingOccurrences(of: "name: \"room\",", with: "name: \"room\", \(extra),"))
  }

  @Test("the timeline the tests below rely on")
  func timeline() throws {
    let d = try Self.drill()
    let e = d.script.releases[0].expectations.map { "\($0.action.rawValue)@\($0.tier) \($0.due)" }
    // Stated: respond by 10:00 (1 h), escalate by 11:00 (2 office hours from 09:00). The township's
    // 8 working hours run from 11:00: 1 h to noon, 3 h in the afternoon, 3.5 h on the morning of
    // the 13th and 30 min after lunch: 15:00; 3 working days after the 12th: the 15th.
    #expect(
      e == [
        "respond@0 2026-10-12T10:00", "escalate@0 2026-10-12T11:00", "respond@1 2026-10-13T15:00",
        "reply@1 2026-10-15T17:30",
      ])
  }

  @Test(
    "an action exactly 25% late scores 75; a minute more scores 50",
    arguments: [
      // Calendar time: 1 h allowed, 15 min late is a quarter.
      ("I1,respond,2026-10-12T10:15,grid", 0, 75), ("I1,respond,2026-10-12T10:16,grid", 0, 50),
      // Office time: 2 working hours allowed (120 min), 30 min late is a quarter.
      ("I1,escalate,2026-10-12T11:30,grid", 1, 75), ("I1,escalate,2026-10-12T11:31,grid", 1, 50),
      // 120 office minutes late (all of it): 11:00 to 12:00 is 60, 14:30 to 15:30 another 60.
      ("I1,escalate,2026-10-12T15:30,grid", 1, 50), ("I1,escalate,2026-10-12T15:31,grid", 1, 25),
    ])
  func quarterLate(row: String, outcome: Int, points: Int) throws {
    let d = try Self.drill()
    let log = try DrillTests.log("inject,action,time,unit\n" + row, d)
    let score = DrillScore(pack: d.pack, scenario: d.scenario, log: log)
    #expect(score.outcomes[outcome].points == points)
  }

  @Test("the blank template scores as filled in: no time is not done, unreleased contingencies skipped")
  func blankTemplate() throws {
    let d = try Self.drill()
    let report = DrillReport(pack: d.pack, scenario: d.scenario, language: .en)
    let template = report.teamLogTemplate(d.script)
    // As written: every row blank. It reads, and scores 0 with nothing not counted.
    let blank = try DrillTests.log(template, d)
    #expect(blank.rows.isEmpty)
    #expect(blank.blankLines == Array(2...(template.split(separator: "\n").count)))
    let none = DrillScore(pack: d.pack, scenario: d.scenario, log: blank)
    #expect(none.score == 0 && none.unexpected.isEmpty)
    // Filled in: the grid's response at 09:30, its escalation at 10:30; the rest left blank,
    // including the contingency's row (I1b never came: I1 was answered).
    var lines = template.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    for (i, line) in lines.enumerated() {
      if line.hasPrefix("I1,respond,,网格1") {
        lines[i] = line.replacingOccurrences(of: "I1,respond,,", with: "I1,respond,2026-10-12T09:30,")
      }
      if line.hasPrefix("I1,escalate,,网格1") {
        lines[i] = line.replacingOccurrences(of: "I1,escalate,,", with: "I1,escalate,2026-10-12T10:30,")
      }
    }
    let filled = try DrillTests.log(lines.joined(separator: "\n"), d)
    #expect(filled.rows.count == 2)
    let score = DrillScore(pack: d.pack, scenario: d.scenario, log: filled)
    // 100 + 100 + 0 + 0 over four actions; I1b not released, so not expected.
    #expect(score.score == 50)
    #expect(score.timeline.releases.filter(\.fired).count == 1)
    #expect(score.unexpected.isEmpty)
  }

  @Test("a date without a time is refused with the fix, in a log, in ends and in --ends")
  func dateOnly() throws {
    let d = try Self.drill()
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("d-\(UUID().uuidString).csv")
      .path
    try "inject,action,time,unit\nI1,respond,2026-10-12,grid\n".write(
      toFile: path, atomically: true, encoding: .utf8)
    guard case .failure(.invalid(let problems)) = TeamLog.read(path: path, pack: d.pack, scenario: d.scenario)
    else {
      Issue.record("a date alone was read")
      return
    }
    #expect(problems.count == 1 && problems[0].line == 2 && problems[0].keyPath == "time")
    #expect(problems[0].message == "expected a date and a time of day, found the date '2026-10-12' alone")
    #expect(
      problems[0].fix == "write the time too: 2026-10-12T17:30 (2026-10-12T00:00 for the start of the day)")
    #expect(
      DrillPack.drillTime("2026/10/12")
        == .failure(
          .init(
            message: "expected a date and a time of day, found the date '2026/10/12' alone",
            fix: "write the time too: 2026-10-12T17:30 (2026-10-12T00:00 for the start of the day)")))
    let bad = DrillTests.problems(
      Self.pack.replacingOccurrences(of: "name: \"room\",", with: "name: \"room\", ends: \"2026-10-13\","))
    #expect(bad.map(\.keyPath) == ["ends"])
    #expect(bad.first?.fix?.contains("2026-10-13T17:30") == true)
  }

  @Test("ends: actions due after it are beyond the drill, listed, and left out of the score")
  func ends() throws {
    let d = try Self.drill("ends: \"2026-10-12T17:30\"")
    #expect(d.pack.ends?.description == "2026-10-12T17:30")
    let log = try DrillTests.log(
      "inject,action,time,unit\nI1,respond,2026-10-12T09:30,grid\nI1,escalate,2026-10-12T11:30,grid\nI1,respond,2026-10-12T16:00,township",
      d)
    let score = DrillScore(pack: d.pack, scenario: d.scenario, log: log)
    // The township's response (due the 13th) and reply (the 15th) are beyond the drill: listed,
    // the response with the time the team did it.
    #expect(score.beyond.map { score.outcomes[$0].expectation.action } == [.respond, .reply])
    #expect(
      score.outcomes[2].status == .beyond && score.outcomes[2].actual?.description == "2026-10-12T16:00")
    // Scored: 100 and 75 (30 min of 2 office hours late): 87.5, S.
    #expect(score.score == 87.5)
    #expect(score.rating == .someChallenges)
    // O2 tests only actions beyond the drill: not tested.
    #expect(score.objectives[1].score == nil && score.objectives[1].rating == nil)
    #expect(score.objectives[0].score == 87.5)
    // The township row matched an action beyond the drill: counted there, not lost.
    #expect(score.unexpected.isEmpty)
    // 30 min late in all.
    #expect(score.totalLateness == 30)
  }

  @Test("faster than: the share of runs that took longer; a tie is not beaten")
  func fasterThan() throws {
    let d = try Self.drill()
    let log = try DrillTests.log("inject,action,time,unit\nI1,respond,2026-10-12T09:20,grid", d)
    var score = DrillScore(pack: d.pack, scenario: d.scenario, log: log)
    // The team took 20 min. Runs: 10, 20 (a tie), 30, 40 and one never done.
    score.outcomes[0].simulated = [10, 20, 30, 40, .infinity]
    // Longer than the team: 30, 40 and the run that never did it: 3 of 5.
    #expect(score.outcomes[0].fasterThanShare == 0.6)
    #expect(score.outcomes[0].fasterThanPercent == 60)
    // Not done: no place among the runs.
    score.outcomes[1].simulated = [10]
    #expect(score.outcomes[1].fasterThanShare == nil)
    let report = DrillReport(pack: d.pack, scenario: d.scenario, language: .en)
    #expect(report.simulated(score.outcomes[0])?.team == "faster than 60% of simulated runs")
    let zh = DrillReport(pack: d.pack, scenario: d.scenario, language: .zh)
    #expect(zh.simulated(score.outcomes[0])?.team == "快于60%的模拟运行")
  }
}

@Suite("Drill room: live play and teams compared")
struct DrillRoomStateTests {
  @Test("the room releases at the clock, follows the log for contingencies, and alerts once per action")
  func room() throws {
    let d = try DrillRoomTests.drill()
    var room = DrillRoom(pack: d.pack, scenario: d.scenario, script: d.script, recording: true)
    let t = { (s: String) in LocalDateTime(parsing: s)! }
    #expect(room.advance(to: t("2026-10-12T08:59")).isEmpty)
    #expect(room.advance(to: t("2026-10-12T09:00")) == [.released(0)])
    // Not released yet: refused; a wrong unit: refused; nothing is logged by either.
    guard case .failure(let p) = room.log("I1b respond grid", now: t("2026-10-12T09:10")) else {
      Issue.record("an inject not out was logged")
      return
    }
    #expect(p == .notReleased("I1b"))
    let report = DrillReport(pack: d.pack, scenario: d.scenario, language: .zh)
    #expect(report.lineProblem(p) == "?? 事件I1b尚未发布；发布后再记录\n")
    guard case .failure = room.log("I1 respond 县", now: t("2026-10-12T09:10")) else {
      Issue.record("an unknown unit was logged")
      return
    }
    // 09:50 typed at 10:20: that time; the response is logged, so no alert at 10:00 (it is
    // past by now) and the contingency (response missing after 2 h, at 11:00) is not released.
    let logged = try room.log("I1 响应 网格1 09:50", now: t("2026-10-12T10:20")).get()
    #expect(logged.time == t("2026-10-12T09:50") && logged.action == .respond && logged.tier == 0)
    #expect(room.logged.count == 1)
    // The escalation (due 11:00, stated) was not logged: one alert, once.
    let at11 = room.advance(to: t("2026-10-12T11:00"))
    #expect(at11 == [.notTriggered(1), .overdue(0, 1)])
    #expect(room.advance(to: t("2026-10-12T11:30")).isEmpty)
    // A time of day later than the clock is yesterday's.
    let late = try room.log("I1 escalate grid 23:00", now: t("2026-10-13T08:00")).get()
    #expect(late.time == t("2026-10-12T23:00"))
    // The controller may still release the contingency by hand.
    #expect(room.release("I1b") == 1)
    #expect(room.released == [0, 1])
    #expect(DrillRoom.csvRow(late) == "I1,escalate,2026-10-12T23:00,grid,,\n")
  }

  @Test("teams ranked by score, then rating, then total lateness; equal teams share a rank")
  func ranking() throws {
    let d = try DrillRoomTests.drill()
    func team(_ rows: String) throws -> DrillScore {
      DrillScore(
        pack: d.pack, scenario: d.scenario, log: try DrillTests.log("inject,action,time,unit\n" + rows, d))
    }
    // A: respond 15 min late (75), escalate on time: (75 + 100 + 0 + 0) / 4 = 43.75, M (two of
    // four done). B: both on time: 50, M. C: respond on time, escalate 30 min late (75): 43.75, M,
    // 30 min late in all against A's 15. D: as A, so ranked with it.
    let a = try team("I1,respond,2026-10-12T10:15,grid\nI1,escalate,2026-10-12T10:30,grid")
    let b = try team("I1,respond,2026-10-12T09:30,grid\nI1,escalate,2026-10-12T10:30,grid")
    let c = try team("I1,respond,2026-10-12T09:30,grid\nI1,escalate,2026-10-12T11:30,grid")
    let dd = try team("I1,respond,2026-10-12T10:15,grid\nI1,escalate,2026-10-12T10:30,grid")
    #expect([a.score, b.score, c.score] == [43.75, 50, 43.75])
    #expect(a.totalLateness == 15 && c.totalLateness == 30)
    let comparison = DrillComparison([("A", a), ("B", b), ("C", c), ("D", dd)])
    #expect(comparison.teams.map(\.name) == ["B", "A", "D", "C"])
    #expect(comparison.teams.map(\.rank) == [1, 2, 2, 4])
    #expect(DrillComparison.teamName("logs/shift-a.csv") == "shift-a")
  }

  @Test("the room's clock: speed, pause, resume, a new speed and a jump, by hand")
  func clock() throws {
    let start = try #require(LocalDateTime(parsing: "2026-10-12T09:00"))
    let t0 = Date(timeIntervalSince1970: 1_000_000)
    func at(_ seconds: Double) -> Date { t0.addingTimeInterval(seconds) }
    // 60 scenario minutes a real minute: a real second is a scenario minute.
    var clock = DrillClock(start: start, speed: 60, now: t0)
    #expect(clock.time(at: at(90.5)).description == "2026-10-12T10:30")
    // Paused at 10:30 (real 90.5 s), it shows 10:30 however long it stays paused.
    let paused = clock.pause(at: at(90.5))
    let again = clock.pause(at: at(100))
    #expect(paused && !again)
    #expect(clock.time(at: at(1000)).description == "2026-10-12T10:30")
    #expect(clock.seconds(until: start, at: at(1000)) == .infinity)
    // Resumed at real 1000 s: 30 real seconds later, 11:00.
    let resumed = clock.resume(at: at(1000))
    let twice = clock.resume(at: at(1001))
    #expect(resumed && !twice)
    #expect(clock.time(at: at(1030)).description == "2026-10-12T11:00")
    // Speed 600 from 11:00: a real second is 10 scenario minutes; 12:00 is 6 real seconds away.
    clock.setSpeed(600, at: at(1030))
    let noon = try #require(LocalDateTime(parsing: "2026-10-12T12:00"))
    #expect(clock.seconds(until: noon, at: at(1030)) == 6)
    #expect(clock.time(at: at(1036)).description == "2026-10-12T12:00")
    // A jump moves the clock; it runs on at the same speed from there.
    let later = try #require(LocalDateTime(parsing: "2026-10-13T08:00"))
    clock.jump(to: later, at: at(1040))
    #expect(clock.time(at: at(1043)).description == "2026-10-13T08:30")
  }

  @Test("the room's words, in English and Chinese; anything else is an action to log")
  func commands() {
    #expect(DrillRoomCommand("  pause ") == .pause && DrillRoomCommand("暂停") == .pause)
    #expect(DrillRoomCommand("resume") == .resume && DrillRoomCommand("go") == .resume)
    #expect(
      DrillRoomCommand("继续") == .resume && DrillRoomCommand("结束") == .end && DrillRoomCommand("END") == .end)
    #expect(DrillRoomCommand("speed 120") == .speed(120, typed: "120"))
    #expect(DrillRoomCommand("倍速 0.5") == .speed(0.5, typed: "0.5"))
    #expect(
      DrillRoomCommand("speed 0") == .badSpeed("0")
        && DrillRoomCommand("speed 1000001") == .badSpeed("1000001"))
    #expect(DrillRoomCommand("speed fast") == .badSpeed("fast") && DrillRoomCommand("speed") == .badSpeed(""))
    #expect(DrillRoomCommand("jump I2") == .jump("I2") && DrillRoomCommand("跳至 I2") == .jump("I2"))
    #expect(
      DrillRoomCommand("release I1b") == .release("I1b") && DrillRoomCommand("发布 I1b") == .release("I1b"))
    // Not the room's words: logged as typed (trimmed).
    #expect(DrillRoomCommand(" respond I1 grid called back ") == .log("respond I1 grid called back"))
    #expect(DrillRoomCommand("pause now") == .log("pause now"))
    #expect(DrillRoomCommand("release I1b now") == .log("release I1b now"))
    #expect(DrillRoomCommand("   ") == nil)
  }
}
