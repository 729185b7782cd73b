/// Who is on duty at each station (a unit's role), and whether a free one may take an item.
///
/// - A unit's on-duty headcount is split among its roles by share when there are at least as many
///   people as roles (``CompiledWorkflow/split(_:shares:)``).
/// - With fewer people than roles, the people cover the roles in turn: an item of any role may be
///   taken, but never more items at once than people on duty (the unit is *pooled*).
/// - When the headcount drops while staff are busy, the staff who stay on duty are the first of
///   them to become free; the others finish the item in hand and go off duty. People finishing
///   after their shift never hold back the on-duty headcount: an item is taken as soon as the busy
///   staff still on duty are fewer than the headcount.
///
/// To know who finishes first, each service carries the unit's change count (``epoch``) from when it
/// started: a service from before the last change is one of the staff who were busy at that change.
struct Duty: ~Copyable, Sendable {
  /// Per station: staff busy (on duty or finishing after their shift) and people on duty (in a
  /// pooled unit, `Int32.min / 2`: its people are the unit's headcount).
  private var busy: UniqueArray<Int32>
  private var capacity: UniqueArray<Int32>
  /// Per station, or per pooled unit at its first station: of the staff who were busy at the last
  /// change, the on-duty places still to be taken by the first of them to finish, and the rest, who
  /// go off duty when done.
  private var unclaimed: UniqueArray<Int32>
  private var overtime: UniqueArray<Int32>
  /// Per unit: its first station, its roles' shares, the headcount, whether it is pooled, and how
  /// many times the headcount has changed.
  private let firstStation: [Int32]
  private let shares: [[Double]]
  private var headcount: UniqueArray<Int32>
  private var pooled: UniqueArray<Bool>
  private var epoch: UniqueArray<UInt16>
  /// Per unit: its people on duty are duty staff (值班) now, who take only what duty takes.
  private var dutyStaff: UniqueArray<Bool>

  init(
    headcount: [Int32], duty: [Bool] = [], firstStation: [Int32], shares: [[Double]], stationCount: Int
  ) {
    busy = UniqueArray(repeating: 0, count: stationCount)
    capacity = UniqueArray(repeating: 0, count: stationCount)
    unclaimed = UniqueArray(repeating: 0, count: stationCount)
    overtime = UniqueArray(repeating: 0, count: stationCount)
    self.firstStation = firstStation
    self.shares = shares
    self.headcount = UniqueArray(repeating: 0, count: headcount.count)
    pooled = UniqueArray(repeating: false, count: headcount.count)
    epoch = UniqueArray(repeating: 0, count: headcount.count)
    dutyStaff = UniqueArray(repeating: false, count: headcount.count)
    for (unit, people) in headcount.enumerated() { apply(unit: unit, people: people) }
    for (unit, on) in duty.enumerated() where on { dutyStaff[unit] = true }
  }

  /// True while the unit's people on duty are duty staff (no office shift is on).
  @inline(__always)
  func isDuty(unit: Int) -> Bool { dutyStaff[unit] }

  /// True when a free on-duty staff member may take an item at the station.
  @inline(__always)
  func canStart(station: Int, unit: Int) -> Bool {
    // A pooled unit's stations have no people of their own (a capacity no count can be below): its
    // headcount decides.
    if busy[station] - overtime[station] < capacity[station] { return true }
    return pooled[unit] && onDutyBusy(unit: unit) < headcount[unit]
  }

  /// A staff member starts an item; returns the count to give back to ``finish(station:unit:epoch:)``.
  @inline(__always)
  mutating func start(station: Int, unit: Int) -> UInt16 {
    busy[station] += 1
    return epoch[unit]
  }

  /// A staff member is done with an item started at `started`: the first of those busy at the last
  /// change to finish stay on duty, the others go off duty.
  @inline(__always)
  mutating func finish(station: Int, unit: Int, epoch started: UInt16) {
    busy[station] -= 1
    guard started != epoch[unit] else { return }
    let k = pooled[unit] ? Int(firstStation[unit]) : station
    if unclaimed[k] > 0 {
      unclaimed[k] -= 1
    } else if overtime[k] > 0 {
      overtime[k] -= 1
    }
  }

  /// True when the unit's people cover its roles in turn.
  @inline(__always)
  func isPooled(unit: Int) -> Bool { pooled[unit] }

  /// The unit's stations.
  func stations(unit: Int) -> Range<Int> {
    let first = Int(firstStation[unit])
    return first..<first + shares[unit].count
  }

  /// The people on duty for the unit's role `role` (a pooled unit's headcount divided by the
  /// roles' shares): over the roles, the unit's headcount.
  func onDuty(unit: Int, role: Int) -> Double {
    guard pooled[unit] else { return Double(capacity[Int(firstStation[unit]) + role]) }
    let shares = shares[unit]
    return Double(headcount[unit]) * shares[role] / shares.reduce(0, +)
  }

  /// The people who may take the role's items now: its own staff, or in a pooled unit everyone on
  /// duty (they cover the roles in turn). A role's busy staff are never more.
  func cover(unit: Int, role: Int) -> Double {
    pooled[unit] ? Double(headcount[unit]) : Double(capacity[Int(firstStation[unit]) + role])
  }

  /// The unit's headcount becomes `people`: everyone busy now is one of the staff busy at this
  /// change, and the first of them to finish take the on-duty places.
  mutating func change(unit: Int, to people: Int32, duty: Bool = false) {
    dutyStaff[unit] = duty
    guard people != headcount[unit] else { return }
    apply(unit: unit, people: people)
  }

  private mutating func apply(unit: Int, people: Int32) {
    headcount[unit] = people
    epoch[unit] &+= 1
    let stations = stations(unit: unit)
    pooled[unit] = stations.count > 1 && people < stations.count
    if pooled[unit] {
      var total: Int32 = 0
      for s in stations {
        capacity[s] = Int32.min / 2
        unclaimed[s] = 0
        overtime[s] = 0
        total += busy[s]
      }
      unclaimed[stations.lowerBound] = min(total, people)
      overtime[stations.lowerBound] = total - min(total, people)
    } else {
      let split = CompiledWorkflow.split(people, shares: shares[unit])
      for (r, s) in stations.enumerated() { capacity[s] = split[r] }
      for s in stations {
        unclaimed[s] = min(busy[s], capacity[s])
        overtime[s] = busy[s] - unclaimed[s]
      }
    }
  }

  // Inlined: called out of line, it made every `canStart` copy the whole `Duty` (184 bytes) to the
  // stack first, to pass it borrowed.
  @inline(__always)
  private func onDutyBusy(unit: Int) -> Int32 {
    let stations = stations(unit: unit)
    var total: Int32 = 0
    for s in stations { total += busy[s] }
    return total - overtime[stations.lowerBound]
  }
}

extension Duty {
  /// A copy with storage of its own (a replication's snapshot).
  init(copying other: borrowing Duty) {
    busy = other.busy.copy()
    capacity = other.capacity.copy()
    unclaimed = other.unclaimed.copy()
    overtime = other.overtime.copy()
    firstStation = other.firstStation
    shares = other.shares
    headcount = other.headcount.copy()
    pooled = other.pooled.copy()
    epoch = other.epoch.copy()
    dutyStaff = other.dutyStaff.copy()
  }
}
