/// What a team did in a drill: one row per action, read from a CSV file with the columns
/// `inject,action,time,unit` (and optional `role`, `note`; Chinese headers 事件, 动作, 时间, 单位,
/// 角色, 备注 too). Every bad row is reported with its line; none is dropped silently.
package struct TeamLog: Sendable {
  package struct Row: Sendable {
    /// The row's line in the file (its first line when a quoted field spans several).
    package var line: Int
    package var inject: String
    package var action: DrillAction
    package var time: LocalDateTime
    /// The unit as written (a unit's name or a tier id).
    package var unit: String
    /// The tier the unit is at.
    package var tier: Int
    package var role: String?
    package var note: String
  }

  package var path: String
  package var rows: [Row]
  /// Lines of rows with no time (the blank log's rows left empty): actions not done, or
  /// contingencies that were never released. They count for nothing and stop nothing.
  package var blankLines: [Int] = []
  /// Tier ids and names: a row naming one counts for any inject.
  var tierLabels: Set<String> = []

  /// The most rows read.
  package static let maximumRows = 100_000

  /// The log's rows in file order.
  package init(path: String, rows: [Row]) {
    self.path = path
    self.rows = rows
  }

  /// The earliest row (its index) of this inject and action, done at `tier` when given, not before
  /// `notBefore`, by one of `units` (the inject's grid and the units above it) or a unit named by
  /// its tier.
  func first(inject: String, action: DrillAction, tier: Int?, notBefore: LocalDateTime?, units: [String])
    -> Int?
  {
    var best: Int?
    for (i, r) in rows.enumerated()
    where r.inject == inject && r.action == action && (tier == nil || r.tier == tier)
      && (notBefore.map { r.time >= $0 } ?? true) && (units.contains(r.unit) || tierLabels.contains(r.unit))
    {
      if best.map({ r.time < rows[$0].time }) ?? true { best = i }
    }
    return best
  }

  static let headers: [(key: String, names: [String], required: Bool)] = [
    ("inject", ["inject", "inject id", "事件", "事件编号", "注入"], true),
    ("action", ["action", "动作", "行动"], true),
    ("time", ["time", "时间"], true),
    ("unit", ["unit", "tier", "单位", "层级"], true),
    ("role", ["role", "角色"], false),
    ("note", ["note", "notes", "备注"], false),
  ]

  /// Reads the log at `path` for `pack` (run against `scenario`); every problem at once.
  package static func read(path: String, pack: DrillPack, scenario: Scenario) -> Result<
    TeamLog, ScenarioError
  > {
    let text: String
    switch InputFile.readSpreadsheet(path) {
    case .success(let read): text = read.text
    case .failure(.notText(let line, let byte)):
      return .failure(
        .invalid([
          Diagnostic(
            .error, file: path, line: line,
            message:
              "expected UTF-8 or GB18030 text, found a byte that is neither (byte \(byte) of the file)",
            fix: "save the log as CSV UTF-8")
        ]))
    case .failure(let problem): return .failure(.unreadable(path: path, reason: problem.reason))
    }
    let rows: [(line: Int, fields: [String])]
    switch CSV.parseLines(text) {
    case .success(let r): rows = r
    case .failure(let e):
      return .failure(
        .invalid([Diagnostic(.error, file: path, line: e.line, message: e.message, fix: "close the quote")]))
    }
    var problems: [Diagnostic] = []
    var hidden = 0
    func problem(_ line: Int?, _ key: String, _ message: String, fix: String?) {
      if problems.count >= Diagnostic.cap {
        hidden += 1
        return
      }
      problems.append(Diagnostic(.error, file: path, line: line, keyPath: key, message: message, fix: fix))
    }
    guard let header = rows.first else {
      return .failure(
        .invalid([
          Diagnostic(
            .error, file: path, message: "the log is empty",
            fix: "start it with the header inject,action,time,unit")
        ]))
    }
    var column: [String: Int] = [:]
    for (i, name) in header.fields.enumerated() {
      let n = name.stripped().lowercased()
      if let h = headers.first(where: { $0.names.contains(n) }), column[h.key] == nil { column[h.key] = i }
    }
    let missing = headers.filter { $0.required && column[$0.key] == nil }.map(\.key)
    if !missing.isEmpty {
      return .failure(
        .invalid([
          Diagnostic(
            .error, file: path, line: header.line,
            message:
              "expected the columns inject, action, time and unit; missing \(missing.joined(separator: ", "))",
            fix: "use the header of the team-log.csv that 'gridsim drill script --out DIR' writes")
        ]))
    }
    if rows.count - 1 > maximumRows {
      return .failure(
        .invalid([
          Diagnostic(
            .error, file: path, message: "expected at most \(maximumRows) rows, found \(rows.count - 1)",
            fix: "split the log")
        ]))
    }
    let injectIDs = pack.injects.map(\.id)
    let units = Self.unitTiers(scenario)
    let earliest = DrillTimeline.earliestTimes(pack)
    var result: [Row] = []
    var blank: [Int] = []
    for (line, fields) in rows.dropFirst() {
      if fields.allSatisfy({ $0.stripped().isEmpty }) { continue }
      func field(_ key: String) -> String {
        guard let c = column[key], c < fields.count else { return "" }
        return fields[c].stripped()
      }
      let injectText = field("inject")
      let actionText = field("action")
      let timeText = field("time")
      let unitText = field("unit")
      var ok = true
      if !injectIDs.contains(injectText) {
        ok = false
        problem(
          line, "inject", "expected an inject id of the pack, found '\(Diagnostic.shown(injectText))'",
          fix: Suggestion.closest(to: injectText, in: injectIDs).map { "did you mean '\($0)'?" }
            ?? "the pack's injects: \(injectIDs.prefix(20).joined(separator: ", "))")
      }
      let action = DrillAction(name: actionText)
      if action == nil {
        ok = false
        problem(
          line, "action", "expected an action, found '\(Diagnostic.shown(actionText))'",
          fix:
            "one of \(DrillAction.allCases.map(\.rawValue).joined(separator: ", ")) (or 发现, 响应, 上报, 转办, 答复, 办结, 回访)"
        )
      }
      var time: LocalDateTime?
      if !timeText.isEmpty {
        switch DrillPack.drillTime(timeText) {
        case .success(let t): time = t
        case .failure(let p):
          ok = false
          problem(line, "time", p.message, fix: p.fix)
        }
      }
      if let time, let start = earliest[injectText] {
        if time < start {
          ok = false
          problem(
            line, "time", "the time \(time) is before inject '\(injectText)' (released at \(start))",
            fix: "check the date and the inject id")
        } else if time.minutes - start.minutes > 366 * 1440 {
          ok = false
          problem(
            line, "time", "the time \(time) is more than a year after inject '\(injectText)'",
            fix: "check the year")
        }
      }
      let tier = units[unitText]
      if tier == nil {
        ok = false
        problem(
          line, "unit",
          "expected a unit's name or a tier id of the scenario, found '\(Diagnostic.shown(unitText))'",
          fix: Suggestion.closest(to: unitText, in: Array(units.keys)).map { "did you mean '\($0)'?" }
            ?? "tiers: \(scenario.tiers.map(\.id).joined(separator: ", "))")
      }
      let role = field("role")
      if !role.isEmpty, !pack.roles.isEmpty, !pack.roles.contains(where: { $0.id == role || $0.name == role })
      {
        ok = false
        let ids = pack.roles.map(\.id)
        problem(
          line, "role", "expected a role of the pack, found '\(Diagnostic.shown(role))'",
          fix: Suggestion.closest(to: role, in: ids).map { "did you mean '\($0)'?" }
            ?? "its roles: \(ids.joined(separator: ", "))")
      }
      if ok, timeText.isEmpty {
        // Left blank: not done (or a contingency never released). Checked, then set aside.
        blank.append(line)
        continue
      }
      guard ok, let action, let time, let tier else { continue }
      result.append(
        Row(
          line: line, inject: injectText, action: action, time: time, unit: unitText, tier: tier,
          role: role.isEmpty ? nil : role, note: DrillReader.clean(field("note"))))
    }
    if hidden > 0 {
      problems.append(
        Diagnostic(
          .error, file: path,
          message:
            "\(hidden) more problem\(hidden == 1 ? "" : "s") not shown (the first \(Diagnostic.cap) are)"))
    }
    if !problems.isEmpty { return .failure(.invalid(problems)) }
    var log = TeamLog(path: path, rows: result)
    log.blankLines = blank
    log.tierLabels = Set(scenario.tiers.flatMap { [$0.id, $0.name] })
    return .success(log)
  }

  /// Every unit's name and tier id, with the tier it is at (units at depth d of the organization
  /// are at tier `tiers - 1 - d`: the root at the top).
  static func unitTiers(_ scenario: Scenario) -> [String: Int] {
    var result = scenario.unitTree.tierByName
    for (i, tier) in scenario.tiers.enumerated() {
      result[tier.id] = i
      if result[tier.name] == nil { result[tier.name] = i }
    }
    return result
  }
}
