import Foundation

/// The reading of one pack's keys, against its scenario.
struct DrillReader {
  /// Text for people (titles, inject text, objectives) without control characters other than line
  /// breaks and tabs: it is printed on terminals and written into every report.
  static func clean(_ s: String) -> String {
    String(
      String.UnicodeScalarView(
        s.unicodeScalars.filter { $0 == "\n" || $0 == "\t" || $0.properties.generalCategory != .control }))
  }

  var values: ValueReader
  let scenario: Scenario
  let tierIDs: [String]
  let grids: [String]
  /// Every inject id the file gives, read or not (so that one bad inject does not make the
  /// objectives that name it wrong too).
  var injectIDs: [String] = []

  init(values: ValueReader, scenario: Scenario) {
    self.values = values
    self.scenario = scenario
    tierIDs = scenario.tiers.map(\.id)
    grids = scenario.unitTree.leafNames
  }

  mutating func read(_ top: [String: JSON5Value], into pack: inout DrillPack) {
    if let v = top["name"], let s = values.string(v, "name") { pack.name = Self.clean(s) }
    if let v = top["description"], let s = values.string(v, "description") {
      pack.description = Self.clean(s)
    }
    if let v = top["language"] { pack.language = values.choice(v, "language", Scenario.Language.self) }
    if let v = top["replications"], let n = values.integer(v, "replications", in: 1...1_000) {
      pack.replications = n
    }
    if let v = top["roles"], let items = values.array(v, "roles") { pack.roles = readRoles(items) }
    if let v = top["injects"], let items = values.array(v, "injects") {
      if items.isEmpty {
        values.error(
          "injects", at: v.offset, "expected at least one inject, found none", fix: "add an inject")
      } else if items.count > DrillLoader.maximumInjects {
        values.error(
          "injects", at: v.offset,
          "expected at most \(DrillLoader.maximumInjects) injects, found \(items.count)",
          fix: "split the drill into several packs")
      } else {
        pack.injects = readInjects(items)
      }
    } else if top["injects"] == nil {
      values.error(
        "injects", at: nil, "missing key 'injects'",
        fix: "list the drill's injects: injects: [{ id: \"I1\", at: ..., title: ... }]")
    }
    if let v = top["objectives"], let items = values.array(v, "objectives") {
      pack.objectives = readObjectives(items)
    }
    if let v = top["pass"] { pack.pass = readPass(v) }
    if let v = top["ends"], let s = values.string(v, "ends") {
      switch DrillPack.drillTime(s) {
      case .success(let t):
        pack.ends = t
        if let first = pack.injects.compactMap({ i -> LocalDateTime? in
          if case .at(let at) = i.timing { return at }
          return nil
        }).min(), t <= first {
          values.error(
            "ends", at: v.offset, "expected the drill's end after its first inject (\(first)), found \(t)",
            fix: "check the date")
        }
      case .failure(let p): values.error("ends", at: v.offset, p.message, fix: p.fix)
      }
    }
  }

  private mutating func readRoles(_ items: [JSON5Value]) -> [DrillPack.Role] {
    var roles: [DrillPack.Role] = []
    for (i, item) in items.prefix(DrillLoader.maximumInjects).enumerated() {
      let path = "roles[\(i)]"
      guard let o = values.object(item, path, known: ["id", "name", "tier"]) else { continue }
      guard let idValue = o["id"], let id = values.identifier(idValue, path + ".id") else {
        if o["id"] == nil {
          values.error(path, at: item.offset, "missing key 'id'", fix: "add id: \"grid-worker\"")
        }
        continue
      }
      let name = o["name"].flatMap { values.string($0, path + ".name") }.map(Self.clean) ?? id
      var tier: Int?
      if let t = o["tier"] { tier = tierIndex(t, path + ".tier") }
      roles.append(.init(id: id, name: name, tier: tier))
    }
    checkUnique(roles.map(\.id), items, "roles")
    return roles
  }

  mutating func tierIndex(_ value: JSON5Value, _ path: String) -> Int? {
    guard let id = values.string(value, path) else { return nil }
    if let i = tierIDs.firstIndex(of: id) { return i }
    values.error(
      path, at: value.offset, "expected a tier id of the scenario, found '\(id)'",
      fix: Suggestion.closest(to: id, in: tierIDs).map { "did you mean '\($0)'?" }
        ?? "its tiers are \(tierIDs.joined(separator: ", "))")
    return nil
  }

