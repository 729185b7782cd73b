/// The measures of durations the engine records, per tier (or overall) and category.
public enum Metric: Int, CaseIterable, Sendable {
  /// Minutes from arrival at a tier's unit to a staff member picking the item up (per visit;
  /// overall: summed over the item's visits).
  case wait
  /// Minutes from detection to the first response to the citizen (by the responding tier).
  case response
  /// Minutes from detection to closure (by the closing tier).
  case resolution
  /// Minutes from appearance to closure (by the closing tier).
  case timeInSystem
  /// Minutes from arrival at a tier to leaving it, closed or passed up (per visit; tiers only).
  case timeAtTier
  /// Minutes from appearance to detection (by the entry tier; recorded only when some channel
  /// is monitored in rounds).
  case detection

  /// Key used in reports.
  public var key: String {
    switch self {
    case .wait: "wait"
    case .response: "response"
    case .resolution: "resolution"
    case .timeInSystem: "timeInSystem"
    case .timeAtTier: "timeAtTier"
    case .detection: "detection"
    }
  }
}

/// Counts the engine keeps per tier (or overall) and category.
public enum Counter: Int, CaseIterable, Sendable {
  /// Items that appeared (overall only).
  case appeared
  /// Visits begun at the tier (overall: items that entered).
  case visits
  /// Items closed.
  case closed
  /// Responses within the deadline.
  case responseMet
  /// Response deadlines missed.
  case responseMissed
  /// Resolutions within the deadline.
  case resolutionMet
  /// Resolution deadlines missed.
  case resolutionMissed
  /// Items passed up for lack of authority.
  case escalatedAuthority
  /// Items passed up for other reasons.
  case escalatedReferral
  /// Items taken up on a missed deadline.
  case escalatedDeadline
  /// Major items reported straight past this tier.
  case escalatedMajor
  /// Items taken up because unanswered opinion got worse.
  case escalatedWorsened
  /// Items handled again one tier up after an unsatisfied callback.
  case escalatedReopened
  /// Resolution deadlines extended.
  case extensions
  /// Supervision reminders sent before the resolution deadline.
  case reminders
  /// Resolution deadlines missed with no reply and no extension (the unit is named, 通报).
  case named
  /// Callbacks with a satisfied citizen, and with an unsatisfied one.
  case satisfied
  case unsatisfied
  /// Items handled again after an unsatisfied callback.
  case reopened
  /// Opinion answered within its worsening window, and opinion that got worse.
  case kept
  case worsened
  /// Follow-up posts caused by worsening opinion (overall only).
  case followUps
  /// Skip-level reports made within their deadline, and late.
  case reportMet
  case reportMissed
  /// Items handled by several departments (forked).
  case forked

  static func escalated(_ reason: EscalationReason) -> Counter {
    switch reason {
    case .authority: .escalatedAuthority
    case .referral: .escalatedReferral
    case .deadline: .escalatedDeadline
    case .major: .escalatedMajor
    case .worsened: .escalatedWorsened
    case .reopened: .escalatedReopened
    }
  }
}

/// The deadline outcomes counted per day and tier.
public enum DailyOutcome: Int, CaseIterable, Sendable {
  case responseMet, responseMissed, resolutionMet, resolutionMissed
}

/// Streaming statistics of one replication: constant memory in the number of items.
///
/// Group `g` is a tier (0..<tiers) or, at `g == tiers`, the whole system. Only per-category cells are
/// written in the hot loop; "all categories" is merged when the replication ends. The cells and their
/// histograms live in two flat arrays (not an array of ``StreamingStats``) so that recording touches
/// two buffers and no nested array.
struct Recorder: Sendable {
  struct Cell: Sendable {
    var count = 0
    var sum = 0.0
    var max = 0.0
  }

  let tiers: Int
  let categories: Int
  var cells: [Cell]
  var buckets: [UInt32]
  var counts: [Int]
  /// Per day and tier: visits begun, visits ended, items present at the day's end, busy staff-minutes.
  var dailyArrivals: [Int]
  var dailyDone: [Int]
  var dailyBacklog: [Int]
  var dailyBusy: [Double]
  /// Per day and tier (`(day * tiers + tier) * 4 + outcome`): responses met and missed, then
  /// resolutions met and missed, by the day the visit began (see ``DailyOutcome``).
  var dailyOnTime: [Int]

  init(tiers: Int, categories: Int, days: Int) {
    self.tiers = tiers
    self.categories = categories
    let cellCount = Metric.allCases.count * (tiers + 1) * categories
    cells = Array(repeating: Cell(), count: cellCount)
    buckets = Array(repeating: 0, count: cellCount * HistogramLayout.bucketCount)
    counts = Array(repeating: 0, count: Counter.allCases.count * (tiers + 1) * categories)
    dailyArrivals = Array(repeating: 0, count: days * tiers)
    dailyDone = Array(repeating: 0, count: days * tiers)
    dailyBacklog = Array(repeating: 0, count: days * tiers)
    dailyBusy = Array(repeating: 0, count: days * tiers)
    dailyOnTime = Array(repeating: 0, count: days * tiers * DailyOutcome.allCases.count)
  }

  @inline(__always)
  mutating func record(_ metric: Metric, group: Int, category: Int, _ value: Double) {
    let cell = (metric.rawValue * (tiers + 1) + group) * categories + category
    cells[cell].count += 1
    cells[cell].sum += value
    if value > cells[cell].max { cells[cell].max = value }
    buckets[cell * HistogramLayout.bucketCount + HistogramLayout.bucket(value)] &+= 1
  }

  @inline(__always)
  mutating func increment(_ counter: Counter, group: Int, category: Int) {
    counts[(counter.rawValue * (tiers + 1) + group) * categories + category] += 1
  }

  /// Records one value in two or three columns of a group at once (an item's category, its day
  /// kind's slice and, when not negative, its window's slice): one bucket computation, one pass.
  @inline(__always)
  mutating func record(_ metric: Metric, group: Int, columns a: Int, _ b: Int, _ c: Int, _ value: Double) {
    let row = (metric.rawValue * (tiers + 1) + group) * categories
    let bucket = HistogramLayout.bucket(value)
    add(row + a, bucket, value)
    add(row + b, bucket, value)
    if c >= 0 { add(row + c, bucket, value) }
  }

  @inline(__always)
  private mutating func add(_ cell: Int, _ bucket: Int, _ value: Double) {
    cells[cell].count += 1
    cells[cell].sum += value
    if value > cells[cell].max { cells[cell].max = value }
    buckets[cell * HistogramLayout.bucketCount + bucket] &+= 1
  }

  /// Counts one event in two or three columns of a group (see `record(_:group:columns:_:_:_:)`).
  @inline(__always)
  mutating func increment(_ counter: Counter, group: Int, columns a: Int, _ b: Int, _ c: Int) {
    let row = (counter.rawValue * (tiers + 1) + group) * categories
    counts[row + a] += 1
    counts[row + b] += 1
    if c >= 0 { counts[row + c] += 1 }
  }

  func stat(_ metric: Metric, group: Int, category: Int) -> StreamingStats {
    let cell = (metric.rawValue * (tiers + 1) + group) * categories + category
    var stats = StreamingStats()
    stats.count = cells[cell].count
    stats.sum = cells[cell].sum
    stats.max = cells[cell].max
    let base = cell * HistogramLayout.bucketCount
    stats.buckets = Array(buckets[base..<base + HistogramLayout.bucketCount])
    return stats
  }

  func count(_ counter: Counter, group: Int, category: Int) -> Int {
    counts[(counter.rawValue * (tiers + 1) + group) * categories + category]
  }
}
