import Synchronization

/// The planner's snapshots: each replication the search runs (a seed, a surge, a number) is run once
/// up to the start of the first day a decision can change, and every candidate goes on from a copy
/// of it. On common random numbers the candidates are the same until then, so a copy's results are
/// the candidate's run from the start, bit for bit (``Simulation/copy(model:)`` says where it can
/// promise that, and a candidate it cannot is run from the start). On the shipped National Day plan
/// the weeks before the holiday are half of every run.
///
/// A snapshot is a replication's whole state; at most ``maximum`` are kept (the first ones asked
/// for), so memory stays bounded whatever the replications; past them, runs start from the start.
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

  /// The most snapshots kept.
  static let maximum = 512

  /// Simulation minutes at which the snapshots stop: the start of the first planned day.
  let time: Double
  /// The model each surge's snapshots run under (its staffing before ``time`` is every candidate's).
  private let models: [Model]
  private let store = Mutex<[Key: Box]>([:])
  /// Copies made, and runs that could not start from one (for the tests).
  private let counts = Mutex<(copies: Int, full: Int)>((0, 0))

  /// Snapshots for `problem`: none when its first planned day is the period's first (nothing to
  /// share), or when not `enabled`.
  init(problem: PlanProblem, enabled: Bool = true) {
    let model = problem.models[0]
    time = enabled ? Double(problem.days.lowerBound * 1440 - model.startMinuteOfDay) : 0
    models = problem.models.indices.map { problem.model(surge: $0, plan: problem.upper) }
  }

  /// Copies made from a snapshot so far, and runs from the start.
  var usage: (copies: Int, full: Int) { counts.withLock { $0 } }

  /// Replication `replication` of `model` (surge `surge`'s model with a candidate's rosters) on
  /// `seed`: from a copy of its snapshot where one can be used, else run from the start.
  func result(model: Model, surge: Int, seed: UInt64, replication: Int) -> ReplicationResult {
    if time > 0, let box = snapshot(Key(seed: seed, surge: surge, replication: replication)),
      var copy = box.simulation.copy(model: model)
    {
      counts.withLock { $0.copies += 1 }
      return copy.finish()
    }
    counts.withLock { $0.full += 1 }
    var simulation = Simulation(model: model, seed: seed, replication: replication)
    return simulation.run()
  }

  /// The snapshot for `key`, made now if there is room (two threads may both make one: the same,
  /// and the first kept).
  private func snapshot(_ key: Key) -> Box? {
    if let box = store.withLock({ $0[key] }) { return box }
    guard store.withLock({ $0.count < Self.maximum }) else { return nil }
    var simulation = Simulation(model: models[key.surge], seed: key.seed, replication: key.replication)
    simulation.run(before: time)
    let made = Box(simulation)
    return store.withLock { store in
      if let kept = store[key] { return kept }
      if store.count < Self.maximum { store[key] = made }
      return made
    }
  }
}
