import Foundation

/// Rosters, channels with their monitoring rounds, and key-date windows.
extension ScenarioReader {
  // MARK: headcounts

  /// `3` (people) or `"50%"` (a share of the unit's staff).
  mutating func readHeadcount(_ value: JSON5Value, _ path: String) -> Headcount? {
    switch value.kind {
    case .number:
      return values.integer(value, path, in: 0...100_000, what: "a headcount").map(Headcount.count)
    case .string(let s) where s.stripped().hasSuffix("%"):
      if let h = Headcount(parsing: s) { return h }
      fallthrough
    default:
      values.expected(
        "a headcount such as 2, or a share of the unit's staff such as \"50%\"", value, path)
      return nil
    }
  }

  mutating func readDayKinds(_ value: JSON5Value, _ path: String) -> [DayKind]? {
    guard let items = values.array(value, path) else { return nil }
    var kinds: [DayKind] = []
    for (i, item) in items.enumerated() {
      if let k = values.choice(item, "\(path)[\(i)]", DayKind.self) { kinds.append(k) }
    }
    return kinds
  }

  mutating func readTimeOfDay(_ value: JSON5Value, _ path: String, allowMidnightEnd: Bool = false) -> Int? {
    guard let text = values.string(value, path) else { return nil }
    guard let m = OfficeHours.minuteOfDay(text), m < 1440 || allowMidnightEnd else {
      values.error(path, at: value.offset, "expected a time of day such as \"08:30\", found \(value.summary)")
      return nil
    }
    return m
  }

  // MARK: rosters

  static let rosterKeys = ["shifts", "watch", "leader"]
  static let shiftKeys = ["name", "title", "start", "end", "days", "staff", "duty"]
  static let windowKeys = ["name", "from", "to", "arrivals", "staff", "watch"]

  /// `roster: { shifts: [{ name, start, end, days, staff }], watch }`.
  mutating func readRoster(_ value: JSON5Value, _ path: String) -> Roster? {
    guard let o = values.object(value, path, known: Self.rosterKeys) else { return nil }
    var roster = Roster()
    if let v = o["watch"], let h = readHeadcount(v, path + ".watch") { roster.watch = h }
    if let v = o["leader"], let l = values.object(v, path + ".leader", known: ["units", "counts"]) {
      var leader = Roster.LeaderOnDuty()
      if let u = l["units"], let list = values.array(u, path + ".leader.units") {
        leader.units = list.enumerated().compactMap {
          values.string($0.element, "\(path).leader.units[\($0.offset)]")
        }
      }
      if let c = l["counts"] { leader.counts = values.bool(c, path + ".leader.counts") ?? false }
      roster.leader = leader
    }
    guard let v = o["shifts"], let items = values.array(v, path + ".shifts") else {
      values.error(
        path + ".shifts", at: value.offset, "missing key 'shifts'",
        fix:
          "list the shifts, for example shifts: [{ name: \"day\", start: \"08:30\", end: \"17:30\", staff: \"100%\" }]"
      )
      return nil
    }
    for (i, item) in items.enumerated() {
      let p = "\(path).shifts[\(i)]"
      guard let s = values.object(item, p, known: Self.shiftKeys)
      else {
        continue
      }
      let name = s["name"].flatMap { values.identifier($0, p + ".name") } ?? "shift\(i + 1)"
      let title = s["title"].flatMap { values.string($0, p + ".title") }
      guard let startValue = s["start"], let endValue = s["end"] else {
        values.error(
          p, at: item.offset, "missing key '\(s["start"] == nil ? "start" : "end")'",
          fix:
            "give the shift's hours: start: \"08:30\", end: \"17:30\" (an end before the start runs past midnight)"
        )
        continue
      }
      guard let start = readTimeOfDay(startValue, p + ".start"),
        let end = readTimeOfDay(endValue, p + ".end", allowMidnightEnd: true)
      else { continue }
      var staff: [DayKind: Headcount] = [:]
      let staffValue = s["staff"] ?? JSON5Value(kind: .string("100%"), offset: item.offset)
      if case .object = staffValue.kind {
        if s["days"] != nil {
          values.error(
            p + ".days", at: s["days"]!.offset, "'days' and a 'staff' table by day kind are both given",
            fix: "keep the table: its keys are the days the shift is worked")
        }
        if let table = values.object(staffValue, p + ".staff", known: DayKind.allCases.map(\.rawValue)) {
          for kind in DayKind.allCases {
            if let x = table[kind.rawValue], let h = readHeadcount(x, "\(p).staff.\(kind.rawValue)") {
              staff[kind] = h
            }
          }
        }
      } else if let h = readHeadcount(staffValue, p + ".staff") {
        let days = s["days"].flatMap { readDayKinds($0, p + ".days") } ?? DayKind.allCases
        for kind in days { staff[kind] = h }
      }
      if roster.shifts.contains(where: { $0.name == name }) {
        values.error(
          p + ".name", at: s["name"]?.offset ?? item.offset, "the shift name '\(name)' is used twice")
      }
      if let title, roster.shifts.contains(where: { $0.title == title || $0.name == title }) {
        values.error(
          p + ".title", at: s["title"]?.offset ?? item.offset, "the shift title '\(title)' is used twice")
      }
      var shift = Roster.Shift(name: name, start: start, end: end % 1440, staff: staff)
      shift.title = title
      if let d = s["duty"] { shift.duty = values.bool(d, p + ".duty") ?? false }
      roster.shifts.append(shift)
    }
    return roster
  }

