/// Tiers, their per-category rules and the distributions of service times.
extension ScenarioReader {
  static let tierKeys = [
    "id", "name", "discipline", "response", "handling", "passUp", "deadlines", "categories", "authority",
    "officeHours", "roster", "roles", "stages", "callback",
  ]
  static let ruleKeys = ["response", "handling", "passUp", "deadlines", "callback"]
  static let deadlineKeys = ["response", "resolution", "onBreach", "from", "extension"]

  mutating func readTiers(_ value: JSON5Value) -> [Scenario.Tier] {
    guard let items = values.array(value, "tiers") else { return [] }
    if items.isEmpty {
      values.error(
        "tiers", at: value.offset, "expected at least one tier, found an empty list",
        fix: "list the tiers from the grid workers up")
    }
    var tiers: [Scenario.Tier] = []
    for (i, item) in items.enumerated() {
      let path = "tiers[\(i)]"
      guard let o = values.object(item, path, known: Self.tierKeys) else { continue }
      guard let id = requiredID(o, item, path) else { continue }
      var tier = Scenario.Tier(id: id, name: o["name"].flatMap { values.string($0, path + ".name") } ?? id)
      if let v = o["discipline"], let d = values.choice(v, path + ".discipline", QueueDiscipline.self) {
        tier.discipline = d
      }
      tier.rule = readRule(o, path)
      if let v = o["officeHours"] { tier.officeHours = readOfficeHours(v, path + ".officeHours") }
      if let v = o["roster"] { tier.roster = readRoster(v, path + ".roster") }
      if let v = o["roles"] { tier.roles = readRoles(v, path + ".roles") }
      if let v = o["stages"] { tier.stages = readStages(v, path + ".stages", roles: tier.roles) }
      if let v = o["categories"], let members = values.object(v, path + ".categories", known: categoryIDs) {
        for (categoryID, ruleValue) in members {
          let rulePath = "\(path).categories.\(categoryID)"
          guard let r = values.object(ruleValue, rulePath, known: Self.ruleKeys) else { continue }
          tier.categoryRules[categoryID] = readRule(r, rulePath)
        }
      }
      if let v = o["authority"],
        let a = values.object(v, path + ".authority", known: ["categories", "maxSeverity"])
      {
        if let c = a["categories"], let list = values.array(c, path + ".authority.categories") {
          var set: Set<String> = []
          for (j, item) in list.enumerated() {
            if let id = reference(item, "\(path).authority.categories[\(j)]", categoryIDs, "category") {
              set.insert(id)
            }
          }
          tier.authorityCategories = set
        }
        if let s = a["maxSeverity"] {
          tier.authorityMaxSeverity = reference(s, path + ".authority.maxSeverity", severityIDs, "severity")
        }
      }
      tiers.append(tier)
    }
    checkUnique(tiers.map(\.id), items, "tiers")
    if let top = tiers.last, top.authorityCategories != nil || top.authorityMaxSeverity != nil {
      values.error(
        "tiers[\(tiers.count - 1)].authority", at: items.last?.offset,
        "the top tier '\(top.id)' must be able to close every item, found a limited authority",
        fix: "remove 'authority' from the top tier")
    }
    return tiers
  }

  mutating func readRule(_ o: [String: JSON5Value], _ path: String) -> Scenario.Rule {
    var rule = Scenario.Rule()
    if let v = o["response"] { rule.response = readDistribution(v, path + ".response") }
    if let v = o["handling"] { rule.handling = readDistribution(v, path + ".handling") }
    if let v = o["passUp"] { rule.passUp = values.probability(v, path + ".passUp") }
    if let v = o["deadlines"],
      let d = values.object(v, path + ".deadlines", known: Self.deadlineKeys)
    {
      if let r = d["response"] { rule.responseDeadline = readDeadline(r, path + ".deadlines.response") }
      if let r = d["resolution"] { rule.resolutionDeadline = readDeadline(r, path + ".deadlines.resolution") }
      if let f = d["from"] {
        rule.deadlineClock = values.choice(f, path + ".deadlines.from", DeadlineClock.self)
      }
      if let b = d["onBreach"] {
        rule.onBreach = values.choice(b, path + ".deadlines.onBreach", BreachAction.self)
      }
      if let e = d["extension"] { rule.extension = readExtension(e, path + ".deadlines.extension") }
    }
    if let v = o["callback"] { rule.callback = readCallback(v, path + ".callback") }
    return rule
  }

