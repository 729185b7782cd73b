import Foundation
import GridSim
import Testing

/// One grid worker (and one village cadre), no random arrivals, a week from Monday 2026-09-28
/// (National Day week: Oct 1-7 are holidays, Saturday Oct 10 a make-up workday).
func staffingScenario(grid: String, extra: String = "", top: String = "", injects: String) -> String {
  """
  {
    version: 1,
    period: { start: "2026-09-28T00:00", length: "14 days" },
    replications: 1,
    demand: { perGridPerDay: 0, \(extra) injects: [\(injects)] },
    tiers: [\(grid), { id: "village", handling: "1 h" }],
    organization: { name: "v", staff: 1, children: { name: "g", staff: 1 } },
    \(top)
  }
  """
}

@Suite("Rosters, monitoring rounds and key-date windows, computed by hand")
struct StaffingTests {
  let dayShift = """
    { id: "grid", handling: "30 min", roster: { shifts: [{ name: "day", start: "08:00", end: "10:00" }] } }
    """

  @Test("staff on a shift take waiting items when it starts and finish the item in hand after it ends")
  func shifts() throws {
    // 07:00 waits 60 min for the shift; 09:50 is taken at once and finished at 10:20, after the
    // shift; 09:55 arrives while the worker is busy and waits for the next morning (22 h 05 min).
    let (model, r) = try runOnce(
      staffingScenario(
        grid: dayShift,
        injects: """
          { at: "2026-09-28T07:00" }, { at: "2026-09-28T09:50" }, { at: "2026-09-28T09:55" }
          """))
    #expect(r.count(.closed, group: .tier(0)) == 3)
    #expect(r.metric(.wait, group: .tier(0)).max == Double(22 * 60 + 5))
    #expect(r.metric(.wait, group: .tier(0)).mean == Double(60 + 0 + 1325) / 3)
    // On duty 2 h a day for 14 days; busy 90 min in all.
    #expect(abs(r.utilization[0]! - 90.0 / (14 * 120)) < 1e-12)
    // The village (no roster) is on duty around the clock.
    #expect(model.onDutyMinutes(day: 0, tier: 0) == 120)
    #expect(model.onDutyMinutes(day: 0, tier: 1) == 1440)
  }

  @Test("when the headcount drops, the first of the busy staff to become free stays on duty")
  func firstFreeStaysOnDuty() throws {
    // Four grid workers 08:00-18:00, one 18:00-08:00; handling 2 h 30 min. Items at 16:00, 16:30,
    // 17:00 and 17:30 keep all four busy until 18:30, 19:00, 19:30 and 20:00. An item at 18:10
    // waits for the first of them to be free (18:30: 20 min), not for all four (20:00: 110 min);
    // one at 18:20 waits for the same person to finish again (18:30 + 2:30 = 21:00: 160 min).
    let grid = """
      { id: "grid", handling: "150 min",
        roster: { shifts: [{ name: "day", start: "08:00", end: "18:00", staff: 4 },
                           { name: "night", start: "18:00", end: "08:00", staff: 1 }] } }
      """
    let (_, r) = try runOnce(
      staffingScenario(
        grid: grid,
        injects: """
          { at: "2026-03-09T16:00" }, { at: "2026-03-09T16:30" }, { at: "2026-03-09T17:00" },
          { at: "2026-03-09T17:30" }, { at: "2026-03-09T18:10" }, { at: "2026-03-09T18:20" }
          """
      ).replacingOccurrences(of: "2026-09-28T00:00", with: "2026-03-09T00:00")
        .replacingOccurrences(
          of: "staff: 1, children: { name: \"g\", staff: 1 }",
          with: "staff: 1, children: { name: \"g\", staff: 4 }"))
    #expect(r.count(.closed, group: .tier(0)) == 6)
    #expect(r.metric(.wait, group: .tier(0)).max == 160)
    #expect(r.metric(.wait, group: .tier(0)).mean == Double(20 + 160) / 6)
  }