  /// Roster CSV files: `when,unit,shift,staff` rows, where `when` is a date or a day kind and
  /// `unit` a unit's name or a tier's id (every unit of the tier).
  mutating func readRosterFiles(_ value: JSON5Value, into scenario: inout Scenario) {
    guard let items = values.array(value, "rosterFiles") else { return }
    let unitTier = scenario.unitTree.tierByName
    for (i, item) in items.enumerated() {
      guard let name = values.string(item, "rosterFiles[\(i)]") else { continue }
      let (path, shown) = values.referencedFile(name, at: item.offset)
      let text: String
      switch InputFile.readSpreadsheet(path, checkRoot: true) {
      case .success(let read):
        text = read.text
        spreadsheets.append(.init(path: shown, encoding: read.encoding))
      case .failure(let problem):
        values.error(
          "rosterFiles[\(i)]", at: item.offset, "cannot read the roster file '\(shown)': \(problem.reason)",
          fix: "paths are relative to the scenario file's folder")
        continue
      }
      let rows: [[String]]
      switch CSV.parse(text) {
      case .success(let r): rows = r
      case .failure(let e):
        values.diagnostics.append(Diagnostic(.error, file: shown, line: e.line, message: e.message))
        continue
      }
      for (r, row) in rows.enumerated() {
        let line = r + 1
        func problem(_ message: String, fix: String? = nil) {
          values.diagnostics.append(Diagnostic(.error, file: shown, line: line, message: message, fix: fix))
        }
        if row.allSatisfy({ $0.stripped().isEmpty }) { continue }
        if r == 0, ["when", "date", "日期", "时间"].contains(row.first?.stripped().lowercased() ?? "") {
          continue
        }
        guard row.count == 4 else {
          problem(
            "expected 4 fields when,unit,shift,staff, found \(row.count)",
            fix: "for example 2026-10-01,grid,day,50% or holiday,青山镇,duty,2")
          continue
        }
        let (whenText, who, shiftName, staffText) = (
          row[0].stripped(), row[1].stripped(), row[2].stripped(), row[3].stripped()
        )
        var when: Roster.Entry.When?
        if let kind = DayKind(named: whenText) {
          when = .kind(kind)
        } else if whenText.count == 10, let d = LocalDateTime(parsing: whenText) {
          when = .date(d.dayNumber)
        } else {
          problem(
            "expected a date such as 2026-10-01 or a day kind (\(DayKind.allCases.map(\.rawValue).joined(separator: ", "))), found '\(whenText)'"
          )
        }
        var tier: Int?
        var unit: String?
        if let t = scenario.tiers.firstIndex(where: { $0.id == who || $0.name == who }) {
          tier = t
        } else if let t = unitTier[who] {
          tier = t
          unit = who
        } else {
          let guess = Suggestion.closest(
            to: who, in: scenario.tiers.map(\.id) + scenario.tiers.map(\.name) + unitTier.keys.sorted())
          problem(
            "expected a tier (its id or name) or a unit name, found '\(who)'",
            fix: guess.map { "did you mean '\($0)'?" })
        }
        let staff = Headcount(parsing: staffText)
        if staff == nil {
          problem("expected a headcount such as 2 or a share such as 50%, found '\(staffText)'")
        }
        guard let when, let tier, let staff else { continue }
        guard let roster = scenario.tiers[tier].roster else {
          problem(
            "tier '\(scenario.tiers[tier].id)' has no roster, so its shifts cannot be staffed from a file",
            fix: "give tiers[\(tier)] a roster with a shift named '\(shiftName)'")
          continue
        }
        guard let shift = roster.shifts.first(where: { $0.isNamed(shiftName) }) else {
          let names = roster.shifts.map(\.name) + roster.shifts.compactMap(\.title)
          problem(
            "expected a shift of tier '\(scenario.tiers[tier].id)', found '\(shiftName)'",
            fix: Suggestion.closest(to: shiftName, in: names).map { "did you mean '\($0)'?" }
              ?? "its shifts: \(names.joined(separator: ", "))")
          continue
        }
        // A row above the people who exist: the simulation would staff people no unit has.
        if case .count(let n) = staff {
          let units = scenario.unitTree.units.filter { $0.tier == tier && (unit == nil || $0.name == unit) }
          if let most = units.map(\.staff).max(), n > most {
            values.diagnostics.append(
              Diagnostic(
                .warning, file: shown, line: line,
                message:
                  "\(n) on shift '\(shift.name)' is more than \(unit ?? "any unit of tier '\(scenario.tiers[tier].id)'") has (\(most) staff): the simulation would put people on duty who do not exist",
                fix: "at most \(most), or raise the unit's staff"))
          }
        }
        scenario.tiers[tier].roster!.entries.append(
          .init(when: when, unit: unit, shift: shift.name, staff: staff))
      }
    }
  }

