/// What a person does on duty.
package enum DutyRole: Sendable, Equatable, Hashable {
  /// 带班领导: leads a day's duty where the roster's `leader` asks for one.
  case leader
  /// 值班人员 (or a tier's role id, kept in ``DutyPerson/tierRole``).
  case staff
}

/// One person who can be put on duty (值班), as offices keep them: an id (names repeat), a name, a
/// unit, a role, a kind of post, a phone, the days they cannot be on duty and the shifts they may
/// not take.
package struct DutyPerson: Sendable, Equatable {
  /// The office's id for the person (unique in the file).
  package var id: String
  package var name: String
  /// The unit's name, as the scenario's organization names it.
  package var unit: String
  package var role: DutyRole
  /// The tier role the file named (`office`, `cadres`), shown in the outputs; nil for 值班人员.
  package var tierRole: String?
  package var post: DutyRules.Post
  /// As written (digits, `+`, spaces and dashes), nil when not given.
  package var phone: String?
  /// Days (day numbers) they cannot be on duty: leave (请假) and other unavailability.
  package var unavailable: Set<Int>
  /// Names of the shifts they may not take.
  package var notShifts: Set<String>
  /// Hard days (除夕, 初一, 1 October) they were on duty last year.
  package var lastYearHardDays: Int
  /// Which hard days those were, where the file names them (除夕, or last year's date of it).
  package var lastYearHard: Set<WorkCalendar.HardDay> = []
  /// Shifts and days they would like to be on duty (soft: a duty on none of them weighs
  /// ``DutyRules/Weights/preference``), and shifts and days they would rather not.
  package var prefers = DutyWish()
  package var ratherNot = DutyWish()
  /// The line of the people file it was read from.
  package var line: Int

  package init(
    id: String, name: String, unit: String, role: DutyRole = .staff, tierRole: String? = nil,
    post: DutyRules.Post = .civilServant, phone: String? = nil, unavailable: Set<Int> = [],
    notShifts: Set<String> = [], lastYearHardDays: Int = 0, lastYearHard: Set<WorkCalendar.HardDay> = [],
    prefers: DutyWish = DutyWish(), ratherNot: DutyWish = DutyWish(), line: Int = 0
  ) {
    self.id = id
    self.name = name
    self.unit = unit
    self.role = role
    self.tierRole = tierRole
    self.post = post
    self.phone = phone
    self.unavailable = unavailable
    self.notShifts = notShifts
    self.lastYearHardDays = lastYearHardDays
    self.lastYearHard = lastYearHard
    self.prefers = prefers
    self.ratherNot = ratherNot
    self.line = line
  }

  /// True when a duty on `shift` of `day` is one the person would rather not have: on a shift or
  /// day they would rather not take, or, where they named what they prefer, on none of it.
  package func dislikes(shift: String, day: Int) -> Bool {
    ratherNot.matches(shift: shift, day: day)
      || (!prefers.isEmpty && !prefers.matches(shift: shift, day: day))
  }

  /// The phone as it is posted (the personal information law): `139****0000`, the first three
  /// and last four digits; a short number is shown whole.
  package var maskedPhone: String? {
    guard let phone else { return nil }
    let digits = phone.filter(\.isNumber)
    guard digits.count >= 8 else { return phone }
    return String(digits.prefix(3)) + "****" + String(digits.suffix(4))
  }
}

/// Shifts and days a person names as wished for (or not), a soft goal of the roster.
package struct DutyWish: Sendable, Equatable {
  /// Roster shift names.
  package var shifts: Set<String> = []
  /// Day numbers.
  package var days: Set<Int> = []

  package init(shifts: Set<String> = [], days: Set<Int> = []) {
    self.shifts = shifts
    self.days = days
  }

  package var isEmpty: Bool { shifts.isEmpty && days.isEmpty }

  /// True when the shift or the day is among them.
  package func matches(shift: String, day: Int) -> Bool { shifts.contains(shift) || days.contains(day) }
}

