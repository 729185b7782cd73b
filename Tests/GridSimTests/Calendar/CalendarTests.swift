import Foundation
import GridSim
import Testing

func day(_ text: String) -> Int { LocalDateTime(parsing: text)!.dayNumber }

@Suite("Working calendar")
struct CalendarTests {
  let china = WorkCalendar.china

  @Test("2025 and 2026 holidays and make-up workdays are those of the official notices")
  func builtInYears() {
    func kinds(_ year: Int) -> [DayKind: Int] {
      var counts: [DayKind: Int] = [:]
      let first = day("\(year)-01-01")
      for d in first..<day("\(year + 1)-01-01") { counts[china.kind(ofDay: d), default: 0] += 1 }
      return counts
    }
    // 2025: 27 days off (28 with the National Day's eighth day), 5 make-up days.
    #expect(kinds(2025)[.holiday] == 28)
    #expect(kinds(2025)[.makeupWorkday] == 5)
    #expect(kinds(2026)[.holiday] == 33)
    #expect(kinds(2026)[.makeupWorkday] == 6)
    for date in ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"] {
      #expect(china.kind(ofDay: day(date)) == .makeupWorkday, "\(date)")
    }
    for date in ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"] {
      #expect(china.kind(ofDay: day(date)) == .makeupWorkday, "\(date)")
    }
    #expect(china.kind(ofDay: day("2026-02-15")) == .holiday)
    #expect(china.kind(ofDay: day("2026-02-23")) == .holiday)
    #expect(china.kind(ofDay: day("2026-02-24")) == .workday)
    #expect(china.kind(ofDay: day("2025-10-08")) == .holiday)
    #expect(china.kind(ofDay: day("2026-10-08")) == .workday)
    #expect(china.kind(ofDay: day("2026-10-11")) == .weekend)
    #expect(china.name(ofDay: day("2026-10-03")) == "National Day")
    #expect(china.yearsWithoutData(from: day("2026-12-01"), to: day("2027-01-10")) == [2027])
    #expect(china.yearsWithoutData(from: day("2025-01-01"), to: day("2026-12-31")).isEmpty)
  }

  func due(_ start: String, _ deadline: String, hours: OfficeHours = .standard, cutoff: Int? = nil)
    -> String
  {
    let spec = DeadlineSpec(parsing: deadline)!
    return CalendarReport.due(
      spec, from: LocalDateTime(parsing: start)!, calendar: china, hours: hours, sameDayCutoff: cutoff)!
      .description
  }

  @Test(
    "working-day deadlines skip holidays and count make-up days",
    arguments: [
      // The issue's example: Oct 1-7 off, Oct 8 and 9 worked, the make-up Saturday Oct 10 is the 3rd.
      ("2026-09-30T10:00", "3 working days", "2026-10-10T17:30"),
      ("2026-09-30T23:00", "3 working days", "2026-10-10T17:30"),  // the start day never counts
      ("2026-10-03T10:00", "1 working day", "2026-10-08T17:30"),  // started on a holiday
      ("2026-02-13T09:00", "1 working day", "2026-02-14T17:30"),  // the make-up Saturday
      ("2026-02-14T09:00", "1 working day", "2026-02-24T17:30"),  // over Spring Festival
      // The turn of the year: Jan 1-3 off, the make-up Sunday Jan 4 is the first.
      ("2025-12-31T09:00", "2 working days", "2026-01-05T17:30"),
      ("2026-03-06T16:00", "5 working days", "2026-03-13T17:30"),  // an ordinary week
    ])
  func workingDays(start: String, deadline: String, expected: String) {
    #expect(due(start, deadline) == expected)
  }

  @Test(
    "same-day deadlines: the close of the day, or of the next working day after hours or on a day off",
    arguments: [
      ("2026-09-30T10:00", "2026-09-30T17:30"),
      ("2026-09-30T17:29", "2026-09-30T17:30"),
      ("2026-09-30T17:30", "2026-10-08T17:30"),  // found at the close: next working day
      ("2026-09-30T06:00", "2026-09-30T17:30"),  // before opening: the same day
      ("2026-10-04T12:00", "2026-10-08T17:30"),  // on a holiday
      ("2026-10-10T12:00", "2026-10-10T17:30"),  // on a make-up Saturday
      ("2026-10-11T12:00", "2026-10-12T17:30"),  // on a Sunday
    ])
  func sameDay(start: String, expected: String) {
    #expect(due(start, "same day") == expected)
    #expect(due(start, "当日") == expected)
  }

  @Test("the same-day cut-off is configurable")
  func cutoff() {
    #expect(due("2026-09-30T16:30", "same day", cutoff: 16 * 60) == "2026-10-08T17:30")
    #expect(due("2026-09-30T15:59", "same day", cutoff: 16 * 60) == "2026-09-30T17:30")
  }

  @Test(
    "working hours count only office time: 08:30-12:00 and 14:30-17:30 on working days",
    arguments: [
      ("2026-09-29T09:00", "2 working hours", "2026-09-29T11:00"),
      ("2026-09-29T11:00", "2 working hours", "2026-09-29T15:30"),  // over lunch
      ("2026-09-29T08:30", "6.5 working hours", "2026-09-29T17:30"),  // a whole day ends at the close
      ("2026-09-29T16:30", "2 working hours", "2026-09-30T09:30"),  // overnight
      ("2026-09-30T16:30", "2 working hours", "2026-10-08T09:30"),  // over National Day
      ("2026-10-03T10:00", "1 working hour", "2026-10-08T09:30"),  // started on a holiday
      ("2026-09-29T12:30", "30 min", "2026-09-29T13:00"),  // calendar time ignores office hours
      ("2026-09-29T12:30", "2 calendar days", "2026-10-01T12:30"),
      ("2026-09-29T12:30", "8工作小时", "2026-09-30T16:00"),
    ])
  func workingHours(start: String, deadline: String, expected: String) {
    #expect(due(start, deadline) == expected)
  }

  @Test("other office hours")
  func otherHours() {
    let hours = OfficeHours([540..<1020])!  // 09:00-17:00
    #expect(due("2026-09-29T16:00", "2 working hours", hours: hours) == "2026-09-30T10:00")
    #expect(due("2026-09-29T10:00", "same day", hours: hours) == "2026-09-29T17:00")
    #expect(OfficeHours([600..<700, 650..<800]) == nil)
    #expect(OfficeHours.interval(parsing: "08:30-12:00") == 510..<720)
    #expect(OfficeHours.interval(parsing: "12:00-08:30") == nil)
  }

  @Test("deadline texts")
  func parsing() {
    #expect(DeadlineSpec(parsing: "3 working days") == .workingDays(3))
    #expect(DeadlineSpec(parsing: "3个工作日") == .workingDays(3))
    #expect(DeadlineSpec(parsing: "3 工作日") == .workingDays(3))
    #expect(DeadlineSpec(parsing: "8 working hours") == .workingHours(TimeSpan(minutes: 480)))
    #expect(DeadlineSpec(parsing: "2 calendar days") == .elapsed(TimeSpan(minutes: 2880)))
    #expect(DeadlineSpec(parsing: "4 h") == .elapsed(TimeSpan(minutes: 240)))
    #expect(DeadlineSpec(parsing: "Same Day") == .sameDay)
    #expect(DeadlineSpec(parsing: "2.5 working days") == nil)
    #expect(DeadlineSpec(parsing: "three working days") == nil)
    #expect(DeadlineSpec.workingDays(3).description == "3 working days")
  }
}

