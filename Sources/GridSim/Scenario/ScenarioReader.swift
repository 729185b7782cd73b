import Foundation

/// The scenario schema: reads each section, then checks the references between them.
struct ScenarioReader {
  var values: ValueReader
  /// Ids defined so far, for reference checks in later sections.
  var categoryIDs: [String] = []
  var severityIDs: [String] = []
  var channelIDs: [String] = []
  var tierIDs: [String] = []
  var windowNames: [String] = []
  var spreadsheets: [Scenario.SpreadsheetFile] = []

  init(source: SourceFile) { values = ValueReader(source: source) }

  static let periodKeys = ["start", "end", "length", "warmUp", "timeZone"]
  static let demandKeys = [
    "perGridPerDay", "hourOfDay", "dayOfWeek", "monthOfYear", "dayKind", "categories", "severities",
    "entry", "injects", "channels",
  ]
  static let topKeys = [
    "version", "name", "description", "period", "seed", "replications", "tiers", "organization", "demand",
    "targets", "calendar", "windows", "rosterFiles", "language", "policy", "plan",
    "rosterRules",
  ]

  mutating func read(_ root: JSON5Value) -> Scenario {
    var scenario = Scenario()
    guard let top = values.object(root, "", known: Self.topKeys) else { return scenario }
    if let v = top["version"] {
      if let version = values.integer(v, "version", in: 0...Int(Int32.max)), version != 1 {
        values.error(
          "version", at: v.offset, "this gridsim reads scenario format version 1, found version \(version)",
          fix: "set version: 1, or use a gridsim that reads version \(version)")
      }
    } else {
      values.error(
        "version", at: root.offset, "missing key 'version'", fix: "add version: 1 at the top of the file")
    }
    if let v = top["name"], let s = values.string(v, "name") { scenario.name = s }
    if let v = top["description"], let s = values.string(v, "description") { scenario.description = s }
    if let v = top["language"], let code = values.choice(v, "language", Scenario.Language.self) {
      scenario.language = code
    }
    if let v = top["seed"], let s = values.integer(v, "seed", in: 0...(1 << 53), what: "a whole-number seed")
    {
      scenario.seed = UInt64(s)
    }
    if let v = top["replications"], let r = values.integer(v, "replications", in: 1...100_000) {
      scenario.replications = r
    }
    if let v = top["period"] { readPeriod(v, into: &scenario.period) }
    if let v = top["calendar"] { readCalendar(v, into: &scenario.calendar) }
    // Demand first: tiers and entry rules refer to its categories and severities.
    if let v = top["demand"] { readDemand(v, into: &scenario.demand) }
    categoryIDs = scenario.demand.categories.map(\.id)
    severityIDs = scenario.demand.severities.map(\.id)
    channelIDs = scenario.demand.channels.map(\.id)
    if let v = top["tiers"] {
      scenario.tiers = readTiers(v)
    } else {
      values.error(
        "tiers", at: root.offset, "missing key 'tiers'",
        fix: "list the tiers from the grid workers up, for example tiers: [{ id: \"grid\", ... }]")
    }
    tierIDs = scenario.tiers.map(\.id)
    if let v = top["policy"] { scenario.policy = readPolicy(v, tiers: scenario.tiers) }
    if let v = top["organization"] {
      scenario.organization = readOrganization(v, tiers: scenario.tiers)
    } else {
      values.error(
        "organization", at: root.offset, "missing key 'organization'",
        fix:
          "describe the units, for example organization: { name: \"镇\", staff: 10, children: { count: 12, ... } }"
      )
    }
    if let v = top["demand"] {
      checkEntry(v, scenario: scenario)
      scenario.demand.entry = entryRules
      scenario.demand.injects = readInjects(v, scenario: scenario)
    }
    checkCoverage(scenario, root: root, tiersValue: top["tiers"])
    if let v = top["rosterFiles"] { readRosterFiles(v, into: &scenario) }
    if let v = top["windows"] { scenario.windows = readWindows(v, scenario: scenario) }
    windowNames = scenario.windows.map(\.name)
    if let v = top["targets"] { scenario.targets = readTargets(v) }
    if let v = top["plan"] { scenario.plan = readPlan(v, scenario: scenario) }
    if let v = top["rosterRules"] { scenario.rosterRules = readRosterRules(v) }
    // Holidays change working-time deadlines, and demand when a day kind or the weekend differs.
    let week = scenario.demand.dayOfWeek
    let usesCalendar =
      !scenario.demand.dayKind.isEmpty || week[0..<5].reduce(0, +) * 2 != (week[5] + week[6]) * 5
      || scenario.tiers.contains { tier in
        ([tier.rule, scenario.policy.rule] + tier.categoryRules.values + scenario.policy.categoryRules.values)
          .contains {
            $0.responseDeadline?.usesWorkingTime == true || $0.resolutionDeadline?.usesWorkingTime == true
          }
      }
    let missing = scenario.calendar.days.yearsWithoutData(
      from: scenario.period.start.dayNumber, to: scenario.period.end.adding(minutes: -1).dayNumber)
    if usesCalendar, !missing.isEmpty {
      values.warning(
        "calendar", at: top["calendar"]?.offset ?? top["period"]?.offset,
        "no holiday data for \(missing.map(String.init).joined(separator: ", ")): those years have weekends only, no holidays or make-up workdays",
        fix: "add them under calendar (holidays, makeupWorkdays, or files: [\"holidays-\(missing[0]).ics\"])")
    }
    scenario.spreadsheets = spreadsheets
    return scenario
  }

