import Synchronization

/// The planner's snapshots: each replication the search runs (a seed, a surge, a number) is run once
/// up to the start of the first day a decision can change, and every candidate goes on from a copy
/// of it. On common random numbers the candidates are the same until then, so a copy's results are
/// the candidate's run from the start, bit for bit (``Simulation/copy(model:)`` says where it can
/// promise that, and a candidate it cannot is run from the start). On the shipped National Day plan
/// the weeks before the holiday are half of every run.
///
/// A batch of candidates that each differ from one plan from some day on (the minimality check,
/// the neighbours) goes further: that plan's run is made once per replication, and each candidate
/// goes on from a copy of it at the start of the first day it changes
/// (``results(base:branches:surge:seed:replication:)``).
///
/// And every run makes only what the checks read (``scope``): it stops once the last day they read
/// is settled, and works out only the quantiles they read.
///
/// A snapshot is a replication's whole state (about 1 MB on National Day, whose checks read one
/// measure's quantiles: the histograms of the others are not kept); they are kept up to ``budget``
/// bytes, the first ones asked for, so memory stays bounded whatever the replications; past it,
/// runs start from the start.
final class Snapshots: Sendable {
  /// A snapshot, shared by the copies made of it (read only).
  private final class Box: Sendable {
    let simulation: Simulation
    init(_ simulation: consuming Simulation) { self.simulation = simulation }
  }

  private struct Key: Hashable {
    var seed: UInt64
    var surge: Int
    var replication: Int
  }

  /// The most bytes of snapshots kept.
  static let budget = 384 << 20

  /// Simulation minutes at which the snapshots stop: the start of the first planned day.
  let time: Double
  /// What of each run the planner's checks read (``PlanProblem/scope``): runs stop once it is
  /// settled and make only its quantiles (everything, without snapshots).
  let scope: ResultScope
  /// The model each surge's snapshots run under (its staffing before ``time`` is every candidate's).
  private let models: [Model]
  private let store = Mutex<(boxes: [Key: Box], bytes: Int)>(([:], 0))
  /// Copies made (of them, those of a batch's run), and runs that could not start from one (for
  /// the tests).
  private let counts = Mutex<(copies: Int, full: Int, branches: Int)>((0, 0, 0))

  /// Snapshots for `problem`: none when its first planned day is the period's first (nothing to
  /// share), or when not `enabled`.
  init(problem: PlanProblem, enabled: Bool = true) {
    let model = problem.models[0]
    time = enabled ? Double(problem.days.lowerBound * 1440 - model.startMinuteOfDay) : 0
    scope = enabled ? problem.scope : .all
    models = problem.models.indices.map { problem.model(surge: $0, plan: problem.upper) }
  }

  /// Copies made from a snapshot so far, runs from the start, and of the copies those that went
  /// on from a batch's run (``results(base:branches:surge:seed:replication:)``).
  var usage: (copies: Int, full: Int, branches: Int) { counts.withLock { $0 } }

  /// Replication `replication` of `model` (surge `surge`'s model with a candidate's rosters) on
  /// `seed`: from a copy of its snapshot where one can be used, else run from the start.
  func result(model: Model, surge: Int, seed: UInt64, replication: Int) -> ReplicationResult {
    if time > 0,
      let box = snapshot(Key(seed: seed, surge: surge, replication: replication)),
      var copy = box.simulation.copy(model: model)
    {
      counts.withLock { $0.copies += 1 }
      return copy.finish()
    }
    counts.withLock { $0.full += 1 }
    var simulation = Simulation(model: model, seed: seed, replication: replication, scope: scope)
    return simulation.run()
  }

  /// Replication `replication` on `seed` of each of `branches`: models that share `base`'s
  /// staffing before their `time` (the start of the first day they differ on). `base` is run once,
  /// from its snapshot where it can be, and each branch goes on from a copy of that run taken at
  /// its time, the earliest first: a batch of candidates that each change a plan in one place
  /// shares one run up to there. A branch's results are its model's run from the start, bit for bit
  /// (where a copy cannot promise that, the branch runs as ``result(model:surge:seed:replication:)``
  /// runs it). Without snapshots, every branch runs from the start.
  func results(
    base: Model, branches: [(model: Model, time: Double)], surge: Int, seed: UInt64, replication: Int
  ) -> [ReplicationResult] {
    guard time > 0, !branches.isEmpty else {
      return branches.map { result(model: $0.model, surge: surge, seed: seed, replication: replication) }
    }
    let key = Key(seed: seed, surge: surge, replication: replication)
    var trunk: Simulation
    if let box = snapshot(key), let copy = box.simulation.copy(model: base) {
      trunk = copy
    } else {
      counts.withLock { $0.full += 1 }
      trunk = Simulation(model: base, seed: seed, replication: replication, scope: scope)
      trunk.run(before: time)
    }
    var results = [ReplicationResult?](repeating: nil, count: branches.count)
    for i in branches.indices.sorted(by: { (branches[$0].time, $0) < (branches[$1].time, $1) }) {
      trunk.advance(before: Swift.max(time, branches[i].time))
      if var copy = trunk.copy(model: branches[i].model) {
        counts.withLock {
          $0.copies += 1
          $0.branches += 1
        }
        results[i] = copy.finish()
      } else {
        results[i] = result(model: branches[i].model, surge: surge, seed: seed, replication: replication)
      }
    }
    return results.map { $0! }
  }

  /// The snapshot for `key`, made now if there is room (two threads may both make one: the same,
  /// and the first kept).
  private func snapshot(_ key: Key) -> Box? {
    if let box = store.withLock({ $0.boxes[key] }) { return box }
    guard store.withLock({ $0.bytes < Self.budget }) else { return nil }
    // Made even when there is no room left to keep it: a prefix and a copy cost one run.
    var simulation = Simulation(
      model: models[key.surge], seed: key.seed, replication: key.replication, scope: scope)
    simulation.run(before: time)
    let bytes = simulation.byteCount
    let made = Box(simulation)
    return store.withLock { store in
      if let kept = store.boxes[key] { return kept }
      if store.bytes + bytes <= Self.budget {
        store.boxes[key] = made
        store.bytes += bytes
      }
      return made
    }
  }
}
