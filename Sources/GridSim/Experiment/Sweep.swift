/// A sweep: the scenario run at every point of a grid of `--set` values, all on the same random
/// numbers, each point's targets judged.
///
/// `--vary KEY=V1,V2,...` lists a key's values; the points are the product of the lists (the first
/// `--vary` changes slowest). Every point runs with the scenario's seed, so differences between
/// points are the change's, not the dice's (common random numbers).
public struct Sweep: Sendable {
  /// One varied key and its values (JSON5 text, as `--set` takes them).
  public struct Axis: Sendable, Equatable {
    public var key: String
    public var values: [String]

    public init(key: String, values: [String]) {
      self.key = key
      self.values = values
    }
  }

  /// The most points a sweep runs.
  public static let maximumPoints = 1_000

  public var axes: [Axis]

  public init(axes: [Axis]) { self.axes = axes }

  /// Reads `KEY=V1,V2,...`: values are split on commas outside quotes, brackets and braces, so
  /// `organization.staff=4,6` and `x=[1, 2],[3]` both read.
  public static func axis(_ text: String) -> Axis? {
    guard let eq = text.firstIndex(of: "=") else { return nil }
    let key = String(text[..<eq]).trimmingCharacters(in: .whitespaces)
    var values: [String] = []
    var current = ""
    var depth = 0
    var quote: Character?
    for c in text[text.index(after: eq)...] {
      if let q = quote {
        if c == q { quote = nil }
      } else if c == "\"" || c == "'" {
        quote = c
      } else if c == "[" || c == "{" {
        depth += 1
      } else if c == "]" || c == "}" {
        depth -= 1
      } else if c == ",", depth == 0 {
        values.append(current.trimmingCharacters(in: .whitespaces))
        current = ""
        continue
      }
      current.append(c)
    }
    values.append(current.trimmingCharacters(in: .whitespaces))
    guard !key.isEmpty, !values.contains(where: \.isEmpty) else { return nil }
    return Axis(key: key, values: values)
  }

  /// Every point's values, one per axis, the first axis changing slowest.
  public var points: [[String]] {
    axes.reduce([[]]) { points, axis in points.flatMap { point in axis.values.map { point + [$0] } } }
  }

  /// The `--set` assignments that make a point.
  public func assignments(_ values: [String]) -> [String] {
    zip(axes, values).map { "\($0.key)=\($1)" }
  }

  /// The number of points.
  public var count: Int { axes.reduce(1) { $0 * $1.values.count } }
}

/// One point of a sweep, run.
public struct SweepPoint: Sendable {
  /// The varied values, one per axis.
  public var values: [String]
  public var outcomes: [TargetOutcome]
  /// Staff-hours on duty over the period (the cost of the point's staffing).
  public var staffHours: Double
  public var met: Bool { outcomes.allSatisfy(\.met) }

  public init(values: [String], outcomes: [TargetOutcome], staffHours: Double) {
    self.values = values
    self.outcomes = outcomes
    self.staffHours = staffHours
  }
}

extension Model {
  /// Staff-hours on duty over the period, all tiers.
  public var staffHours: Double {
    var minutes = 0.0
    for d in 0..<dayCount {
      for t in 0..<tierCount { minutes += onDutyMinutes(day: d, tier: t) }
    }
    return minutes / 60
  }
}
