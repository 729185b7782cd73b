extension ScenarioReader {
  static let planKeys = [
    "window", "tiers", "min", "max", "cost", "surges", "judge", "perUnit", "recovery", "dutyFloor", "dayCost",
  ]

  /// Reads `plan`: the window, the planned tiers, their bounds and costs, the surges and the judge.
  mutating func readPlan(_ value: JSON5Value, scenario: Scenario) -> PlanSpec? {
    guard let o = values.object(value, "plan", known: Self.planKeys) else { return nil }
    let firstDay = scenario.period.start.dayNumber
    let lastDay = scenario.period.end.adding(minutes: -1).dayNumber
    var ok = true
    var name: String?
    var span: ClosedRange<Int>?
    switch o["window"]?.kind {
    case nil:
      values.error(
        "plan", at: value.offset, "missing key 'window'",
        fix:
          "name a key-date window (window: \"\(windowNames.first ?? "spring-festival")\") or give dates: window: { from: \"2026-02-15\", to: \"2026-02-23\" }"
      )
      ok = false
    case .string:
      let v = o["window"]!
      if let id = reference(v, "plan.window", windowNames, "window") {
        name = id
        if let w = scenario.windows.first(where: { $0.name == id }), let first = w.spans.first,
          let last = w.spans.last
        {
          span = max(first.lowerBound, firstDay)...min(last.upperBound, lastDay)
        }
      } else {
        ok = false
      }
    default:
      let v = o["window"]!
      if let d = values.object(v, "plan.window", known: ["from", "to"]) {
        let a = d["from"].flatMap { readDate($0, "plan.window.from") }
        let b = d["to"].flatMap { readDate($0, "plan.window.to") }
        if d["from"] == nil || d["to"] == nil {
          values.error(
            "plan.window", at: v.offset, "expected both 'from' and 'to'", fix: "add the missing date")
        }
        if let a, let b {
          if b < a {
            values.error(
              "plan.window.to", at: d["to"]?.offset, "expected 'to' on or after 'from'", fix: "swap them")
          } else {
            span = a...b
          }
        }
      }
      if span == nil { ok = false }
    }
    if let s = span, s.lowerBound > s.upperBound || s.upperBound < firstDay || s.lowerBound > lastDay {
      values.error(
        "plan.window", at: o["window"]?.offset, "the window is outside the period",
        fix: "plan days inside the period, or move the period")
      ok = false
    } else if let s = span, s.lowerBound < firstDay || s.upperBound > lastDay {
      values.error(
        "plan.window", at: o["window"]?.offset, "the window runs past the period",
        fix: "plan days inside the period, or move the period")
      ok = false
    }
    var tiers = tierIDs
    if let v = o["tiers"], let list = values.array(v, "plan.tiers") {
      tiers = []
      for (i, item) in list.enumerated() {
        if let id = reference(item, "plan.tiers[\(i)]", tierIDs, "tier") {
          tiers.append(id)
        } else {
          ok = false
        }
      }
      if list.isEmpty {
        values.error(
          "plan.tiers", at: v.offset, "no tier to plan", fix: "name the tiers to plan, or remove 'tiers'")
        ok = false
      }
    }
    let min = perTier(o["min"], "plan.min", tiers) {
      $0.values.integer($1, $2, in: 0...10_000, what: "people per unit")
    }
    let max = perTier(o["max"], "plan.max", tiers) {
      $0.values.integer($1, $2, in: 1...10_000, what: "people per unit")
    }
    for t in tierIDs {
      if let a = min?[t], let b = max?[t], b < a {
        values.error(
          "plan.max", at: o["max"]?.offset, "tier '\(t)': max (\(b)) is below min (\(a))",
          fix: "raise max or lower min")
        ok = false
      }
    }
    let cost = perTier(o["cost"], "plan.cost", tiers) {
      $0.values.number($1, $2, in: 0...1_000_000, what: "a cost per staff-hour")
    }
    var surges = [1.0]
    if let v = o["surges"], let list = values.array(v, "plan.surges") {
      surges = list.enumerated().compactMap { i, item in
        values.number(item, "plan.surges[\(i)]", in: 0.01...100, what: "an arrival multiplier")
      }
      if surges.count != list.count { ok = false }
      if list.isEmpty || list.count > 8 {
        values.error(
          "plan.surges", at: v.offset, "expected 1 to 8 arrival multipliers, found \(list.count)",
          fix: "for example surges: [1, 1.3]")
        ok = false
      }
    }
    var judge = PlanSpec.Judge.day
    if let v = o["judge"] {
      if let j = values.choice(v, "plan.judge", PlanSpec.Judge.self) { judge = j } else { ok = false }
    }
    var perUnit: [String] = []
    if let v = o["perUnit"] {
      if case .bool(let all) = v.kind {
        perUnit = all ? tiers : []
      } else if let list = values.array(v, "plan.perUnit") {
        for (i, item) in list.enumerated() {
          if let id = reference(item, "plan.perUnit[\(i)]", tiers, "planned tier") {
            perUnit.append(id)
          } else {
            ok = false
          }
        }
      } else {
        ok = false
      }
    }
    var recovery = 3
    if let v = o["recovery"] {
      if let n = values.integer(v, "plan.recovery", in: 0...30, what: "working days") {
        recovery = n
      } else {
        ok = false
      }
    }
    var dutyFloor = 0.5
    if let v = o["dutyFloor"] {
      if let share = values.probability(v, "plan.dutyFloor") { dutyFloor = share } else { ok = false }
    }
    var dayCost: [DayKind: Double] = [:]
    var statutoryCost: Double?
    if let v = o["dayCost"] {
      let names = DayKind.allCases.map(\.rawValue) + ["statutory"]
      if let d = values.object(v, "plan.dayCost", known: names) {
        for (key, item) in d {
          guard let x = values.number(item, "plan.dayCost." + key, in: 0...100, what: "a cost weight") else {
            ok = false
            continue
          }
          if key == "statutory" {
            statutoryCost = x
          } else if let kind = DayKind(rawValue: key) {
            dayCost[kind] = x
          }
        }
      } else {
        ok = false
      }
    }
    guard ok, let span, let min, let max, let cost else { return nil }
    var spec = PlanSpec(
      windowName: name, from: span.lowerBound, to: span.upperBound, tiers: tiers, min: min, max: max,
      cost: cost, surges: surges, judge: judge, perUnit: perUnit, recovery: recovery, dutyFloor: dutyFloor,
      dayCost: dayCost)
    spec.statutoryCost = statutoryCost
    return spec
  }

  /// A value for every tier (a number) or per tier id (an object); nil when something did not read.
  private mutating func perTier<T>(
    _ value: JSON5Value?, _ path: String, _ tiers: [String],
    read: (inout ScenarioReader, JSON5Value, String) -> T?
  ) -> [String: T]? {
    guard let value else { return [:] }
    if case .object = value.kind {
      guard let o = values.object(value, path, known: tierIDs) else { return nil }
      var out: [String: T] = [:]
      var ok = true
      for (id, v) in o {
        if let x = read(&self, v, path + "." + id) { out[id] = x } else { ok = false }
      }
      return ok ? out : nil
    }
    guard let x = read(&self, value, path) else { return nil }
    return Dictionary(uniqueKeysWithValues: tiers.map { ($0, x) })
  }
}