  /// A deadline: a duration in calendar or working time, or "same day".
  mutating func readDeadline(_ value: JSON5Value, _ path: String) -> DeadlineSpec? {
    let examples =
      "a deadline such as \"4 h\", \"2 calendar days\", \"8 working hours\", \"3 working days\" or \"same day\""
    guard case .string(let text) = value.kind else {
      if case .number(_, let n) = value.kind {
        values.error(
          path, at: value.offset, "expected \(examples), found \(n) with no unit",
          fix: "write it as \"\(n) h\" or \"\(n) working days\"")
      } else {
        values.expected(examples, value, path)
      }
      return nil
    }
    guard let spec = DeadlineSpec(parsing: text) else {
      values.error(
        path, at: value.offset, "expected \(examples), found \(value.summary)",
        fix:
          "units: s, min, h, days, weeks (calendar time), working hours, working days, calendar days; or same day (当日)"
      )
      return nil
    }
    let positive: Bool
    switch spec {
    case .elapsed(let s), .workingHours(let s): positive = s.minutes > 0 && s <= TimeSpan.maximum
    case .workingDays(let n): positive = n >= 1
    case .sameDay: positive = true
    }
    if !positive {
      values.error(
        path, at: value.offset, "expected a deadline above 0 (and at most 100 years), found \(value.summary)")
      return nil
    }
    return spec
  }

  /// Office hours: a list of "HH:MM-HH:MM" intervals in order.
  mutating func readOfficeHours(_ value: JSON5Value, _ path: String) -> OfficeHours? {
    guard let items = values.array(value, path) else { return nil }
    var intervals: [Range<Int>] = []
    for (i, item) in items.enumerated() {
      guard let text = values.string(item, "\(path)[\(i)]") else { return nil }
      guard let r = OfficeHours.interval(parsing: text) else {
        values.error(
          "\(path)[\(i)]", at: item.offset,
          "expected an interval such as \"08:30-12:00\", found \(item.summary)")
        return nil
      }
      intervals.append(r)
    }
    guard let hours = OfficeHours(intervals) else {
      values.error(
        path, at: value.offset, "expected at least one interval, in order and not overlapping",
        fix: "for example [\"08:30-12:00\", \"14:30-17:30\"]")
      return nil
    }
    return hours
  }