@Suite("Calendar files and the scenario's calendar")
struct CalendarFileTests {
  func folder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("gridsim-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test("CSV, iCalendar and JSON5 files give the same 2027 days")
  func formats() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let csv =
      "date,kind,name\n2027-02-06,holiday,Spring Festival\n2027-02-07,holiday,\"Spring Festival\"\n2027-02-20,makeup-workday,Spring Festival\n"
    let ics = """
      BEGIN:VCALENDAR\r
      VERSION:2.0\r
      BEGIN:VEVENT\r
      DTSTART;VALUE=DATE:20270206\r
      DTEND;VALUE=DATE:20270208\r
      SUMMARY:春节 假期\r
      END:VEVENT\r
      BEGIN:VEVENT\r
      DTSTART;VALUE=DATE:20270220\r
      DTEND;VALUE=DATE:20270221\r
      SUMMARY:春节 补班\r
      END:VEVENT\r
      END:VCALENDAR\r

      """
    let json5 = """
      { years: [2027], holidays: [{ from: "2027-02-06", to: "2027-02-07", name: "Spring Festival" }],
        makeupWorkdays: [{ date: "2027-02-20", name: "Spring Festival" }] }
      """
    for (name, text) in [("h.csv", csv), ("h.ics", ics), ("h.json5", json5)] {
      let path = dir.appendingPathComponent(name).path
      try text.write(toFile: path, atomically: true, encoding: .utf8)
      let c = try CalendarFile.load(path: path).get().calendar
      #expect(c.kind(ofDay: day("2027-02-06")) == .holiday, "\(name)")
      #expect(c.kind(ofDay: day("2027-02-07")) == .holiday, "\(name)")
      #expect(c.kind(ofDay: day("2027-02-08")) == .workday, "\(name)")
      #expect(c.kind(ofDay: day("2027-02-20")) == .makeupWorkday, "\(name)")
      #expect(c.years.contains(2027), "\(name)")
    }
  }

