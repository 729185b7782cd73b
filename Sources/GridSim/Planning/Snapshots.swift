import Synchronization

/// The planner's snapshots: each replication the search runs (a seed, a surge, a number) is run once
/// up to the start of the first day a decision can change, and every candidate goes on from a copy
/// of it. On common random numbers the candidates are the same until then, so a copy's results are
/// the candidate's run from the start, bit for bit (``Simulation/copy(model:)`` says where it can
/// promise that, and a candidate it cannot is run from the start). On the shipped National Day plan
/// the weeks before the holiday are half of every run.
///
/// A snapshot is a replication's whole state (a few MB on National Day); they are kept for the
/// scenario's own replications (those every evaluation runs; the extra ones of a judgement on three
/// times as many run from the start) up to ``budget`` bytes, the first ones asked for, so memory
/// stays bounded whatever the replications; past it, runs start from the start.
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
  /// The model each surge's snapshots run under (its staffing before ``time`` is every candidate's).
  private let models: [Model]
  /// Replications with a snapshot: the scenario's own.
  private let replications: Int
  private let store = Mutex<(boxes: [Key: Box], bytes: Int)>(([:], 0))
  /// Copies made, and runs that could not start from one (for the tests).
  private let counts = Mutex<(copies: Int, full: Int)>((0, 0))

  /// Snapshots for `problem`: none when its first planned day is the period's first (nothing to
  /// share), or when not `enabled`.
  init(problem: PlanProblem, enabled: Bool = true) {
    let model = problem.models[0]
    time = enabled ? Double(problem.days.lowerBound * 1440 - model.startMinuteOfDay) : 0
    models = problem.models.indices.map { problem.model(surge: $0, plan: problem.upper) }
    replications = model.scenario.replications
  }

  /// Copies made from a snapshot so far, and runs from the start.
  var usage: (copies: Int, full: Int) { counts.withLock { $0 } }

  /// Replication `replication` of `model` (surge `surge`'s model with a candidate's rosters) on
  /// `seed`: from a copy of its snapshot where one can be used, else run from the start.
  func result(model: Model, surge: Int, seed: UInt64, replication: Int) -> ReplicationResult {
    if time > 0, replication < replications,
      let box = snapshot(Key(seed: seed, surge: surge, replication: replication)),
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
    if let box = store.withLock({ $0.boxes[key] }) { return box }
    guard store.withLock({ $0.bytes < Self.budget }) else { return nil }
    // Made even when there is no room left to keep it: a prefix and a copy cost one run.
    var simulation = Simulation(model: models[key.surge], seed: key.seed, replication: key.replication)
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