  // MARK: channels

  /// `channels: [{ id, name, share, monitoring }]`; monitoring is `"continuous"` or check times
  /// per day kind.
  mutating func readChannels(_ value: JSON5Value, _ path: String) -> [Channel]? {
    guard let items = values.array(value, path) else { return nil }
    var list: [Channel] = []
    for (i, item) in items.enumerated() {
      let p = "\(path)[\(i)]"
      guard let c = values.object(item, p, known: ["id", "name", "share", "monitoring"]) else { continue }
      guard let id = requiredID(c, item, p) else { continue }
      var channel = Channel(
        id: id, name: c["name"].flatMap { values.string($0, p + ".name") } ?? id,
        share: c["share"].flatMap { values.number($0, p + ".share", in: 0...1e9, what: "a share") } ?? 1)
      if let m = c["monitoring"] {
        if case .string(let s) = m.kind, s == "continuous" {
          channel.checks = nil
        } else if let table = values.object(
          m, p + ".monitoring", known: DayKind.allCases.map(\.rawValue))
        {
          var checks: [DayKind: [Int]] = [:]
          for kind in DayKind.allCases {
            guard let x = table[kind.rawValue],
              let times = values.array(x, "\(p).monitoring.\(kind.rawValue)")
            else { continue }
            checks[kind] = times.enumerated().compactMap { j, t in
              readTimeOfDay(t, "\(p).monitoring.\(kind.rawValue)[\(j)]")
            }.sorted()
          }
          // Make-up workdays are checked like workdays, holidays like weekends, unless given.
          if checks[.makeupWorkday] == nil { checks[.makeupWorkday] = checks[.workday] }
          if checks[.holiday] == nil { checks[.holiday] = checks[.weekend] }
          if checks.values.allSatisfy(\.isEmpty) {
            values.error(
              p + ".monitoring", at: m.offset, "expected at least one check time, found none",
              fix:
                "list check times per day kind, for example workday: [\"08:30\", \"14:30\"], or write \"continuous\""
            )
          }
          channel.checks = checks
        }
      }
      list.append(channel)
    }
    checkUnique(list.map(\.id), items, path)
    checkShares(list.map(\.share), value, path)
    return list.isEmpty ? nil : list
  }

  // MARK: windows

