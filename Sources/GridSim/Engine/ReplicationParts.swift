/// The parts a replication owns, each touched by the part of the engine it is named after: the
/// clock and its events (`Replication.swift`), the items (`Replication+Arrivals.swift`,
/// `Replication+Workflow.swift`), the stations with their lines and staff
/// (`Replication+Queues.swift`, `Replication+Deadlines.swift`) and the measures
/// (`Replication+Measures.swift`). Each is `~Copyable`, like the engine: it is never copied by
/// accident.

/// The clock and the events to come.
struct EventClock: ~Copyable, Sendable {
  /// Minutes since the start of the period.
  var now = 0.0
  var heap = BinaryHeap<Event>()
  /// The last event's sequence number: equal times go in the order they were scheduled.
  var sequence: UInt64 = 0
  /// Events taken off the heap, stale ones included.
  var eventCount = 0
  /// Every event before this time has run (``Replication/advance(before:settling:)``).
  var frontier = 0.0
  /// The day (from the period's first, 0) whose end comes next: the daily tables' row.
  var day = 0
  /// The day ``Replication/today()`` last found, and the simulation times it spans.
  var todaySpan: (day: Int, start: Double, end: Double) = (0, 0, 0)

  init() { heap.reserveCapacity(1024) }

  /// Adds an event; its stamp and slot say which item it is for (stale when the item has moved on).
  @inline(__always)
  mutating func schedule(_ time: Double, _ kind: Event.Kind, slot: Int, stamp: UInt32) {
    sequence += 1
    heap.insert(
      Event(
        time: time, order: Event.order(sequence, kind), slot: Int32(truncatingIfNeeded: slot),
        stamp: stamp))
  }
}

/// Every item and task by slot, and the slots free for reuse.
struct ItemStore: ~Copyable, Sendable {
  private var slots = UniqueArray<Item>(capacity: 256)
  private var free = UniqueArray<Int32>(capacity: 256)

  init() {}

  /// The item in `slot`, read and changed in place.
  /// - Complexity: O(1).
  @inline(__always)
  subscript(slot: Int) -> Item {
    unsafeAddress { UnsafePointer(slots.address(slot)) }
    unsafeMutableAddress { slots.address(slot) }
  }

  /// Slots used so far (free ones included).
  var count: Int { slots.count }

  /// Puts an item in a free slot, keeping the slot's stamp so that old events stay stale.
  @inline(__always)
  mutating func add(_ item: Item) -> Int {
    if let reused = free.popLast() {
      let slot = Int(reused)
      let stamp = slots[slot].stamp
      slots[slot] = item
      slots[slot].stamp = stamp
      return slot
    }
    slots.append(item)
    return slots.count - 1
  }

  /// True when a slot in use holds an item or a task that appeared in `appeared`, or whose visit to
  /// its tier began in `arrived` (a scan of every slot).
  func holdsAny(appearedIn appeared: Range<Double>, arrivedIn arrived: Range<Double>) -> Bool {
    var isFree = [Bool](repeating: false, count: slots.count)
    for i in 0..<free.count { isFree[Int(free[i])] = true }
    return (0..<slots.count).contains {
      !isFree[$0] && (appeared.contains(slots[$0].appeared) || arrived.contains(slots[$0].tierArrival))
    }
  }

  /// Frees a slot: its events and queue entries go stale.
  @inline(__always)
  mutating func remove(_ slot: Int) {
    slots[slot].stamp &+= 1
    free.append(Int32(slot))
  }
}

/// Who is on duty and busy at each station (a unit's role), and the items waiting there.
struct Stations: ~Copyable, Sendable {
  var duty: Duty
  var lines: UniqueArray<WaitingLine>
  /// Where a model has duty shifts: per station, the items duty does not take, waiting for the
  /// next office shift (empty otherwise).
  var officeLines: UniqueArray<WaitingLine>
  /// Busy staff over time: each tier's, then each tier role's (at `tierCount` +
  /// ``CompiledWorkflow/roleOffset``), in one array so that a start or an end touches one buffer.
  var busyStaff: UniqueArray<Occupancy>
  /// Each tier role's staff on duty over time (a pooled unit's split by the roles' shares, so that
  /// over a tier's roles they are the tier's on-duty staff), and the staff who may take its items
  /// (``Duty/cover(unit:role:)``).
  var roleOnDuty: [Occupancy]
  var roleCover: [Occupancy]
  /// The next change in the staffing plan.
  var nextStaffChange = 0
  /// The event sequence number when the next staff change was (or would have been) scheduled: at
  /// the start, or at the last change (``Replication/copy(model:)`` places one there).
  var changeSequence: UInt64 = 0

  init(model: Model) {
    let workflow = model.workflow
    lines = UniqueArray(repeating: WaitingLine(), count: workflow.stationCount)
    officeLines = UniqueArray(
      repeating: WaitingLine(), count: model.hasDutyShifts ? workflow.stationCount : 0)
    duty = Duty(
      headcount: model.staffing.initial, duty: model.staffing.initialDuty, firstStation: workflow.unitStation,
      shares: model.unitTier.map { workflow.roleShares[$0] }, stationCount: workflow.stationCount)
    roleOnDuty = Array(repeating: Occupancy(), count: workflow.roleCount)
    roleCover = roleOnDuty
    for (u, t) in model.unitTier.enumerated() {
      for r in workflow.roleShares[t].indices {
        roleOnDuty[workflow.roleOffset[t] + r].level += duty.onDuty(unit: u, role: r)
        roleCover[workflow.roleOffset[t] + r].level += duty.cover(unit: u, role: r)
      }
    }
    busyStaff = UniqueArray(repeating: Occupancy(), count: model.tierCount + workflow.roleCount)
  }
}

