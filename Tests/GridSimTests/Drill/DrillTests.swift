import Foundation
import Testing

@testable import GridSim

/// Drill packs, due times, scoring and the simulated comparison, each computed by hand.
@Suite("Drills")
struct DrillTests {
  /// Two tiers: a grid worker who may close nothing, and a township; office hours 08:30-12:00 and
  /// 14:30-17:30 (6.5 h a day). No random arrivals: only the drill's items.
  static let scenario = """
    {
      version: 1, name: "drill test",
      period: { start: "2026-09-28T00:00", end: "2026-10-31T00:00" },
      seed: 7, replications: 4,
      demand: {
        perGridPerDay: 0,
        categories: [{ id: "complaint", name: "投诉", share: 1 }],
        channels: [
          { id: "patrol", name: "patrol", share: 0.5 },
          { id: "online", name: "online", share: 0.5, monitoring: { workday: ["09:00", "15:00"] } },
        ],
      },
      tiers: [
        { id: "grid", name: "网格员", response: "10 min", handling: "20 min",
          authority: { categories: [] },
          deadlines: { response: "same day", resolution: "1 working day" } },
        { id: "township", name: "领导小组", response: "30 min", handling: "1 h",
          deadlines: { response: "8 working hours", resolution: "3 working days" } },
      ],
      organization: { name: "镇", staff: 2, children: { count: 1, name: "网格{n}", staff: 1 } },
    }
    """

  /// Writes the scenario and a pack into a fresh folder and loads the pack from there.
  static func loadPack(_ pack: String, scenario: String = DrillTests.scenario) throws -> LoadedDrill {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("drill-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try scenario.write(to: folder.appendingPathComponent("s.json5"), atomically: true, encoding: .utf8)
    let path = folder.appendingPathComponent("p.json5").path
    try pack.write(toFile: path, atomically: true, encoding: .utf8)
    return try InputFile.$projectRoot.withValue(InputFile.realPath(folder.path)) {
      try DrillLoader.load(path: path)
    }
  }

  static func problems(_ pack: String) -> [Diagnostic] {
    do {
      _ = try loadPack(pack)
      return []
    } catch let error as ScenarioError {
      if case .invalid(let d) = error { return d }
      return []
    } catch {
      return []
    }
  }

  static func log(_ text: String, _ drill: LoadedDrill) throws -> TeamLog {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("log-\(UUID().uuidString).csv")
      .path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return try TeamLog.read(path: path, pack: drill.pack, scenario: drill.scenario).get()
  }

  /// Wednesday 30 September 2026, 18:00: after office hours, the evening before the National Day
  /// holiday (1-7 October); Saturday 10 October is a make-up workday.
  static let holidayPack = """
    { version: 1, name: "holiday", scenario: "s.json5",
      objectives: [{ id: "O1", text: "grid on time", tests: ["I1.respond.grid", "I1.escalate"] }],
      injects: [{ id: "I1", at: "2026-09-30T18:00", channel: "patrol", title: "post" }],
      pass: { score: 80, rating: "S" } }
    """

  @Test("due times cross the holiday and count the make-up Saturday")
  func dueTimes() throws {
    let drill = try Self.loadPack(Self.holidayPack)
    let timeline = DrillTimeline(pack: drill.pack, scenario: drill.scenario, log: nil)
    let e = timeline.releases[0].expectations.map { "\($0.action.rawValue)@\($0.tier) \($0.due)" }
    #expect(
      e == [
        // Same day after the close: the next working day's close, 8 October (1-7 are holidays).
        "respond@0 2026-10-08T17:30",
        // 1 working day after 30 September: 8 October.
        "escalate@0 2026-10-08T17:30",
        // 8 working hours from 8 October 17:30: 6.5 h on the 9th, 1.5 h on the make-up Saturday.
        "respond@1 2026-10-10T10:00",
        // 3 working days after 8 October: the 9th, the make-up 10th, Monday the 12th.
        "reply@1 2026-10-12T17:30",
      ])
  }