  private mutating func reference(_ value: JSON5Value, _ path: String, _ ids: [String], _ what: String)
    -> String?
  {
    guard let id = values.string(value, path) else { return nil }
    if ids.contains(id) { return id }
    values.error(
      path, at: value.offset, "expected a \(what) id of the scenario, found '\(id)'",
      fix: Suggestion.closest(to: id, in: ids).map { "did you mean '\($0)'?" }
        ?? "defined: \(ids.joined(separator: ", "))")
    return nil
  }

  private mutating func checkUnique(_ ids: [String], _ items: [JSON5Value], _ path: String) {
    var seen: Set<String> = []
    for (i, id) in ids.enumerated() where !seen.insert(id).inserted {
      values.error(
        "\(path)[\(i)].id", at: i < items.count ? items[i].offset : nil, "the id '\(id)' is used twice",
        fix: "give each entry its own id")
    }
  }

  private mutating func action(_ value: JSON5Value, _ path: String) -> DrillAction? {
    guard let s = values.string(value, path) else { return nil }
    if let a = DrillAction(name: s) { return a }
    values.error(
      path, at: value.offset, "expected an action, found '\(s)'",
      fix:
        "one of \(DrillAction.allCases.map(\.rawValue).joined(separator: ", ")) (or 发现, 响应, 上报, 转办, 答复, 办结, 回访)"
    )
    return nil
  }