/// A people file (`--people`), read: the people and every problem found, each with its line.
package struct DutyPeople: Sendable {
  package var path: String
  package var people: [DutyPerson]
  package var encoding: TextEncoding
  package var warnings: [Diagnostic] = []

  /// The columns a people file may have, with the headers each is known by (English and Chinese).
  package enum Column: String, Sendable, CaseIterable {
    case id, name, unit, role, post, phone, unavailable, notShifts, lastYearHardDays, prefers, ratherNot

    /// The headers it is known by; the first is what the template writes.
    package var headers: [String] {
      switch self {
      case .id: ["id", "编号", "工号", "人员编号"]
      case .name: ["name", "姓名"]
      case .unit: ["unit", "单位", "所在单位", "部门"]
      case .role: ["role", "角色", "值班角色"]
      case .post: ["post", "岗位类别", "人员类别", "身份"]
      case .phone: ["phone", "电话", "手机", "联系电话", "手机号"]
      case .unavailable: ["unavailable", "leave", "请假日期", "请假", "不可值班日期"]
      case .notShifts: ["not-shifts", "notShifts", "不值班次", "不可值班次"]
      case .lastYearHardDays: ["last-year-hard-days", "lastYearHardDays", "去年难值日", "去年节日值班"]
      case .prefers: ["prefers", "希望值班", "偏好"]
      case .ratherNot: ["rather-not", "ratherNot", "尽量不排", "不希望值班"]
      }
    }

    /// The Chinese header the template writes.
    package var chineseHeader: String { headers[1] }
  }

  /// The most people one file may list (a county of 2,000 ten times over).
  package static let maximumPeople = 20_000

  /// Reads and checks a people file against the scenario: UTF-8 (with or without a byte-order
  /// mark) or GB18030, bounded like every input. Every problem is listed with its line.
  package static func read(path: String, scenario: Scenario) -> Result<DutyPeople, ScenarioError> {
    let bytes: [UInt8]
    switch InputFile.readBytes(path, limit: 4 << 20) {
    case .success(let b): bytes = b
    case .failure(.tooLarge(let size)):
      return .failure(
        .invalid([
          Diagnostic(
            .error, file: path, message: "it is \(size) bytes; a people file is at most 4 MiB",
            fix: "one row per person: 200,000 people fit")
        ]))
    case .failure(let problem): return .failure(.unreadable(path: path, reason: problem.reason))
    }
    switch TextEncoding.decode(bytes) {
    case .success(let decoded):
      return parse(decoded.text, path: path, encoding: decoded.encoding, scenario: scenario)
    case .failure(let bad):
      return .failure(
        .invalid([
          Diagnostic(
            .error, file: path, line: bad.line,
            message:
              "expected UTF-8 or GB18030 text, found a byte that is neither (byte \(bad.byte) of the file)",
            fix: "save the file as CSV UTF-8")
        ]))
    }
  }

  /// Reads people-file text (see ``read(path:scenario:)``).
  package static func parse(
    _ text: String, path: String, encoding: TextEncoding = .utf8, scenario: Scenario
  ) -> Result<DutyPeople, ScenarioError> {
    var problems: [Diagnostic] = []
    func problem(_ line: Int?, _ key: String, _ message: String, fix: String? = nil) {
      if problems.count < Diagnostic.cap {
        problems.append(Diagnostic(.error, file: path, line: line, keyPath: key, message: message, fix: fix))
      } else {
        problems[problems.count - 1].hiddenErrors += 1
      }
    }
    let rows: [(line: Int, fields: [String])]
    switch CSV.parseLines(text) {
    case .success(let r): rows = r.filter { !$0.fields.allSatisfy { $0.stripped().isEmpty } }
    case .failure(let e):
      return .failure(.invalid([Diagnostic(.error, file: path, line: e.line, message: e.message)]))
    }
    if rows.count > maximumPeople + 1 {
      return .failure(
        .invalid([
          Diagnostic(
            .error, file: path, line: rows[maximumPeople + 1].line,
            message: "the file lists \(rows.count - 1) people; a people file holds at most \(maximumPeople)",
            fix: "roster a county township by township")
        ]))
    }
    guard let header = rows.first else {
      return .failure(
        .invalid([
          Diagnostic(
            .error, file: path, message: "the file is empty",
            fix: "start with a header row: id,name,unit,role,post,phone,unavailable,not-shifts")
        ]))
    }
    var columns: [Column?] = []
    for (i, h) in header.fields.enumerated() {
      let name = h.stripped()
      if let c = Column.allCases.first(where: { $0.headers.contains { $0.lowercased() == name.lowercased() } }
      ) {
        if columns.contains(c) {
          problem(
            header.line, c.rawValue, "the column '\(Diagnostic.shown(name))' appears twice (column \(i + 1))")
        }
        columns.append(c)
      } else {
        let known = Column.allCases.flatMap(\.headers)
        let guess = Suggestion.closest(to: name, in: known).map { "did you mean '\($0)'?" }
        problem(
          header.line, "", "unknown column '\(Diagnostic.shown(name))' (column \(i + 1))",
          fix: guess ?? "the columns are \(Column.allCases.map { $0.headers[0] }.joined(separator: ", "))")
        columns.append(nil)
      }
    }
    for required in [Column.id, .name, .unit] where !columns.contains(required) {
      problem(
        header.line, required.rawValue,
        "missing the column '\(required.headers[0])' (or '\(required.chineseHeader)')",
        fix: "add it to the header row")
    }
    // Units people may be in: units of tiers with a roster.
    let tree = UnitTree(scenario.organization, tierCount: scenario.tiers.count)
    var unitTier: [String: Int] = [:]
    for unit in tree.units where unitTier[unit.name] == nil { unitTier[unit.name] = unit.tier }
    let roleIDs = Set(scenario.tiers.flatMap { $0.roles.map(\.id) })
    let year = scenario.period.start.date.year
    var people: [DutyPerson] = []
    var seen: [String: Int] = [:]
    for row in rows.dropFirst() {
      var cells: [Column: String] = [:]
      for (i, c) in columns.enumerated() {
        guard let c, i < row.fields.count else { continue }
        cells[c] = row.fields[i].stripped()
      }
      if row.fields.count > columns.count {
        problem(
          row.line, "", "expected \(columns.count) fields as the header has, found \(row.fields.count)",
          fix: "quote a field that holds a comma")
      }
      let line = row.line
      let id = cells[.id] ?? ""
      let name = cells[.name] ?? ""
      let unit = cells[.unit] ?? ""
      if id.isEmpty {
        problem(
          line, "id", "expected an id, found an empty cell", fix: "give every person an id (names repeat)")
      }
      if let first = seen[id], !id.isEmpty {
        problem(
          line, "id", "the id '\(Diagnostic.shown(id))' is already used on line \(first)",
          fix: "ids must be unique")
      } else if !id.isEmpty {
        seen[id] = line
      }
      if name.isEmpty { problem(line, "name", "expected a name, found an empty cell") }
      var tier: Int?
      if unit.isEmpty {
        problem(
          line, "unit", "expected a unit, found an empty cell", fix: "name the person's village or township")
      } else if let t = unitTier[unit] {
        tier = t
        if scenario.tiers[t].roster == nil {
          problem(
            line, "unit",
            "the unit '\(Diagnostic.shown(unit))' is of the tier '\(scenario.tiers[t].id)', which has no roster: it has no shifts to staff",
            fix: "give the tier a roster with shifts, or list people of a rostered tier")
        }
      } else {
        let guess = Suggestion.closest(to: unit, in: unitTier.keys.sorted()).map { "did you mean '\($0)'?" }
        problem(
          line, "unit", "no unit is named '\(Diagnostic.shown(unit))' in the scenario's organization",
          fix: guess ?? "use a unit's name as the organization gives it")
      }
      var role = DutyRole.staff
      var tierRole: String?
      if let r = cells[.role], !r.isEmpty {
        switch r.lowercased() {
        case "leader", "带班领导", "带班", "领导": role = .leader
        case "staff", "duty", "值班人员", "值班", "值班员": role = .staff
        default:
          if roleIDs.contains(r) {
            tierRole = r
          } else {
            problem(
              line, "role",
              "expected 带班领导 (leader), 值班人员 (staff) or a tier's role, found '\(Diagnostic.shown(r))'",
              fix: roleIDs.isEmpty ? nil : "the tiers' roles are \(roleIDs.sorted().joined(separator: ", "))")
          }
        }
      }
      var post = DutyRules.Post.civilServant
      if let p = cells[.post], !p.isEmpty {
        if let known = DutyRules.Post(named: p) {
          post = known
        } else {
          problem(
            line, "post",
            "expected 公务员 (civil-servant), 村干部 (village-cadre) or 聘用人员 (hired), found '\(Diagnostic.shown(p))'"
          )
        }
      } else if let tier, tier < scenario.tiers.count - 1 {
        // Below the township: villages' people are village cadres unless the file says otherwise.
        post = .villageCadre
      }
      var phone: String?
      if let p = cells[.phone], !p.isEmpty {
        if p.count <= 20, p.allSatisfy({ $0.isASCII && ($0.isNumber || "+- ()".contains($0)) }),
          p.contains(where: \.isNumber)
        {
          phone = p
        } else {
          problem(
            line, "phone", "expected a phone number (digits, +, -, spaces), found '\(Diagnostic.shown(p))'")
        }
      }
      var unavailable: Set<Int> = []
      if let u = cells[.unavailable], !u.isEmpty {
        switch DutyPeople.dates(u, year: year) {
        case .success(let days): unavailable = days
        case .failure(let bad):
          problem(
            line, "unavailable",
            "expected dates such as 2026-02-16 or ranges 2026-02-16~2026-02-18, found '\(Diagnostic.shown(bad.text))'",
            fix: "separate dates with ';' or '、'")
        }
      }
      let shifts = tier.flatMap { scenario.tiers[$0].roster?.shifts } ?? []
      let shiftNames = shifts.flatMap { [$0.name] + ($0.title.map { [$0] } ?? []) }
      var notShifts: Set<String> = []
      if let s = cells[.notShifts], !s.isEmpty {
        for word in DutyPeople.items(s) {
          if let shift = shifts.first(where: { $0.isNamed(word) }) {
            notShifts.insert(shift.name)
          } else if tier != nil {
            problem(
              line, "not-shifts", "no shift of this unit's tier is named '\(Diagnostic.shown(word))'",
              fix: shiftNames.isEmpty ? nil : "the shifts are \(shiftNames.joined(separator: ", "))")
          }
        }
      }
      var wishes = [DutyWish(), DutyWish()]
      for (k, column) in [Column.prefers, .ratherNot].enumerated() {
        guard let cell = cells[column], !cell.isEmpty else { continue }
        for word in DutyPeople.items(cell) {
          if let shift = shifts.first(where: { $0.isNamed(word) }) {
            wishes[k].shifts.insert(shift.name)
          } else if case .success(let days) = DutyPeople.dates(word, year: year) {
            wishes[k].days.formUnion(days)
          } else if tier != nil {
            problem(
              line, column.headers[0],
              "expected shifts of this unit's tier or dates (2026-02-16, 2月16日, ranges with ~), found '\(Diagnostic.shown(word))'",
              fix: shiftNames.isEmpty ? nil : "the shifts are \(shiftNames.joined(separator: ", "))")
          }
        }
      }
      var hard = 0
      var hardNamed: Set<WorkCalendar.HardDay> = []
      if let h = cells[.lastYearHardDays], !h.isEmpty {
        if let n = Int(h), n >= 0, n <= 366 {
          hard = n
        } else {
          for word in DutyPeople.items(h) {
            if let named = WorkCalendar.HardDay(named: word) {
              hard += 1
              hardNamed.insert(named)
            } else if let date = LocalDateTime(spreadsheet: word) {
              // Last year's date names its hard day where the calendar knows that year.
              hard += 1
              if let named = scenario.calendar.days.hardDay(date.dayNumber) { hardNamed.insert(named) }
            } else {
              problem(
                line, "last-year-hard-days",
                "expected a count, hard days (除夕, 初一, 国庆) or dates, found '\(Diagnostic.shown(word))'")
            }
          }
        }
      }
      people.append(
        DutyPerson(
          id: id, name: name, unit: unit, role: role, tierRole: tierRole, post: post, phone: phone,
          unavailable: unavailable, notShifts: notShifts, lastYearHardDays: hard, lastYearHard: hardNamed,
          prefers: wishes[0], ratherNot: wishes[1], line: line))
    }
    if rows.count == 1 {
      problem(header.line, "", "the file lists nobody", fix: "add a row per person under the header")
    }
    if !problems.isEmpty { return .failure(.invalid(problems)) }
    return .success(DutyPeople(path: path, people: people, encoding: encoding))
  }

  /// The items of a cell: split on `;`, `；`, `、`, `,`, `，` and spaces.
  static func items(_ text: String) -> [String] {
    text.split(whereSeparator: { ";；、,， \t".contains($0) }).map(String.init)
  }

  struct BadDate: Error {
    var text: String
  }

  /// Day numbers of a cell of dates and ranges: `2026-02-16`, `2026/2/16`, `2-16`, `2月16日`,
  /// `2026-02-16~2026-02-18` (also `..`, `～`, `至`); a date without a year is in `year`.
  static func dates(_ text: String, year: Int) -> Result<Set<Int>, BadDate> {
    var days: Set<Int> = []
    for item in items(text) {
      var ends: [String] = [item]
      for separator in ["..", "~", "～", "至"] where item.contains(separator) {
        ends = item.components(separatedBy: separator)
        break
      }
      let parsed = ends.map { day($0, year: year) }
      guard ends.count <= 2, let first = parsed.first ?? nil, let last = parsed.last ?? nil, last >= first,
        last - first <= 366
      else { return .failure(BadDate(text: item)) }
      for d in first...last { days.insert(d) }
    }
    return .success(days)
  }

  /// One date's day number.
  static func day(_ text: String, year: Int) -> Int? {
    let t = text.stripped()
    if let d = LocalDateTime(spreadsheet: t) { return d.dayNumber }
    let parts = t.replacingOccurrences(of: "月", with: "-").replacingOccurrences(of: "日", with: "")
      .replacingOccurrences(of: "/", with: "-").split(separator: "-")
    guard parts.count == 2, let m = Int(parts[0]), let d = Int(parts[1]),
      let date = LocalDateTime(year: year, month: m, day: d)
    else { return nil }
    return date.dayNumber
  }
}
