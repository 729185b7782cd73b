/// The workflow: a tier's roles and stages, the rule keys around deadlines (extension, callback)
/// and the scenario's `policy`.
extension ScenarioReader {
  static let policyKeys = [
    "preset", "name", "source", "deadlines", "callback", "categories", "supervision", "skipLevel", "duty",
  ]
  static let policyCategoryKeys = ["deadlines", "callback", "worsening"]
  static let stageKeys = ["id", "role", "time", "skip", "departments"]

  /// A tier's roles: `[{ id: "office", share: 0.3 }, ...]`.
  mutating func readRoles(_ value: JSON5Value, _ path: String) -> [Scenario.Role] {
    guard let items = values.array(value, path) else { return [] }
    var roles: [Scenario.Role] = []
    for (i, item) in items.enumerated() {
      let p = "\(path)[\(i)]"
      guard let o = values.object(item, p, known: ["id", "share"]), let id = requiredID(o, item, p) else {
        continue
      }
      let share = required(o, item, p, "share").flatMap {
        values.number($0, p + ".share", in: 0.000_001...1e6, what: "a share above 0")
      }
      roles.append(Scenario.Role(id: id, share: share ?? 1))
    }
    checkUnique(roles.map(\.id), items, path)
    if items.isEmpty {
      values.error(path, at: value.offset, "expected at least one role, found an empty list")
    }
    return roles
  }

  /// A tier's stages, in order; roles are named by id (`staff` when the tier has no roles).
  mutating func readStages(_ value: JSON5Value, _ path: String, roles: [Scenario.Role]) -> [Scenario.Stage] {
    guard let items = values.array(value, path) else { return [] }
    let roleIDs = roles.isEmpty ? ["staff"] : roles.map(\.id)
    var stages: [Scenario.Stage] = []
    for (i, item) in items.enumerated() {
      let p = "\(path)[\(i)]"
      guard let o = values.object(item, p, known: Self.stageKeys) else { continue }
      guard let idValue = required(o, item, p, "id"),
        let kind = values.choice(idValue, p + ".id", StageKind.self)
      else { continue }
      var role = 0
      if let r = o["role"] {
        guard let id = reference(r, p + ".role", roleIDs, "role") else { continue }
        role = roleIDs.firstIndex(of: id)!
      } else if roleIDs.count > 1 {
        values.error(
          p + ".role", at: item.offset,
          "missing key 'role': the tier has roles \(roleIDs.joined(separator: ", "))",
          fix: "say who does the '\(kind.rawValue)' stage, for example role: \"\(roleIDs[0])\"")
      }
      var stage = Scenario.Stage(kind: kind, role: role)
      if let t = o["time"] {
        stage.time = readDistribution(t, p + ".time")
      } else if kind != .accept, kind != .handle {
        values.error(
          p + ".time", at: item.offset, "missing key 'time' (only accept and handle take the tier's times)",
          fix: "give the staff time of the stage, for example time: \"15 min\"")
      }
      if let s = o["skip"], let list = values.array(s, p + ".skip") {
        for (j, c) in list.enumerated() {
          if let id = reference(c, "\(p).skip[\(j)]", categoryIDs, "category") { stage.skip.insert(id) }
        }
      }
      if let d = o["departments"] {
        if kind != .handle {
          values.error(
            p + ".departments", at: d.offset, "only the handle stage forks to departments",
            fix: "move 'departments' to the handle stage")
        } else if case .object(let members) = d.kind {
          for m in members {
            let key = "\(p).departments.\(m.key)"
            guard let n = Int(m.key), (2...50).contains(n) else {
              values.error(
                key, at: m.keyOffset, "expected a number of departments from 2 to 50, found '\(m.key)'",
                fix: "write departments: { \"2\": 0.2, \"3\": 0.05 } (the chance of each number)")
              continue
            }
            if let q = values.probability(m.value, key) { stage.departments.append((n, q)) }
          }
          if stage.departments.reduce(0, { $0 + $1.probability }) > 1 {
            values.error(
              p + ".departments", at: d.offset, "expected chances that add up to at most 1",
              fix: "the rest is the chance of one department")
          }
        } else {
          values.expected("an object such as { \"2\": 0.2, \"3\": 0.05 }", d, p + ".departments")
        }
      }
      stages.append(stage)
    }
    checkUnique(stages.map(\.kind.rawValue), items, path)
    let kinds = stages.map(\.kind)
    let order = StageKind.allCases
    if kinds != kinds.sorted(by: { order.firstIndex(of: $0)! < order.firstIndex(of: $1)! }) {
      values.error(
        path, at: value.offset,
        "expected the stages in the order of the procedure, found \(kinds.map(\.rawValue).joined(separator: ", "))",
        fix: "order: \(order.map(\.rawValue).joined(separator: ", ")) (leave out what does not apply)")
    }
    if items.isEmpty {
      values.error(path, at: value.offset, "expected at least one stage, found an empty list")
    }
    return stages
  }

  /// `deadlines.extension: { probability: 0.2, limit: "5 days" }`.
  mutating func readExtension(_ value: JSON5Value, _ path: String) -> Scenario.Extension? {
    guard let o = values.object(value, path, known: ["probability", "limit"]) else { return nil }
    let probability = required(o, value, path, "probability").flatMap {
      values.probability($0, path + ".probability")
    }
    let limit = required(o, value, path, "limit").flatMap { readDeadline($0, path + ".limit") }
    guard let probability, let limit else { return nil }
    return Scenario.Extension(probability: probability, limit: limit)
  }

