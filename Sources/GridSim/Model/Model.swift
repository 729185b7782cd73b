/// A scenario compiled for simulation: dense arrays indexed by small integers, no strings.
///
/// Tiers are numbered 0 (where items enter, the grids) up to `tierCount - 1` (the top); units are
/// numbered in depth-first order; leaves (grids) separately. Times are minutes since the start.
public struct Model: Sendable {
  /// The scenario this was compiled from (names for reports).
  package private(set) var scenario: Scenario

  /// Number of tiers.
  package let tierCount: Int
  /// Number of categories.
  package let categoryCount: Int
  /// Number of severity levels.
  package let severityCount: Int
  /// The recorder's column of the first severity (after the categories and the slices), and how
  /// many severity columns there are (none with one severity: its figures are the whole system's).
  let severityColumn: Int
  let severityColumns: Int
  /// Days measured one by one (for the planner), from the period's first day (0), and the
  /// recorder's column of the first: each day's items are recorded in its column as well.
  package private(set) var measuredDays: Range<Int> = 0..<0
  var dayColumn: Int { severityColumn + severityColumns }
  /// True when the whole system's figures are also kept per severity or per measured day.
  private(set) var hasExtraColumns = false

  /// True when the model uses one of the engine's optional paths: extra columns (severity, measured
  /// days), monitoring rounds, several channels, worsening opinion, skip-level reports, or forks
  /// to several departments (the only ways a task is made). Without them it runs the engine's copy
  /// compiled without those paths (``Simulation``).
  var usesOptionalPaths: Bool {
    hasExtraColumns || monitored || !channelTables.isEmpty || workflow.worsening.contains { $0 != nil }
      || !workflow.reports.isEmpty || workflow.stages.contains { $0.forkEnd > $0.forkStart } || hasDutyShifts
  }

  /// True when some tier has a duty shift (值班): its staff take only what duty takes
  /// (``dutyTakes``), and the rest waits for the next office shift.
  package let hasDutyShifts: Bool
  /// What duty takes: per `[category, severity]`, and opinion still inside its worsening window.
  let dutyTakes: Table<Bool>
  let dutyTakesOpinion: Bool

  /// Tier of each unit.
  package let unitTier: [Int]
  /// Staff of each unit.
  package let unitStaff: [Int]
  /// Name of each unit.
  package let unitNames: [String]
  /// Total staff per tier.
  package let tierStaff: [Int]
  /// Units per tier.
  package let tierUnits: [Int]
  /// The unit that handles a leaf's items at each tier: `[leaf, tier]`.
  let leafAncestors: Table<Int32>
  /// Number of leaves (grids).
  package let leafCount: Int

  /// The compiled rule of each tier and category: `[tier, category]`.
  let rules: Table<CompiledRule>
  /// How many severities, from the lowest, a tier may close for a category: `[tier, category]`
  /// (items of a higher severity go up for lack of authority; ``mayClose(tier:category:severity:)``).
  let closable: Table<Int>
  /// The tier items of each category and severity enter at: `[category, severity]`
  /// (``entryTier(category:severity:)``).
  let entryTiers: Table<Int>
  /// Tables of the empirical distributions the rules refer to.
  let empiricalTables: [EmpiricalTable]
  /// Queue discipline per tier.
  let discipline: [QueueDiscipline]
  /// Stations, stage plans and the rules around deadlines.
  let workflow: CompiledWorkflow

  /// Scripted items in time order: minutes after the start, leaf, category, severity, channel
  /// (nil: seen at once).
  /// Scripted items in time order; `index` is the inject's place in the scenario's list.
  let injects: [(time: Double, leaf: Int, category: Int, severity: Int, channel: Int?, index: Int)]
  /// Arrival choice tables.
  let leafTable: AliasTable
  let categoryTable: AliasTable
  let severityTables: [AliasTable]
  /// Share of arrivals per category, summing to 1.
  let categoryShares: [Double]

