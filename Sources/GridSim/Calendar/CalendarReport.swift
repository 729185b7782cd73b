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

/// Small CSV helpers (RFC 4180).
public enum CSV {
  /// A field, quoted when it holds a comma, a quote or a line break.
  public static func field(_ s: String) -> String {
    guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// Splits CSV text into rows of fields (quoted fields may hold commas, quotes and line breaks).
  /// Nil, with the 1-based line, when a quote is not closed.
  public static func parse(_ text: String) -> Result<[[String]], CSVError> {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var line = 1
    var openedAt = 1
    var chars = Array(text.unicodeScalars)
    if chars.first == "\u{FEFF}" { chars.removeFirst() }
    var i = 0
    var fieldStarted = false
    while i < chars.count {
      let c = chars[i]
      if quoted {
        if c == "\"" {
          if i + 1 < chars.count, chars[i + 1] == "\"" {
            field.unicodeScalars.append("\"")
            i += 1
          } else {
            quoted = false
          }
        } else {
          if c == "\n" { line += 1 }
          field.unicodeScalars.append(c)
        }
      } else if c == "\"" && !fieldStarted {
        quoted = true
        fieldStarted = true
        openedAt = line
      } else if c == "," {
        row.append(field)
        field = ""
        fieldStarted = false
      } else if c == "\n" || c == "\r" {
        if c == "\r", i + 1 < chars.count, chars[i + 1] == "\n" { i += 1 }
        row.append(field)
        rows.append(row)
        row = []
        field = ""
        fieldStarted = false
        line += 1
      } else {
        field.unicodeScalars.append(c)
        fieldStarted = true
      }
      i += 1
    }
    if quoted { return .failure(CSVError(line: openedAt, message: "a quoted field is not closed")) }
    if fieldStarted || !row.isEmpty {
      row.append(field)
      rows.append(row)
    }
    return .success(rows)
  }
}

/// A CSV file that cannot be split into fields.
public struct CSVError: Error, Sendable {
  public var line: Int
  public var message: String
}