  /// One grid worker on a 20:00-08:00 night shift, a village around the clock; March 2026 has no
  /// holiday or make-up workday (Monday 9th to Monday 16th are plain days).
  func nightShift(start: String, length: String, days: String = "", injects: String) -> String {
    """
    {
      version: 1,
      period: { start: "\(start)", length: "\(length)" },
      replications: 1,
      demand: { perGridPerDay: 0, injects: [\(injects)] },
      tiers: [
        { id: "grid", handling: "30 min", roster: { shifts: [{ name: "night", start: "20:00", end: "08:00" \(days) }] } },
        { id: "village", handling: "1 h" },
      ],
      organization: { name: "v", staff: 1, children: { name: "g", staff: 1 } },
    }
    """
  }

  @Test("a night shift across midnight: on duty from the evening before the period starts")
  func nightShiftFromTheEveningBefore() throws {
    // Monday 00:00 to Wednesday 00:00. Sunday's shift covers Monday 00:00-08:00 (480 min), Monday's
    // 20:00-24:00 (240) and Tuesday 00:00-08:00; Tuesday's 20:00-24:00: 720 minutes each day.
    // Monday 01:00 is taken at once (Sunday's shift); Monday 09:00 waits for 20:00 (660 min);
    // Tuesday 07:45 is taken at once and finished at 08:15, after the shift ends.
    let (model, r) = try runOnce(
      nightShift(
        start: "2026-03-09T00:00", length: "2 days",
        injects: """
          { at: "2026-03-09T01:00" }, { at: "2026-03-09T09:00" }, { at: "2026-03-10T07:45" }
          """))
    #expect(model.onDutyMinutes(day: 0, tier: 0) == 720)
    #expect(model.onDutyMinutes(day: 1, tier: 0) == 720)
    #expect(r.metric(.wait, group: .tier(0)).max == 660)
    #expect(r.metric(.wait, group: .tier(0)).mean == 220)  // (0 + 660 + 0) / 3
    #expect(r.count(.closed, group: .tier(0)) == 3)
    #expect(abs(r.utilization[0]! - 90.0 / 1440) < 1e-12)
  }

  @Test("a night shift across midnight: only the part inside the period is on duty, at both ends")
  func nightShiftCutByThePeriod() throws {
    // Monday 12:00 to Tuesday 12:00: Monday 20:00-24:00 (240 min) and Tuesday 00:00-08:00 (480);
    // Tuesday's shift starts after the end. Monday 13:00 waits for 20:00 (420 min); Tuesday 11:30
    // finds nobody on duty before the end: it is still waiting then.
    let (model, r) = try runOnce(
      nightShift(
        start: "2026-03-09T12:00", length: "1 day",
        injects: "{ at: \"2026-03-09T13:00\" }, { at: \"2026-03-10T11:30\" }"))
    #expect(model.onDutyMinutes(day: 0, tier: 0) == 240)
    #expect(model.onDutyMinutes(day: 1, tier: 0) == 480)
    #expect(r.metric(.wait, group: .tier(0)).count == 1)
    #expect(r.metric(.wait, group: .tier(0)).max == 420)
    #expect(r.openAtEnd == [1, 0])
  }

  @Test("a night shift belongs to the day it starts on: Friday's runs into Saturday, Sunday's is not worked")
  func nightShiftBelongsToItsStartDay() throws {
    // Workdays only, Friday 13th 00:00 to Tuesday 17th 00:00: Friday 00:00-08:00 (Thursday's
    // shift) and 20:00-24:00; Saturday 00:00-08:00 (Friday's); Sunday nothing; Monday only
    // 20:00-24:00, since Sunday's shift is not worked. Saturday 07:00 is taken at once; Monday
    // 01:00 waits for Monday 20:00 (1140 min).
    let (model, r) = try runOnce(
      nightShift(
        start: "2026-03-13T00:00", length: "4 days", days: ", days: [\"workday\"]",
        injects: "{ at: \"2026-03-14T07:00\" }, { at: \"2026-03-16T01:00\" }"))
    #expect((0..<4).map { model.onDutyMinutes(day: $0, tier: 0) } == [720, 480, 0, 240])
    #expect(r.metric(.wait, group: .tier(0)).max == 1140)
    #expect(r.metric(.wait, group: .tier(0)).mean == 570)  // (0 + 1140) / 2
  }

