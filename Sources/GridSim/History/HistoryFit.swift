import Foundation

/// A scenario's figures fitted to a work-order log: demand (rate, profiles, mixes), each tier's
/// response and handling times and passUp share, and detection delays per channel. Every figure
/// keeps how many rows it came from and its 95% interval; figures with fewer than
/// ``HistoryFit/minimumRows`` rows are not fitted (the base scenario's stand, with a warning).
package struct HistoryFit: Sendable {
  /// Fewer rows than this for a figure: the base scenario's figure is kept.
  package static let minimumRows = 30

  /// A fitted number with its interval and support.
  package struct Figure: Sendable {
    package var value: Double
    package var low: Double
    package var high: Double
    package var count: Int
  }

  /// Items used, and the whole days the log covers.
  package var items = 0
  package var days = 0
  package var firstDay = 0
  /// Mean arrivals per grid per day on ordinary days (workdays and weekends outside key-date
  /// windows), with a Poisson interval.
  package var perGridPerDay: Figure?
  package var ordinaryDays = 0
  /// 24 weights (mean 1) and the items they came from.
  package var hourOfDay: [Double]?
  /// 7 weights, Monday first (mean 1), from ordinary days; nil when a weekday is missing.
  package var dayOfWeek: [Double]?
  /// Multipliers for holidays and make-up workdays outside windows.
  package var dayKind: [(kind: DayKind, figure: Figure, days: Int)] = []
  /// What the log shows in each key-date window it covers: observed / expected without the window,
  /// in all and per channel (nil where fewer than ``minimumRows`` items of the channel fell in it).
  package var windows: [(name: String, figure: Figure, days: Int, base: Double, channels: [Figure?])] = []
  /// Shares of each category, severity and channel (nil when the log lacks the column).
  package var categories: [Figure]?
  package var severities: [Figure]?
  package var channels: [Figure]?
  /// Severity shares of the categories that have their own, by category index.
  package var categorySeverities: [Int: [Figure]] = [:]
  /// Per tier: response and handling times, and the share of closable items passed up.
  package var tiers: [TierFit] = []
  /// Per channel: appearance to detection (nil when the log has no appearance column).
  package var detection: [DurationFit?] = []
  /// What was not fitted, and why.
  package var warnings: [String] = []

  package struct TierFit: Sendable {
    package var visits = 0
    /// True when no visit at the tier made the first response (the citizen was answered below):
    /// ``handling`` is then the whole time from pick-up to leaving, and the response is set to 0.
    package var combined = false
    package var response: DurationFit?
    package var handling: DurationFit?
    package var passUp: Figure?
    /// The passUp share of each category with a passUp of its own at the tier (by category
    /// index): ``passUp`` is then fitted to the other categories' items only.
    package var categoryPassUp: [Int: Figure] = [:]
    /// Share of visits that left because the tier may not close the item.
    package var authority: Figure?
  }

  /// Fits the log's items against the scenario of `model` (its organization, calendar, windows,
  /// categories and tiers).
  package init(_ log: WorkOrderLog, model: Model) {
    let scenario = model.scenario
    // Follow-up posts of worsening opinion are the model's own doing, not arrivals.
    let entries = log.entries.filter { !$0.followUp }
    items = entries.count
    guard !entries.isEmpty else { return }
    fitRates(entries, scenario: scenario, fields: log.fieldsRead)
    fitHourOfDay(entries, scenario: scenario)
    fitMixes(entries, scenario: scenario, fields: log.fieldsRead)
    // Detection delays per channel.
    if log.fieldsRead.contains(.appeared) && log.fieldsRead.contains(.detected) {
      detection = scenario.demand.channels.indices.map { c in
        DurationFit(entries.filter { $0.channel == c }.compactMap { e in e.detected.map { $0 - e.appeared } })
      }
    }
    for t in scenario.tiers.indices { tiers.append(fitTier(t, entries, scenario: scenario)) }
  }

  /// The arrival rate per grid and day on ordinary days, the weekday weights, the day kinds'
  /// multipliers and what each key-date window shows (in all and per channel).
  private mutating func fitRates(
    _ entries: [Ledger.Entry], scenario: Scenario, fields: Set<WorkOrderLog.Field>
  ) {
    let itemDays = entries.map { scenario.period.day(atMinute: $0.appeared) }
    firstDay = itemDays.min()!
    let lastDay = itemDays.max()!
    days = lastDay - firstDay + 1
    var perDay = [Int](repeating: 0, count: days)
    for d in itemDays { perDay[d - firstDay] += 1 }
    let tree = scenario.unitTree
    let weightSum = tree.leaves.reduce(0) { $0 + tree.units[$1].demandWeight }
    let calendar = scenario.calendar.days
    func weekday(_ d: Int) -> Int { ((d + 3) % 7 + 7) % 7 }
    func inWindow(_ d: Int) -> Bool { scenario.windows.contains { $0.contains(day: d) } }
    func isOrdinary(_ d: Int) -> Bool {
      let k = calendar.kind(ofDay: d)
      return (k == .workday || k == .weekend) && !inWindow(d)
    }

    // Weekday means over ordinary days, then the rate and the weekday weights.
    var sums = [Double](repeating: 0, count: 7)
    var counts = [Int](repeating: 0, count: 7)
    var ordinaryItems = 0
    for d in firstDay...lastDay where isOrdinary(d) {
      sums[weekday(d)] += Double(perDay[d - firstDay])
      counts[weekday(d)] += 1
      ordinaryItems += perDay[d - firstDay]
    }
    ordinaryDays = counts.reduce(0, +)
    var weights = [Double](repeating: 1, count: 7)
    var dailyRate: Double?
    if counts.allSatisfy({ $0 > 0 }) {
      let means = (0..<7).map { sums[$0] / Double(counts[$0]) }
      let overall = means.reduce(0, +) / 7
      if overall > 0 {
        weights = means.map { $0 / overall }
        dayOfWeek = weights
        dailyRate = overall
      }
    } else if ordinaryDays > 0 {
      dailyRate = Double(ordinaryItems) / Double(ordinaryDays)
      warnings.append(
        "dayOfWeek: not fitted (the log has ordinary days on \(counts.filter { $0 > 0 }.count) of 7 weekdays; at least one of each is needed): flat weights written"
      )
    }
    if let rate = dailyRate, ordinaryItems >= Self.minimumRows {
      let n = Double(ordinaryItems)
      let per = rate / n / weightSum
      perGridPerDay = Figure(
        value: rate / weightSum, low: max(0, (n - 1.96 * n.squareRoot())) * per,
        high: (n + 1.96 * n.squareRoot()) * per, count: ordinaryItems)
    } else {
      warnings.append(
        "perGridPerDay: not fitted (\(ordinaryItems) items on ordinary days, fewer than \(Self.minimumRows)); the base's rate stands"
      )
    }
    func expected(_ d: Int) -> Double {
      guard let rate = dailyRate else { return 0 }
      switch calendar.kind(ofDay: d) {
      case .holiday: return rate * (weights[5] + weights[6]) / 2
      case .makeupWorkday: return rate * weights[0..<5].reduce(0, +) / 5
      default: return rate * weights[weekday(d)]
      }
    }
    for kind in [DayKind.holiday, .makeupWorkday] {
      let list = (firstDay...lastDay).filter { calendar.kind(ofDay: $0) == kind && !inWindow($0) }
      guard !list.isEmpty else { continue }
      let observed = list.reduce(0) { $0 + perDay[$1 - firstDay] }
      let expect = list.reduce(0.0) { $0 + expected($1) }
      guard expect > 0, observed >= Self.minimumRows else {
        warnings.append(
          "dayKind.\(kind.rawValue): not fitted (\(observed) items on \(list.count) days outside windows, fewer than \(Self.minimumRows)); the base's stands"
        )
        continue
      }
      dayKind.append((kind, Self.poisson(observed, over: expect), list.count))
    }
    // Each channel's share of the items on ordinary days (outside every window: a window's own mix
    // would pull its multipliers toward 1); per channel only where the log says the channel, or
    // there is one.
    let ordinary = entries.filter { e in
      let d = scenario.period.day(atMinute: e.appeared)
      return !scenario.windows.contains { $0.contains(day: d) }
    }
    let channelShares = Self.shares(
      ordinary.isEmpty ? entries : ordinary, scenario.demand.channels.count, \.channel)
    let perChannel = scenario.demand.channels.count == 1 || fields.contains(.channel)
    for window in scenario.windows {
      let list = (firstDay...lastDay).filter { window.contains(day: $0) }
      guard !list.isEmpty else { continue }
      let observed = list.reduce(0) { $0 + perDay[$1 - firstDay] }
      let expect = list.reduce(0.0) {
        $0 + expected($1) * Self.dayKindFactor(calendar.kind(ofDay: $1), dayKind)
      }
      guard expect > 0 else { continue }
      // Per channel: its items in the window over what its share of the expected would be.
      let byChannel = scenario.demand.channels.indices.map { c -> Figure? in
        let n = entries.count {
          $0.channel == c && window.contains(day: scenario.period.day(atMinute: $0.appeared))
        }
        let share = channelShares[c]
        guard perChannel, n >= Self.minimumRows, share > 0 else { return nil }
        return Self.poisson(n, over: expect * share)
      }
      windows.append(
        (window.name, Self.poisson(observed, over: expect), list.count, window.demand.arrivals, byChannel))
    }
  }

  /// The hour-of-day weights, over every item.
  private mutating func fitHourOfDay(_ entries: [Ledger.Entry], scenario: Scenario) {
    let start = scenario.period.start.minutes
    var hours = [Double](repeating: 0, count: 24)
    for e in entries {
      let local = (Double(start) + e.appeared).truncatingRemainder(dividingBy: 1440)
      hours[min(23, max(0, Int((local < 0 ? local + 1440 : local) / 60)))] += 1
    }
    if entries.count >= 24 * 5 {
      let mean = hours.reduce(0, +) / 24
      hourOfDay = hours.map { $0 / mean }
    } else {
      warnings.append(
        "hourOfDay: not fitted (\(entries.count) items; at least 120 are needed); the base's stands")
    }
  }

  /// The category, severity and channel mixes, where the log has the column.
  private mutating func fitMixes(
    _ entries: [Ledger.Entry], scenario: Scenario, fields: Set<WorkOrderLog.Field>
  ) {
    let has = fields
    func shares(_ count: Int, _ key: (Ledger.Entry) -> Int) -> [Figure] {
      var c = [Int](repeating: 0, count: count)
      for e in entries { c[key(e)] += 1 }
      return c.map { Self.proportion($0, of: entries.count) }
    }
    if has.contains(.category) { categories = shares(scenario.demand.categories.count, \.category) }
    if has.contains(.severity) {
      // Categories with their own severity shares get them fitted; the scenario's shares are
      // fitted from the other categories' items.
      let own = Set(
        scenario.demand.categories.indices.filter { scenario.demand.categories[$0].severityShares != nil })
      let plain = entries.filter { !own.contains($0.category) }
      if plain.count >= Self.minimumRows {
        var c = [Int](repeating: 0, count: scenario.demand.severities.count)
        for e in plain { c[e.severity] += 1 }
        severities = c.map { Self.proportion($0, of: plain.count) }
      }
      for k in own.sorted() {
        let list = entries.filter { $0.category == k }
        guard list.count >= Self.minimumRows else {
          warnings.append(
            "categories.\(scenario.demand.categories[k].id).severities: not fitted (\(list.count) items, fewer than \(Self.minimumRows)); the base's stand"
          )
          continue
        }
        var c = [Int](repeating: 0, count: scenario.demand.severities.count)
        for e in list { c[e.severity] += 1 }
        categorySeverities[k] = c.map { Self.proportion($0, of: list.count) }
      }
    }
    if has.contains(.channel) { channels = shares(scenario.demand.channels.count, \.channel) }
  }

  /// One tier's response and handling times, passUp shares and authority share; a tier no item
  /// visited keeps the base's figures.
  private mutating func fitTier(_ t: Int, _ entries: [Ledger.Entry], scenario: Scenario) -> TierFit {
    let tier = scenario.tiers[t]
    var fit = TierFit()
    var response: [Double] = []
    var handling: [Double] = []
    var service: [Double] = []
    var closed = 0
    var referred = 0
    var authority = 0
    var left = 0
    // Categories whose passUp at this tier is their own: counted apart.
    let own = Set(
      scenario.demand.categories.indices.filter {
        tier.categoryRules[scenario.demand.categories[$0].id]?.passUp != nil
      })
    var ownClosed: [Int: Int] = [:]
    var ownReferred: [Int: Int] = [:]
    for e in entries {
      for v in e.visits where v.tier == t {
        if own.contains(e.category) {
          if v.outcome == .closed { ownClosed[e.category, default: 0] += 1 }
          if v.outcome == .referral { ownReferred[e.category, default: 0] += 1 }
        }
        fit.visits += 1
        if let s = v.started, let r = v.responded {
          response.append(r - s)
          if let l = v.left { handling.append(l - r) }
        } else if let s = v.started, let l = v.left, v.outcome != .deadline {
          service.append(l - s)
        }
        switch v.outcome {
        case .closed?: closed += 1
        case .referral?: referred += 1
        case .authority?: authority += 1
        default: break
        }
        if v.outcome != nil { left += 1 }
      }
    }
    guard fit.visits > 0 else { return TierFit() }
    if !tier.stages.isEmpty {
      warnings.append(
        "tiers.\(tier.id): response and handling not fitted (the tier has workflow stages; fit their times by hand)"
      )
    } else if response.count < Self.minimumRows, service.count >= Self.minimumRows {
      fit.combined = true
      fit.handling = DurationFit(service)
      warnings.append(
        "tiers.\(tier.id): the log has no first responses at this tier (items were answered below), so its response and handling cannot be told apart: handling is fitted to the whole time from pick-up to leaving and response set to 0 (the tier's response deadline is then met at pick-up)"
      )
    } else {
      for (name, sample) in [("response", response), ("handling", handling)] {
        if sample.count >= Self.minimumRows {
          if name == "response" {
            fit.response = DurationFit(sample)
          } else {
            fit.handling = DurationFit(sample)
          }
        } else {
          warnings.append(
            "tiers.\(tier.id).\(name): not fitted (\(sample.count) visits with the times, fewer than \(Self.minimumRows)); the base's stands"
          )
        }
      }
    }
    let ownAll = own.reduce((0, 0)) {
      ($0.0 + ownClosed[$1, default: 0], $0.1 + ownReferred[$1, default: 0])
    }
    closed -= ownAll.0
    referred -= ownAll.1
    for c in own.sorted() where t < scenario.tiers.count - 1 {
      let (k, n) = (ownReferred[c, default: 0], ownClosed[c, default: 0] + ownReferred[c, default: 0])
      if n >= Self.minimumRows {
        fit.categoryPassUp[c] = Self.proportion(k, of: n)
      } else {
        warnings.append(
          "tiers.\(tier.id).categories.\(scenario.demand.categories[c].id).passUp: not fitted (\(n) items closed or referred, fewer than \(Self.minimumRows)); the base's stands"
        )
      }
    }
    if t < scenario.tiers.count - 1, closed + referred >= Self.minimumRows {
      fit.passUp = Self.proportion(referred, of: closed + referred)
    } else if t < scenario.tiers.count - 1, fit.visits > 0 {
      warnings.append(
        "tiers.\(tier.id).passUp: not fitted (\(closed + referred) items closed or referred, fewer than \(Self.minimumRows)); the base's stands"
      )
    }
    if left > 0 { fit.authority = Self.proportion(authority, of: left) }
    return fit
  }

  static func dayKindFactor(_ kind: DayKind, _ fitted: [(kind: DayKind, figure: Figure, days: Int)]) -> Double
  {
    fitted.first { $0.kind == kind }?.figure.value ?? 1
  }

  /// The share of `entries` in each of `count` kinds (by `kind`).
  static func shares(_ entries: [Ledger.Entry], _ count: Int, _ kind: KeyPath<Ledger.Entry, Int>) -> [Double]
  {
    var n = [Double](repeating: 0, count: count)
    for e in entries where e[keyPath: kind] < count { n[e[keyPath: kind]] += 1 }
    let total = max(1, n.reduce(0, +))
    return n.map { $0 / total }
  }

  /// A ratio of a Poisson count to its expectation, with a 95% interval.
  static func poisson(_ observed: Int, over expected: Double) -> Figure {
    let n = Double(observed)
    let half = 1.96 * n.squareRoot()
    return Figure(
      value: n / expected, low: max(0, n - half) / expected, high: (n + half) / expected, count: observed)
  }

  /// A proportion with its 95% Wilson interval.
  static func proportion(_ k: Int, of n: Int) -> Figure {
    guard n > 0 else { return Figure(value: 0, low: 0, high: 1, count: 0) }
    let p = Double(k) / Double(n)
    let z = 1.96
    let nn = Double(n)
    let centre = (p + z * z / (2 * nn)) / (1 + z * z / nn)
    let half = z * (p * (1 - p) / nn + z * z / (4 * nn * nn)).squareRoot() / (1 + z * z / nn)
    return Figure(value: p, low: max(0, centre - half), high: min(1, centre + half), count: k)
  }

}