/// What a replication measures as it runs: the recorders, the units named, the items present, and
/// the busy staff-minutes at the warm-up's end and each day's start.
struct Measures: ~Copyable, Sendable {
  var recorder: Recorder
  /// Detection delay and first response per channel: the whole system, one column per channel and
  /// slice (``Replication/channelColumn(_:)``).
  var channelRecorder: Recorder
  /// The recorder's column of the first slice: its columns are the categories, then the slices
  /// (day kinds, key-date windows) the same values are recorded in.
  let segmentColumn: Int
  /// Per unit: resolution deadlines missed with no reply and no extension (通报).
  var unitNamed: UniqueArray<Int>
  /// Items present per tier.
  var present: UniqueArray<Int>
  /// Busy staff-minutes per tier, and each tier role's busy and on-duty staff-minutes, when the
  /// warm-up ended; busy staff-minutes per tier when the day began.
  var busyAtWarmUp: [Double]
  var roleAtWarmUp: [RoleAreas]
  var busyAtDayStart: [Double]

  /// The measures of a run of `model`, with histograms of the metrics in `histograms` (nil: all).
  init(model: Model, histograms: Set<Metric>? = nil) {
    segmentColumn = model.categoryCount
    recorder = Recorder(
      tiers: model.tierCount,
      categories: model.dayColumn + model.measuredDays.count,
      days: model.dayCount,
      combinations: Recorder.Combinations(
        categories: model.categoryCount, kinds: DayKind.allCases.count,
        windows: model.segmentNames.count - DayKind.allCases.count, segmentColumn: model.categoryCount),
      histograms: histograms
    )
    // No tiers: the whole system only, one column per channel and slice (none with one channel:
    // its figures are the system's).
    channelRecorder = Recorder(
      tiers: 0,
      categories: model.channelTables.isEmpty
        ? 0 : model.scenario.demand.channels.count * (1 + model.segmentNames.count),
      days: 0, histograms: histograms)
    unitNamed = UniqueArray(repeating: 0, count: model.unitTier.count)
    present = UniqueArray(repeating: 0, count: model.tierCount)
    busyAtWarmUp = Array(repeating: 0, count: model.tierCount)
    roleAtWarmUp = Array(repeating: RoleAreas(), count: model.workflow.roleCount)
    busyAtDayStart = Array(repeating: 0, count: model.tierCount)
  }
}

/// Where new items come from: the arrival stream, the local hour being drawn from (its end and
/// rate), and the next scripted item.
struct ArrivalSource: ~Copyable, Sendable {
  var stream: RandomStream
  var hour: Int
  var hourEnd: Double
  var rate: Double
  var nextInject = 0

  init(model: Model, seed: UInt64, replication: Int) {
    stream = RandomStream(seed: seed, replication: replication, purpose: .arrivals)
    hour = model.startMinuteOfDay / 60
    hourEnd = Double((hour + 1) * 60 - model.startMinuteOfDay)
    rate = model.ratePerMinute(hourIndex: hour)
  }
}

/// A tier role's staff-minutes so far: busy, on duty (its share of the tier's), and able to take its
/// items.
struct RoleAreas: Sendable {
  var busy = 0.0
  var onDuty = 0.0
  var cover = 0.0
}

// Copies with storage of their own, for a replication's snapshot (``Replication/copy(model:)``).

extension EventClock {
  init(copying other: borrowing EventClock) {
    now = other.now
    heap = other.heap
    sequence = other.sequence
    eventCount = other.eventCount
    frontier = other.frontier
    day = other.day
    todaySpan = other.todaySpan
  }
}

extension ItemStore {
  /// The bytes of its slots.
  var byteCount: Int { slots.byteCount + free.byteCount }

  init(copying other: borrowing ItemStore) {
    slots = other.slots.copy()
    free = other.free.copy()
  }
}

extension Stations {
  init(copying other: borrowing Stations) {
    duty = Duty(copying: other.duty)
    lines = other.lines.copy()
    officeLines = other.officeLines.copy()
    busyStaff = other.busyStaff.copy()
    roleOnDuty = other.roleOnDuty
    roleCover = other.roleCover
    nextStaffChange = other.nextStaffChange
    changeSequence = other.changeSequence
  }
}

extension Measures {
  init(copying other: borrowing Measures) {
    recorder = Recorder(copying: other.recorder)
    channelRecorder = Recorder(copying: other.channelRecorder)
    segmentColumn = other.segmentColumn
    unitNamed = other.unitNamed.copy()
    present = other.present.copy()
    busyAtWarmUp = other.busyAtWarmUp
    roleAtWarmUp = other.roleAtWarmUp
    busyAtDayStart = other.busyAtDayStart
  }
}

extension ArrivalSource {
  init(copying other: borrowing ArrivalSource) {
    stream = other.stream
    hour = other.hour
    hourEnd = other.hourEnd
    rate = other.rate
    nextInject = other.nextInject
  }
}