  @Test("headcount by day kind: no shift on a day kind left out, and a 24-hour watch keeps one on duty")
  func dayKindsAndWatch() throws {
    let grid = """
      { id: "grid", handling: "30 min", roster: { shifts: [{ name: "day", start: "08:00", end: "10:00",
        staff: { workday: 1, "makeup-workday": 1 } }] } }
      """
    // Thursday Oct 1 is a holiday: an item at 09:00 waits for Thursday Oct 8 08:00 (7 days - 1 h).
    let (_, r) = try runOnce(staffingScenario(grid: grid, injects: "{ at: \"2026-10-01T09:00\" }"))
    #expect(r.metric(.wait, group: .tier(0)).max == Double(7 * 1440 - 60))
    // Under 24-hour watch on Oct 1-7, it is taken at once, even at 03:00.
    let (_, w) = try runOnce(
      staffingScenario(
        grid: grid, top: "windows: [{ name: \"national-day\", watch: true }],",
        injects: "{ at: \"2026-10-01T09:00\" }, { at: \"2026-10-03T03:00\" }"))
    #expect(w.metric(.wait, group: .tier(0)).max == 0)
  }

  @Test("a window's staff multiplier and a roster file change the headcount")
  func windowStaffAndRosterFile() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gridsim-roster-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try "when,unit,shift,staff\n2026-09-28,grid,day,3\nholiday,g,day,50%\n2026-10-10,grid,day,3\n".write(
      to: folder.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
    let text = """
      {
        version: 1, period: { start: "2026-09-28T00:00", length: "14 days" }, replications: 1,
        demand: { perGridPerDay: 0 },
        tiers: [{ id: "grid", handling: "1 h", roster: { shifts: [{ name: "day", start: "08:00", end: "10:00" }] } },
                { id: "village", handling: "1 h" }],
        organization: { name: "v", staff: 1, children: { name: "g", staff: 4 } },
        rosterFiles: ["roster.csv"],
        windows: [{ name: "autumn", from: "2026-10-09", to: "2026-10-10", staff: 0.5 }],
      }
      """
    let path = folder.appendingPathComponent("s.json5").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let model = Model(try ScenarioLoader.load(path: path).scenario)
    // People on the grid's 2-hour shift per day: 3 on Sep 28 (the dated row), 4 on other days,
    // 2 on the holidays Oct 1-7 (50% of 4), 2 on Oct 9 (the window halves 4), and 3 on Oct 10: a
    // dated row inside the window states who is on duty and is not halved again.
    let grid = (0..<14).map { model.onDutyMinutes(day: $0, tier: 0) / 120 }
    #expect(grid == [3, 4, 4, 2, 2, 2, 2, 2, 2, 2, 4, 2, 3, 4])
  }

