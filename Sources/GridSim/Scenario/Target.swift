/// A figure the simulation can be judged on: a measure, optionally narrowed to a tier and a category.
///
/// Tiers and categories are named by id, so that one measure can be read from two scenarios that
/// share ids (as `compare` does).
package struct Measure: Sendable, Equatable, CustomStringConvertible {
  /// What is measured.
  package enum Kind: Sendable, Equatable, Hashable {
    /// Share of responses made within their deadline, 0-1.
    case responseOnTime
    /// Share of resolutions made within their deadline, 0-1.
    case resolutionOnTime
    /// A statistic of a duration measure, minutes.
    case duration(Metric, Statistic)
    /// Staff utilization of a tier after the warm-up, 0-1.
    case utilization
    /// Items present at a tier at the end of a day, averaged over the measured days.
    case backlogMean
    /// Largest end-of-day backlog of a tier over the measured days.
    case backlogMax
    /// Items present at a tier when the period ends.
    case openAtEnd
    /// Share of callbacks with a satisfied citizen, 0-1 (满意率).
    case satisfaction
    /// Share of watched opinion answered before it got worse, 0-1.
    case keptFromWorsening
    /// Share of skip-level reports made within their deadline, 0-1.
    case reportOnTime
    /// Items closed over items that appeared, 0-1 (whole system only; 解决率).
    case resolutionRate
    /// Extensions, reopenings and named misses (通报) per replication.
    case extensions
    case reopenings
    case named

    /// Every kind, in the order the documentation lists them.
    package static var all: [Kind] {
      [.responseOnTime, .resolutionOnTime]
        + Metric.allCases.flatMap { m in Statistic.allCases.map { Kind.duration(m, $0) } }
        + [.utilization, .backlogMean, .backlogMax, .openAtEnd]
        + [
          .satisfaction, .keptFromWorsening, .reportOnTime, .resolutionRate, .extensions, .reopenings, .named,
        ]
    }

    /// The name used in scenario files and reports: `responseOnTime`, `resolution.p90`, `backlog.max`.
    package var name: String {
      switch self {
      case .responseOnTime: "responseOnTime"
      case .resolutionOnTime: "resolutionOnTime"
      case .duration(let m, let s): "\(m.key).\(s.rawValue)"
      case .utilization: "utilization"
      case .backlogMean: "backlog.mean"
      case .backlogMax: "backlog.max"
      case .openAtEnd: "openAtEnd"
      case .satisfaction: "satisfaction"
      case .keptFromWorsening: "keptFromWorsening"
      case .reportOnTime: "reportOnTime"
      case .resolutionRate: "resolutionRate"
      case .extensions: "extensions"
      case .reopenings: "reopenings"
      case .named: "named"
      }
    }

    /// The kind with this name.
    package init?(name: String) {
      guard let kind = Self.all.first(where: { $0.name == name }) else { return nil }
      self = kind
    }

    /// What the figures are.
    package var unit: Unit {
      switch self {
      case .responseOnTime, .resolutionOnTime, .utilization, .satisfaction, .keptFromWorsening, .reportOnTime,
        .resolutionRate:
        .share
      case .duration: .minutes
      case .backlogMean, .backlogMax, .openAtEnd, .extensions, .reopenings, .named: .items
      }
    }

    /// Which way is better; nil when neither is (utilization).
    package var higherIsBetter: Bool? {
      switch self {
      case .responseOnTime, .resolutionOnTime, .satisfaction, .keptFromWorsening, .reportOnTime,
        .resolutionRate:
        true
      case .utilization: nil
      case .duration, .backlogMean, .backlogMax, .openAtEnd, .extensions, .reopenings, .named: false
      }
    }

    /// True when the measure is kept per channel (the whole system's, by the channel items came by).
    package var byChannel: Bool {
      switch self {
      case .duration(.detection, _), .duration(.response, _): true
      default: false
      }
    }

    /// True when the measure exists only per tier.
    package var needsTier: Bool {
      switch self {
      case .utilization, .backlogMean, .backlogMax, .openAtEnd: true
      default: false
      }
    }
  }

  /// A statistic of a duration measure within one replication.
  package enum Statistic: String, Sendable, CaseIterable, Hashable {
    case mean, p50, p90, p95, max
  }

  /// The kind of figure, for formatting.
  package enum Unit: Sendable, Equatable {
    /// A share 0-1, shown as a percentage.
    case share
    /// Minutes, shown in a suitable unit.
    case minutes
    /// A number of items.
    case items

    /// A figure in this unit, in English: `97.1%`, `3.2 h` (durations in the unit that suits
    /// `scale`, default the figure), `12.5`.
    package func text(_ value: Double, scale: Double? = nil) -> String {
      switch self {
      case .share: return String(format2: value * 100, digits: 1) + "%"
      case .items: return NumberText.decimal(value, digits: 1)
      case .minutes:
        guard value.isFinite else { return "never" }
        let unit = NumberText.unit(forMinutes: abs(scale ?? value))
        return NumberText.decimal(value / unit.minutes, digits: 1) + " " + unit.name
      }
    }
  }

  package var kind: Kind
  /// A tier id; nil for the whole system.
  package var tier: String?
  /// A category id; nil for all categories.
  package var category: String?
  /// A key-date window's name or a day kind (`holiday`): the figure for items that appeared on
  /// those days (utilization and backlog: over those days); nil for the whole period.
  package var window: String?

  /// A channel id: the figure for the items that came by it (detection and response only); nil
  /// for every channel.
  package var channel: String?

  package init(
    _ kind: Kind, tier: String? = nil, category: String? = nil, window: String? = nil, channel: String? = nil
  ) {
    self.kind = kind
    self.tier = tier
    self.category = category
    self.window = window
    self.channel = channel
  }

  /// `response.p90 at grid for complaint via online during national-day`.
  package var description: String {
    var text = kind.name
    if let tier { text += " at \(tier)" }
    if let category { text += " for \(category)" }
    if let channel { text += " via \(channel)" }
    if let window { text += " during \(window)" }
    return text
  }
}

/// A named bound a scenario must meet, judged from its replications.
package struct Target: Sendable, Equatable {
  /// Which side of the figure must hold.
  package enum Bound: Sendable, Equatable {
    case atLeast(Double)
    case atMost(Double)

    /// The bound's value.
    package var value: Double {
      switch self {
      case .atLeast(let v), .atMost(let v): v
      }
    }

    /// The bound in English in the measure's unit, `≥ 95%` or `≤ 3 h`: a target's default name
    /// ends with it.
    package func text(_ unit: Measure.Unit) -> String {
      switch self {
      case .atLeast(let v): "≥ " + unit.text(v)
      case .atMost(let v): "≤ " + unit.text(v)
      }
    }
  }

  /// How the figure is judged against the bound.
  package enum Judge: String, Sendable, CaseIterable {
    /// The whole 95% interval must clear the bound (the lower end for `atLeast`, the upper end for
    /// `atMost`): a pass that is not down to chance.
    case interval
    /// Only the mean must clear it.
    case mean
  }

  package var name: String
  package var measure: Measure
  package var bound: Bound
  package var judge: Judge

  package init(name: String, measure: Measure, bound: Bound, judge: Judge = .interval) {
    self.name = name
    self.measure = measure
    self.bound = bound
    self.judge = judge
  }
}