  /// Total arrival rate before profiles, items per minute (all grids together).
  package let baseRatePerMinute: Double
  /// Hour-of-day factors (mean 1), and per day of the period (from the start's date) the product
  /// of its weekday, month and day-kind factors.
  let hourFactor: [Double]
  let dayFactor: [Double]
  /// Minute of the start within its day.
  let startMinuteOfDay: Int
  /// Length of the run and of the warm-up, minutes.
  package let horizon: Double
  package let warmUp: Double
  /// Number of local days the period touches (the first and last may be partial).
  package let dayCount: Int
  /// Working-time tables from midnight of the start's day (schedule t: tier t's office hours); a
  /// table time is the simulation time plus `startMinuteOfDay`.
  let workTime: WorkTime
  /// Who is on duty when: each unit's headcount over the period.
  private(set) var staffing: StaffingPlan
  /// The arrival channels' tables: per day of the period, the index of the table its channel is
  /// drawn from (empty with a single channel: no draw).
  let channelTables: [AliasTable]
  let dayChannelTable: [Int32]
  /// Per channel: nil when watched continuously, else the times it is checked (simulation
  /// minutes, ascending, through the end of the working-time tables).
  let checkTimes: [[Double]?]
  /// True when some channel is checked in rounds (detection delay is then recorded).
  let monitored: Bool
  /// Per day: under 24-hour watch (every channel is watched continuously).
  let watchDay: [Bool]
  /// Per day: its slice for per-day-kind measures (0..<4, ``DayKind/allCases`` order) and for
  /// per-window ones (4 + window index; nil outside every window).
  let dayKindSegment: [Int32]
  let dayWindowSegment: [Int32?]
  /// The slices' names: the day kinds, then the windows.
  package let segmentNames: [String]
  /// The days (from the period's first, 0) of each slice.
  package let segmentDays: [[Int]]

