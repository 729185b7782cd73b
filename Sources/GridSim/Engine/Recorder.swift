/// Streaming statistics of one replication: constant memory in the number of items.
///
/// A group's cells sit at its row (a tier, then the whole system after the tiers). Only per-category cells are
/// written in the hot loop; "all categories" is merged when the replication ends. The cells and their
/// histograms live in two flat arrays (not an array of ``StreamingStats``) so that recording touches
/// two buffers and no nested array.
struct Recorder: ~Copyable, Sendable {
  struct Cell: Sendable {
    var count = 0
    var sum = 0.0
    var max = 0.0

    /// Adds a value (through one access to the cell's array).
    @inline(__always)
    mutating func add(_ value: Double) {
      count += 1
      sum += value
      if value > max { max = value }
    }
  }

  let tiers: Int
  let categories: Int
  var cells: UniqueArray<Cell>
  var buckets: UniqueArray<UInt32>
  var counts: UniqueArray<Int>
  /// `[day, tier]`: visits begun, visits ended, items present at the day's end, busy staff-minutes.
  var dailyArrivals: UniqueTable<Int>
  var dailyDone: UniqueTable<Int>
  var dailyBacklog: UniqueTable<Int>
  var dailyBusy: UniqueTable<Double>
  /// `[day, tier]`: deadline outcomes by the day the visit began.
  var dailyOnTime: UniqueTable<OnTimeCounts>

  /// The whole system's durations and counts kept once per combination of the item's category,
  /// day kind and window (none, or its window), rather than once in each of those columns: a value
  /// is then one histogram increment and a count one addition, not two or three. The category and
  /// slice columns are merged from the combinations when read (``stat(_:group:category:)``,
  /// ``count(_:group:category:)``); an item's combination is worked out once, when it appears.
  struct Combinations: Sendable {
    let categories: Int
    let kinds: Int
    let windows: Int
    /// The first slice column (the day kinds', then the windows').
    let segmentColumn: Int
    var count: Int { categories * kinds * (windows + 1) }
    /// Per column of the whole system below `segmentColumn + kinds + windows`: the combinations it
    /// merges (a category's, a day kind's or a window's), worked out once.
    let merges: [[Int]]

    init(categories: Int, kinds: Int, windows: Int, segmentColumn: Int) {
      self.categories = categories
      self.kinds = kinds
      self.windows = windows
      self.segmentColumn = segmentColumn
      var merges = Array(repeating: [Int](), count: segmentColumn + kinds + windows)
      for c in 0..<categories {
        for kind in 0..<kinds {
          for w in [nil] + (0..<windows).map({ Optional($0) }) {
            let combination = Self.index(category: c, kind: kind, window: w, kinds: kinds, windows: windows)
            merges[c].append(combination)
            merges[segmentColumn + kind].append(combination)
            if let w { merges[segmentColumn + kinds + w].append(combination) }
          }
        }
      }
      self.merges = merges
    }

    /// The combination of a category, a day kind and a window's slice (``Model/segmentNames``
    /// index: after the day kinds), if any.
    @inline(__always)
    func index(category: Int, kind: Int, window: Int?) -> Int {
      Self.index(
        category: category, kind: kind, window: window.map { $0 &- kinds }, kinds: kinds, windows: windows)
    }

    /// The same by the window's own index (0 for the first window).
    @inline(__always)
    private static func index(category: Int, kind: Int, window: Int?, kinds: Int, windows: Int) -> Int {
      (category &* kinds &+ kind) &* (windows &+ 1) &+ (window.map { $0 &+ 1 } ?? 0)
    }
  }

  /// The most combinations kept (``Model/maximumRecorderCombinations``).
  static let maximumCombinations = Model.maximumRecorderCombinations

  let combinations: Combinations?
  /// How many combinations there are (0 without them: every model has a category and the day
  /// kinds, so the engine's `combinationCount > 0` and the reading's `combinations != nil` agree).
  let combinationCount: Int
  var comboCells: UniqueArray<Cell>
  var comboBuckets: UniqueArray<UInt32>
  var comboCounts: UniqueArray<Int>

  /// Per metric, the distance in cells from its first cell to its first histogram, the histograms
  /// of the metrics kept coming one after another (``noHistogram`` where they are not kept): in
  /// the cells, and in the combinations.
  let bucketShift: UniqueArray<Int>
  let comboBucketShift: UniqueArray<Int>

  /// The shift of a metric whose histograms are not kept: its values are counted, summed and their
  /// largest kept, but its quantiles are not read (``ResultScope/quantiles``), and its buckets take
  /// no memory nor time (nor a snapshot's copy).
  static let noHistogram = Int.min

