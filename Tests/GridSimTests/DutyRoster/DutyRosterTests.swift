import Foundation
import Testing

@testable import GridSim

/// The named duty roster (值班表), each rule computed by hand on a village of a few people.
@Suite("Duty roster, computed by hand")
struct DutyRosterTests {
  /// One tier, one village (东村), Spring Festival 2026: a day shift and, when `night`, a night
  /// shift, `seats` people each; `extra` more scenario text (rosterRules, a leader).
  static func scenario(seats: Int = 1, night: Bool = false, leader: String = "", extra: String = "") throws
    -> Scenario
  {
    let nightShift =
      night ? ", { name: \"night\", title: \"夜班\", start: \"17:30\", end: \"08:30\", staff: \(seats) }" : ""
    return try load(
      """
      { version: 1, period: { start: "2026-02-15T00:00", length: "9 days" },
        tiers: [{ id: "village", name: "村两委", handling: "1 h",
          roster: { shifts: [{ name: "duty", title: "白班", start: "08:30", end: "17:30", staff: \(seats) }\(nightShift)]
          \(leader) } }],
        organization: { name: "东村", staff: 6 },
        \(extra)
      }
      """)
  }

  static let header = "id,name,unit,role,post,phone,unavailable,not-shifts,last-year-hard-days\n"

  static func people(_ rows: String, scenario: Scenario) throws -> [DutyPerson] {
    switch DutyPeople.parse(header + rows, path: "people.csv", scenario: scenario) {
    case .success(let p): return p.people
    case .failure(let e):
      Issue.record("people did not load: \(e.reason)")
      throw e
    }
  }

  static func day(_ m: Int, _ d: Int) -> Int { LocalDateTime(year: 2026, month: m, day: d)!.dayNumber }

  static func problem(_ scenario: Scenario, _ rows: String, from: (Int, Int), to: (Int, Int)) throws
    -> DutyRosterProblem
  {
    DutyRosterProblem(
      scenario: scenario, people: try people(rows, scenario: scenario),
      days: day(from.0, from.1)...day(to.0, to.1))
  }

  /// Who is on each slot, by id.
  static func ids(_ roster: DutyRoster) -> [[String]] {
    roster.seats.map { $0.map { roster.problem.people[$0].id } }
  }

  @Test("the calendar tells statutory holidays from days moved by 调休, and names the hard days")
  func calendar() {
    let c = WorkCalendar.china
    let festival = (15...23).map { Self.day(2, $0) }
    #expect(festival.allSatisfy { c.kind(ofDay: $0) == .holiday })
    #expect(festival.filter(c.isStatutory).map { LocalDateTime.civil(fromDays: $0).day } == [16, 17, 18, 19])
    #expect(c.hardDay(Self.day(2, 16)) == .newYearsEve)
    #expect(c.hardDay(Self.day(2, 17)) == .springFestival)
    #expect(c.hardDay(Self.day(2, 18)) == nil)
    #expect(c.hardDay(Self.day(10, 1)) == .nationalDay)
    #expect(c.isStatutory(Self.day(10, 3)) && !c.isStatutory(Self.day(10, 4)))
    let eve2025 = LocalDateTime(year: 2025, month: 1, day: 28)!.dayNumber
    #expect(c.hardDay(eve2025) == .newYearsEve && c.isStatutory(eve2025))
    // 2025: 13 statutory days; 2026 too.
    for year in [2025, 2026] {
      let first = LocalDateTime(year: year, month: 1, day: 1)!.dayNumber
      #expect((first..<(first + 365)).filter(c.isStatutory).count == 13)
    }
  }