  /// Compiles a checked scenario.
  /// - Complexity: O(units + tiers · categories · severities).
  public init(_ scenario: Scenario) {
    self.scenario = scenario
    let T = scenario.tiers.count
    let C = scenario.demand.categories.count
    let S = scenario.demand.severities.count
    tierCount = T
    categoryCount = C
    severityCount = S

    let tree = scenario.unitTree
    let unitTier = tree.units.map(\.tier)
    let unitStaff = tree.units.map(\.staff)
    self.unitTier = unitTier
    self.unitStaff = unitStaff
    unitNames = tree.units.map(\.name)
    leafCount = tree.leaves.count
    self.leafAncestors = Table(rows: leafCount, columns: T) { leaf, tier in
      Int32(tree.unit(leaf: leaf, tier: tier) ?? -1)
    }
    let leafWeights = tree.leaves.map { tree.units[$0].demandWeight }
    var tierStaff = Array(repeating: 0, count: T)
    var tierUnits = Array(repeating: 0, count: T)
    for (u, t) in unitTier.enumerated() {
      tierStaff[t] += unitStaff[u]
      tierUnits[t] += 1
    }
    self.tierStaff = tierStaff
    self.tierUnits = tierUnits

    let categories = scenario.demand.categories
    let severities = scenario.demand.severities
    var tables: [EmpiricalTable] = []
    let (rules, closable) = Self.compileRules(scenario, tables: &tables)
    let ruleTable = Table(rows: T, columns: C, storage: rules)
    workflow = CompiledWorkflow(scenario, rules: ruleTable, unitTier: unitTier, tables: &tables)
    self.rules = ruleTable
    self.closable = Table(rows: T, columns: C, storage: closable)
    empiricalTables = tables
    discipline = scenario.tiers.map(\.discipline)

    hasDutyShifts = scenario.tiers.contains { $0.roster?.shifts.contains(where: \.duty) ?? false }
    let dutyRule = scenario.policy.duty
    let dutySeverities = dutyRule.severities.map { Set($0) } ?? Set(severities.dropFirst().map(\.id))
    let dutyCategories = Set(dutyRule.categories)
    dutyTakes = Table(rows: C, columns: S) { c, s in
      dutyCategories.contains(categories[c].id) || dutySeverities.contains(severities[s].id)
    }
    dutyTakesOpinion = dutyRule.opinion
    entryTiers = Table(rows: C, columns: S) { c, s in
      let rule = scenario.demand.entry.first {
        ($0.category == nil || $0.category == categories[c].id)
          && ($0.severity == nil || $0.severity == severities[s].id)
      }
      return rule.flatMap { r in scenario.tiers.firstIndex { $0.id == r.tier } } ?? 0
    }

    let leafNames = tree.leafNames
    let channels = scenario.demand.channels
    injects = scenario.demand.injects.enumerated().map { index, inject in
      (
        inject.minutesAfterStart, inject.grid.flatMap { leafNames.firstIndex(of: $0) } ?? 0,
        categories.firstIndex { $0.id == inject.category } ?? 0,
        severities.firstIndex { $0.id == inject.severity } ?? 0,
        inject.channel.flatMap { id in channels.firstIndex { $0.id == id } }, index
      )
    }.sorted { ($0.time, $0.index) < ($1.time, $1.index) }
    leafTable = AliasTable(weights: leafWeights.isEmpty ? [1] : leafWeights)
    categoryTable = AliasTable(weights: categories.map(\.share))
    let shareTotal = categories.reduce(0) { $0 + $1.share }
    categoryShares = categories.map { shareTotal > 0 ? $0.share / shareTotal : 0 }
    severityTables = categories.map { category in
      let shares = severities.map { severity in
        category.severityShares.map { $0[severity.id] ?? 0 } ?? severity.share
      }
      return AliasTable(weights: shares)
    }
    baseRatePerMinute = scenario.demand.perGridPerDay * leafWeights.reduce(0, +) / 1440
    hourFactor = Self.normalized(scenario.demand.hourOfDay)
    startMinuteOfDay = scenario.period.start.minuteOfDay
    horizon = Double(scenario.period.end.minutes - scenario.period.start.minutes)
    warmUp = scenario.period.warmUp.minutes
    dayCount = (startMinuteOfDay + Int(horizon) + 1439) / 1440
    let specs = rules.flatMap { [$0.responseDeadline, $0.resolutionDeadline, $0.extensionLimit] }.compactMap {
      $0
    }
    let settings = scenario.calendar
    let hours = scenario.tiers.map { $0.officeHours ?? settings.officeHours }
    workTime = WorkTime(
      calendar: settings.days, hours: hours, sameDayCutoff: settings.sameDayCutoff,
      firstDay: scenario.period.start.dayNumber,
      dayCount: dayCount + WorkTime.daysNeeded(for: specs, hours: hours))
    let firstDay = scenario.period.start.dayNumber
    let dayWindow = (0..<dayCount).map { d in scenario.windows.firstIndex { $0.contains(day: firstDay + d) } }
    dayKindSegment = workTime.kinds[0..<dayCount].map { Int32(DayKind.allCases.firstIndex(of: $0)!) }
    dayWindowSegment = dayWindow.map { $0.map { Int32(DayKind.allCases.count + $0) } }
    segmentNames = DayKind.allCases.map(\.rawValue) + scenario.windows.map(\.name)
    severityColumn = categoryCount + segmentNames.count
    severityColumns = S > 1 ? S : 0
    hasExtraColumns = S > 1
    var segmentDays = [[Int]](repeating: [], count: segmentNames.count)
    for d in 0..<dayCount {
      segmentDays[Int(dayKindSegment[d])].append(d)
      if let window = dayWindowSegment[d] { segmentDays[Int(window)].append(d) }
    }
    self.segmentDays = segmentDays
    watchDay = dayWindow.map { $0.map { scenario.windows[$0].staffing.watch } ?? false }

    // Channels: a day in a window with its own channel multipliers draws from its own table.
    let (channelTables, tableOfWindow, arrivalFactor) = Self.channelTables(scenario)
    self.channelTables = channelTables
    dayChannelTable = dayWindow.map { w in w.flatMap { tableOfWindow[$0] } ?? 0 }
    dayFactor = zip(Self.dayFactors(scenario, kinds: workTime.kinds[0..<dayCount]), dayWindow).map { f, w in
      f * (w.map { arrivalFactor[$0] } ?? 1)
    }

    checkTimes = Self.checkTimes(
      channels, kinds: workTime.kinds, watch: watchDay, offset: Double(startMinuteOfDay))
    monitored = checkTimes.contains { $0 != nil }
    staffing = StaffingPlan(
      scenario: scenario, unitTier: unitTier, unitStaff: unitStaff, unitNames: unitNames,
      kinds: Array(workTime.kinds[0..<dayCount]), startMinuteOfDay: startMinuteOfDay, horizon: horizon,
      dayCount: dayCount)
  }

