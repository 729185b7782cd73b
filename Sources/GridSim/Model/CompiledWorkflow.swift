/// The workflow compiled for the engine: stations (a unit's role), stage plans per tier and
/// category, and the rules around deadlines, all plain data indexed by small integers.
struct CompiledWorkflow: Sendable {
  /// First station of each unit; unit `u`'s role `r` is station `unitStation[u] + r`.
  let unitStation: [Int32]
  let stationCount: Int
  /// The tier roles, numbered across tiers: tier `t`'s role `r` is `roleOffset[t] + r`; and the
  /// tier role each station belongs to (its units' staff of that role, pooled for measures).
  let roleOffset: [Int]
  let roleCount: Int
  let stationRole: [Int32]
  /// Each tier's role shares (one role, share 1, without roles) and role names.
  let roleShares: [[Double]]
  let roleNames: [[String]]
  /// Every stage of every plan, then the skip-level reports' stages.
  let stages: [CompiledStage]
  /// The stage plan of each tier and category: `[tier, category]`.
  let plans: Table<StagePlan>
  /// Fork choices of a handle stage: `(count, cumulative probability)` in `forkChoices[start..<end]`.
  let forkChoices: [(count: Int32, cumulative: Double)]
  /// Supervision reminders (fractions of the time to the resolution deadline).
  let reminders: [Double]
  /// Per category: the worsening rule, if any.
  let worsening: [Scenario.Worsening?]
  /// The skip-level report rule of each category and severity, if any: `[category, severity]`.
  let reportRule: Table<Int32?>
  let reports: [CompiledReport]
  /// True when some tier has stages, roles, forks or callbacks, or the policy adds a rule: the
  /// engine's full workflow paths are then in use (the ledger shows stages).
  let isFull: Bool

  init(_ scenario: Scenario, rules: Table<CompiledRule>, unitTier: [Int], tables: inout [EmpiricalTable]) {
    let C = scenario.demand.categories.count
    let S = scenario.demand.severities.count
    roleShares = scenario.tiers.map { $0.roles.isEmpty ? [1] : $0.roles.map(\.share) }
    roleNames = scenario.tiers.map { $0.roles.isEmpty ? ["staff"] : $0.roles.map(\.id) }
    var unitStation: [Int32] = []
    var next: Int32 = 0
    for t in unitTier {
      unitStation.append(next)
      next += Int32(roleShares[t].count)
    }
    self.unitStation = unitStation
    stationCount = Int(next)
    var roleOffset: [Int] = []
    var roles = 0
    for shares in roleShares {
      roleOffset.append(roles)
      roles += shares.count
    }
    self.roleOffset = roleOffset
    roleCount = roles
    let shares = roleShares
    stationRole = unitTier.flatMap { t in shares[t].indices.map { Int32(roleOffset[t] + $0) } }

    var stages: [CompiledStage] = []
    var plans: [StagePlan] = []
    var forkChoices: [(count: Int32, cumulative: Double)] = []
    for (t, tier) in scenario.tiers.enumerated() {
      for (c, category) in scenario.demand.categories.enumerated() {
        let rule = rules[t, c]
        let start = Int32(stages.count)
        var decision = start - 1
        if tier.stages.isEmpty {
          stages.append(
            CompiledStage(kind: .handle, role: 0, first: rule.response, then: rule.handling, responds: true))
          decision = start
        }
        for stage in tier.stages where !stage.skip.contains(category.id) {
          let time = stage.time.map { Sampler($0, tables: &tables) }
          var compiled: CompiledStage
          switch stage.kind {
          case .accept:
            compiled = CompiledStage(
              kind: .accept, role: Int32(stage.role), first: time ?? rule.response, then: .fixed(0),
              responds: true)
          case .reply:
            compiled = CompiledStage(
              kind: .reply, role: Int32(stage.role), first: time ?? .fixed(0), then: .fixed(0), responds: true
            )
          case .handle:
            compiled = CompiledStage(
              kind: .handle, role: Int32(stage.role), first: .fixed(0), then: time ?? rule.handling,
              responds: false)
            if !stage.departments.isEmpty {
              compiled.forkStart = Int32(forkChoices.count)
              var total = 0.0
              for d in stage.departments.sorted(by: { $0.count < $1.count }) {
                total += d.probability
                forkChoices.append((Int32(d.count), total))
              }
              compiled.forkEnd = Int32(forkChoices.count)
            }
          default:
            compiled = CompiledStage(
              kind: stage.kind, role: Int32(stage.role), first: .fixed(0), then: time ?? .fixed(0),
              responds: false)
          }
          if !stage.kind.isClosing { decision = Int32(stages.count) }
          stages.append(compiled)
        }
        plans.append(StagePlan(start: start, end: Int32(stages.count), decision: decision))
      }
    }
    let severityIDs = scenario.demand.severities.map(\.id)
    let roleNames = roleNames
    var reports: [CompiledReport] = []
    for r in scenario.policy.skipLevel {
      let t = scenario.tiers.firstIndex { $0.id == r.tier } ?? scenario.tiers.count - 1
      let role = r.role.flatMap { id in roleNames[t].firstIndex(of: id) } ?? 0
      reports.append(CompiledReport(tier: Int32(t), stage: Int32(stages.count), within: r.within.minutes))
      stages.append(
        CompiledStage(
          kind: .accept, role: Int32(role), first: .fixed(0), then: Sampler(r.time, tables: &tables),
          responds: false))
    }
    let categories = scenario.demand.categories
    reportRule = Table(rows: C, columns: S) { c, s in
      let i = scenario.policy.skipLevel.firstIndex {
        ($0.category == nil || $0.category == categories[c].id)
          && ($0.severity == nil || $0.severity == severityIDs[s])
      }
      return i.map(Int32.init)
    }
    self.stages = stages
    self.plans = Table(rows: scenario.tiers.count, columns: C, storage: plans)
    self.forkChoices = forkChoices
    self.reports = reports
    reminders = scenario.policy.reminders
    worsening = scenario.demand.categories.map { scenario.policy.worsening[$0.id] }
    isFull =
      scenario.tiers.contains { !$0.stages.isEmpty || !$0.roles.isEmpty } || !reminders.isEmpty
      || !reports.isEmpty || worsening.contains { $0 != nil }
      || rules.storage.contains { $0.extensionProbability > 0 || $0.callback != nil }
  }