  /// A recorder for `tiers` and `categories` columns, with histograms of the metrics in
  /// `histograms` (nil: all).
  init(
    tiers: Int, categories: Int, days: Int, combinations: Combinations? = nil, histograms: Set<Metric>? = nil
  ) {
    self.tiers = tiers
    self.categories = categories
    let combinations = combinations.flatMap { $0.count <= Self.maximumCombinations ? $0 : nil }
    self.combinations = combinations
    combinationCount = combinations?.count ?? 0
    let kept = Metric.allCases.filter { histograms?.contains($0) ?? true }
    func shifts(cellsPerMetric: Int) -> UniqueArray<Int> {
      var shifts = UniqueArray<Int>(repeating: Self.noHistogram, count: Metric.allCases.count)
      for (k, metric) in kept.enumerated() {
        shifts[metric.rawValue] = (k - metric.rawValue) * cellsPerMetric
      }
      return shifts
    }
    let comboCount = Metric.allCases.count * combinationCount
    comboCells = UniqueArray(repeating: Cell(), count: comboCount)
    comboBuckets = UniqueArray(
      repeating: 0, count: kept.count * combinationCount * HistogramLayout.bucketCount)
    comboBucketShift = shifts(cellsPerMetric: combinationCount)
    comboCounts = UniqueArray(repeating: 0, count: Counter.allCases.count * combinationCount)
    let cellCount = Metric.allCases.count * (tiers + 1) * categories
    cells = UniqueArray(repeating: Cell(), count: cellCount)
    buckets = UniqueArray(
      repeating: 0, count: kept.count * (tiers + 1) * categories * HistogramLayout.bucketCount)
    bucketShift = shifts(cellsPerMetric: (tiers + 1) * categories)
    counts = UniqueArray(repeating: 0, count: Counter.allCases.count * (tiers + 1) * categories)
    dailyArrivals = UniqueTable(rows: days, columns: tiers, repeating: 0)
    dailyDone = UniqueTable(rows: days, columns: tiers, repeating: 0)
    dailyBacklog = UniqueTable(rows: days, columns: tiers, repeating: 0)
    dailyBusy = UniqueTable(rows: days, columns: tiers, repeating: 0)
    dailyOnTime = UniqueTable(rows: days, columns: tiers, repeating: OnTimeCounts())
  }

  /// The first cell of a measure's row for a group; its columns follow (categories, then slices).
  @inline(__always)
  private func row(_ measure: Int, _ group: Group) -> Int {
    (measure * (tiers + 1) + group.row(tierCount: tiers)) * categories
  }

  /// Records a value in a cell. With `checked` false the shifts are taken as 0, unread: only for a
  /// recorder that keeps every histogram (the engine's copy without the optional paths passes a
  /// constant, and the check is compiled out of its hot path).
  @inline(__always)
  mutating func record(_ metric: Metric, group: Group, category: Int, _ value: Double, checked: Bool) {
    let cell = row(metric.rawValue, group) + category
    cells[cell].add(value)
    let shift = checked ? bucketShift[metric.rawValue] : 0
    guard !checked || shift != Self.noHistogram else { return }
    buckets[(cell + shift) * HistogramLayout.bucketCount + HistogramLayout.bucket(value)] &+= 1
  }

  @inline(__always)
  mutating func increment(_ counter: Counter, group: Group, category: Int) {
    counts[row(counter.rawValue, group) + category] += 1
  }

  /// Records one value in two or three columns of a group at once (an item's category, its day
  /// kind's slice and its window's slice, if any): one bucket computation, one pass.
  @inline(__always)
  mutating func record(
    _ metric: Metric, group: Group, columns a: Int, _ b: Int, _ c: Int?, _ value: Double, checked: Bool
  ) {
    let row = row(metric.rawValue, group)
    let bucket = HistogramLayout.bucket(value)
    let shift = checked ? bucketShift[metric.rawValue] : 0
    guard !checked || shift != Self.noHistogram else {
      cells[row + a].add(value)
      cells[row + b].add(value)
      if let c { cells[row + c].add(value) }
      return
    }
    add(row + a, shift, bucket, value)
    add(row + b, shift, bucket, value)
    if let c { add(row + c, shift, bucket, value) }
  }

  @inline(__always)
  private mutating func add(_ cell: Int, _ shift: Int, _ bucket: Int, _ value: Double) {
    cells[cell].add(value)
    buckets[(cell + shift) * HistogramLayout.bucketCount + bucket] &+= 1
  }