  /// Each tier-category rule compiled (its samplers' empirical tables added to `tables`), and the
  /// severities each tier may close per category (the top tier all of them), tier-major.
  private static func compileRules(_ scenario: Scenario, tables: inout [EmpiricalTable]) -> (
    rules: [CompiledRule], closable: [Int]
  ) {
    let T = scenario.tiers.count
    let S = scenario.demand.severities.count
    let severities = scenario.demand.severities
    var rules: [CompiledRule] = []
    var closable: [Int] = []
    for (t, tier) in scenario.tiers.enumerated() {
      for (c, category) in scenario.demand.categories.enumerated() {
        let rule = scenario.effectiveRule(tier: t, category: c)
        rules.append(
          CompiledRule(
            response: Sampler(rule.response, tables: &tables),
            handling: Sampler(rule.handling, tables: &tables),
            passUp: rule.passUp, responseDeadline: rule.responseDeadline,
            resolutionDeadline: rule.resolutionDeadline, clock: rule.clock,
            escalatesOnBreach: rule.onBreach == .escalate,
            extensionProbability: rule.extension?.probability ?? 0, extensionLimit: rule.extension?.limit,
            callback: rule.callback))
        let maxRank =
          tier.authorityMaxSeverity.flatMap { id in severities.firstIndex { $0.id == id } } ?? S - 1
        let allowed = tier.authorityCategories.map { $0.contains(category.id) } ?? true
        closable.append(t == T - 1 ? S : allowed ? maxRank + 1 : 0)
      }
    }
    return (rules, closable)
  }

  /// The channel tables (the base mix first, when there are several channels; then one per window
  /// with channel multipliers of its own), each window's table, and each window's arrival factor
  /// (its `arrivals` times the mean of its channel multipliers, weighted by the base shares).
  private static func channelTables(_ scenario: Scenario) -> (
    tables: [AliasTable], tableOfWindow: [Int: Int32], arrivalFactor: [Double]
  ) {
    let channels = scenario.demand.channels
    let baseShares = channels.map(\.share)
    let channelTotal = baseShares.reduce(0, +)
    var channelTables: [AliasTable] = channels.count > 1 ? [AliasTable(weights: baseShares)] : []
    var tableOfWindow: [Int: Int32] = [:]
    var arrivalFactor = [Double](repeating: 1, count: scenario.windows.count)
    for (w, window) in scenario.windows.enumerated() {
      let weights = channels.map { $0.share * (window.demand.channels[$0.id] ?? 1) }
      arrivalFactor[w] = window.demand.arrivals * (channelTotal > 0 ? weights.reduce(0, +) / channelTotal : 1)
      if channels.count > 1, !window.demand.channels.isEmpty, weights.reduce(0, +) > 0 {
        tableOfWindow[w] = Int32(channelTables.count)
        channelTables.append(AliasTable(weights: weights))
      }
    }
    return (channelTables, tableOfWindow, arrivalFactor)
  }

  /// Monitoring rounds per channel: every check time through the end of the tables, in minutes
  /// from the start (a watch day: one round at its midnight); nil for a channel without checks.
  private static func checkTimes(
    _ channels: [Channel], kinds: [DayKind], watch: [Bool], offset: Double
  ) -> [[Double]?] {
    channels.map { channel in
      guard let checks = channel.checks else { return nil }
      var times: [Double] = []
      for (d, kind) in kinds.enumerated() {
        if d < watch.count, watch[d] {
          times.append(Double(d * 1440) - offset)
        } else {
          for c in checks[kind] ?? [] { times.append(Double(d * 1440 + c) - offset) }
        }
      }
      return times
    }
  }