  private mutating func readInjects(_ items: [JSON5Value]) -> [DrillPack.Inject] {
    var injects: [DrillPack.Inject] = []
    var ids: [String] = []
    let known = [
      "id", "title", "text", "at", "after", "follows", "grid", "channel", "category", "severity", "expect",
      "when",
    ]
    let categoryIDs = scenario.demand.categories.map(\.id)
    let severityIDs = scenario.demand.severities.map(\.id)
    let channelIDs = scenario.demand.channels.map(\.id)
    // Ids first, so that `follows` and `when` may name a later inject.
    let allIDs: [String] = items.map { item in
      if case .string(let s)? = item["id"]?.kind { return s }
      return ""
    }
    injectIDs = allIDs
    for (i, item) in items.enumerated() {
      let path = "injects[\(i)]"
      guard let o = values.object(item, path, known: known) else { continue }
      guard let idValue = o["id"] else {
        values.error(
          path, at: item.offset, "missing key 'id'", fix: "give the inject an id such as \"I\(i + 1)\"")
        continue
      }
      guard let id = values.identifier(idValue, path + ".id") else { continue }
      ids.append(id)
      if id.contains(".") {
        values.error(
          path + ".id", at: idValue.offset, "expected an id without '.', found '\(id)'",
          fix:
            "objectives name actions as ID.action: write \"\(id.replacingOccurrences(of: ".", with: "-"))\"")
      }
      var title = id
      if let v = o["title"], let s = values.string(v, path + ".title") { title = Self.clean(s) }
      let text = o["text"].flatMap { values.string($0, path + ".text") }.map(Self.clean) ?? ""
      var timing: DrillPack.Timing?
      switch (o["at"], o["after"], o["follows"]) {
      case (let at?, nil, nil):
        if let d = values.dateTime(at, path + ".at") {
          if d < scenario.period.start || d >= scenario.period.end {
            values.error(
              path + ".at", at: at.offset,
              "expected a time inside the scenario's period (\(scenario.period.start) to \(scenario.period.end)), found \(d)",
              fix: "move the inject, or use a scenario whose period covers it")
          } else {
            timing = .at(d)
          }
        }
      case (nil, let after?, let follows?):
        let span = values.span(after, path + ".after")
        let parent = reference(follows, path + ".follows", allIDs, "inject")
        if parent == id {
          values.error(
            path + ".follows", at: follows.offset, "an inject cannot follow itself",
            fix: "name an earlier inject")
        } else if let span, let parent {
          timing = .after(span, follows: parent)
        }
      case (nil, nil, nil) where o["when"] != nil:
        timing = .onTrigger
      case (nil, nil, nil):
        values.error(
          path, at: item.offset, "missing key 'at'",
          fix: "say when it is released: at: \"2026-03-05T09:00\", or after: \"2 h\" with follows: \"I1\"")
      case (nil, _?, nil):
        values.error(
          path + ".after", at: o["after"]?.offset, "'after' needs 'follows'",
          fix: "add follows: \"ID\" of the inject it follows")
      case (nil, nil, _?):
        values.error(
          path + ".follows", at: o["follows"]?.offset, "'follows' needs 'after'", fix: "add after: \"30 min\""
        )
      default:
        values.error(path, at: item.offset, "'at' and 'after' are both given", fix: "keep one of them")
      }
      var grid = 0
      var gridOK = o["grid"] == nil
      if let g = o["grid"], let name = values.string(g, path + ".grid") {
        if let index = grids.firstIndex(of: name) {
          grid = index
          gridOK = true
        } else {
          values.error(
            path + ".grid", at: g.offset, "expected the name of a grid of the scenario, found '\(name)'",
            fix: Suggestion.closest(to: name, in: grids).map { "did you mean '\($0)'?" })
        }
      }
      let category =
        o["category"].map { reference($0, path + ".category", categoryIDs, "category") } ?? categoryIDs.first
      let severity =
        o["severity"].map { reference($0, path + ".severity", severityIDs, "severity") } ?? severityIDs.first
      let channel = o["channel"].flatMap { reference($0, path + ".channel", channelIDs, "channel") }
      var expect: [DrillPack.Expected]?
      if let v = o["expect"], let list = values.array(v, path + ".expect") {
        expect = []
        for (j, e) in list.prefix(50).enumerated() {
          let ep = "\(path).expect[\(j)]"
          guard let eo = values.object(e, ep, known: ["action", "tier", "within"]) else { continue }
          guard let av = eo["action"] else {
            values.error(ep, at: e.offset, "missing key 'action'", fix: "add action: \"respond\"")
            continue
          }
          guard let a = action(av, ep + ".action") else { continue }
          let tier = eo["tier"].flatMap { tierIndex($0, ep + ".tier") }
          var within: DeadlineSpec?
          if let w = eo["within"], let s = values.string(w, ep + ".within") {
            within = DeadlineSpec(parsing: s)
            if case .elapsed(let span)? = within, span.minutes < 0 { within = nil }
            if within == nil {
              values.error(
                ep + ".within", at: w.offset, "expected a deadline, found '\(s)'",
                fix:
                  "write a deadline from the release: \"4 h\", \"8 working hours\", \"3 working days\" or \"same day\""
              )
            }
          }
          expect?.append(.init(action: a, tier: tier, within: within))
        }
      }
      var condition: DrillPack.Condition?
      if let w = o["when"], let wo = values.object(w, path + ".when", known: ["missing", "by"]) {
        if let m = wo["missing"], let s = values.string(m, path + ".when.missing") {
          let parts = s.split(separator: ".", maxSplits: 1).map(String.init)
          if parts.count == 2, let a = DrillAction(name: parts[1]), allIDs.contains(parts[0]), parts[0] != id
          {
            let by = wo["by"].flatMap { values.span($0, path + ".when.by", positive: true) }
            condition = .init(inject: parts[0], action: a, by: by)
          } else {
            values.error(
              path + ".when.missing", at: m.offset,
              "expected another inject's id and an action, such as \"I1.respond\", found '\(s)'",
              fix: parts.first.flatMap { Suggestion.closest(to: $0, in: allIDs) }.map {
                "did you mean '\($0).\(parts.count == 2 ? parts[1] : "respond")'?"
              })
          }
        } else if wo["missing"] == nil {
          values.error(
            path + ".when", at: w.offset, "missing key 'missing'",
            fix: "write when: { missing: \"I1.respond\", by: \"4 h\" }")
        }
      }
      if let timing, let category, let severity, gridOK, o["channel"] == nil || channel != nil {
        injects.append(
          .init(
            id: id, title: title, text: text, timing: timing, grid: grid, channel: channel,
            category: category,
            severity: severity, expect: expect, condition: condition))
      }
    }
    checkUnique(ids, items, "injects")
    checkCycles(injects, items)
    return injects
  }