  @Test("lateness in calendar and office time, and the points it earns")
  func lateness() throws {
    let drill = try Self.loadPack(Self.holidayPack)
    let log = try Self.log(
      """
      inject,action,time,unit
      I1,respond,2026-10-09T09:00,网格1
      I1,escalate,2026-10-09T16:00,grid
      I1,respond,2026-10-09T16:30,镇
      """, drill)
    let score = DrillScore(pack: drill.pack, scenario: drill.scenario, log: log)
    let respond = score.outcomes[0]
    // Due 8 October 17:30; done 9 October 09:00: 15.5 h later, 30 min of it office time.
    #expect(respond.lateCalendar == 930)
    #expect(respond.lateWorking == 30)
    // Allowed: office time from 30 September 18:00 to 8 October 17:30 is one day, 390 min; 30 min
    // late is 7.7% of it: 75 points.
    #expect(respond.allowed == 390)
    #expect(respond.points == 75)
    // Escalated at 16:00 on the 9th: 300 min of office time late (210 in the morning, 90 in the
    // afternoon), 77% of the 390 allowed: 50.
    #expect(abs(score.outcomes[1].lateWorking! - (210 + 90)) < 1e-9)
    #expect(score.outcomes[1].points == 50)
    // The township's clock starts at the team's escalation: 8 working hours from 9 October 16:00
    // is 1.5 h that day and 6.5 h on the make-up Saturday: due 10 October 17:30.
    #expect(score.outcomes[2].expectation.due.description == "2026-10-10T17:30")
    #expect(score.outcomes[2].status == .onTime)
    // The reply was not done: 0.
    #expect(score.outcomes[3].status == .missing)
    // O1 (respond and escalate at the grid): (75 + 50) / 2, every action done but one late by
    // more than a quarter: M.
    #expect(score.objectives[0].score == 62.5)
    #expect(score.objectives[0].rating == .majorChallenges)
    // The drill: every expected action once, (75 + 50 + 100 + 0) / 4.
    #expect(score.score == 56.25)
    #expect(score.passed == false)
    #expect(score.failures.contains(.scoreBelow(score: 56.25, minimum: 80)))
  }