  @Test("roster files with bad rows name the file and line")
  func badRosterFile() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gridsim-roster-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try
      "when,unit,shift,staff\nsomeday,grid,day,1\n2026-10-01,gird,day,1\nholiday,grid,night,1\nworkday,grid,day,lots\n"
      .write(to: folder.appendingPathComponent("r.csv"), atomically: true, encoding: .utf8)
    let path = folder.appendingPathComponent("s.json5").path
    try """
    { version: 1, demand: { perGridPerDay: 0 }, rosterFiles: ["r.csv"],
      tiers: [{ id: "grid", handling: "1 h", roster: { shifts: [{ name: "day", start: "08:00", end: "10:00" }] } }],
      organization: { name: "g", staff: 1 } }
    """.write(toFile: path, atomically: true, encoding: .utf8)
    var messages: [String] = []
    do { _ = try ScenarioLoader.load(path: path) } catch {
      if case .invalid(let d) = error {
        messages = d.filter { $0.severity == .error }.map { "\($0.line ?? 0): \($0.message)" }
      }
    }
    #expect(
      messages == [
        "2: expected a date such as 2026-10-01 or a day kind (workday, weekend, holiday, makeup-workday), found 'someday'",
        "3: expected a tier (its id or name) or a unit name, found 'gird'",
        "4: expected a shift of tier 'grid', found 'night'",
        "5: expected a headcount such as 2 or a share such as 50%, found 'lots'",
      ])
  }

  @Test("a roster file row above a unit's staff is warned about: the people do not exist")
  func rowAboveStaff() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gridsim-roster-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    // The unit has 3 staff: 3 on the shift is fine, 5 is two people who do not exist.
    try "when,unit,shift,staff\n2026-10-01,grid,day,3\n2026-10-02,g,day,5\n"
      .write(to: folder.appendingPathComponent("r.csv"), atomically: true, encoding: .utf8)
    let path = folder.appendingPathComponent("s.json5").path
    try """
    { version: 1, demand: { perGridPerDay: 0 }, rosterFiles: ["r.csv"],
      period: { start: "2026-09-28T00:00", length: "7 days" },
      tiers: [{ id: "grid", handling: "1 h", roster: { shifts: [{ name: "day", start: "08:00", end: "10:00" }] } }],
      organization: { name: "g", staff: 3 } }
    """.write(toFile: path, atomically: true, encoding: .utf8)
    let loaded = try ScenarioLoader.load(path: path)
    let warnings = loaded.warnings.filter { $0.severity == .warning && $0.line != nil }.map {
      "\($0.line ?? 0): \($0.message)"
    }
    #expect(
      warnings == [
        "3: 5 on shift 'day' is more than g has (3 staff): the simulation would put people on duty who do not exist"
      ], "\(warnings)")
  }

  @Test("online posts are seen at the next check; detection delay is measured per channel")
  func monitoringRounds() throws {
    let extra = """
      channels: [{ id: "patrol" }, { id: "online", monitoring: { workday: ["08:30", "14:30"], weekend: ["10:00"] } }],
      """
    // Mon 09:00 → seen 14:30 (5.5 h). Wed Sep 30 15:00 → the next check is on a day off: holidays
    // are checked like weekends, Thu Oct 1 10:00 (19 h). A patrol item is seen at once.
    let (model, r) = try runOnce(
      staffingScenario(
        grid: "{ id: \"grid\", handling: \"30 min\" }", extra: extra,
        injects: """
          { at: "2026-09-28T09:00", channel: "online" }, { at: "2026-09-30T15:00", channel: "online" },
          { at: "2026-09-29T11:00", channel: "patrol" }
          """))
    #expect(r.channelDetection[1, 0].count == 2)
    #expect(r.channelDetection[1, 0].max == Double(19 * 60))
    #expect(r.channelDetection[1, 0].mean == Double(330 + 19 * 60) / 2)
    #expect(r.channelDetection[0, 0].max == 0)
    #expect(r.channelResponse[1, 0].count == 2)
    // Per channel and day kind: both online posts appeared on workdays.
    let workday = try #require(model.segmentNames.firstIndex(of: "workday"))
    #expect(r.metric(.detection, channel: 1, segment: workday)?.count == 2)
    #expect(r.metric(.detection, channel: 0, segment: workday)?.count == 1)
    // A target names the channel: the online posts' detection, not every channel's.
    func value(_ measure: Measure) -> Double? {
      measure.location(in: model).flatMap { measure.value(in: r, at: $0) }
    }
    #expect(value(Measure(.duration(.detection, .max), channel: "online")) == Double(19 * 60))
    #expect(value(Measure(.duration(.detection, .max), channel: "patrol")) == 0)
    #expect(value(Measure(.duration(.detection, .p50))) == 330)
    #expect(r.metric(.detection, group: .system).count == 3)
    // Response time runs from detection: all answered at once.
    #expect(r.metric(.response, group: .system).max == 0)
    // Time in system runs from appearance.
    #expect(r.metric(.timeInSystem, group: .system).max == Double(19 * 60 + 30))
  }

  @Test("measures per day kind and window: items by the day they appeared")
  func slices() throws {
    let (model, r) = try runOnce(
      staffingScenario(
        grid: "{ id: \"grid\", handling: \"30 min\", deadlines: { response: \"1 h\" } }",
        top: "windows: [\"national-day\"],",
        injects: """
          { at: "2026-09-28T09:00" }, { at: "2026-10-02T09:00" }, { at: "2026-10-02T09:00" },
          { at: "2026-10-10T09:00" }
          """))
    let holiday = model.segmentNames.firstIndex(of: "holiday")!
    let window = model.segmentNames.firstIndex(of: "national-day")!
    let makeup = model.segmentNames.firstIndex(of: "makeup-workday")!
    #expect(r.count(.appeared, segment: 0) == 1)
    #expect(r.count(.appeared, segment: holiday) == 2)
    #expect(r.count(.appeared, segment: window) == 2)
    #expect(r.count(.appeared, segment: makeup) == 1)
    // The second holiday item waits 30 min for the first: both within the 1 h deadline.
    #expect(r.count(.responseMet, segment: window) == 2)
    #expect(r.metric(.response, segment: window).mean == 15)
    let target = Target(
      name: "t", measure: Measure(.duration(.response, .max), window: "national-day"), bound: .atMost(30))
    #expect(target.evaluate([r], model: model).estimate?.mean == 30)
    #expect(model.segmentDays[window] == Array(3...9))
  }

  @Test("windows: built-in dates, arrival multipliers by channel, and problems")
  func windows() throws {
    let base = """
      { version: 1, period: { start: "2026-09-28T00:00", length: "14 days" },
        demand: { perGridPerDay: 10, channels: [{ id: "patrol", share: 3 }, { id: "online", share: 1 }] },
        tiers: [{ id: "grid", handling: "1 h" }], organization: { name: "g", staff: 1 }, windows: [%@] }
      """
    func model(_ windows: String) throws -> Model {
      Model(try load(base.replacingOccurrences(of: "%@", with: windows)))
    }
    let plain = try model("")
    // Online doubles on 7 of 14 days: those days carry (3 + 2) / 4 = 1.25 times the items.
    let doubled = try model("{ name: \"national-day\", arrivals: { online: 2 } }")
    #expect(abs(doubled.expectedArrivals / plain.expectedArrivals - (7 + 7 * 1.25) / 14) < 1e-9)
    let d = problems(
      base.replacingOccurrences(
        of: "%@",
        with: """
          "national-dya", { name: "spring-festival" }, { name: "a", from: "2026-10-01", to: "2026-10-03" },
          { name: "b", from: "2026-10-03", to: "2026-10-04" }, { name: "holiday", from: "2026-10-05", to: "2026-10-05" },
          { name: "c", from: "2026-10-06", arrivals: { bus: 2 } }
          """)
    ).map(\.description)
    #expect(
      d.contains {
        $0.contains("'national-dya' is not a key date gridsim knows")
          && $0.contains("did you mean 'national-day'?")
      })
    #expect(
      d.contains { $0.contains("warning: windows[1]: the window 'spring-festival' falls outside the period") }
    )
    #expect(d.contains { $0.contains("the window 'b' overlaps the window 'a'") })
    #expect(d.contains { $0.contains("the window name 'holiday' is reserved for a day kind") })
    #expect(d.contains { $0.contains("windows[5]: expected both 'from' and 'to'") })
  }
}