  /// `callback: { unsatisfied: 0.1, perDayLate: 0.05, reopenAt: "same", maxReopenings: 2 }`.
  mutating func readCallback(_ value: JSON5Value, _ path: String) -> Scenario.Callback? {
    guard
      let o = values.object(value, path, known: ["unsatisfied", "perDayLate", "reopenAt", "maxReopenings"]),
      let u = required(o, value, path, "unsatisfied").flatMap({
        values.probability($0, path + ".unsatisfied")
      })
    else { return nil }
    var callback = Scenario.Callback(unsatisfied: u)
    if let v = o["perDayLate"], let x = values.probability(v, path + ".perDayLate") {
      callback.perDayLate = x
    }
    if let v = o["reopenAt"], let x = values.choice(v, path + ".reopenAt", Scenario.ReopenTier.self) {
      callback.reopenAt = x
    }
    if let v = o["maxReopenings"], let x = values.integer(v, path + ".maxReopenings", in: 0...20) {
      callback.maxReopenings = x
    }
    return callback
  }

  /// The scenario's `policy`, after its preset (if any) was laid under it by the loader.
  mutating func readPolicy(_ value: JSON5Value, tiers: [Scenario.Tier]) -> Scenario.Policy {
    var policy = Scenario.Policy()
    guard let o = values.object(value, "policy", known: Self.policyKeys) else { return policy }
    if let v = o["preset"] { policy.preset = values.string(v, "policy.preset") }
    if let v = o["name"] { policy.name = values.string(v, "policy.name") }
    if let v = o["source"] { policy.source = values.string(v, "policy.source") }
    policy.rule = readRule(o, "policy")
    if let v = o["categories"], let members = values.object(v, "policy.categories", known: categoryIDs) {
      for (id, ruleValue) in members {
        let p = "policy.categories.\(id)"
        guard let r = values.object(ruleValue, p, known: Self.policyCategoryKeys) else { continue }
        policy.categoryRules[id] = readRule(r, p)
        if let w = r["worsening"] { policy.worsening[id] = readWorsening(w, p + ".worsening") }
      }
    }
    if let v = o["supervision"], let s = values.object(v, "policy.supervision", known: ["reminders"]),
      let r = s["reminders"], let list = values.array(r, "policy.supervision.reminders")
    {
      for (i, item) in list.enumerated() {
        if let f = values.number(
          item, "policy.supervision.reminders[\(i)]", in: 0.01...0.99,
          what: "a fraction of the time to the deadline")
        {
          policy.reminders.append(f)
        }
      }
      policy.reminders.sort()
    }
    if let v = o["duty"],
      let d = values.object(v, "policy.duty", known: ["categories", "severities", "opinion"])
    {
      if let c = d["categories"], let list = values.array(c, "policy.duty.categories") {
        policy.duty.categories = list.enumerated().compactMap {
          reference($0.element, "policy.duty.categories[\($0.offset)]", categoryIDs, "category")
        }
      }
      if let sv = d["severities"], let list = values.array(sv, "policy.duty.severities") {
        policy.duty.severities = list.enumerated().compactMap {
          reference($0.element, "policy.duty.severities[\($0.offset)]", severityIDs, "severity")
        }
      }
      if let x = d["opinion"] { policy.duty.opinion = values.bool(x, "policy.duty.opinion") ?? true }
    }
    if let v = o["skipLevel"], let list = values.array(v, "policy.skipLevel") {
      for (i, item) in list.enumerated() {
        if let r = readSkipLevel(item, "policy.skipLevel[\(i)]", tiers: tiers) { policy.skipLevel.append(r) }
      }
    }
    return policy
  }

  private mutating func readWorsening(_ value: JSON5Value, _ path: String) -> Scenario.Worsening? {
    guard let o = values.object(value, path, known: ["within", "severityRise", "followUps"]),
      let within = required(o, value, path, "within").flatMap({
        values.span($0, path + ".within", positive: true)
      })
    else { return nil }
    var w = Scenario.Worsening(within: within)
    if let v = o["severityRise"], let n = values.integer(v, path + ".severityRise", in: 0...10) {
      w.severityRise = n
    }
    if let v = o["followUps"], let n = values.integer(v, path + ".followUps", in: 0...100) { w.followUps = n }
    return w
  }

  private mutating func readSkipLevel(_ value: JSON5Value, _ path: String, tiers: [Scenario.Tier])
    -> Scenario.SkipLevelReport?
  {
    guard
      let o = values.object(value, path, known: ["category", "severity", "tier", "role", "within", "time"])
    else { return nil }
    let category = o["category"].flatMap { reference($0, path + ".category", categoryIDs, "category") }
    let severity = o["severity"].flatMap { reference($0, path + ".severity", severityIDs, "severity") }
    let tier = required(o, value, path, "tier").flatMap { reference($0, path + ".tier", tierIDs, "tier") }
    let within = required(o, value, path, "within").flatMap {
      values.span($0, path + ".within", positive: true)
    }
    let time = o["time"].map { readDistribution($0, path + ".time") } ?? .fixed(10)
    guard let tier, let within, let time else { return nil }
    var role: String?
    if let r = o["role"] {
      let roles = tiers.first { $0.id == tier }?.roles.map(\.id) ?? []
      role = reference(r, path + ".role", roles.isEmpty ? ["staff"] : roles, "role")
    }
    return Scenario.SkipLevelReport(
      category: category, severity: severity, tier: tier, role: role, within: within, time: time)
  }
}