  /// Splits a unit's on-duty headcount among its roles by share: largest remainder, every role
  /// keeping at least one person. With fewer people than roles there is no split: the people cover
  /// the roles in turn (``Duty``), so this is called with at least as many people as roles, or none.
  static func split(_ headcount: Int32, shares: [Double]) -> [Int32] {
    let n = shares.count
    if n == 1 { return [headcount] }
    guard headcount > 0 else { return Array(repeating: 0, count: n) }
    var out = Array(repeating: Int32(0), count: n)
    let total = shares.reduce(0, +)
    let people = Int(headcount)
    var assigned = 0
    var remainders: [(Double, Int)] = []
    for r in 0..<n {
      let exact = Double(people) * shares[r] / total
      let whole = max(1, Int(exact))
      out[r] = Int32(whole)
      assigned += whole
      remainders.append((exact - Double(Int(exact)), r))
    }
    remainders.sort { $0.0 > $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
    var i = 0
    while assigned < people {
      out[remainders[i % n].1] += 1
      assigned += 1
      i += 1
    }
    // Rounding every role up to one can overshoot: take back from the largest roles.
    while assigned > people {
      let r = (0..<n).max { out[$0] < out[$1] }!
      guard out[r] > 1 else { break }
      out[r] -= 1
      assigned -= 1
    }
    return out
  }
}

/// One stage of a plan: who does it and how long it takes. A responding stage answers the citizen
/// after its `first` time; the stage ends `then` later.
struct CompiledStage: Sendable {
  var kind: StageKind
  var role: Int32
  var first: Sampler
  var then: Sampler
  var responds: Bool
  /// Fork choices (handle only): `CompiledWorkflow.forkChoices[forkStart..<forkEnd]`.
  var forkStart: Int32 = 0
  var forkEnd: Int32 = 0
}

/// The stages of one tier and category: `stages[start..<end]`; the tier decides to go on or pass
/// the item up after stage `decision` (`start - 1`: on arrival).
struct StagePlan: Sendable {
  var start: Int32
  var end: Int32
  var decision: Int32
}

/// A skip-level report: to the unit at `tier` above the item's grid, within `within` minutes,
/// taking the staff time of stage `stage`.
struct CompiledReport: Sendable {
  var tier: Int32
  var stage: Int32
  var within: Double
}