  /// A duration distribution: a plain duration (fixed), or an object with one key naming the kind.
  mutating func readDistribution(_ value: JSON5Value, _ path: String) -> DistributionSpec? {
    if case .string = value.kind {
      return values.span(value, path).map { .fixed($0.minutes) }
    }
    guard case .object(let members) = value.kind, members.count == 1, let member = members.first else {
      values.expected(
        "a distribution such as { exponential: \"30 min\" } or a fixed duration such as \"30 min\"", value,
        path, fix: "kinds: \(DistributionSpec.kinds.joined(separator: ", "))")
      return nil
    }
    let kind = member.key
    let p = "\(path).\(kind)"
    let v = member.value
    switch kind {
    case "fixed":
      return values.span(v, p).map { .fixed($0.minutes) }
    case "exponential":
      let mean: TimeSpan?
      if case .object = v.kind, let o = values.object(v, p, known: ["mean"]) {
        mean = o["mean"].flatMap { values.span($0, p + ".mean", positive: true) }
      } else {
        mean = values.span(v, p, positive: true)
      }
      return mean.map { .exponential(mean: $0.minutes) }
    case "uniform":
      guard let (lo, hi) = readPair(v, p, names: ("min", "max")) else { return nil }
      guard lo <= hi else {
        values.error(
          p, at: v.offset,
          "expected min ≤ max, found min \(TimeSpan(minutes: lo)) and max \(TimeSpan(minutes: hi))")
        return nil
      }
      return .uniform(min: lo, max: hi)
    case "triangular":
      let spans: [TimeSpan]?
      if case .array(let items) = v.kind {
        guard items.count == 3 else {
          values.error(p, at: v.offset, "expected 3 durations [min, mode, max], found \(items.count)")
          return nil
        }
        spans = collect(items.enumerated().map { values.span($0.element, "\(p)[\($0.offset)]") })
      } else if let o = values.object(v, p, known: ["min", "mode", "max"]) {
        spans = collect(
          ["min", "mode", "max"].map { key in
            required(o, v, p, key).flatMap { values.span($0, "\(p).\(key)") }
          })
      } else {
        return nil
      }
      guard let s = spans else { return nil }
      guard s[0] <= s[1], s[1] <= s[2], s[0] < s[2] else {
        values.error(
          p, at: v.offset, "expected min ≤ mode ≤ max with min < max, found \(s[0]), \(s[1]), \(s[2])")
        return nil
      }
      return .triangular(min: s[0].minutes, mode: s[1].minutes, max: s[2].minutes)
    case "lognormal":
      guard let o = values.object(v, p, known: ["mean", "sd"]),
        let mean = required(o, v, p, "mean").flatMap({ values.span($0, p + ".mean", positive: true) }),
        let sd = required(o, v, p, "sd").flatMap({ values.span($0, p + ".sd") })
      else { return nil }
      return .lognormal(mean: mean.minutes, sd: sd.minutes)
    case "gamma", "erlang":
      let shapeKey = kind == "gamma" ? "shape" : "k"
      guard let o = values.object(v, p, known: [shapeKey, "mean"]) else { return nil }
      let shape: Double? =
        kind == "gamma"
        ? required(o, v, p, shapeKey).flatMap {
          values.number($0, p + ".shape", in: 0.01...1e6, what: "a shape")
        }
        : required(o, v, p, shapeKey).flatMap {
          values.integer($0, p + ".k", in: 1...10_000, what: "a whole number of phases")
        }.map(Double.init)
      let mean = required(o, v, p, "mean").flatMap { values.span($0, p + ".mean", positive: true) }
      guard let shape, let mean else { return nil }
      return .gamma(shape: shape, mean: mean.minutes)
    case "empirical":
      var spanValues: [JSON5Value] = []
      var weights: [Double]? = nil
      var prefix = p + ".values"
      if case .array(let items) = v.kind {
        spanValues = items
        prefix = p
      } else if let o = values.object(v, p, known: ["values", "weights"]) {
        guard let vs = required(o, v, p, "values"), let items = values.array(vs, p + ".values") else {
          return nil
        }
        spanValues = items
        if let w = o["weights"], let ws = values.array(w, p + ".weights") {
          guard ws.count == items.count else {
            values.error(
              p + ".weights", at: w.offset,
              "expected \(items.count) weights (one per value), found \(ws.count)")
            return nil
          }
          weights = collect(
            ws.enumerated().map {
              values.number($0.element, "\(p).weights[\($0.offset)]", in: 0...1e12, what: "a weight")
            })
          guard let weights, weights.reduce(0, +) > 0 else {
            if weights != nil {
              values.error(p + ".weights", at: w.offset, "expected at least one weight above 0, found all 0")
            }
            return nil
          }
        }
      } else {
        return nil
      }
      guard !spanValues.isEmpty else {
        values.error(p, at: v.offset, "expected at least one duration, found an empty list")
        return nil
      }
      guard
        let spans = collect(
          spanValues.enumerated().map { values.span($0.element, "\(prefix)[\($0.offset)]") })
      else { return nil }
      return .empirical(
        values: spans.map(\.minutes), weights: weights ?? Array(repeating: 1, count: spans.count))
    default:
      let guess = Suggestion.closest(to: kind, in: DistributionSpec.kinds)
      values.error(
        p, at: value.offset, "unknown distribution '\(kind)'",
        fix: guess.map { "did you mean '\($0)'?" }
          ?? "kinds: \(DistributionSpec.kinds.joined(separator: ", "))")
      return nil
    }
  }

  private mutating func readPair(_ v: JSON5Value, _ p: String, names: (String, String)) -> (Double, Double)? {
    if case .array(let items) = v.kind {
      guard items.count == 2 else {
        values.error(p, at: v.offset, "expected 2 durations [\(names.0), \(names.1)], found \(items.count)")
        return nil
      }
      guard let s = collect(items.enumerated().map({ values.span($0.element, "\(p)[\($0.offset)]") })) else {
        return nil
      }
      return (s[0].minutes, s[1].minutes)
    }
    guard let o = values.object(v, p, known: [names.0, names.1]),
      let a = required(o, v, p, names.0).flatMap({ values.span($0, "\(p).\(names.0)") }),
      let b = required(o, v, p, names.1).flatMap({ values.span($0, "\(p).\(names.1)") })
    else { return nil }
    return (a.minutes, b.minutes)
  }

  mutating func required(_ o: [String: JSON5Value], _ parent: JSON5Value, _ path: String, _ key: String)
    -> JSON5Value?
  {
    if let v = o[key] { return v }
    values.error("\(path).\(key)", at: parent.offset, "missing key '\(key)'")
    return nil
  }

  /// All elements when none is nil; otherwise nil (the problems are already recorded).
  func collect<T>(_ items: [T?]) -> [T]? {
    var out: [T] = []
    for item in items {
      guard let item else { return nil }
      out.append(item)
    }
    return out
  }
}