  /// An inject that follows or waits on itself through others would never be released.
  private mutating func checkCycles(_ injects: [DrillPack.Inject], _ items: [JSON5Value]) {
    let byID = Dictionary(injects.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    for (i, inject) in injects.enumerated() {
      var seen: Set<String> = [inject.id]
      var current = inject
      while true {
        var next: String?
        if case .after(_, let follows) = current.timing { next = follows }
        if next == nil { next = current.condition?.inject }
        guard let n = next, let parent = byID[n] else { break }
        if !seen.insert(n).inserted {
          values.error(
            "injects[\(i)]", at: i < items.count ? items[i].offset : nil,
            "inject '\(inject.id)' follows or waits on itself through \(seen.sorted().joined(separator: ", "))",
            fix: "start the chain at an inject with 'at'")
          break
        }
        current = parent
      }
    }
  }

  private mutating func readObjectives(_ items: [JSON5Value]) -> [DrillPack.Objective] {
    var objectives: [DrillPack.Objective] = []
    for (i, item) in items.prefix(DrillLoader.maximumInjects).enumerated() {
      let path = "objectives[\(i)]"
      guard let o = values.object(item, path, known: ["id", "text", "rule", "tests"]) else { continue }
      guard let idValue = o["id"], let id = values.identifier(idValue, path + ".id") else {
        if o["id"] == nil {
          values.error(path, at: item.offset, "missing key 'id'", fix: "add id: \"O\(i + 1)\"")
        }
        continue
      }
      let text = o["text"].flatMap { values.string($0, path + ".text") }.map(Self.clean) ?? id
      let rule = o["rule"].flatMap { values.string($0, path + ".rule") }.map(Self.clean)
      var tests: [DrillPack.ActionReference] = []
      if let v = o["tests"], let list = values.array(v, path + ".tests") {
        for (j, t) in list.prefix(200).enumerated() {
          guard let s = values.string(t, "\(path).tests[\(j)]") else { continue }
          let parts = s.split(separator: ".", maxSplits: 2).map(String.init)
          let action = parts.count >= 2 ? DrillAction(name: parts[1]) : nil
          let tier = parts.count == 3 ? parts[2] : nil
          let testPath = "\(path).tests[\(j)]"
          if parts.isEmpty || !injectIDs.contains(parts[0]) {
            values.error(
              testPath, at: t.offset, "expected an inject id of the pack, found '\(parts.first ?? s)'",
              fix: parts.first.flatMap { Suggestion.closest(to: $0, in: injectIDs) }.map {
                "did you mean '\($0)'?"
              }
                ?? "the pack's injects: \(injectIDs.joined(separator: ", "))")
            continue
          }
          if parts.count >= 2, action == nil {
            values.error(
              testPath, at: t.offset, "expected an action after '\(parts[0]).', found '\(parts[1])'",
              fix: "one of \(DrillAction.allCases.map(\.rawValue).joined(separator: ", "))")
            continue
          }
          if let tier, !tierIDs.contains(tier) {
            values.error(
              testPath, at: t.offset, "expected a tier id of the scenario after the action, found '\(tier)'",
              fix: Suggestion.closest(to: tier, in: tierIDs).map { "did you mean '\($0)'?" }
                ?? "its tiers: \(tierIDs.joined(separator: ", "))")
            continue
          }
          tests.append(.init(inject: parts[0], action: action, tier: tier))
        }
      }
      if tests.isEmpty, !values.diagnostics.hasErrors {
        values.error(
          path + ".tests", at: o["tests"]?.offset ?? item.offset, "objective '\(id)' is tested by no inject",
          fix: "list what tests it: tests: [\"I1.respond\", \"I2\"]")
      }
      objectives.append(.init(id: id, text: text, rule: rule, tests: tests))
    }
    checkUnique(objectives.map(\.id), items, "objectives")
    return objectives
  }

  private mutating func readPass(_ value: JSON5Value) -> DrillPack.PassCriteria? {
    guard let o = values.object(value, "pass", known: ["score", "rating"]) else { return nil }
    var pass = DrillPack.PassCriteria()
    if let v = o["score"] { pass.score = values.number(v, "pass.score", in: 0...100) }
    if let v = o["rating"], let s = values.string(v, "pass.rating") {
      pass.rating = DrillRating(code: s)
      if pass.rating == nil {
        values.error(
          "pass.rating", at: v.offset, "expected a rating, found '\(s)'",
          fix: "P (performed), S (some challenges), M (major challenges) or U (unable)")
      }
    }
    return pass
  }

  /// The checks that need the policy: every stated action without `within` has a deadline from
  /// the policy, every action an objective or a contingency names is expected of its inject.
  func checkExpectations(_ pack: DrillPack, timeline: DrillTimeline, top: [String: JSON5Value])
    -> [Diagnostic]
  {
    var values = ValueReader(source: self.values.source)
    let itemsValue = top["injects"]
    func offset(ofInject i: Int) -> Int? {
      if case .array(let items)? = itemsValue?.kind, i < items.count { return items[i].offset }
      return nil
    }
    for problem in timeline.problems {
      let i = pack.injects.firstIndex { $0.id == problem.inject } ?? 0
      values.error("injects[\(i)].expect", at: offset(ofInject: i), problem.message, fix: problem.fix)
    }
    var expected: [String: Set<DrillAction>] = [:]
    for release in timeline.releases {
      expected[pack.injects[release.inject].id, default: []].formUnion(release.expectations.map(\.action))
    }
    // A release outside the period is refused below: what it expects cannot be worked out.
    let outside = Set(
      timeline.releases.filter { $0.time < scenario.period.start || $0.time >= scenario.period.end }.map(
        \.inject))
    for (i, inject) in pack.injects.enumerated() where !outside.contains(i) {
      if expected[inject.id, default: []].isEmpty {
        values.error(
          "injects[\(i)]", at: offset(ofInject: i),
          "inject '\(inject.id)' expects no action with a deadline: the policy sets none for its tier, category and channel",
          fix: "state what is expected: expect: [{ action: \"respond\", within: \"1 h\" }]")
      }
      if let c = inject.condition, !expected[c.inject, default: []].contains(c.action), c.by == nil {
        values.error(
          "injects[\(i)].when.missing", at: offset(ofInject: i),
          "inject '\(c.inject)' is not expected to \(c.action.rawValue), so this contingency has no time to fire",
          fix:
            "name an action it expects (\(expected[c.inject, default: []].sorted().map(\.rawValue).joined(separator: ", "))), or add by: \"4 h\""
        )
      }
    }
    var expectedAt: [String: [(DrillAction, String)]] = [:]
    for release in timeline.releases {
      expectedAt[pack.injects[release.inject].id, default: []] += release.expectations.map {
        ($0.action, scenario.tiers[$0.tier].id)
      }
    }
    func offset(ofTest i: Int, _ j: Int) -> Int? {
      guard case .array(let list)? = top["objectives"]?.kind, i < list.count,
        case .array(let tests)? = list[i]["tests"]?.kind, j < tests.count
      else { return nil }
      return tests[j].offset
    }
    for release in timeline.releases
    where release.time < scenario.period.start || release.time >= scenario.period.end {
      values.error(
        "injects[\(release.inject)]", at: offset(ofInject: release.inject),
        "inject '\(pack.injects[release.inject].id)' would be released at \(release.time), outside the scenario's period (\(scenario.period.start) to \(scenario.period.end))",
        fix: "shorten its 'after' or 'by', or use a scenario whose period covers it")
    }
    for (i, objective) in pack.objectives.enumerated() {
      for (j, ref) in objective.tests.enumerated() where ref.action != nil {
        let list = expectedAt[ref.inject, default: []]
        if !list.contains(where: { ref.names(inject: ref.inject, action: $0.0, tier: $0.1) }) {
          values.error(
            "objectives[\(i)].tests[\(j)]", at: offset(ofTest: i, j),
            "inject '\(ref.inject)' is not expected to \(ref.action!.rawValue)\(ref.tier.map { " at tier '\($0)'" } ?? "")",
            fix: "its expected actions: \(list.map { "\($0.0.rawValue).\($0.1)" }.joined(separator: ", "))")
        }
      }
    }
    return values.diagnostics
  }
}