  // MARK: period

  private mutating func readPeriod(_ value: JSON5Value, into period: inout Scenario.Period) {
    guard let o = values.object(value, "period", known: Self.periodKeys) else { return }
    if let v = o["start"], let d = values.dateTime(v, "period.start") { period.start = d }
    if let v = o["end"], let d = values.dateTime(v, "period.end") { period.end = d }
    if let v = o["length"] {
      if o["end"] != nil {
        values.error(
          "period.length", at: v.offset, "'length' and 'end' are both given", fix: "keep one of them")
      } else if let span = values.span(v, "period.length", positive: true) {
        period.end = period.start.adding(minutes: span.minutes)
      }
    } else if o["end"] == nil {
      period.end = period.start.adding(minutes: 28 * 1440)
    }
    if period.end <= period.start {
      values.error(
        "period.end", at: (o["end"] ?? value).offset,
        "expected the end after the start (\(period.start)), found \(period.end)",
        fix: "move the end later or the start earlier")
    } else if period.length > TimeSpan.maximum {
      values.error(
        o["end"] == nil && o["length"] != nil ? "period.length" : "period.end",
        at: (o["end"] ?? o["length"] ?? value).offset,
        "expected a period of at most 100 years, found \(period.length)", fix: "shorten the period")
    }
    if let v = o["warmUp"], let span = values.span(v, "period.warmUp") {
      if span.minutes >= Double(period.end.minutes - period.start.minutes) {
        values.error(
          "period.warmUp", at: v.offset,
          "expected a warm-up shorter than the period (\(period.length)), found \(span)",
          fix: "shorten the warm-up or lengthen the period")
      }
      period.warmUp = span
    }
    if let v = o["timeZone"], let zone = values.string(v, "period.timeZone") {
      if TimeZone(identifier: zone) == nil {
        values.warning(
          "period.timeZone", at: v.offset, "'\(zone)' is not a time zone this machine knows",
          fix: "use an IANA name such as \"Asia/Shanghai\"")
      }
      period.timeZone = zone
    }
  }

  // MARK: demand

