/// `gridsim calendar`: a year's days as a table or CSV, and due times.
public enum CalendarReport {
  static let weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

  /// `date,weekday,kind,name`, one row per day of the year.
  public static func csv(year: Int, calendar: WorkCalendar) -> String {
    var out = "date,weekday,kind,name\n"
    for day in days(of: year) {
      let date = LocalDateTime(minutes: Int64(day) * 1440).dateDescription
      let name = calendar.name(ofDay: day) ?? ""
      out +=
        "\(date),\(weekdayNames[LocalDateTime.weekday(ofDay: day) - 1]),\(calendar.kind(ofDay: day).rawValue),\(CSV.field(name))\n"
    }
    return out
  }

  /// Totals per month, then every holiday and make-up workday.
  public static func text(year: Int, calendar: WorkCalendar) -> String {
    var out = "gridsim calendar: \(year)"
    out +=
      calendar.years.contains(year)
      ? "\n\n" : " (no holiday data for this year: weekends only; add them in a scenario's calendar)\n\n"
    var months = TextTable(headers: ["Month", "Working days", "Weekend days", "Holidays", "Make-up workdays"])
    var totals = [0, 0, 0, 0]
    for month in 1...12 {
      var counts = [0, 0, 0, 0]
      let first = LocalDateTime.daysFromCivil(year: year, month: month, day: 1)
      for day in first..<(first + LocalDateTime.daysIn(month: month, year: year)) {
        switch calendar.kind(ofDay: day) {
        case .workday: counts[0] += 1
        case .makeupWorkday:
          counts[0] += 1
          counts[3] += 1
        case .weekend: counts[1] += 1
        case .holiday: counts[2] += 1
        }
      }
      for i in 0..<4 { totals[i] += counts[i] }
      months.rows.append(["\(year)-\(month < 10 ? "0" : "")\(month)"] + counts.map(String.init))
    }
    months.rows.append(["total"] + totals.map(String.init))
    out += months.rendered()
    let specials = days(of: year).filter { calendar.name(ofDay: $0) != nil }
    if !specials.isEmpty {
      out += "\n"
      var table = TextTable(headers: ["Date", "Day", "Kind", "Name"])
      table.leftAligned = [0, 1, 2, 3]
      for day in specials {
        table.rows.append([
          LocalDateTime(minutes: Int64(day) * 1440).dateDescription,
          weekdayNames[LocalDateTime.weekday(ofDay: day) - 1], calendar.kind(ofDay: day).rawValue,
          calendar.name(ofDay: day) ?? "",
        ])
      }
      out += table.rendered()
    }
    return out
  }

  /// The due time of a deadline started at `start`; nil when it is not within ten years.
  public static func due(
    _ spec: DeadlineSpec, from start: LocalDateTime, calendar: WorkCalendar, hours: OfficeHours,
    sameDayCutoff: Int? = nil
  ) -> LocalDateTime? {
    let firstDay = start.dayNumber
    let days = min(WorkTime.daysNeeded(for: [spec], hours: [hours]), 3660)
    let table = WorkTime(
      calendar: calendar, hours: [hours], sameDayCutoff: sameDayCutoff, firstDay: firstDay, dayCount: days)
    let t = table.due(spec, from: Double(start.minuteOfDay))
    guard t.isFinite else { return nil }
    return LocalDateTime(minutes: Int64(firstDay) * 1440).adding(minutes: t)
  }

  private static func days(of year: Int) -> Range<Int> {
    LocalDateTime.daysFromCivil(
      year: year, month: 1, day: 1)..<LocalDateTime.daysFromCivil(
        year: year + 1, month: 1, day: 1)
  }
}
