/// Streaming statistics of one replication: constant memory in the number of items.
///
/// A group's cells sit at its row (a tier, then the whole system after the tiers). Only per-category cells are
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
  /// `[day, tier]`: visits begun, visits ended, items present at the day's end, busy staff-minutes.
  var dailyArrivals: Table<Int>
  var dailyDone: Table<Int>
  var dailyBacklog: Table<Int>
  var dailyBusy: Table<Double>
  /// `[day, tier]`: deadline outcomes by the day the visit began.
  var dailyOnTime: Table<OnTimeCounts>

  init(tiers: Int, categories: Int, days: Int) {
    self.tiers = tiers
    self.categories = categories
    let cellCount = Metric.allCases.count * (tiers + 1) * categories
    cells = Array(repeating: Cell(), count: cellCount)
    buckets = Array(repeating: 0, count: cellCount * HistogramLayout.bucketCount)
    counts = Array(repeating: 0, count: Counter.allCases.count * (tiers + 1) * categories)
    dailyArrivals = Table(rows: days, columns: tiers, repeating: 0)
    dailyDone = Table(rows: days, columns: tiers, repeating: 0)
    dailyBacklog = Table(rows: days, columns: tiers, repeating: 0)
    dailyBusy = Table(rows: days, columns: tiers, repeating: 0)
    dailyOnTime = Table(rows: days, columns: tiers, repeating: OnTimeCounts())
  }

  /// The first cell of a measure's row for a group; its columns follow (categories, then slices).
  @inline(__always)
  private func row(_ measure: Int, _ group: Group) -> Int {
    (measure * (tiers + 1) + group.row(tierCount: tiers)) * categories
  }

  @inline(__always)
  mutating func record(_ metric: Metric, group: Group, category: Int, _ value: Double) {
    let cell = row(metric.rawValue, group) + category
    cells[cell].count += 1
    cells[cell].sum += value
    if value > cells[cell].max { cells[cell].max = value }
    buckets[cell * HistogramLayout.bucketCount + HistogramLayout.bucket(value)] &+= 1
  }

  @inline(__always)
  mutating func increment(_ counter: Counter, group: Group, category: Int) {
    counts[row(counter.rawValue, group) + category] += 1
  }

  /// Records one value in two or three columns of a group at once (an item's category, its day
  /// kind's slice and its window's slice, if any): one bucket computation, one pass.
  @inline(__always)
  mutating func record(_ metric: Metric, group: Group, columns a: Int, _ b: Int, _ c: Int?, _ value: Double) {
    let row = row(metric.rawValue, group)
    let bucket = HistogramLayout.bucket(value)
    add(row + a, bucket, value)
    add(row + b, bucket, value)
    if let c { add(row + c, bucket, value) }
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
  mutating func increment(_ counter: Counter, group: Group, columns a: Int, _ b: Int, _ c: Int?) {
    let row = row(counter.rawValue, group)
    counts[row + a] += 1
    counts[row + b] += 1
    if let c { counts[row + c] += 1 }
  }

  func stat(_ metric: Metric, group: Group, category: Int) -> StreamingStats {
    let cell = row(metric.rawValue, group) + category
    var stats = StreamingStats()
    stats.count = cells[cell].count
    stats.sum = cells[cell].sum
    stats.max = cells[cell].max
    let base = cell * HistogramLayout.bucketCount
    stats.buckets = Array(buckets[base..<base + HistogramLayout.bucketCount])
    return stats
  }

  func count(_ counter: Counter, group: Group, category: Int) -> Int {
    counts[row(counter.rawValue, group) + category]
  }
}