  /// The same model with other rosters for some tiers (`[tier: roster]`): only who is on duty is
  /// compiled again.
  package func replacingRosters(_ rosters: [Int: Roster]) -> Model {
    var copy = self
    for (t, roster) in rosters { copy.scenario.tiers[t].roster = roster }
    copy.staffing = StaffingPlan(
      scenario: copy.scenario, unitTier: unitTier, unitStaff: unitStaff, unitNames: unitNames,
      kinds: Array(workTime.kinds[0..<dayCount]), startMinuteOfDay: startMinuteOfDay, horizon: horizon,
      dayCount: dayCount)
    return copy
  }

  /// The same model, also measuring the items of each of `days` (from the period's first day, 0)
  /// on their own: the system's figures for the items that appeared on each day.
  package func measuring(days: Range<Int>) -> Model {
    var copy = self
    copy.measuredDays = days.clamped(to: 0..<dayCount)
    copy.hasExtraColumns = copy.severityColumns > 0 || !copy.measuredDays.isEmpty
    return copy
  }

  /// The day (from the period's first, 0) that a simulation time falls on; times past the last
  /// day count on the last.
  @inline(__always)
  func day(of time: Double) -> Int { min(Int((time + Double(startMinuteOfDay)) / 1440), dayCount - 1) }

  /// The recorder column of the day an item that appeared at `appeared` appeared on, when that day
  /// is measured on its own.
  @inline(__always)
  func measuredDayColumn(appeared: Double) -> Int? {
    guard !measuredDays.isEmpty else { return nil }
    let d = day(of: appeared)
    guard measuredDays.contains(d) else { return nil }
    return dayColumn + d - measuredDays.lowerBound
  }

  /// Staff-minutes on duty at tier `t` on day `d` (from the period's first day), within the period.
  package func onDutyMinutes(day d: Int, tier t: Int) -> Double {
    staffing.dailyCapacity[d, t]
  }

  /// Per day: the weekday factor (for a holiday, the mean of Saturday's and Sunday's; for a make-up
  /// workday, the mean of Monday's to Friday's), times the month's, times the day kind's.
  private static func dayFactors(_ scenario: Scenario, kinds: ArraySlice<DayKind>) -> [Double] {
    let weekday = normalized(scenario.demand.dayOfWeek)
    let month = normalized(scenario.demand.monthOfYear)
    let workdayMean = weekday[0..<5].reduce(0, +) / 5
    let weekendMean = (weekday[5] + weekday[6]) / 2
    let first = scenario.period.start.dayNumber
    return kinds.enumerated().map { d, kind in
      let day = first + d
      let w =
        switch kind {
        case .workday, .weekend: weekday[LocalDateTime.weekday(ofDay: day) - 1]
        case .holiday: weekendMean
        case .makeupWorkday: workdayMean
        }
      let m = month[LocalDateTime.civil(fromDays: day).month - 1]
      return w * m * (scenario.demand.dayKind[kind] ?? 1)
    }
  }

  private static func normalized(_ weights: [Double]) -> [Double] {
    let mean = weights.reduce(0, +) / Double(weights.count)
    return weights.map { mean > 0 ? $0 / mean : 1 }
  }

  /// The unit that handles leaf `leaf`'s items at tier `tier` (its grid at tier 0).
  package func unit(leaf: Int, tier: Int = 0) -> Int { Int(leafAncestors[leaf, tier]) }

  /// Arrival rate (items per minute) during local hour `hourIndex`, counted from the start's midnight.
  @inline(__always)
  func ratePerMinute(hourIndex: Int) -> Double {
    let day = hourIndex / 24
    return baseRatePerMinute * hourFactor[hourIndex - day * 24] * dayFactor[min(day, dayFactor.count - 1)]
  }