  @Test("calendar files list statutory holidays and name the hard days for another year")
  func statutoryFiles() throws {
    let csv = "date,kind,name\n2027-02-05,statutory,除夕\n2027-02-06,法定,春节初一\n2027-02-07,holiday,春节\n"
    guard case .success(let c) = CalendarFile.csv(csv, path: "h.csv") else {
      Issue.record("did not read")
      return
    }
    let eve = LocalDateTime(year: 2027, month: 2, day: 5)!.dayNumber
    #expect(c.isStatutory(eve) && c.isStatutory(eve + 1) && !c.isStatutory(eve + 2))
    #expect(
      c.hardDay(eve) == .newYearsEve && c.hardDay(eve + 1) == .springFestival && c.hardDay(eve + 2) == nil)
    #expect((0..<3).allSatisfy { c.kind(ofDay: eve + $0) == .holiday })
    guard
      case .success(let j) = CalendarFile.json5(
        "{ years: [2027], statutory: [{ date: \"2027-02-05\", name: \"除夕\" }], holidays: [\"2027-02-07\"] }",
        path: "h.json5")
    else {
      Issue.record("did not read")
      return
    }
    #expect(j.isStatutory(eve) && j.hardDay(eve) == .newYearsEve && !j.isStatutory(eve + 2))
    var merged = WorkCalendar.china
    merged.merge(c)
    #expect(merged.isStatutory(eve) && merged.isStatutory(Self.day(2, 16)))
  }

  @Test("a scenario's calendar key lists statutory holidays and names the hard days")
  func statutoryInScenario() throws {
    let s = try load(
      """
      { version: 1, period: { start: "2027-02-01T00:00", length: "14 days" },
        tiers: [{ id: "grid", handling: "1 h" }], organization: { name: "t", staff: 1 },
        calendar: { statutory: [{ date: "2027-02-05", name: "除夕" }, { date: "2027-02-06", name: "春节初一" }],
          holidays: ["2027-02-07"] } }
      """)
    let eve = LocalDateTime(year: 2027, month: 2, day: 5)!.dayNumber
    let c = s.calendar.days
    #expect((0..<3).allSatisfy { c.kind(ofDay: eve + $0) == .holiday })
    #expect(c.isStatutory(eve) && c.isStatutory(eve + 1) && !c.isStatutory(eve + 2))
    #expect(
      c.hardDay(eve) == .newYearsEve && c.hardDay(eve + 1) == .springFestival && c.hardDay(eve + 2) == nil)
    // The built-in years stay statutory where they were.
    #expect(c.isStatutory(Self.day(2, 16)))
  }

  @Test("hard days rotate by which day: who had 除夕 last year is kept off 除夕 first")
  func sameHardDay() throws {
    // One seat on 除夕 (16 Feb) and one on 初一 (17 Feb). A had 除夕 last year (given as last
    // year's date, 28 Jan 2025), B had 初一. Rotation weighs them alike (6 each per hard day); 除夕
    // again adds 12. A on 初一 and B on 除夕: duties 1 + 1, holidays 1 + 1, hard days 4 × (1 + 1),
    // rotation 6 + 6 = 24; the other way round, 24 + 12 + 12 = 48.
    let s = try Self.scenario()
    let p = try Self.problem(s, "A,甲,东村,,,,,,2025-01-28\nB,乙,东村,,,,,,初一\n", from: (2, 16), to: (2, 17))
    #expect(p.people[0].lastYearHard == [.newYearsEve] && p.people[0].lastYearHardDays == 1)
    #expect(p.people[1].lastYearHard == [.springFestival])
    var swapped = DutyRosterSolver(problem: p)
    swapped.put(0, 0)
    swapped.put(1, 1)
    #expect(swapped.objective == 48)
    var rotated = DutyRosterSolver(problem: p)
    rotated.put(1, 0)
    rotated.put(0, 1)
    #expect(rotated.objective == 24)
    let roster = DutyRosterSolver.solve(p)
    #expect(Self.ids(roster) == [["B"], ["A"]] && roster.objective == 24)
    #expect(DutyRosterSolver.solve(p, exactLimit: 0).objective == 24)
  }

  @Test("wishes: a duty someone would rather not have, or on none of what they prefer, weighs 3")
  func wishes() throws {
    // 16 Feb (除夕), a day and a night seat, A and B. A would rather not do nights: A takes the day
    // shift. Objective by hand: duties 1 + 1, nights 2 × 1, holidays 1 + 1, hard days 4 × (1 + 1)
    // = 14; A on the night, 14 + 3 = 17. A wish is not a rule: with B on leave and A wishing for
    // neither shift, A still takes one (one shift a day), at a cost of 3.
    let s = try Self.scenario(night: true)
    let header = "id,name,unit,unavailable,rather-not,希望值班\n"
    func problem(_ rows: String) throws -> DutyRosterProblem {
      let people = try #require(try? DutyPeople.parse(header + rows, path: "p.csv", scenario: s).get())
      return DutyRosterProblem(scenario: s, people: people.people, days: Self.day(2, 16)...Self.day(2, 16))
    }
    let p = try problem("A,甲,东村,,夜班,\nB,乙,东村,,,\n")
    #expect(p.people[0].ratherNot.shifts == ["night"])
    let roster = DutyRosterSolver.solve(p)
    #expect(Self.ids(roster) == [["A"], ["B"]] && roster.objective == 14)
    var against = DutyRosterSolver(problem: p)
    against.put(1, 0)
    against.put(0, 1)
    #expect(against.objective == 17)
    // The same from B's side: B prefers nights (a day shift is on none of what B prefers).
    let q = try problem("A,甲,东村,,,\nB,乙,东村,,,night;2026-02-20\n")
    #expect(q.people[1].prefers == DutyWish(shifts: ["night"], days: [Self.day(2, 20)]))
    #expect(Self.ids(DutyRosterSolver.solve(q)) == [["A"], ["B"]])
    // Only a wish: B on leave, A is put on the one seat left that A may take.
    let r = DutyRosterSolver.solve(try problem("A,甲,东村,,白班;夜班,\nB,乙,东村,2026-02-16,,\n"))
    #expect(r.seats.map(\.count) == [1, 0] && r.objective == 1 + 1 + 4 + 3)
    // The fairness table counts it, in a column of its own; the summary says how many.
    #expect(r.hasWishes && r.shares.map(\.againstWishes) == [1, 0])
    let report = DutyRosterReport(roster: r, language: .english, source: "s", commandLine: "c")
    #expect(report.fairnessCSV().hasPrefix("id,name,") && report.fairnessCSV().contains(",against wishes\n"))
    #expect(
      report.summaryLines().contains(
        "Wishes (prefers, rather-not): 1 duty against them, of 1 person (fairness table, 'against wishes')."))
    // Nobody with wishes: no such column.
    let plain = DutyRosterReport(
      roster: DutyRosterSolver.solve(try problem("A,甲,东村,,,\nB,乙,东村,,,\n")), language: .english, source: "s",
      commandLine: "c")
    #expect(!plain.fairnessCSV().contains("wishes"))
    // A wish naming no shift or date is an error with its column and line.
    guard
      case .failure(.invalid(let e)) = DutyPeople.parse(header + "A,甲,东村,,午班,\n", path: "p.csv", scenario: s)
    else {
      Issue.record("a wrong shift was accepted")
      return
    }
    #expect(e.first?.description.contains("'午班'") == true)
    #expect(e.first?.keyPath == "rather-not" && e.first?.line == 2)
  }

  @Test("duties just before the first day (earlier rows of --previous) count for rest and days in a row")
  func earlierDuties() throws {
    // A night on 16 Feb, before the roster's first day (17 Feb): A may not take the 17th's night.
    var s = try Self.scenario(night: true)
    s.tiers[0].roster!.shifts.removeFirst()
    var p = try Self.problem(s, "A,甲,东村\nB,乙,东村\n", from: (2, 17), to: (2, 18))
    let previous = "date,unit,shift,role,id\n2026-02-16,东村,夜班,,A\n2026-01-01,东村,夜班,,B\n"
    // B's night of 1 January is more than a month before: warned about, not counted.
    #expect(p.readPrevious(previous, path: "old.csv").map(\.line) == [3])
    #expect(
      p.earlier[0] == [DutyTime(day: Self.day(2, 16), start: 17 * 60 + 30, length: 15 * 60, night: true)])
    #expect(p.earlier[1].isEmpty)
    #expect(DutyRosterSolver(problem: p).violation(0, 0) == .restAfterNight)
    #expect(Self.ids(DutyRosterSolver.solve(p)) == [["B"], ["A"]])
    // Two day shifts in a row before the first day, at most 2 in a row: A sits out the 17th.
    var t = try Self.scenario()
    t.rosterRules.maxConsecutiveDays = 2
    var q = try Self.problem(t, "A,甲,东村\nB,乙,东村\n", from: (2, 17), to: (2, 17))
    _ = q.readPrevious("date,unit,shift,id\n2026-02-15,东村,duty,A\n2026-02-16,东村,duty,A\n", path: "old.csv")
    #expect(DutyRosterSolver(problem: q).violation(0, 0) == .consecutiveDays)
    #expect(Self.ids(DutyRosterSolver.solve(q)) == [["B"]])
  }

  @Test("rosterRules: each default overridden by the scenario; a wrong key or value is named")
  func rules() throws {
    let defaults = try Self.scenario().rosterRules
    #expect(defaults == DutyRules())
    #expect(defaults.rules(for: .hired).hoursPerMonth == 36 && defaults.rules(for: .hired).hoursPerWeek == 40)
    #expect(defaults.rules(for: .villageCadre).timeOff && !defaults.rules(for: .hired).timeOff)
    let s = try Self.scenario(
      extra:
        "rosterRules: { restAfterNight: 2, maxConsecutiveDays: 3, nightShare: 1, posts: { hired: { hoursPerMonth: 20 } }, pay: { restDay: 2.5 }, weights: { rotation: 0 } },"
    )
    #expect(s.rosterRules.restAfterNight == 2 && s.rosterRules.maxConsecutiveDays == 3)
    #expect(
      s.rosterRules.nightShare == 1 && s.rosterRules.payRestDay == 2.5 && s.rosterRules.weights.rotation == 0)
    #expect(
      s.rosterRules.rules(for: .hired).hoursPerMonth == 20
        && s.rosterRules.rules(for: .hired).hoursPerWeek == 40)
    let bad = problems(
      """
      { version: 1, tiers: [{ id: "t", handling: "1 h" }], organization: { name: "x", staff: 1 },
        rosterRules: { restAfterNigth: 1, maxConsecutiveDays: 0 } }
      """)
    #expect(
      bad.contains { $0.description.contains("rosterRules") && $0.description.contains("restAfterNigth") })
    #expect(bad.contains { $0.keyPath == "rosterRules.maxConsecutiveDays" })
  }

  @Test("a people file with Chinese headers reads; every problem is listed with its line")
  func peopleFile() throws {
    let s = try Self.scenario()
    let good = "编号,姓名,单位,角色,岗位类别,电话,请假日期\nA1,张伟,东村,值班人员,村干部,13912345678,2026-02-16~2026-02-18、2月20日\n"
    guard case .success(let read) = DutyPeople.parse(good, path: "p.csv", scenario: s) else {
      Issue.record("did not read")
      return
    }
    let a = read.people[0]
    #expect(a.id == "A1" && a.post == .villageCadre && a.role == .staff)
    #expect(a.unavailable == Set([16, 17, 18, 20].map { Self.day(2, $0) }))
    #expect(a.maskedPhone == "139****5678")
    let bad = """
      id,name,unit,role,post,unavailable
      A1,张伟,东村,值班人员,村干部,
      A2,李娜,西村,值班人员,村干部,
      A1,张伟,东村,值班人员,村干部,2026-02-31
      A4,王芳,东村,厨师,村干部,
      """
    guard case .failure(.invalid(let problems)) = DutyPeople.parse(bad, path: "p.csv", scenario: s) else {
      Issue.record("a bad file read")
      return
    }
    #expect(problems.map(\.line) == [3, 4, 4, 5])
    #expect(problems[0].description.contains("no unit is named '西村'"))
    #expect(problems[1].description.contains("'A1' is already used on line 2"))
    #expect(problems[2].description.contains("2026-02-31"))
    #expect(problems[3].description.contains("found '厨师'"))
  }

  @Test("rest after a night: two people on a night shift take turns")
  func restAfterNight() throws {
    // Night only (no day shift): A and B alternate; nobody works the day after their night.
    var s = try Self.scenario(night: true)
    s.tiers[0].roster!.shifts.removeFirst()
    let p = try Self.problem(s, "A,甲,东村\nB,乙,东村\n", from: (2, 16), to: (2, 19))
    let roster = DutyRosterSolver.solve(p)
    #expect(roster.isComplete)
    let ids = Self.ids(roster).map { $0[0] }
    #expect(ids == ["A", "B", "A", "B"] || ids == ["B", "A", "B", "A"])
    // Rest of 2 days: three people needed; with two, the third night cannot be staffed.
    s.rosterRules.restAfterNight = 2
    let tight = DutyRosterSolver.solve(try Self.problem(s, "A,甲,东村\nB,乙,东村\n", from: (2, 16), to: (2, 18)))
    #expect(tight.shortfalls.map(\.slot) == [2])
    #expect(tight.shortfalls[0].afterLeave == 2 && tight.shortfalls[0].afterRest == 0)
  }

  @Test("at most N days in a row, leave honoured")
  func consecutiveAndLeave() throws {
    var s = try Self.scenario()
    s.rosterRules.maxConsecutiveDays = 2
    // B is on leave on the 2nd day, so A works it; A may not then work all three.
    let p = try Self.problem(s, "A,甲,东村\nB,乙,东村,,,,2026-02-17\n", from: (2, 16), to: (2, 18))
    let roster = DutyRosterSolver.solve(p)
    let ids = Self.ids(roster).map { $0[0] }
    #expect(ids[1] == "A")
    #expect(ids != ["A", "A", "A"])
    var solver = DutyRosterSolver(problem: p)
    solver.put(0, 0)
    solver.put(0, 1)
    #expect(solver.violation(0, 2) == .consecutiveDays)
    #expect(solver.violation(1, 1) == .leave)
  }

  @Test("hours per kind of post: hired staff within their weekly hours")
  func hours() throws {
    // A 9-hour day shift; hired staff at most 20 h in 7 days: two shifts. Four days, one seat:
    // the civil servant takes the other two.
    let s = try Self.scenario(extra: "rosterRules: { posts: { hired: { hoursPerWeek: 20 } } },")
    let p = try Self.problem(s, "H,聘,东村,,hired\nC,公,东村,,civil-servant\n", from: (2, 16), to: (2, 19))
    let roster = DutyRosterSolver.solve(p)
    let shares = roster.shares
    #expect(shares[0].duties == 2 && shares[1].duties == 2)
    #expect(shares[0].hours == 18)
    // Pay: the hired person's days are paid (300% on the statutory 16-19 Feb), the civil servant is
    // owed time off from the first working day after the holiday (24 Feb).
    #expect(shares[0].payDays == 6 && shares[0].timeOffDays == 0)
    #expect(shares[1].payDays == 0 && shares[1].timeOffDays == 2)
    #expect(roster.timeOffFrom == Self.day(2, 24))
    var solver = DutyRosterSolver(problem: p)
    solver.put(0, 0)
    solver.put(0, 1)
    #expect(solver.violation(0, 3) == .weekHours)
  }

  @Test("each unit covers its own shifts; with borrow, another unit of the tier lends only when needed")
  func borrowing() throws {
    // Two villages, one day shift each for two days; 东村's only person is on leave on the 17th.
    func scenario(_ borrow: Bool) throws -> Scenario {
      try load(
        """
        { version: 1, period: { start: "2026-02-15T00:00", length: "9 days" },
          tiers: [{ id: "village", name: "村两委", handling: "1 h",
            roster: { shifts: [{ name: "duty", start: "08:30", end: "17:30", staff: 1 }] } }],
          organization: [{ name: "东村", staff: 3 }, { name: "西村", staff: 3 }],
          rosterRules: { borrow: \(borrow) },
        }
        """)
    }
    let rows = "A,甲,东村,,,,2026-02-17\nB,乙,西村\nC,丙,西村\n"
    let own = DutyRosterSolver.solve(try Self.problem(scenario(false), rows, from: (2, 16), to: (2, 17)))
    #expect(own.shortfalls.count == 1)
    #expect(own.problem.units[own.problem.slots[own.shortfalls[0].slot].unit].name == "东村")
    let lent = DutyRosterSolver.solve(try Self.problem(scenario(true), rows, from: (2, 16), to: (2, 17)))
    #expect(lent.isComplete)
    // 东村: A on the 16th, a 西村 person on the 17th; 西村's own two days are B's and C's.
    let ids = Self.ids(lent)
    let slots = lent.problem.slots
    let east = slots.indices.filter { lent.problem.units[slots[$0].unit].name == "东村" }
    #expect(ids[east[0]] == ["A"])
    #expect(["B", "C"].contains(ids[east[1]][0]))
    #expect(lent.shares.map(\.duties).reduce(0, +) == 4)
  }

  @Test("a leader on duty each day, taken only by leaders")
  func leader() throws {
    let s = try Self.scenario(leader: ", leader: {}")
    let p = try Self.problem(
      s, "L1,书记,东村,带班领导\nL2,主任,东村,leader\nA,甲,东村\nB,乙,东村\n", from: (2, 16), to: (2, 19))
    let roster = DutyRosterSolver.solve(p)
    #expect(roster.isComplete)
    for (s, slot) in p.slots.enumerated() {
      let roles = roster.seats[s].map { p.people[$0].role }
      #expect(roles == [slot.leader ? .leader : .staff])
    }
    #expect(p.slots.filter(\.leader).count == 4)
    // Each leader leads two of the four days; each of A and B takes two day shifts.
    #expect(roster.shares.map(\.duties) == [2, 2, 2, 2])
  }

  @Test("fairness: duties, nights and hard days spread evenly; hard days rotated against last year")
  func fairness() throws {
    // Three people, six days, one seat: two each. 除夕 (16 Feb) and 初一 (17 Feb) go to the two
    // who had no hard day last year.
    let s = try Self.scenario()
    let p = try Self.problem(s, "A,甲,东村,,,,,,除夕\nB,乙,东村\nC,丙,东村\n", from: (2, 15), to: (2, 20))
    let roster = DutyRosterSolver.solve(p)
    #expect(roster.shares.map(\.duties) == [2, 2, 2])
    #expect(roster.spread.duties == 0 && roster.spread.hardDays == 1)
    #expect(roster.shares[0].hardDays == 0)
    #expect(roster.shares[1].hardDays == 1 && roster.shares[2].hardDays == 1)
  }

  @Test("the solver's roster is as good as the best of every roster, on small cases", arguments: 0..<6)
  func exact(seed: Int) throws {
    // Day and night shifts over 3 days; people and leave vary with the seed.
    var s = try Self.scenario(night: true)
    s.rosterRules.maxConsecutiveDays = 2 + seed % 2
    var rows = ""
    for k in 0..<(3 + seed % 3) {
      let leave = (k + seed) % 4 == 0 ? "2026-02-17" : ""
      rows += "P\(k),人\(k),东村,,,,\(leave),,\((k * seed) % 2)\n"
    }
    let p = try Self.problem(s, rows, from: (2, 16), to: (2, 18))
    let solver = DutyRosterSolver(problem: p)
    let best = try #require(solver.enumerate(limit: 5_000_000), "seed \(seed)")
    let heuristic = DutyRosterSolver.solve(p, exactLimit: 0)
    #expect(heuristic.shortfalls.count == best.shortfalls.count, "seed \(seed)")
    #expect(heuristic.objective == best.objective, "seed \(seed)")
    #expect(heuristic.lowerBound <= best.objective)
    #expect(DutyRosterSolver.solve(p).exact)
  }

  @Test("infeasible, explained: which shift-day, needs how many, how many are left")
  func infeasible() throws {
    let s = try Self.scenario(seats: 2, night: true)
    let p = try Self.problem(
      s, "A,甲,东村\nB,乙,东村,,,,2026-02-16\nC,丙,东村,,,,2026-02-16\n", from: (2, 16), to: (2, 16))
    let roster = DutyRosterSolver.solve(p)
    #expect(!roster.isComplete)
    let report = DutyRosterReport(roster: roster, language: .english, source: "s", commandLine: "c")
    let lines = roster.shortfalls.map(report.shortfallLine)
    #expect(lines.contains("村两委 of 东村: 16 Feb 2026 夜班 needs 2, only 1 available after leave"))
    #expect(lines.contains("村两委 of 东村: 16 Feb 2026 白班 needs 2, only 1 available after leave"))
    let zh = DutyRosterReport(roster: roster, language: ReportLanguage(.zh), source: "s", commandLine: "c")
    #expect(zh.shortfallLine(roster.shortfalls[0]).hasPrefix("村两委 东村：2026年2月16日"))
  }

  @Test("the iCalendar files read back: one event per duty, at its local times, the phone whole")
  func icalendar() throws {
    let s = try Self.scenario(night: true)
    let p = try Self.problem(s, "A,\"甲,一\",东村,,,13912345678\nB,乙,东村\nC,丙,东村\n", from: (2, 16), to: (2, 18))
    let roster = DutyRosterSolver.solve(p)
    let report = DutyRosterReport(
      roster: roster, language: ReportLanguage(.zh), source: "s", commandLine: "c")
    let files = report.calendars()
    #expect(files.map(\.name) == ["people/A.ics", "people/B.ics", "people/C.ics"])
    for (k, file) in files.enumerated() {
      // Unfold (RFC 5545 3.1), then read the events.
      let text = file.contents.replacingOccurrences(of: "\r\n ", with: "")
      #expect(file.contents.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 75 })
      let lines = text.components(separatedBy: "\r\n")
      let starts = lines.filter { $0.hasPrefix("DTSTART;TZID=Asia/Shanghai:") }.map { String($0.suffix(15)) }
      let mine = roster.seats.indices.filter { roster.seats[$0].contains(k) }
      let expected = mine.map { s in
        DutyRosterReport.icsStamp(
          LocalDateTime(minutes: Int64(p.slots[s].day) * 1440 + Int64(p.slots[s].start)))
      }
      #expect(starts == expected)
      #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == mine.count)
      if k == 0 { #expect(lines.contains { $0.hasPrefix("DESCRIPTION:") && $0.contains("13912345678") }) }
    }
    // The posted files mask it.
    #expect(report.rosterCSV().contains("139****5678") || !roster.seats.joined().contains(0))
    #expect(!report.rosterCSV().contains("13912345678"))
  }

  @Test("a re-plan after a sick call moves few seats; a swap is checked and applied or refused")
  func previousAndSwaps() throws {
    let s = try Self.scenario(night: true)
    var rows = ""
    for k in 0..<6 { rows += "P\(k),人\(k),东村\n" }
    let first = DutyRosterSolver.solve(try Self.problem(s, rows, from: (2, 16), to: (2, 20)))
    #expect(first.isComplete)
    let csv = DutyRosterReport(roster: first, language: .english, source: "s", commandLine: "c").rosterCSV()
    // P0 falls sick on the days they had duty from the 18th.
    let sickDays = first.seats.indices.filter {
      first.seats[$0].contains(0) && first.problem.slots[$0].day >= Self.day(2, 18)
    }
    let sick = sickDays.map { DutyRosterReport.iso(first.problem.slots[$0].day) }.joined(separator: ";")
    rows = rows.replacingOccurrences(of: "P0,人0,东村\n", with: "P0,人0,东村,,,,\(sick)\n")
    var again = try Self.problem(s, rows, from: (2, 16), to: (2, 20))
    #expect(again.readPrevious(csv, path: "old.csv").isEmpty)
    let second = DutyRosterSolver.solve(again)
    let changed = second.changes
    #expect(changed <= sickDays.count * 2)
    #expect(changed >= sickDays.count)

    // A swap: whoever has the day shift of the 16th gives it to someone free that day and the
    // next; a swap onto someone who worked the night before is refused (rest after a night).
    var third = try Self.problem(
      s, "P0,人0,东村\nP1,人1,东村\nP2,人2,东村\nP3,人3,东村\nP4,人4,东村\nP5,人5,东村\n", from: (2, 16), to: (2, 20))
    _ = third.readPrevious(csv, path: "old.csv")
    let day16 = try #require(third.slot(unit: "东村", day: Self.day(2, 16), shift: "duty", leader: false))
    let night16 = try #require(third.slot(unit: "东村", day: Self.day(2, 16), shift: "night", leader: false))
    let day17 = try #require(third.slot(unit: "东村", day: Self.day(2, 17), shift: "duty", leader: false))
    let giver = first.seats[day17][0]
    let tired = first.seats[night16][0]
    let busy = Set(
      first.seats.indices.filter { first.problem.slots[$0].day <= Self.day(2, 18) }.flatMap {
        first.seats[$0]
      })
    let free = (0..<6).first { !busy.contains($0) }
    var swaps = "date,shift,from,to,reason\n2026-02-17,duty,P\(giver),P\(tired),家中有事\n"
    if let free { swaps += "2026-02-17,白班,P\(giver),P\(free),家中有事\n" }
    let (read, problems) = third.readSwaps(swaps, path: "swaps.csv")
    #expect(problems.isEmpty)
    #expect(read[0].refused == .restAfterNight)
    if let free {
      #expect(read[1].refused == nil)
      let solved = DutyRosterSolver.solve(third)
      #expect(solved.seats[day17] == [free])
      #expect(!solved.seats[day16].isEmpty)
    }
  }
}
