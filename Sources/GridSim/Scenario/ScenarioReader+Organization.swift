/// The organization tree (compact templates or explicit units) and the checks that span sections.
extension ScenarioReader {
  static let unitKeys = ["name", "count", "staff", "demand", "children"]

  /// The most units an organization may expand to.
  static let maximumUnits = 1_000_000

  /// A unit as written: it stands for `count` units, each with `children` below it.
  struct UnitTemplate {
    var namePattern: String?
    var count: Int
    var staff: [Int]
    var demandWeight: Double
    var children: [UnitTemplate]
    var path: String
    var offset: Int

    /// How many units this template expands to, capped to avoid overflow.
    var total: Int {
      let below = children.reduce(0) { min($0 + $1.total, ScenarioReader.maximumUnits + 1) }
      let each = 1 + below
      return count > (ScenarioReader.maximumUnits + 1) / max(each, 1)
        ? ScenarioReader.maximumUnits + 1 : count * each
    }
  }

  mutating func readOrganization(_ value: JSON5Value, tiers: [Scenario.Tier]) -> [Scenario.Unit] {
    let templates = readTemplates(value, "organization", depth: 0, tierCount: tiers.count, tiers: tiers)
    guard !tiers.isEmpty, let templates else { return [] }
    let total = templates.reduce(0) { $0 + $1.total }
    if total > Self.maximumUnits {
      values.error(
        "organization", at: value.offset, "expected at most \(Self.maximumUnits) units, found more",
        fix: "lower the counts")
      return []
    }
    var units: [Scenario.Unit] = []
    for t in templates { units += expand(t, parentName: nil, depth: 0, tiers: tiers) }
    return units
  }

  private mutating func readTemplates(
    _ value: JSON5Value, _ path: String, depth: Int, tierCount: Int, tiers: [Scenario.Tier]
  ) -> [UnitTemplate]? {
    if case .array(let items) = value.kind {
      if items.isEmpty {
        values.error(path, at: value.offset, "expected at least one unit, found an empty list")
        return nil
      }
      let list = items.enumerated().map {
        readTemplate($0.element, "\(path)[\($0.offset)]", depth: depth, tierCount: tierCount, tiers: tiers)
      }
      return collect(list)
    }
    return readTemplate(value, path, depth: depth, tierCount: tierCount, tiers: tiers).map { [$0] }
  }

  private mutating func readTemplate(
    _ value: JSON5Value, _ path: String, depth: Int, tierCount: Int, tiers: [Scenario.Tier]
  ) -> UnitTemplate? {
    guard let o = values.object(value, path, known: Self.unitKeys) else {
      return nil
    }
    let tierIndex = tierCount - 1 - depth
    let tierName = tierIndex >= 0 && tierIndex < tiers.count ? tiers[tierIndex].id : "?"
    var template = UnitTemplate(
      namePattern: nil, count: 1, staff: [], demandWeight: 1, children: [], path: path, offset: value.offset)
    if let v = o["name"] { template.namePattern = values.string(v, path + ".name") }
    if let v = o["count"],
      let n = values.integer(v, path + ".count", in: 1...Self.maximumUnits, what: "a count of units")
    {
      template.count = n
    }
    if let v = o["staff"] {
      if case .array(let items) = v.kind {
        let list = items.enumerated().map {
          values.integer($0.element, "\(path).staff[\($0.offset)]", in: 0...1_000_000, what: "a headcount")
        }
        if items.isEmpty {
          values.error(path + ".staff", at: v.offset, "expected at least one headcount, found an empty list")
        }
        template.staff = collect(list) ?? []
      } else if let n = values.integer(v, path + ".staff", in: 0...1_000_000, what: "a headcount") {
        template.staff = [n]
      }
    } else if tierIndex >= 0 {
      values.error(
        path + ".staff", at: value.offset, "missing key 'staff' (headcount at tier '\(tierName)')",
        fix: "add staff: N, or staff: [1, 2] to cycle over the units this makes")
    }
    if let v = o["demand"] {
      if let w = values.number(v, path + ".demand", in: 0...1e6, what: "a relative arrival weight") {
        template.demandWeight = w
      }
      if depth < tierCount - 1 {
        values.warning(
          path + ".demand", at: v.offset,
          "'demand' is used only on grids (units of the first tier); this unit is at tier '\(tierName)'",
          fix: "move it to the grids below")
      }
    }
    if depth >= tierCount {
      values.error(
        path, at: value.offset, "the organization is deeper than the \(tierCount) tiers",
        fix: "remove this level, or add a tier")
      return nil
    }
    if let v = o["children"] {
      if depth == tierCount - 1 {
        values.error(
          path + ".children", at: v.offset,
          "units of the first tier '\(tierName)' are grids and have no children",
          fix: "remove 'children', or add a tier below")
      } else if let c = readTemplates(
        v, path + ".children", depth: depth + 1, tierCount: tierCount, tiers: tiers)
      {
        template.children = c
      }
    } else if depth < tierCount - 1 {
      let childTier = tiers[tierCount - 2 - depth].id
      values.error(
        path + ".children", at: value.offset,
        "missing key 'children': a unit at tier '\(tierName)' needs units at tier '\(childTier)' below it",
        fix: "add children: { count: N, staff: M, ... }")
    }
    return template
  }