  private mutating func readDemand(_ value: JSON5Value, into demand: inout Scenario.Demand) {
    guard let o = values.object(value, "demand", known: Self.demandKeys) else { return }
    if let v = o["perGridPerDay"],
      let n = values.number(v, "demand.perGridPerDay", in: 0...1e7, what: "arrivals per grid per day")
    {
      demand.perGridPerDay = n
    }
    if let v = o["hourOfDay"],
      let w = readWeights(v, "demand.hourOfDay", count: 24, what: "hour of day, 0 to 23")
    {
      demand.hourOfDay = w
    }
    if let v = o["dayOfWeek"],
      let w = readWeights(v, "demand.dayOfWeek", count: 7, what: "day of the week, Monday to Sunday")
    {
      demand.dayOfWeek = w
    }
    if let v = o["monthOfYear"],
      let w = readWeights(v, "demand.monthOfYear", count: 12, what: "month, January to December")
    {
      demand.monthOfYear = w
    }
    if let v = o["dayKind"],
      let m = values.object(v, "demand.dayKind", known: DayKind.allCases.map(\.rawValue))
    {
      for kind in DayKind.allCases {
        if let x = m[kind.rawValue],
          let n = values.number(x, "demand.dayKind.\(kind.rawValue)", in: 0...1000, what: "a multiplier")
        {
          demand.dayKind[kind] = n
        }
      }
    }
    if let v = o["channels"], let list = readChannels(v, "demand.channels") { demand.channels = list }
    if let v = o["severities"], let items = values.array(v, "demand.severities") {
      var list: [Scenario.Severity] = []
      for (i, item) in items.enumerated() {
        let path = "demand.severities[\(i)]"
        guard let s = values.object(item, path, known: ["id", "name", "share"]) else { continue }
        guard let id = requiredID(s, item, path) else { continue }
        let name = s["name"].flatMap { values.string($0, path + ".name") } ?? id
        let share =
          s["share"].flatMap { values.number($0, path + ".share", in: 0...1e9, what: "a share") } ?? 1
        list.append(.init(id: id, name: name, share: share))
      }
      checkUnique(list.map(\.id), items, "demand.severities")
      checkShares(list.map(\.share), v, "demand.severities")
      if !list.isEmpty { demand.severities = list }
    }
    let severityIDs = demand.severities.map(\.id)
    if let v = o["categories"], let items = values.array(v, "demand.categories") {
      var list: [Scenario.Category] = []
      for (i, item) in items.enumerated() {
        let path = "demand.categories[\(i)]"
        guard let c = values.object(item, path, known: ["id", "name", "share", "severities"]) else {
          continue
        }
        guard let id = requiredID(c, item, path) else { continue }
        let name = c["name"].flatMap { values.string($0, path + ".name") } ?? id
        let share =
          c["share"].flatMap { values.number($0, path + ".share", in: 0...1e9, what: "a share") } ?? 1
        var category = Scenario.Category(id: id, name: name, share: share)
        if let sv = c["severities"], let shares = values.object(sv, path + ".severities", known: severityIDs)
        {
          var map: [String: Double] = [:]
          for (key, w) in shares {
            if let n = values.number(w, path + ".severities.\(key)", in: 0...1e9, what: "a share") {
              map[key] = n
            }
          }
          if !map.isEmpty, map.values.reduce(0, +) <= 0 {
            values.error(
              path + ".severities", at: sv.offset, "expected at least one share above 0, found all 0")
          }
          category.severityShares = map
        }
        list.append(category)
      }
      checkUnique(list.map(\.id), items, "demand.categories")
      checkShares(list.map(\.share), v, "demand.categories")
      if !list.isEmpty { demand.categories = list }
    }
    // Entry rules are read after the tiers (they name tiers); see checkEntry.
  }

  private mutating func readWeights(_ value: JSON5Value, _ path: String, count: Int, what: String)
    -> [Double]?
  {
    guard let items = values.array(value, path) else { return nil }
    guard items.count == count else {
      values.error(
        path, at: value.offset, "expected \(count) weights (one per \(what)), found \(items.count)")
      return nil
    }
    var weights: [Double] = []
    for (i, item) in items.enumerated() {
      guard let n = values.number(item, "\(path)[\(i)]", in: 0...1e9, what: "a weight") else { return nil }
      weights.append(n)
    }
    if weights.reduce(0, +) <= 0 {
      values.error(path, at: value.offset, "expected at least one weight above 0, found all 0")
      return nil
    }
    return weights
  }

  private mutating func checkEntry(_ demandValue: JSON5Value, scenario: Scenario) {
    guard case .object(let members) = demandValue.kind,
      let v = members.first(where: { $0.key == "entry" })?.value,
      let items = values.array(v, "demand.entry")
    else { return }
    var rules: [Scenario.EntryRule] = []
    for (i, item) in items.enumerated() {
      let path = "demand.entry[\(i)]"
      guard let o = values.object(item, path, known: ["category", "severity", "tier"]) else { continue }
      let category = o["category"].flatMap { reference($0, path + ".category", categoryIDs, "category") }
      let severity = o["severity"].flatMap { reference($0, path + ".severity", severityIDs, "severity") }
      guard let t = o["tier"] else {
        values.error(
          path + ".tier", at: item.offset, "missing key 'tier'",
          fix: "name the tier these items enter at: one of \(tierIDs.joined(separator: ", "))")
        continue
      }
      if let tier = reference(t, path + ".tier", tierIDs, "tier") {
        rules.append(.init(category: category, severity: severity, tier: tier))
      }
    }
    entryRules = rules
  }