  @Test("bad calendar files name the line")
  func badFiles() throws {
    guard
      case .failure(.invalid(let d)) = CalendarFile.csv(
        "2027-02-06,holiday\n2027-13-01,holiday\n2027-02-08,party\n", path: "h.csv")
    else { Issue.record("expected problems"); return }
    #expect(
      d.map(\.description) == [
        "h.csv:2: error: expected a date such as 2027-01-01, found '2027-13-01'",
        "h.csv:3: error: expected the kind 'holiday' or 'makeup-workday', found 'party'",
      ])
    guard case .failure(.invalid(let e)) = CalendarFile.iCalendar("hello", path: "h.ics") else {
      Issue.record("expected problems")
      return
    }
    #expect(e.map(\.description) == ["h.ics:1: error: expected an iCalendar file (BEGIN:VCALENDAR)"])
  }

  @Test("a scenario adds days and files, sets office hours, and is warned about years without data")
  func scenarioCalendar() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    try "2027-01-01,holiday,New Year's Day\n".write(
      to: dir.appendingPathComponent("2027.csv"), atomically: true, encoding: .utf8)
    let path = dir.appendingPathComponent("s.json5").path
    let text = """
      {
        version: 1,
        period: { start: "2026-12-28T00:00", length: "2 weeks" },
        calendar: {
          files: ["2027.csv"],
          holidays: ["2027-01-04"],
          makeupWorkdays: [{ date: "2027-01-09", name: "extra" }],
          officeHours: ["09:00-12:00", "13:00-17:00"],
          sameDayCutoff: "16:00",
        },
        tiers: [{ id: "grid", handling: "1 h", deadlines: { response: "same day" } }],
        organization: { name: "g", staff: 1 },
      }
      """
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let loaded = try ScenarioLoader.load(path: path)
    let c = loaded.scenario.calendar
    #expect(c.days.kind(ofDay: day("2027-01-01")) == .holiday)
    #expect(c.days.kind(ofDay: day("2027-01-04")) == .holiday)
    #expect(c.days.kind(ofDay: day("2027-01-09")) == .makeupWorkday)
    #expect(c.days.kind(ofDay: day("2026-10-01")) == .holiday)  // built-in years stay
    #expect(c.officeHours.description == "09:00-12:00, 13:00-17:00")
    #expect(c.sameDayCutoff == 960)
    #expect(loaded.warnings.isEmpty, "2027 has data from the file: \(loaded.warnings)")

    let bare = text.replacingOccurrences(of: "files: [\"2027.csv\"],", with: "builtIn: false,")
    let warned = try ScenarioLoader.parse(bare, path: "s.json5")
    #expect(
      warned.warnings.map(\.message) == [
        "no holiday data for 2026: those years have weekends only, no holidays or make-up workdays"
      ])
    let missing = problems(text.replacingOccurrences(of: "2027.csv", with: "nope.csv"), path: path)
    #expect(missing.map(\.message) == ["cannot read the calendar file '\(dir.path)/nope.csv': no such file"])
  }
}
