import Foundation

/// Holiday data from a file: JSON5 (the scenario's own `holidays`/`makeupWorkdays` lists), CSV
/// (`date,kind,name`) or iCalendar (all-day events, as public holiday-calendar projects publish).
package enum CalendarFile {
  /// Why a calendar file could not be used.
  package enum Problem: Error, Sendable {
    case unreadable(String)
    case invalid([Diagnostic])
  }

  /// Loads a file by its extension; `shownAs` is the path used in messages. A CSV file may be
  /// UTF-8 or GB18030 (its encoding is returned); the others are UTF-8.
  package static func load(path: String, shownAs: String? = nil) -> Result<
    (calendar: WorkCalendar, encoding: TextEncoding?), Problem
  > {
    let shown = shownAs ?? path
    let text: String
    let isCSV = URL(fileURLWithPath: path).pathExtension.lowercased() == "csv"
    if isCSV {
      switch InputFile.readSpreadsheet(path, checkRoot: true) {
      case .success(let read): return csv(read.text, path: shown).map { ($0, read.encoding) }
      case .failure(let problem): return .failure(.unreadable(problem.reason))
      }
    }
    switch InputFile.readUTF8(path, checkRoot: true) {
    case .success(let t): text = t
    case .failure(let problem): return .failure(.unreadable(problem.reason))
    }
    let loaded: Result<WorkCalendar, Problem>
    switch URL(fileURLWithPath: path).pathExtension.lowercased() {
    case "ics", "ical": loaded = iCalendar(text, path: shown)
    case "json5", "json": loaded = json5(text, path: shown)
    default:
      return .failure(
        .invalid([
          Diagnostic(
            .error, file: shown, message: "expected a .json5, .csv or .ics calendar file",
            fix: "name the file by its format")
        ]))
    }
    return loaded.map { ($0, nil) }
  }

  /// `{ years: [2027], holidays: [...], makeupWorkdays: [...] }`.
  package static func json5(_ text: String, path: String) -> Result<WorkCalendar, Problem> {
    let source = SourceFile(path: path, text: text)
    let root: JSON5Value
    switch InputFile.parseJSON5(source) {
    case .success(let value): root = value
    case .failure(let error):
      guard case .invalid(let problems) = error else { return .failure(.invalid([])) }
      return .failure(.invalid(problems))
    }
    var values = ValueReader(source: source)
    var calendar = WorkCalendar()
    if let o = values.object(root, "", known: ["years", "holidays", "makeupWorkdays", "statutory"]) {
      if let v = o["years"], let items = values.array(v, "years") {
        for (i, item) in items.enumerated() {
          if let y = values.integer(item, "years[\(i)]", in: 1900...2200) { calendar.markKnown(year: y) }
        }
      }
      readDays(o["holidays"], "holidays", kind: .holiday, into: &calendar, values: &values)
      readDays(
        o["makeupWorkdays"], "makeupWorkdays", kind: .makeupWorkday, into: &calendar, values: &values)
      // Statutory holidays (法定节假日): holidays the Labour Law's 300% applies to.
      var statutory = WorkCalendar()
      readDays(o["statutory"], "statutory", kind: .holiday, into: &statutory, values: &values)
      for (day, special) in statutory.specials.sorted(by: { $0.key < $1.key }) {
        calendar.set(day: day, special)
        calendar.setStatutory(day: day, name: special.name, hard: WorkCalendar.HardDay(inName: special.name))
      }
    }
    if values.diagnostics.hasErrors { return .failure(.invalid(values.diagnostics)) }
    return .success(calendar)
  }

  /// `date,kind,name` rows (a header row is optional); kind is `holiday` (also `off`, `休`),
  /// `statutory` (a statutory holiday, 法定节假日; also `法定`) or `makeup-workday` (also `workday`,
  /// `work`, `班`).
  package static func csv(_ text: String, path: String) -> Result<WorkCalendar, Problem> {
    let rows: [[String]]
    switch CSV.parse(text) {
    case .success(let r): rows = r
    case .failure(let e):
      return .failure(.invalid([Diagnostic(.error, file: path, line: e.line, message: e.message)]))
    }
    var calendar = WorkCalendar()
    var problems: [Diagnostic] = []
    for (i, row) in rows.enumerated() {
      let line = i + 1
      if row.allSatisfy({ $0.stripped().isEmpty }) { continue }
      if i == 0, row.first?.stripped().lowercased() == "date" { continue }
      guard row.count >= 2 else {
        problems.append(
          Diagnostic(
            .error, file: path, line: line, message: "expected date,kind,name, found \(row.count) field",
            fix: "for example 2027-02-06,holiday,Spring Festival"))
        continue
      }
      let dateText = row[0].stripped()
      guard dateText.count == 10, let date = LocalDateTime(parsing: dateText) else {
        problems.append(
          Diagnostic(
            .error, file: path, line: line, message: "expected a date such as 2027-01-01, found '\(dateText)'"
          ))
        continue
      }
      let name = row.count > 2 ? row[2].stripped() : ""
      switch row[1].stripped().lowercased() {
      case "holiday", "off", "休", "假":
        calendar.set(day: date.dayNumber, .init(kind: .holiday, name: name.isEmpty ? "holiday" : name))
      case "statutory", "法定", "法定节假日":
        // A statutory holiday (法定节假日): a holiday the Labour Law's 300% applies to; 除夕 and
        // 初一 in its name make it a hard day of duty.
        let day = date.dayNumber
        let shown = name.isEmpty ? "statutory holiday" : name
        calendar.set(day: day, .init(kind: .holiday, name: shown))
        calendar.setStatutory(day: day, name: shown, hard: WorkCalendar.HardDay(inName: name))
      case "makeup-workday", "makeup", "workday", "work", "班", "补班":
        calendar.set(
          day: date.dayNumber, .init(kind: .makeupWorkday, name: name.isEmpty ? "make-up workday" : name))
      default:
        problems.append(
          Diagnostic(
            .error, file: path, line: line,
            message: "expected the kind 'holiday' or 'makeup-workday', found '\(row[1])'"))
      }
    }
    return problems.isEmpty ? .success(calendar) : .failure(.invalid(problems))
  }

  /// All-day VEVENTs: each day from DTSTART to DTEND (exclusive) is a make-up workday when the
  /// SUMMARY says so (contains 班, 补班, 上班, "make-up", "makeup" or "workday"), else a holiday.
  package static func iCalendar(_ text: String, path: String) -> Result<WorkCalendar, Problem> {
    // Unfold continuation lines (RFC 5545: a line starting with a space or tab continues the last).
    var lines: [(Int, String)] = []
    for (i, raw) in text.replacingOccurrences(of: "\r\n", with: "\n").split(
      separator: "\n", omittingEmptySubsequences: false
    ).enumerated() {
      if let f = raw.first, f == " " || f == "\t", !lines.isEmpty {
        lines[lines.count - 1].1 += raw.dropFirst()
      } else {
        lines.append((i + 1, String(raw)))
      }
    }
    guard lines.contains(where: { $0.1.hasPrefix("BEGIN:VCALENDAR") }) else {
      return .failure(
        .invalid([
          Diagnostic(.error, file: path, line: 1, message: "expected an iCalendar file (BEGIN:VCALENDAR)")
        ]))
    }
    var calendar = WorkCalendar()
    var problems: [Diagnostic] = []
    var inEvent = false
    var start: (Int, Int)?
    var end: Int?
    var summary = ""
    var eventLine = 0
    func date(_ line: String) -> Int? {
      guard let colon = line.lastIndex(of: ":") else { return nil }
      let v = line[line.index(after: colon)...].prefix(8)
      guard v.count == 8, let y = Int(v.prefix(4)), let m = Int(v.dropFirst(4).prefix(2)),
        let d = Int(v.suffix(2)),
        let t = LocalDateTime(year: y, month: m, day: d)
      else { return nil }
      return t.dayNumber
    }
    for (number, line) in lines {
      if line.hasPrefix("BEGIN:VEVENT") {
        inEvent = true
        start = nil
        end = nil
        summary = ""
        eventLine = number
      } else if line.hasPrefix("END:VEVENT"), inEvent {
        inEvent = false
        guard let (first, _) = start else {
          problems.append(
            Diagnostic(.error, file: path, line: eventLine, message: "an event has no DTSTART date"))
          continue
        }
        let last = max(first, (end ?? first + 1) - 1)
        if last - first > 366 {
          problems.append(
            Diagnostic(.error, file: path, line: eventLine, message: "an event spans more than a year"))
          continue
        }
        let s = summary.lowercased()
        let work = ["班", "make-up", "makeup", "workday"].contains { s.contains($0) }
        for d in first...last {
          calendar.set(
            day: d,
            .init(
              kind: work ? .makeupWorkday : .holiday,
              name: summary.isEmpty ? (work ? "make-up workday" : "holiday") : summary))
        }
      } else if inEvent, line.hasPrefix("RRULE") || line.hasPrefix("RDATE") {
        problems.append(
          Diagnostic(
            .error, file: path, line: number,
            message:
              "a repeating event (\(line.hasPrefix("RRULE") ? "RRULE" : "RDATE")) is not supported: only its first day would be read",
            fix: "list each date as its own event (holiday calendars publish them so)"))
      } else if inEvent, line.hasPrefix("DTSTART") {
        if let d = date(line) {
          start = (d, number)
        } else {
          problems.append(
            Diagnostic(
              .error, file: path, line: number,
              message: "expected DTSTART with a date such as 20271001, found '\(line)'"))
        }
      } else if inEvent, line.hasPrefix("DTEND") {
        end = date(line)
      } else if inEvent, line.hasPrefix("SUMMARY") {
        if let colon = line.firstIndex(of: ":") {
          summary = String(line[line.index(after: colon)...]).replacingOccurrences(of: "\\,", with: ",")
            .replacingOccurrences(of: "\\;", with: ";").stripped()
        }
      }
    }
    return problems.isEmpty ? .success(calendar) : .failure(.invalid(problems))
  }

  // MARK: day lists (also read by the scenario's `calendar`)

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