  /// Scripted items, read after the organization (they name grids).
  private mutating func readInjects(_ demandValue: JSON5Value, scenario: Scenario) -> [Scenario.Inject] {
    guard let v = demandValue["injects"], let items = values.array(v, "demand.injects") else { return [] }
    let grids = Set(scenario.unitTree.leafNames)
    var injects: [Scenario.Inject] = []
    for (i, item) in items.enumerated() {
      let path = "demand.injects[\(i)]"
      guard
        let o = values.object(
          item, path, known: ["id", "at", "after", "grid", "category", "severity", "channel"])
      else {
        continue
      }
      var minutes: Double?
      switch (o["at"], o["after"]) {
      case (let at?, nil):
        if let d = values.dateTime(at, path + ".at") {
          minutes = Double(d.minutes - scenario.period.start.minutes)
          if d < scenario.period.start || d >= scenario.period.end {
            values.error(
              path + ".at", at: at.offset,
              "expected a time inside the period (\(scenario.period.start) to \(scenario.period.end)), found \(d)"
            )
            minutes = nil
          }
        }
      case (nil, let after?):
        if let span = values.span(after, path + ".after") {
          minutes = span.minutes
          if span.minutes >= scenario.period.length.minutes {
            values.error(
              path + ".after", at: after.offset,
              "expected a time inside the period (\(scenario.period.length) long), found \(span)")
            minutes = nil
          }
        }
      case (nil, nil):
        values.error(
          path, at: item.offset, "missing key 'at' or 'after'",
          fix: "say when it arrives: at: \"2026-10-01T09:00\" or after: \"2 h\"")
      default:
        values.error(path, at: item.offset, "'at' and 'after' are both given", fix: "keep one of them")
      }
      var grid: String?
      if let g = o["grid"], let name = values.string(g, path + ".grid") {
        if grids.contains(name) {
          grid = name
        } else {
          let guess = Suggestion.closest(to: name, in: grids)
          values.error(
            path + ".grid", at: g.offset, "expected the name of a grid, found '\(name)'",
            fix: guess.map { "did you mean '\($0)'?" })
        }
      }
      let category =
        o["category"].flatMap { reference($0, path + ".category", categoryIDs, "category") }
        ?? (o["category"] == nil ? categoryIDs.first : nil)
      let severity =
        o["severity"].flatMap { reference($0, path + ".severity", severityIDs, "severity") }
        ?? (o["severity"] == nil ? severityIDs.first : nil)
      let channelIDs = scenario.demand.channels.map(\.id)
      let channel = o["channel"].flatMap { reference($0, path + ".channel", channelIDs, "channel") }
      let id = o["id"].flatMap { values.string($0, path + ".id") }
      if let minutes, let category, let severity, o["grid"] == nil || grid != nil,
        o["channel"] == nil || channel != nil
      {
        injects.append(
          .init(
            id: id, minutesAfterStart: minutes, grid: grid, category: category, severity: severity,
            channel: channel))
      }
    }
    return injects
  }

  /// Entry rules, read after the tiers.
  private(set) var entryRules: [Scenario.EntryRule] = []

  // MARK: helpers

  mutating func requiredID(_ o: [String: JSON5Value], _ item: JSON5Value, _ path: String) -> String? {
    guard let v = o["id"] else {
      values.error(
        path + ".id", at: item.offset, "missing key 'id'", fix: "give it an id such as \"complaint\"")
      return nil
    }
    return values.identifier(v, path + ".id")
  }

  mutating func reference(_ value: JSON5Value, _ path: String, _ ids: [String], _ what: String) -> String? {
    guard let id = values.string(value, path) else { return nil }
    if ids.contains(id) { return id }
    let guess = Suggestion.closest(to: id, in: ids)
    values.error(
      path, at: value.offset, "expected a \(what) id, found '\(id)', which is not defined",
      fix: guess.map { "did you mean '\($0)'?" } ?? "defined: \(ids.joined(separator: ", "))")
    return nil
  }

  mutating func checkUnique(_ ids: [String], _ items: [JSON5Value], _ path: String) {
    var seen: Set<String> = []
    for (i, id) in ids.enumerated() where !seen.insert(id).inserted {
      values.error(
        "\(path)[\(i)].id", at: i < items.count ? items[i].offset : nil, "the id '\(id)' is used twice",
        fix: "give each entry its own id")
    }
  }

  mutating func checkShares(_ shares: [Double], _ value: JSON5Value, _ path: String) {
    if !shares.isEmpty, shares.reduce(0, +) <= 0 {
      values.error(path, at: value.offset, "expected at least one share above 0, found all 0")
    }
  }
}
