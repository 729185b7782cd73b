extension WorkOrderLog {
  /// Reads the log at `path` (UTF-8 or GB18030, at most ``maximumSize`` bytes) against `model`.
  /// Fails (exit 65) when the file is not CSV text, has no header naming the grid or a time, or
  /// has no usable row; otherwise bad rows are listed in ``problems``.
  /// A `mapping` names columns (and words) the headers alone do not.
  package static func read(path: String, model: Model, mapping: Mapping = Mapping()) -> Result<
    WorkOrderLog, ScenarioError
  > {
    // The bytes are let go once decoded: only the text is held while the rows are read.
    readText(path).flatMap { text, encoding in
      parse(text, path: path, encoding: encoding, model: model, mapping: mapping)
    }
  }

  /// The log's text, decoded, and its encoding.
  static func readText(_ path: String) -> Result<(String, TextEncoding), ScenarioError> {
    let bytes: [UInt8]
    switch InputFile.readBytes(path, limit: maximumSize) {
    case .success(let b): bytes = b
    case .failure(.tooLarge(let size)):
      return .failure(
        .invalid([
          Diagnostic(
            .error, file: path,
            message: "it is \(size) bytes; a work-order log is at most \(maximumSize) bytes (256 MiB)",
            fix: "split the log by year or by township")
        ]))
    case .failure(let problem): return .failure(.unreadable(path: path, reason: problem.reason))
    }
    switch TextEncoding.decode(bytes) {
    case .success(let decoded): return .success((decoded.text, decoded.encoding))
    case .failure(let bad):
      return .failure(
        .invalid([
          Diagnostic(
            .error, file: path, line: bad.line,
            message:
              "expected UTF-8 or GB18030 text, found a byte that is neither (byte \(bad.byte) of the file)",
            fix: "save the log as CSV UTF-8")
        ]))
    }
  }

  /// Reads log text (see ``read(path:model:)``).
  package static func parse(
    _ text: String, path: String, encoding: TextEncoding, model: Model, mapping: Mapping = Mapping()
  ) -> Result<WorkOrderLog, ScenarioError> {
    let scenario = model.scenario
    var log = WorkOrderLog(path: path, encoding: encoding)
    let start = scenario.period.start.minutes
    var columns: [Field?] = []
    var header: [String] = []
    let categories = lookup(scenario.demand.categories.map { ($0.id, $0.name) })
    let severities = lookup(scenario.demand.severities.map { ($0.id, $0.name) })
    let channels = lookup(scenario.demand.channels.map { ($0.id, $0.name) })
    var grids: [String: Int] = [:]
    for leaf in 0..<model.leafCount { grids[model.unitNames[model.unit(leaf: leaf)]] = leaf }
    let units = Dictionary(model.unitNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })

    func problem(_ line: Int, _ message: String, fix: String? = nil) {
      log.problemCount += 1
      if log.problems.count < Diagnostic.cap {
        log.problems.append(Diagnostic(.warning, file: path, line: line, message: message, fix: fix))
      }
    }

    var unmapped: [Diagnostic] = []
    var context: RowContext?
    let error = CSV.forEachRow(text) { line, row in
      guard !row.allSatisfy({ $0.stripped().isEmpty }) else { return }
      if header.isEmpty {
        header = row.map { $0.stripped() }
        columns = fields(header, scenario: scenario, mapping: mapping)
        let recognised = fields(header, scenario: scenario)
        for m in mapping.columns {
          guard let i = header.firstIndex(where: { normalised($0) == normalised(m.header) }),
            let other = recognised[i], other != m.field, !columns.contains(other)
          else { continue }
          log.notes.append(
            Diagnostic(
              .warning, file: mapping.path, line: m.line, keyPath: m.keyPath,
              message:
                "the log's column '\(Diagnostic.shown(m.header))' would be read as \(describe(other)); mapped here, \(describe(other)) is not read",
              fix: "map \(describe(other)) to another column, or leave '\(Diagnostic.shown(m.header))' to it")
          )
        }
        let present = Set(header.map(normalised))
        for m in mapping.columns where !present.contains(normalised(m.header)) {
          unmapped.append(
            Diagnostic(
              .error, file: mapping.path, line: m.line, keyPath: m.keyPath,
              message: "the log \(path) has no column '\(Diagnostic.shown(m.header))'",
              fix:
                "its columns are \(header.prefix(12).map { "'\(Diagnostic.shown($0))'" }.joined(separator: ", "))"
            ))
        }
        context = RowContext(
          header: header, columns: columns, start: start, categories: categories, severities: severities,
          channels: channels, grids: grids, units: units, mapping: mapping, model: model)
        return
      }
      log.rows += 1
      guard let context else { return }
      let (entry, bad) = Self.entry(row, context)
      if let bad {
        problem(line, bad)
        return
      }
      log.entries.append(entry)
      log.lines.append(line)
    }
    if let error {
      return .failure(.invalid([Diagnostic(.error, file: path, line: error.line, message: error.message)]))
    }
    guard unmapped.isEmpty else { return .failure(.invalid(unmapped)) }
    log.columns = zip(header, columns).compactMap { $1 == nil ? nil : $0 }
    log.fieldsRead = Set(columns.compactMap { $0 })
    log.hasVisits = log.fieldsRead.contains { if case .tier = $0 { true } else { false } }
    let missing: [(Field, String)] = [
      (.grid, "grid: every item in the first grid"), (.category, "category: every item the first category"),
      (.severity, "severity: every item the first severity"),
      (.channel, "channel: every item the first channel"),
    ]
    log.defaulted = missing.filter { !log.fieldsRead.contains($0.0) }.map(\.1)
    guard log.fieldsRead.contains(.detected) || log.fieldsRead.contains(.appeared) else {
      return .failure(
        .invalid([
          Diagnostic(
            .error, file: path, line: 1,
            message:
              "expected a header naming a time column (detected or appeared; 受理时间 or 发现时间), found \(header.prefix(8).map { "'\(Diagnostic.shown($0))'" }.joined(separator: ", "))",
            fix: "the first row names the columns; see Scenarios/README.md, \"Work-order logs\"")
        ]))
    }
    guard !log.entries.isEmpty else {
      return .failure(
        .invalid(
          [Diagnostic(.error, file: path, message: "no row of the log can be used (\(log.rows) rows)")]
            + log.problems))
    }
    return .success(log)
  }

  /// What each row is read against: the log's columns, the scenario's names and the mapping.
  struct RowContext {
    var header: [String]
    var columns: [Field?]
    var start: Int64
    var categories: [String: Int]
    var severities: [String: Int]
    var channels: [String: Int]
    var grids: [String: Int]
    var units: [String: Int]
    var mapping: Mapping
    var model: Model
  }

  /// One row of the log as an item, its visits in tier order; or, as `bad`, the first reason the
  /// row cannot be used.
  static func entry(_ row: [String], _ context: RowContext) -> (entry: Ledger.Entry, bad: String?) {
    let (header, columns, start) = (context.header, context.columns, context.start)
    let (categories, severities, channels, grids) = (
      context.categories, context.severities, context.channels, context.grids
    )
    let (units, mapping, model) = (context.units, context.mapping, context.model)
    var entry = Ledger.Entry(
      category: 0, severity: 0, channel: 0, leaf: 0, appeared: 0, detected: nil, counted: true)
    var visits: [Int: Ledger.Visit] = [:]
    var bad: String?
    func time(_ text: String, _ column: String) -> Double? {
      guard let t = LocalDateTime(spreadsheet: text) else {
        bad =
          bad
          ?? "column \(column): expected a time such as 2026-10-02 06:30, found '\(Diagnostic.shown(text))'"
        return nil
      }
      return Double(t.minutes - start)
    }
    // The unit is set once the row's grid is known (below): columns come in any order.
    func visit(_ t: Int) -> Ledger.Visit { visits[t] ?? Ledger.Visit(tier: t, unit: -1, arrived: .nan) }
    var unitNames: [Int: String] = [:]
    for (i, value) in row.enumerated() where i < columns.count {
      guard let field = columns[i] else { continue }
      let v = value.stripped()
      if v.isEmpty { continue }
      let column = header[i]
      switch field {
      case .id: break
      case .measured: entry.counted = v != "0"
      case .responseMissed: entry.responseMissed = v == "1"
      case .resolutionMissed: entry.resolutionMissed = v == "1"
      case .followUp: entry.followUp = v == "1"
      case .appeared: if let t = time(v, column) { entry.appeared = t }
      case .detected: entry.detected = time(v, column)
      case .closed: entry.closed = time(v, column)
      case .category, .severity, .channel, .grid:
        let table =
          field == .category
          ? categories : field == .severity ? severities : field == .channel ? channels : grids
        guard let index = table[mapping.value(v, what(field))] else {
          let guess =
            Suggestion.closest(to: v, in: table.keys.sorted()).map { "; did you mean '\($0)'?" } ?? ""
          bad =
            bad
            ?? "column \(column): '\(Diagnostic.shown(v))' is not a \(what(field)) of the scenario\(guess)"
          continue
        }
        switch field {
        case .category: entry.category = index
        case .severity: entry.severity = index
        case .channel: entry.channel = index
        default: entry.leaf = index
        }
      case .tier(let t, let tierField):
        switch tierField {
        case .unit: unitNames[t] = v
        case .outcome:
          guard let outcome = mapping.outcomes[v] ?? outcomes[v.lowercased()] else {
            bad =
              bad
              ?? "column \(column): expected an outcome (closed, authority, referral, deadline; 办结, 上报, 转办, 督办), found '\(Diagnostic.shown(v))'"
            continue
          }
          var x = visit(t)
          x.outcome = outcome
          visits[t] = x
        default:
          guard let m = time(v, column) else { continue }
          var x = visit(t)
          switch tierField {
          case .arrived: x.arrived = m
          case .started: x.started = m
          case .responded: x.responded = m
          case .left: x.left = m
          case .responseDue: x.responseDue = m
          case .resolutionDue: x.resolutionDue = m
          default: break
          }
          visits[t] = x
        }
      }
    }
    // The appearance and the detection stand in for each other when only one is given.
    let hasAppeared = columns.contains(.appeared)
    if entry.detected == nil, hasAppeared { entry.detected = entry.appeared }
    if !hasAppeared, let d = entry.detected { entry.appeared = d }
    if bad == nil, entry.detected == nil { bad = "no detection (受理) or appearance (发现) time" }
    for (t, var x) in visits {
      if let name = unitNames[t] {
        guard let unit = units[name] else {
          bad = bad ?? "'\(Diagnostic.shown(name))' is not a unit of the scenario"
          continue
        }
        x.unit = unit
      } else {
        x.unit = model.unit(leaf: entry.leaf, tier: t)
      }
      visits[t] = x
    }
    var list = visits.values.sorted { $0.tier < $1.tier }
    for i in list.indices where list[i].arrived.isNaN {
      // A tier's arrival not logged: when the tier below left (the first tier: the detection),
      // else the time it was picked up.
      list[i].arrived = (i > 0 ? list[i - 1].left : entry.detected) ?? list[i].started ?? .nan
    }
    if bad == nil { bad = order(entry, list) }
    entry.visits = list
    return (entry, bad)
  }

  /// Times in the order an item lives them: appeared ≤ detected ≤ each tier's arrival ≤ pick-up ≤
  /// first response ≤ leaving, and closed after detection. The reason when not.
  static func order(_ entry: Ledger.Entry, _ visits: [Ledger.Visit]) -> String? {
    guard let detected = entry.detected else { return nil }
    if detected < entry.appeared { return "detected before it appeared (a time before its creation)" }
    if let closed = entry.closed, closed < detected { return "closed before it was detected" }
    for v in visits {
      // Each step, and how a later one refers to it ("before it arrived").
      let steps: [(String, String, Double?)] = [
        ("arrived", "it arrived", v.arrived), ("picked up", "it was picked up", v.started),
        ("answered", "it was answered", v.responded), ("left", "it left", v.left),
      ]
      var last = ("it was detected", detected)
      for (name, phrase, time) in steps {
        guard let time, !time.isNaN else { continue }
        if time < last.1 { return "tier \(v.tier + 1): \(name) before \(last.0)" }
        last = (phrase, time)
      }
    }
    return nil
  }

  /// A field as a mapping file names it (`closed`, `grid.started`).
  static func describe(_ field: Field) -> String {
    if let name = Mapping.fieldNames.first(where: { $0.1 == field })?.0 { return name }
    if case .tier(let t, let f) = field, let name = Mapping.tierFieldNames.first(where: { $0.1 == f })?.0 {
      return "tier \(t + 1)'s \(name)"
    }
    return "\(field)"
  }

  static func lookup(_ pairs: [(String, String)]) -> [String: Int] {
    var table: [String: Int] = [:]
    for (i, (id, name)) in pairs.enumerated() {
      if table[id] == nil { table[id] = i }
      if table[name] == nil { table[name] = i }
    }
    return table
  }

  static func what(_ field: Field) -> String {
    switch field {
    case .category: "category"
    case .severity: "severity"
    case .channel: "channel"
    default: "grid"
    }
  }

}
