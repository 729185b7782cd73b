extension ScenarioReader {
  static let rosterRuleKeys = [
    "restAfterNight", "maxConsecutiveDays", "maxShiftsPerDay", "nightShare", "posts", "pay", "weights",
    "borrow",
  ]

  /// Reads `rosterRules` (``DutyRules``): every key optional, each over its default.
  mutating func readRosterRules(_ value: JSON5Value) -> DutyRules {
    var rules = DutyRules()
    guard let o = values.object(value, "rosterRules", known: Self.rosterRuleKeys) else { return rules }
    if let v = o["restAfterNight"], let n = values.integer(v, "rosterRules.restAfterNight", in: 0...7) {
      rules.restAfterNight = n
    }
    if let v = o["maxConsecutiveDays"],
      let n = values.integer(v, "rosterRules.maxConsecutiveDays", in: 1...366)
    {
      rules.maxConsecutiveDays = n
    }
    if let v = o["maxShiftsPerDay"], let n = values.integer(v, "rosterRules.maxShiftsPerDay", in: 1...4) {
      rules.maxShiftsPerDay = n
    }
    if let v = o["borrow"], let b = values.bool(v, "rosterRules.borrow") { rules.borrow = b }
    if let v = o["nightShare"], let x = values.probability(v, "rosterRules.nightShare") {
      rules.nightShare = x
    }
    if let v = o["pay"],
      let p = values.object(v, "rosterRules.pay", known: ["statutory", "restDay", "workday"])
    {
      if let x = p["statutory"].flatMap({ values.number($0, "rosterRules.pay.statutory", in: 0...10) }) {
        rules.payStatutory = x
      }
      if let x = p["restDay"].flatMap({ values.number($0, "rosterRules.pay.restDay", in: 0...10) }) {
        rules.payRestDay = x
      }
      if let x = p["workday"].flatMap({ values.number($0, "rosterRules.pay.workday", in: 0...10) }) {
        rules.payWorkday = x
      }
    }
    if let v = o["posts"],
      let posts = values.object(v, "rosterRules.posts", known: DutyRules.Post.allCases.map(\.rawValue))
    {
      for post in DutyRules.Post.allCases {
        guard let pv = posts[post.rawValue] else { continue }
        let path = "rosterRules.posts.\(post.rawValue)"
        guard let p = values.object(pv, path, known: ["hoursPerWeek", "hoursPerMonth", "timeOff"]) else {
          continue
        }
        var r = rules.rules(for: post)
        if let x = p["hoursPerWeek"].flatMap({ values.number($0, path + ".hoursPerWeek", in: 1...168) }) {
          r.hoursPerWeek = x
        }
        if let x = p["hoursPerMonth"].flatMap({ values.number($0, path + ".hoursPerMonth", in: 1...744) }) {
          r.hoursPerMonth = x
        }
        if let b = p["timeOff"].flatMap({ values.bool($0, path + ".timeOff") }) { r.timeOff = b }
        rules.posts[post] = r
      }
    }
    if let v = o["weights"],
      let w = values.object(
        v, "rosterRules.weights",
        known: [
          "duties", "nights", "holidays", "hardDays", "rotation", "sameHardDay", "preference", "changes",
          "borrowed",
        ])
    {
      func read(_ key: String, _ into: inout Int) {
        if let x = w[key].flatMap({ values.integer($0, "rosterRules.weights.\(key)", in: 0...1000) }) {
          into = x
        }
      }
      read("duties", &rules.weights.duties)
      read("nights", &rules.weights.nights)
      read("holidays", &rules.weights.holidays)
      read("hardDays", &rules.weights.hardDays)
      read("rotation", &rules.weights.rotation)
      read("sameHardDay", &rules.weights.sameHardDay)
      read("preference", &rules.weights.preference)
      read("changes", &rules.weights.changes)
      read("borrowed", &rules.weights.borrowed)
    }
    return rules
  }
}