  /// Expected number of arrivals over the whole period.
  package var expectedArrivals: Double {
    var total = 0.0
    let firstHour = startMinuteOfDay / 60
    let lastHour = (startMinuteOfDay + Int(horizon.rounded(.up)) + 59) / 60
    for h in firstHour..<lastHour {
      let from = max(Double(h * 60 - startMinuteOfDay), 0)
      let to = min(Double((h + 1) * 60 - startMinuteOfDay), horizon)
      if to > from { total += ratePerMinute(hourIndex: h) * (to - from) }
    }
    return total
  }

  /// A rough count of the events one replication processes: each arrival, each tier visit's
  /// stages and deadline timers, and the daily bookkeeping.
  package var expectedEventsPerReplication: Double {
    // Visits per item, if every tier passed items up at its passUp rate (authority aside).
    var visits = 0.0
    for c in 0..<categoryCount {
      var reach = 1.0
      for t in 0..<tierCount {
        let rule = rules[t, c]
        let timers = (rule.responseDeadline != nil ? 1.0 : 0) + (rule.resolutionDeadline != nil ? 1.0 : 0)
        let plan = workflow.plans[t, c]
        visits += categoryShares[c] * reach * (Double(plan.end - plan.start) + timers)
        let closesSometimes = closable[t, c] > 0
        reach *= closesSometimes ? rule.passUp : 1
      }
    }
    let detections = monitored ? expectedArrivals : 0
    return (expectedArrivals + Double(injects.count)) * (1 + visits) + Double(dayCount) + detections
      + Double(staffing.times.count)
  }
}

extension Model {
  /// The whole system's (category, day kind, window or none) combinations the recorder keeps its
  /// durations and counts in (`Recorder.Combinations`), and the most it keeps (each costs a
  /// histogram per duration measure; an item holds its combination in a byte): past it, values go
  /// to each column.
  var recorderCombinations: Int {
    categoryCount * DayKind.allCases.count * (segmentNames.count - DayKind.allCases.count + 1)
  }
  static let maximumRecorderCombinations = 96

  /// Bytes one replication's results keep until the run ends (its figures per tier, category,
  /// slice and day).
  package var resultBytesPerReplication: Double {
    let cells = Double(
      (tierCount + 1) * (categoryCount + 1) + segmentNames.count + severityColumns + measuredDays.count)
    let perCell = Double(Metric.allCases.count * 72 + Counter.allCases.count * 8)
    let channels = Double(scenario.demand.channels.count * (1 + segmentNames.count) * 2 * 72)
    return cells * perCell + Double(dayCount * tierCount * 72) + channels + 4096
  }

  /// Bytes a running replication may hold at worst: every item of the period present at once
  /// (an item, its events and its place in a line: about 256 bytes), and its recorder.
  package var engineBytesPerReplication: Double {
    let combinations = recorderCombinations <= Self.maximumRecorderCombinations ? recorderCombinations : 0
    let cells = Double(
      (tierCount + 1) * (categoryCount + segmentNames.count + severityColumns + measuredDays.count)
        + combinations)
    return (expectedArrivals + Double(injects.count)) * 256
      + cells * Double(Metric.allCases.count) * Double(HistogramLayout.bucketCount * 4 + 24)
      + Double(combinations * Counter.allCases.count * 8)
  }

  /// The memory a run may need, at worst, holding `held` replications' results and running
  /// `running` replications at once (a reduced run holds at most ``Experiment/window(jobs:)``).
  package func expectedBytes(held: Int, running: Int) -> Double {
    resultBytesPerReplication * Double(held) + engineBytesPerReplication * Double(max(1, running))
  }
}

/// The rule for one tier and category, ready for the engine (plain data: no reference counting).
struct CompiledRule: Sendable {
  var response: Sampler
  var handling: Sampler
  var passUp: Double
  var responseDeadline: DeadlineSpec?
  var resolutionDeadline: DeadlineSpec?
  var clock: DeadlineClock
  var escalatesOnBreach: Bool
  /// The chance an extension is requested when the resolution deadline is reached, and how far
  /// from the clock's start it may go.
  var extensionProbability: Double
  var extensionLimit: DeadlineSpec?
  var callback: Scenario.Callback?
}