  private func expand(_ t: UnitTemplate, parentName: String?, depth: Int, tiers: [Scenario.Tier]) -> [Scenario
    .Unit]
  {
    let tierName = tiers[tiers.count - 1 - depth].name
    let pattern =
      t.namePattern ?? (parentName == nil ? (t.count == 1 ? tierName : "\(tierName) {n}") : "{parent}/{n}")
    var units: [Scenario.Unit] = []
    units.reserveCapacity(t.count)
    for n in 1...t.count {
      var name = pattern.replacingOccurrences(of: "{n}", with: String(n))
      name = name.replacingOccurrences(of: "{parent}", with: parentName ?? "")
      let staff = t.staff.isEmpty ? 0 : t.staff[(n - 1) % t.staff.count]
      var unit = Scenario.Unit(name: name, staff: staff, demandWeight: t.demandWeight)
      for child in t.children {
        unit.children += expand(child, parentName: name, depth: depth + 1, tiers: tiers)
      }
      units.append(unit)
    }
    return units
  }

  /// Checks that need every section: each category has a handling time at each tier, and staff
  /// exist where items arrive.
  mutating func checkCoverage(_ scenario: Scenario, root: JSON5Value, tiersValue: JSON5Value?) {
    guard let tiersValue, case .array(let items) = tiersValue.kind else { return }
    for (i, tier) in scenario.tiers.enumerated() where i < items.count {
      for category in scenario.demand.categories {
        let rule = tier.categoryRules[category.id]
        // A handling key that is there but wrong has its own diagnostic already.
        let written = items[i]["handling"] != nil || items[i]["categories"]?[category.id]?["handling"] != nil
        // With stages, only a handle stage without its own time takes the tier's handling time.
        let needed =
          tier.stages.isEmpty
          || tier.stages.contains { $0.kind == .handle && $0.time == nil && !$0.skip.contains(category.id) }
        if needed, rule?.handling == nil, tier.rule.handling == nil, !written {
          values.error(
            "tiers[\(i)].handling", at: items[i].offset,
            "no handling time at tier '\(tier.id)' for category '\(category.id)'",
            fix: "add handling: { exponential: \"1 h\" } to the tier, or to categories.\(category.id)")
        }
      }
    }
    // Warnings about derived figures add nothing while the file has errors.
    guard !values.diagnostics.hasErrors else { return }
    let tree = scenario.unitTree
    var staffless: [Int] = Array(repeating: 0, count: scenario.tiers.count)
    for unit in tree.units where unit.staff == 0 && staffless.indices.contains(unit.tier) {
      staffless[unit.tier] += 1
    }
    for (t, n) in staffless.enumerated() where n > 0 {
      values.warning(
        "organization", at: nil,
        "\(n) unit(s) at tier '\(scenario.tiers[t].id)' have no staff: items there wait until a deadline moves them up, or forever"
      )
    }
    if !tree.leaves.isEmpty, scenario.demand.perGridPerDay == 0 {
      values.warning("demand.perGridPerDay", at: nil, "no items arrive: perGridPerDay is 0")
    }
  }
}
