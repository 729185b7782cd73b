import Foundation

extension ScenarioReader {
  static let calendarKeys = [
    "builtIn", "holidays", "makeupWorkdays", "statutory", "files", "officeHours", "sameDayCutoff",
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
        case .success(let loaded):
          settings.days.merge(loaded.calendar)
          if let encoding = loaded.encoding { spreadsheets.append(.init(path: shown, encoding: encoding)) }
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
    CalendarFile.readDays(o["holidays"], "calendar.holidays", kind: .holiday, into: &own, values: &values)
    CalendarFile.readDays(
      o["makeupWorkdays"], "calendar.makeupWorkdays", kind: .makeupWorkday, into: &own, values: &values)
    // Statutory holidays (法定节假日): holidays the Labour Law's 300% applies to; 除夕 and 初一 by
    // their names are hard days of duty.
    var statutory = WorkCalendar()
    CalendarFile.readDays(
      o["statutory"], "calendar.statutory", kind: .holiday, into: &statutory, values: &values)
    for (day, special) in statutory.specials.sorted(by: { $0.key < $1.key }) {
      own.set(day: day, special)
      own.setStatutory(day: day, name: special.name, hard: WorkCalendar.HardDay(inName: special.name))
    }
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
}