  /// `windows: ["two-sessions", { name, from, to, arrivals, staff, watch }]`.
  mutating func readWindows(_ value: JSON5Value, scenario: Scenario) -> [KeyDateWindow] {
    guard let items = values.array(value, "windows") else { return [] }
    let firstYear = scenario.period.start.date.year
    let lastYear = scenario.period.end.adding(minutes: -1).date.year
    let firstDay = scenario.period.start.dayNumber
    let lastDay = scenario.period.end.adding(minutes: -1).dayNumber
    let channelIDs = scenario.demand.channels.map(\.id)
    var windows: [KeyDateWindow] = []
    for (i, item) in items.enumerated() {
      let p = "windows[\(i)]"
      var o: [String: JSON5Value] = [:]
      var nameValue = item
      let bare: Bool
      if case .string = item.kind {
        bare = true
        o["name"] = item
      } else if let object = values.object(
        item, p, known: Self.windowKeys)
      {
        o = object
        bare = false
        guard let n = o["name"] else {
          values.error(
            p + ".name", at: item.offset, "missing key 'name'",
            fix:
              "name the window: one of \(KeyDates.names.joined(separator: ", ")), or your own with from and to"
          )
          continue
        }
        nameValue = n
      } else {
        continue
      }
      guard let name = values.identifier(nameValue, bare ? p : p + ".name") else { continue }
      var window = KeyDateWindow(name: name, spans: [])
      switch (o["from"], o["to"]) {
      case (let f?, let t?):
        if let a = readDate(f, p + ".from"), let b = readDate(t, p + ".to") {
          if b < a {
            values.error(
              p + ".to", at: t.offset, "expected 'to' on or after 'from', found it before", fix: "swap them")
          } else {
            window.spans = [a...b]
          }
        }
      case (nil, nil):
        window.spans = (firstYear...lastYear).compactMap { KeyDates.span(name, year: $0) }
        if window.spans.isEmpty {
          let known = KeyDates.names.contains(name)
          values.error(
            p, at: nameValue.offset,
            known
              ? "no dates for the key date '\(name)' in \(firstYear == lastYear ? "\(firstYear)" : "\(firstYear)-\(lastYear)") (gridsim knows \(KeyDates.years.map(String.init).joined(separator: ", ")))"
              : "'\(name)' is not a key date gridsim knows, and no dates are given",
            fix: known
              ? "give its dates: from: \"YYYY-MM-DD\", to: \"YYYY-MM-DD\""
              : (Suggestion.closest(to: name, in: KeyDates.names).map { "did you mean '\($0)'? Otherwise g" }
                ?? "g")
                + "ive its dates with from and to")
          continue
        }
      default:
        values.error(
          p, at: item.offset, "expected both 'from' and 'to', found one",
          fix: "give both, or neither for a named key date")
        continue
      }
      if !window.spans.isEmpty,
        !window.spans.contains(where: { $0.upperBound >= firstDay && $0.lowerBound <= lastDay })
      {
        values.warning(
          p, at: item.offset, "the window '\(name)' falls outside the period, so it changes nothing",
          fix: "remove it, or move the period")
      }
      if let v = o["arrivals"] {
        if case .object = v.kind, let table = values.object(v, p + ".arrivals", known: ["all"] + channelIDs) {
          for (key, x) in table {
            guard let n = values.number(x, "\(p).arrivals.\(key)", in: 0...1000, what: "a multiplier") else {
              continue
            }
            if key == "all" { window.demand.arrivals = n } else { window.demand.channels[key] = n }
          }
        } else if let n = values.number(
          v, p + ".arrivals", in: 0...1000, what: "a multiplier, or a table by channel")
        {
          window.demand.arrivals = n
        }
      }
      if let v = o["staff"] {
        if case .object = v.kind, let table = values.object(v, p + ".staff", known: ["all"] + tierIDs) {
          for (key, x) in table {
            guard let n = values.number(x, "\(p).staff.\(key)", in: 0...100, what: "a multiplier") else {
              continue
            }
            if key == "all" { window.staffing.all = n } else { window.staffing.tiers[key] = n }
          }
        } else if let n = values.number(
          v, p + ".staff", in: 0...100, what: "a multiplier, or a table by tier")
        {
          window.staffing.all = n
        }
      }
      if let v = o["watch"], let b = values.bool(v, p + ".watch") { window.staffing.watch = b }
      if let other = windows.first(where: { w in
        w.spans.contains { a in window.spans.contains { b in a.overlaps(b) } }
      }) {
        values.error(
          p, at: item.offset, "the window '\(name)' overlaps the window '\(other.name)'",
          fix: "windows may not share days: shorten one of them")
        continue
      }
      if windows.contains(where: { $0.name == name }) || DayKind(rawValue: name) != nil || name == "all" {
        values.error(
          p, at: nameValue.offset,
          "the window name '\(name)' is \(windows.contains(where: { $0.name == name }) ? "used twice" : "reserved for a day kind")",
          fix: "give the window another name")
        continue
      }
      windows.append(window)
    }
    return windows
  }

  /// A date (`"2026-10-01"`) as a day number.
  mutating func readDate(_ value: JSON5Value, _ path: String) -> Int? {
    guard let text = values.string(value, path) else { return nil }
    guard text.count == 10, let d = LocalDateTime(parsing: text) else {
      values.error(path, at: value.offset, "expected a date such as \"2026-10-01\", found \(value.summary)")
      return nil
    }
    return d.dayNumber
  }
}