  @Test("ratings: all on time P; all done within a quarter late S; half done M; less U")
  func ratings() throws {
    let drill = try Self.loadPack(Self.holidayPack)
    func rating(_ rows: String) throws -> DrillRating {
      let score = DrillScore(
        pack: drill.pack, scenario: drill.scenario,
        log: try Self.log("inject,action,time,unit\n" + rows, drill))
      return try #require(score.objectives[0].rating)
    }
    #expect(try rating("I1,respond,2026-10-01T09:00,grid\nI1,escalate,2026-10-08T17:30,grid") == .performed)
    // 30 min of 390 late (7.7%) on each: S.
    #expect(
      try rating("I1,respond,2026-10-09T09:00,grid\nI1,escalate,2026-10-09T09:00,grid") == .someChallenges)
    // 98 min of 390 late (25.1%) on one: M.
    #expect(
      try rating("I1,respond,2026-10-09T10:08,grid\nI1,escalate,2026-10-09T09:00,grid") == .majorChallenges)
    // One of two done: M (half).
    #expect(try rating("I1,respond,2026-10-01T09:00,grid") == .majorChallenges)
    #expect(try rating("I1,respond,2026-10-01T09:00,township") == .unable)
  }

  static let contingencyPack = """
    { version: 1, name: "contingency", scenario: "s.json5",
      injects: [
        { id: "I1", at: "2026-10-12T09:00", channel: "patrol", title: "post",
          expect: [{ action: "respond", within: "1 h" }] },
        { id: "I1b", when: { missing: "I1.respond", by: "2 h" }, channel: "patrol", title: "trending" },
        { id: "I2", follows: "I1b", after: "30 min", channel: "patrol", title: "after trending" },
      ] }
    """

  @Test("a contingency fires only when its action is missing by then; its followers with it")
  func contingency() throws {
    let drill = try Self.loadPack(Self.contingencyPack)
    let script = DrillTimeline(pack: drill.pack, scenario: drill.scenario, log: nil)
    #expect(
      script.releases.map { "\(drill.pack.injects[$0.inject].id) \($0.time) \($0.conditional)" } == [
        "I1 2026-10-12T09:00 false", "I1b 2026-10-12T11:00 true", "I2 2026-10-12T11:30 true",
      ])
    let late = try Self.log(
      "inject,action,time,unit\nI1,respond,2026-10-12T11:05,grid\nI1b,respond,2026-10-12T11:10,grid", drill)
    let fired = DrillScore(pack: drill.pack, scenario: drill.scenario, log: late)
    #expect(fired.timeline.releases.filter(\.fired).count == 3)
    #expect(fired.unexpected.isEmpty)
    let onTime = try Self.log(
      "inject,action,time,unit\nI1,respond,2026-10-12T10:55,grid\nI1b,respond,2026-10-12T11:10,grid", drill)
    let quiet = DrillScore(pack: drill.pack, scenario: drill.scenario, log: onTime)
    #expect(quiet.timeline.releases.filter(\.fired).map { drill.pack.injects[$0.inject].id } == ["I1"])
    // The row for the inject that never came is reported, not lost.
    #expect(quiet.unexpected.map(\.reason) == [.notReleased])
  }

  @Test(
    "a stated escalation starts the next tier's clock; rows before a release or by another grid do not count")
  func statedChainAndRows() throws {
    let scenario = Self.scenario.replacingOccurrences(
      of: "children: { count: 1, name: \"网格{n}\", staff: 1 }",
      with: "children: { count: 2, name: \"网格{n}\", staff: 1 }")
    let drill = try Self.loadPack(
      """
      { version: 1, name: "stated", scenario: "s.json5",
        injects: [
          { id: "I1", at: "2026-09-30T18:00", channel: "patrol", title: "post",
            expect: [{ action: "escalate", tier: "grid", within: "1 h" }] },
          { id: "I1b", when: { missing: "I1.escalate", by: "2 h" }, channel: "patrol", title: "again" },
        ] }
      """, scenario: scenario)
    let script = DrillTimeline(pack: drill.pack, scenario: drill.scenario, log: nil)
    let e = script.releases[0].expectations
    // Escalated by 19:00 (stated): the township's 8 working hours run from then: all of 8
    // October (6.5 h) and 1.5 h of the 9th.
    #expect(e.map { "\($0.action.rawValue)@\($0.tier) \($0.due)" }.contains("respond@1 2026-10-09T10:00"))
    let log = try Self.log(
      """
      inject,action,time,unit
      I1,escalate,2026-09-30T20:30,grid
      I1,respond,2026-10-01T09:00,网格2
      I1b,respond,2026-09-30T19:30,网格1
      I1b,respond,2026-09-30T20:30,网格1
      """, drill)
    let score = DrillScore(pack: drill.pack, scenario: drill.scenario, log: log)
    // Escalated at 20:30, after I1b's trigger (20:00): I1b fired, and its row at 19:30 is before
    // its release. Grid 2's row is not about grid 1's item.
    #expect(score.unexpected.map(\.reason) == [.otherUnit, .beforeRelease])
    #expect(
      score.outcomes.first { $0.expectation.inject == "I1b" && $0.expectation.action == .respond }?.status
        == .onTime)
  }

  @Test("a bad log: every row's problem at once, with its line")
  func badLog() throws {
    let drill = try Self.loadPack(Self.holidayPack)
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).csv")
      .path
    try """
    inject,action,time,unit
    I1,respond,2026-10-01T09:00,grid
    I9,respond,2026-10-01T09:00,grid
    I1,wave,2026-10-01T09:00,grid
    I1,respond,2026-09-30T17:00,grid
    I1,respond,yesterday,grid
    I1,respond,2026-10-01T09:00,county
    """.write(toFile: path, atomically: true, encoding: .utf8)
    guard
      case .failure(.invalid(let d)) = TeamLog.read(path: path, pack: drill.pack, scenario: drill.scenario)
    else {
      Issue.record("the bad log was read")
      return
    }
    #expect(d.map(\.line) == [3, 4, 5, 6, 7])
    #expect(d.map(\.keyPath) == ["inject", "action", "time", "time", "unit"])
    #expect(d[0].fix == "did you mean 'I1'?")
    #expect(d[2].message.contains("before inject 'I1'"))
  }

  @Test("log times as spreadsheets save them")
  func logTimes() {
    #expect(LocalDateTime(spreadsheet: "2026-10-02T06:30")?.description == "2026-10-02T06:30")
    #expect(LocalDateTime(spreadsheet: "2026/10/2 6:30")?.description == "2026-10-02T06:30")
    #expect(LocalDateTime(spreadsheet: "2026-10-02 06:30:41")?.description == "2026-10-02T06:30")
    for bad in [
      "2026/13/2 6:30", "26/10/2 6:30", "2026-10-02 6:3", "2026-10-02 06:30:61", "yesterday",
      "2026-10-02 25:00",
    ] {
      #expect(LocalDateTime(spreadsheet: bad) == nil, "\(bad)")
    }
  }

  @Test("a pack's problems are all reported, against its scenario")
  func packProblems() {
    let d = Self.problems(
      """
      { version: 1, name: "bad", scenario: "s.json5",
        objectives: [{ id: "O1", text: "x", tests: ["I1.callback"] }],
        injects: [
          { id: "I1", at: "2026-10-12T09:00", grid: "网格9", title: "a" },
          { id: "I2", at: "2027-01-01T09:00", category: "praise", title: "b" },
          { id: "I3", at: "2026-10-12T09:00", title: "c", expect: [{ action: "callback" }] },
        ] }
      """)
    let messages = d.map(\.message)
    #expect(messages.contains { $0.contains("expected the name of a grid of the scenario, found '网格9'") })
    #expect(messages.contains { $0.contains("inside the scenario's period") })
    #expect(messages.contains { $0.contains("expected a category id of the scenario, found 'praise'") })
    #expect(d.count == 3)
    // Once the keys are right, the policy checks: a stated action with no deadline, an objective
    // naming an action that is not expected.
    let d2 = Self.problems(
      """
      { version: 1, name: "bad", scenario: "s.json5",
        objectives: [{ id: "O1", text: "x", tests: ["I1.callback"] }],
        injects: [{ id: "I1", at: "2026-10-12T09:00", title: "c", expect: [{ action: "callback" }] }] }
      """)
    #expect(d2.contains { $0.message.contains("the policy sets no deadline for 'callback'") })
    #expect(d2.contains { $0.message.contains("inject 'I1' is not expected to callback") && $0.line == 2 })
    // Ids with dots, deadlines before the release, releases past the period.
    let d3 = Self.problems(
      """
      { version: 1, name: "bad", scenario: "s.json5",
        injects: [
          { id: "I.1", at: "2026-10-12T09:00", title: "a" },
          { id: "I2", at: "2026-10-12T09:00", title: "b", expect: [{ action: "respond", within: "-5 min" }] },
        ] }
      """)
    #expect(d3.map(\.keyPath) == ["injects[0].id", "injects[1].expect[0].within"])
    let d4 = Self.problems(
      """
      { version: 1, name: "bad", scenario: "s.json5",
        injects: [
          { id: "I1", at: "2026-10-12T09:00", title: "a" },
          { id: "I2", follows: "I1", after: "400 days", title: "b" },
        ] }
      """)
    #expect(d4.count == 1 && d4[0].message.contains("outside the scenario's period"))
  }

  @Test("a monitored channel expects detection at the next round; the tier's clock starts there")
  func detection() throws {
    let drill = try Self.loadPack(
      """
      { version: 1, name: "online", scenario: "s.json5",
        injects: [{ id: "I1", at: "2026-10-12T10:00", channel: "online", title: "post" }] }
      """)
    let e = DrillTimeline(pack: drill.pack, scenario: drill.scenario, log: nil).releases[0].expectations
    #expect(e[0].action == .detect)
    #expect(e[0].due.description == "2026-10-12T15:00")
    // Seen at 15:00 (before the 17:30 close): the same day's close.
    #expect(e[1].action == .respond && e[1].start.description == "2026-10-12T15:00")
    #expect(e[1].due.description == "2026-10-12T17:30")
  }

  @Test("the simulated policy: fixed times give every replication the same, and the team is placed")
  func simulated() async throws {
    // One grid worker on duty around the clock, fixed 10 min to respond: every replication
    // responds 10 min after release, and passes up at 30 min (10 + 20 handling).
    let drill = try Self.loadPack(
      """
      { version: 1, name: "sim", scenario: "s.json5",
        injects: [{ id: "I1", at: "2026-10-12T10:00", channel: "patrol", title: "post" }] }
      """)
    let simulation = try #require(
      await DrillSimulation.run(drill.pack, drill.scenario, script: drill.script, replications: 5, jobs: 2))
    let respond = try #require(simulation.times[.init(inject: "I1", action: .respond, tier: 0)])
    #expect(respond == Array(repeating: 10, count: 5))
    #expect(
      simulation.times[.init(inject: "I1", action: .escalate, tier: 0)] == Array(repeating: 30, count: 5))
    var score = DrillScore(
      pack: drill.pack, scenario: drill.scenario,
      log: try Self.log(
        "inject,action,time,unit\nI1,respond,2026-10-12T10:05,grid\nI1,escalate,2026-10-12T11:00,grid", drill)
    )
    score.compare(with: simulation)
    // Faster than every run: no run at or before 5 min. Slower than every run at 60 min.
    #expect(score.outcomes[0].simulatedShareFaster == 0)
    #expect(score.outcomes[1].simulatedShareFaster == 1)
  }
}
