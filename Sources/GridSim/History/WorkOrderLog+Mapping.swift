extension WorkOrderLog {
  /// A column-mapping file (JSON5) for a log whose headers gridsim does not recognise, or whose
  /// words (categories, grids, outcomes) are the platform's own:
  ///
  /// ```json5
  /// {
  ///   columns: { id: "单号", detected: "登记日期", grid: "社区网格", "grid.started": "网格员接单" },
  ///   values: { category: { "环境卫生": "complaint" }, grid: { "东村一组": "1村第1网格" } },
  ///   outcomes: { "已办结": "closed", "已上报": "authority" },
  /// }
  /// ```
  ///
  /// A mapped column is matched before the recognised headers; a mapped header the log lacks is an
  /// error naming the mapping file's line.
  package struct Mapping: Sendable {
    /// The header each mapped field has in the log, with the line of the mapping that says so.
    var columns: [(field: Field, header: String, keyPath: String, line: Int)] = []
    /// Per kind of value (`category`, `severity`, `channel`, `grid`): the log's word to the
    /// scenario's id or name.
    var values: [String: [String: String]] = [:]
    /// The log's words for how an item left a tier.
    var outcomes: [String: Ledger.Outcome] = [:]
    /// The mapping file's path.
    package var path = ""

    /// The field names a mapping's `columns` take, besides `TIER.FIELD` per tier.
    static let fieldNames: [(String, Field)] = [
      ("id", .id), ("appeared", .appeared), ("detected", .detected), ("channel", .channel),
      ("category", .category), ("severity", .severity), ("grid", .grid), ("closed", .closed),
      ("follow_up", .followUp),
    ]
    static let tierFieldNames: [(String, TierField)] = [
      ("unit", .unit), ("arrived", .arrived), ("started", .started), ("responded", .responded),
      ("left", .left), ("outcome", .outcome), ("response_due", .responseDue),
      ("resolution_due", .resolutionDue),
    ]
    static let valueKinds = ["category", "severity", "channel", "grid"]

    package init() {}

    /// Reads and checks the mapping at `path` against `scenario` (its tier ids); every problem at
    /// once, with line and key path.
    package static func load(path: String, model: Model) throws(ScenarioError) -> Mapping {
      let scenario = model.scenario
      let source = SourceFile(path: path, text: try InputFile.readText(path))
      let root = try InputFile.parseJSON5(source).get()
      var reader = ValueReader(source: source)
      var mapping = Mapping()
      mapping.path = path
      var known = fieldNames
      for (t, tier) in scenario.tiers.enumerated() {
        for (name, field) in tierFieldNames { known.append(("\(tier.id).\(name)", .tier(t, field))) }
      }
      let top = reader.object(root, "", known: ["columns", "values", "outcomes"]) ?? [:]
      if let columns = top["columns"], case .object(let members) = columns.kind {
        var seen: Set<String> = []
        for member in members {
          let keyPath = "columns.\(member.key)"
          guard let field = known.first(where: { $0.0 == member.key })?.1 else {
            let names = known.map(\.0)
            // A tier named by its name, not its id.
            let prefix = member.key.split(separator: ".").first.map(String.init) ?? ""
            if member.key.contains("."), let tier = scenario.tiers.first(where: { $0.name == prefix }) {
              reader.error(
                keyPath, at: member.keyOffset, "unknown field '\(Diagnostic.shown(member.key))'",
                fix: "name the tier by its id: '\(tier.id)\(member.key.dropFirst(prefix.count))'")
              continue
            }
            reader.error(
              keyPath, at: member.keyOffset, "unknown field '\(Diagnostic.shown(member.key))'",
              fix: Suggestion.closest(to: member.key, in: names).map { "did you mean '\($0)'?" }
                ?? "fields: \(fieldNames.map(\.0).joined(separator: ", ")), and TIER.FIELD with TIER one of \(scenario.tiers.map(\.id).joined(separator: ", ")) and FIELD one of \(tierFieldNames.map(\.0).joined(separator: ", "))"
            )
            continue
          }
          guard let header = reader.string(member.value, keyPath) else { continue }
          guard !normalised(header).isEmpty else {
            reader.error(
              keyPath, at: member.value.offset,
              "expected the log's header for \(member.key), found an empty one",
              fix: "give the column's header as the log's first row writes it")
            continue
          }
          guard seen.insert(normalised(header)).inserted else {
            reader.error(
              keyPath, at: member.value.offset, "the header '\(Diagnostic.shown(header))' is mapped twice",
              fix: "map each column of the log to one field")
            continue
          }
          mapping.columns.append(
            (field, header, keyPath, source.position(ofOffset: member.value.offset).line))
        }
      } else if let columns = top["columns"] {
        reader.expected("an object { field: \"header\" }", columns, "columns")
      }
      if let values = top["values"], let kinds = reader.object(values, "values", known: valueKinds) {
        // What each kind's words may stand for: the scenario's ids and names, the grids' names.
        var targets: [String: Set<String>] = [
          "category": Set(scenario.demand.categories.flatMap { [$0.id, $0.name] }),
          "severity": Set(scenario.demand.severities.flatMap { [$0.id, $0.name] }),
          "channel": Set(scenario.demand.channels.flatMap { [$0.id, $0.name] }),
        ]
        targets["grid"] = Set((0..<model.leafCount).map { model.unitNames[model.unit(leaf: $0)] })
        for kind in valueKinds {
          guard let table = kinds[kind] else { continue }
          let allowed = targets[kind] ?? []
          let words = mapping.words(table, "values.\(kind)", &reader)
          for (word, text, offset) in words where !allowed.contains(text) {
            reader.error(
              "values.\(kind).\(word)", at: offset,
              "expected a \(kind) of the scenario, found '\(Diagnostic.shown(text))'",
              fix: Suggestion.closest(to: text, in: allowed.sorted()).map { "did you mean '\($0)'?" }
                ?? "give one of the scenario's \(kind) ids or names")
          }
          mapping.values[kind] = Dictionary(words.map { ($0.word, $0.text) }, uniquingKeysWith: { a, _ in a })
        }
      }
      if let outcomes = top["outcomes"] {
        let known = WorkOrderLog.outcomes
        for (word, name, offset) in mapping.words(outcomes, "outcomes", &reader) {
          guard let outcome = Ledger.Outcome(rawValue: name) ?? known[name] else {
            reader.error(
              "outcomes.\(word)", at: offset,
              "expected how an item left a tier, found '\(Diagnostic.shown(name))'",
              fix: "one of closed, authority, referral, deadline, worsened, reopened")
            continue
          }
          mapping.outcomes[word] = outcome
        }
      }
      let errors = reader.diagnostics.filter { $0.severity == .error }
      guard errors.isEmpty else { throw .invalid(reader.diagnostics + reader.hiddenSummary) }
      return mapping
    }

    /// The `"word": "text"` members of an object.
    private func words(_ value: JSON5Value, _ path: String, _ reader: inout ValueReader) -> [(
      word: String, text: String, offset: Int
    )] {
      guard case .object(let members) = value.kind else {
        reader.expected("an object { \"log's word\": \"scenario's id\" }", value, path)
        return []
      }
      return members.compactMap { member in
        reader.string(member.value, "\(path).\(member.key)").map { (member.key, $0, member.value.offset) }
      }
    }

    /// The scenario's word for the log's `word` of `kind`.
    func value(_ word: String, _ kind: String) -> String { values[kind]?[word] ?? word }
  }
}
