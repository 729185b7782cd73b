/// The `plan` key: what `gridsim plan` decides, over which days, within which bounds.
///
/// The decisions are the headcount per unit of each shift of the planned tiers on each date of the
/// window (a tier without a roster is planned as one all-day shift), the same for every unit of a
/// tier.
package struct PlanSpec: Sendable, Equatable {
  /// How the targets are read over the window.
  package enum Judge: String, Sendable, CaseIterable {
    /// Each target holds for the items of each day of the window (a bad day is not hidden inside a
    /// good fortnight).
    case day
    /// Each target holds over the window as a whole.
    case window
  }

  /// The window: a key-date window's name, or dates (day numbers, inclusive).
  package var windowName: String?
  package var from: Int
  package var to: Int
  /// The planned tiers' ids (all tiers when the scenario names none).
  package var tiers: [String]
  /// People per unit per shift, per tier id.
  package var min: [String: Int]
  package var max: [String: Int]
  /// Cost per staff-hour, per tier id (1 when not given).
  package var cost: [String: Double]
  /// Arrival multipliers the plan must also hold under.
  package var surges: [Double]
  package var judge: Judge
  /// Tier ids planned unit by unit (each unit its own headcount), where units differ in load.
  package var perUnit: [String]
  /// Working days after the window by which every tier's backlog must be back to its level of the
  /// day before the window (0: not judged).
  package var recovery: Int
  /// The least share of what duty must take (``DutyRule``) answered on time, on every day of the
  /// window at every planned tier with duty shifts.
  package var dutyFloor: Double
  /// Cost weights by day kind (1 when not given): pay on rest days and holidays.
  package var dayCost: [DayKind: Double]
  /// The cost weight of a statutory holiday (法定节假日, a subset of the holiday days; nil: as the
  /// day's kind).
  package var statutoryCost: Double? = nil

  package init(
    windowName: String? = nil, from: Int, to: Int, tiers: [String], min: [String: Int] = [:],
    max: [String: Int] = [:], cost: [String: Double] = [:], surges: [Double] = [1], judge: Judge = .day,
    perUnit: [String] = [], recovery: Int = 3, dutyFloor: Double = 0.5, dayCost: [DayKind: Double] = [:]
  ) {
    self.perUnit = perUnit
    self.recovery = recovery
    self.dutyFloor = dutyFloor
    self.dayCost = dayCost
    self.windowName = windowName
    self.from = from
    self.to = to
    self.tiers = tiers
    self.min = min
    self.max = max
    self.cost = cost
    self.surges = surges
    self.judge = judge
  }

  /// The dates of the window, as day numbers.
  package var days: ClosedRange<Int> { from...to }
}