  /// Counts one event in two or three columns of a group (see `record(_:group:columns:_:_:_:checked:)`).
  @inline(__always)
  mutating func increment(_ counter: Counter, group: Group, columns a: Int, _ b: Int, _ c: Int?) {
    let row = row(counter.rawValue, group)
    counts[row + a] += 1
    counts[row + b] += 1
    if let c { counts[row + c] += 1 }
  }

  /// Records a duration of the whole system in the item's combination (see ``Combinations``).
  @inline(__always)
  mutating func recordSystem(_ metric: Metric, combination: Int, _ value: Double, checked: Bool) {
    let cell = metric.rawValue &* combinationCount &+ combination
    comboCells[cell].add(value)
    let shift = checked ? comboBucketShift[metric.rawValue] : 0
    guard !checked || shift != Self.noHistogram else { return }
    comboBuckets[(cell &+ shift) &* HistogramLayout.bucketCount &+ HistogramLayout.bucket(value)] &+= 1
  }

  /// Counts an event of the whole system in the item's combination.
  @inline(__always)
  mutating func incrementSystem(_ counter: Counter, combination: Int) {
    comboCounts[counter.rawValue &* combinationCount &+ combination] += 1
  }

  /// True when `metric`'s histograms are kept (its quantiles can be read).
  func keepsHistogram(_ metric: Metric) -> Bool { bucketShift[metric.rawValue] != Self.noHistogram }

  /// A cell's record; where its histograms are not kept (``keepsHistogram(_:)``), its count, sum
  /// and largest value only, without buckets.
  func stat(_ metric: Metric, group: Group, category: Int) -> StreamingStats {
    if group == .system, let k = combinations, category < k.segmentColumn + k.kinds + k.windows {
      // A category, day kind or window of the whole system: its combinations merged.
      var stats = StreamingStats()
      let shift = comboBucketShift[metric.rawValue]
      for combination in k.merges[category] {
        let cell = metric.rawValue * k.count + combination
        Self.add(
          comboCells[cell], comboBuckets, shift == Self.noHistogram ? nil : cell + shift, to: &stats)
      }
      return stats
    }
    let cell = row(metric.rawValue, group) + category
    let shift = bucketShift[metric.rawValue]
    var stats = StreamingStats()
    Self.add(cells[cell], buckets, shift == Self.noHistogram ? nil : cell + shift, to: &stats)
    return stats
  }

  /// Merges a cell and, with the index of its histogram, its buckets into `stats` (nothing for an
  /// empty cell: no copy).
  private static func add(
    _ cell: Cell, _ buckets: borrowing UniqueArray<UInt32>, _ histogram: Int?, to stats: inout StreamingStats
  ) {
    guard cell.count > 0 else { return }
    stats.count += cell.count
    stats.sum += cell.sum
    stats.max = Swift.max(stats.max, cell.max)
    guard let histogram else { return }
    let base = histogram * HistogramLayout.bucketCount
    for i in 0..<HistogramLayout.bucketCount { stats.buckets[i] &+= buckets[base + i] }
  }

  func count(_ counter: Counter, group: Group, category: Int) -> Int {
    if group == .system, let k = combinations, category < k.segmentColumn + k.kinds + k.windows {
      return k.merges[category].reduce(0) { $0 + comboCounts[counter.rawValue * k.count + $1] }
    }
    return counts[row(counter.rawValue, group) + category]
  }
}

extension Recorder {
  /// A copy with storage of its own (a replication's snapshot).
  init(copying other: borrowing Recorder) {
    tiers = other.tiers
    categories = other.categories
    cells = other.cells.copy()
    buckets = other.buckets.copy()
    counts = other.counts.copy()
    dailyArrivals = other.dailyArrivals.copy()
    dailyDone = other.dailyDone.copy()
    dailyBacklog = other.dailyBacklog.copy()
    dailyBusy = other.dailyBusy.copy()
    dailyOnTime = other.dailyOnTime.copy()
    combinations = other.combinations
    combinationCount = other.combinationCount
    comboCells = other.comboCells.copy()
    comboBuckets = other.comboBuckets.copy()
    comboCounts = other.comboCounts.copy()
    bucketShift = other.bucketShift.copy()
    comboBucketShift = other.comboBucketShift.copy()
  }
}

extension Recorder {
  /// The bytes of its cells, histograms, counts and daily tables (a snapshot's size).
  var byteCount: Int {
    cells.byteCount + buckets.byteCount + counts.byteCount + comboCells.byteCount + comboBuckets.byteCount
      + comboCounts.byteCount + dailyArrivals.byteCount + dailyDone.byteCount + dailyBacklog.byteCount
      + dailyBusy.byteCount + dailyOnTime.byteCount
  }
}
