import Foundation

extension ScenarioReader {
  static let calendarKeys = [
    "builtIn", "holidays", "makeupWorkdays", "files", "officeHours", "sameDayCutoff",
  ]

  /// Reads `calendar`: holidays and make-up workdays added to (or instead of) the built-in years,
  /// calendar files, office hours and the same-day cut-off.
  mutating func readCalendar(_ value: JSON5Value, into settings: inout Scenario.CalendarSettings) {
    guard let o = values.object(value, "calendar", known: Self.calendarKeys) else { return }
    if let v = o["builtIn"] {
      if case .bool(let b) = v.kind {
        if !b { settings.days = WorkCalendar() }
      } else {
        values.expected("true or false", v, "calendar.builtIn")
      }
    }
    if let v = o["files"], let items = values.array(v, "calendar.files") {
      for (i, item) in items.enumerated() {
        guard let name = values.string(item, "calendar.files[\(i)]") else { continue }
        let (path, shown) = values.referencedFile(name, at: item.offset)
        switch CalendarFile.load(path: path, shownAs: shown) {
        case .success(let loaded): settings.days.merge(loaded)
        case .failure(let problem):
          switch problem {
          case .unreadable(let reason):
            values.error(
              "calendar.files[\(i)]", at: item.offset, "cannot read the calendar file '\(shown)': \(reason)",
              fix: "paths are relative to the scenario file's folder")
          case .invalid(let diagnostics): values.diagnostics += diagnostics
          }
        }
      }
    }
    var own = WorkCalendar()
    Self.readDays(o["holidays"], "calendar.holidays", kind: .holiday, into: &own, values: &values)
    Self.readDays(
      o["makeupWorkdays"], "calendar.makeupWorkdays", kind: .makeupWorkday, into: &own, values: &values)
    settings.days.merge(own)
    if let v = o["officeHours"], let hours = readOfficeHours(v, "calendar.officeHours") {
      settings.officeHours = hours
    }
    if let v = o["sameDayCutoff"], let text = values.string(v, "calendar.sameDayCutoff") {
      if let m = OfficeHours.minuteOfDay(text) {
        settings.sameDayCutoff = m
      } else {
        values.error(
          "calendar.sameDayCutoff", at: v.offset,
          "expected a time of day such as \"16:00\", found \(v.summary)")
      }
    }
  }

  /// Reads a list of days: `"2027-01-01"`, `{ date: "2027-01-01", name: "..." }` or
  /// `{ from: "2027-02-05", to: "2027-02-11", name: "..." }`.
  static func readDays(
    _ value: JSON5Value?, _ path: String, kind: DayKind, into calendar: inout WorkCalendar,
    values: inout ValueReader
  ) {
    guard let value, let items = values.array(value, path) else { return }
    let fallbackName = kind == .holiday ? "holiday" : "make-up workday"
    for (i, item) in items.enumerated() {
      let p = "\(path)[\(i)]"
      var first: Int?
      var last: Int?
      var name = fallbackName
      if case .string = item.kind {
        first = day(item, p, values: &values)
        last = first
      } else if let o = values.object(item, p, known: ["date", "from", "to", "name"]) {
        if let n = o["name"], let s = values.string(n, p + ".name") { name = s }
        switch (o["date"], o["from"], o["to"]) {
        case (let d?, nil, nil):
          first = day(d, p + ".date", values: &values)
          last = first
        case (nil, let f?, let t?):
          first = day(f, p + ".from", values: &values)
          last = day(t, p + ".to", values: &values)
          if let a = first, let b = last, b < a {
            values.error(
              p + ".to", at: t.offset, "expected 'to' on or after 'from', found it before", fix: "swap them")
            first = nil
          } else if let a = first, let b = last, b - a > 366 {
            values.error(
              p + ".to", at: t.offset, "expected a range of at most a year, found \(b - a + 1) days")
            first = nil
          }
        default:
          values.error(
            p, at: item.offset, "expected 'date', or 'from' and 'to'",
            fix:
              "write { date: \"2027-01-01\", name: \"New Year's Day\" } or { from: \"2027-02-05\", to: \"2027-02-11\", name: \"Spring Festival\" }"
          )
        }
      }
      guard let a = first, let b = last else { continue }
      for d in a...b {
        if kind == .makeupWorkday, LocalDateTime.weekday(ofDay: d) < 6 {
          values.warning(
            p, at: item.offset,
            "\(LocalDateTime(minutes: Int64(d) * 1440).dateDescription) is a weekday, so as a make-up workday it changes nothing",
            fix: "make-up workdays (调休) are weekend days that are worked")
        }
        calendar.set(day: d, WorkCalendar.Special(kind: kind, name: name))
      }
    }
  }

  private static func day(_ value: JSON5Value, _ path: String, values: inout ValueReader) -> Int? {
    guard let text = values.string(value, path) else { return nil }
    guard text.count == 10, let d = LocalDateTime(parsing: text) else {
      values.error(path, at: value.offset, "expected a date such as \"2027-01-01\", found \(value.summary)")
      return nil
    }
    return d.dayNumber
  }
}
