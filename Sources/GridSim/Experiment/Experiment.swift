import Synchronization

/// Runs the replications of a model in parallel and returns their results in replication order.
///
/// Replication `r` draws only from streams derived from (seed, r), and results are merged by index,
/// so the figures are identical for any number of jobs.
public enum Experiment {
  /// Runs `replications` replications with at most `jobs` at once.
  ///
  /// `progress` is called with the number finished so far, from whichever thread finished one.
  package static func run(
    model: Model, replications: Int, seed: UInt64, jobs: Int,
    progress: (@Sendable (Int) -> Void)? = nil
  ) async -> [ReplicationResult] {
    await run(model: model, replications: 0..<replications, seed: seed, jobs: jobs, progress: progress)
  }

  /// Runs the replications in `range` (a slice of a run: ``Shard``), in their order.
  package static func run(
    model: Model, replications range: Range<Int>, seed: UInt64, jobs: Int,
    progress: (@Sendable (Int) -> Void)? = nil
  ) async -> [ReplicationResult] {
    await map(replications: range, jobs: jobs, progress: progress) { r in
      var simulation = Simulation(model: model, seed: seed, replication: r)
      return simulation.run()
    }
  }

  /// Runs the replications in `range` and reduces their results as they arrive, in replication
  /// order (see ``fold(replications:jobs:into:progress:_:fold:)``): memory does not grow with
  /// their number. `progress` is called with the number finished so far, from any thread.
  /// - Complexity: each replication's events (a heap operation each, O(log n) in the events
  ///   pending), `jobs` replications at once; memory O(jobs) replications' recorders.
  public static func reduce(
    model: Model, replications range: Range<Int>, seed: UInt64, jobs: Int,
    progress: (@Sendable (Int) -> Void)? = nil
  ) async -> Reduction {
    await fold(replications: range, jobs: jobs, into: Reduction(model: model), progress: progress) { r in
      var simulation = Simulation(model: model, seed: seed, replication: r)
      return simulation.run()
    } fold: { reduction, result in
      reduction.add(result)
    }
  }

  /// `body(r)` for each replication `r` in `range`, at most `jobs` at once, each folded into
  /// `initial` as soon as every replication before it has been: the fold sees the replications in
  /// their order whatever the number of jobs, so its figures are the same bit for bit. At most
  /// `4 × jobs` results wait for an earlier one, so memory does not grow with `range`.
  /// How many replications past the oldest not yet folded may be started or wait, with `jobs` at
  /// once: the most results a reduced run holds.
  package static func window(jobs: Int) -> Int { 4 * max(1, jobs) }

  package static func fold<T: Sendable, R: Sendable>(
    replications range: Range<Int>, jobs: Int, into initial: R, progress: (@Sendable (Int) -> Void)? = nil,
    _ body: @escaping @Sendable (Int) -> T, fold: (inout R, T) -> Void
  ) async -> R {
    var state = initial
    let count = range.count
    guard count > 0 else { return state }
    let jobs = max(1, min(jobs, count))
    let window = Self.window(jobs: jobs)
    var waiting: [Int: T] = [:]
    await withTaskGroup(of: (Int, T).self) { group in
      var next = 0
      var folded = 0
      var done = 0
      func launch() {
        let r = next
        next += 1
        group.addTask { (r, body(range.lowerBound + r)) }
      }
      while next < jobs { launch() }
      while let (r, result) = await group.next() {
        waiting[r] = result
        done += 1
        progress?(done)
        while let ready = waiting.removeValue(forKey: folded) {
          fold(&state, ready)
          folded += 1
        }
        // A new replication only within the window past the oldest not yet folded.
        while next < count, next < folded + window, next - done < jobs { launch() }
      }
    }
    return state
  }

  /// `body(r)` for each replication `r` in `range`, at most `jobs` at once, in replication order:
  /// what a caller needs of a replication beyond its results (its ledger, measured and dropped).
  package static func map<T: Sendable>(
    replications range: Range<Int>, jobs: Int, progress: (@Sendable (Int) -> Void)? = nil,
    _ body: @escaping @Sendable (Int) -> T
  ) async -> [T] {
    await fold(replications: range, jobs: jobs, into: [T](), progress: progress, body) { list, result in
      list.append(result)
    }
  }

  /// The engine's speed a run's time is estimated with, in events a second on one core: the
  /// township baseline runs at about 3.9 M/s on the 2-core CI machine (release build); the
  /// estimate is rounded down to allow for slower machines.
  package static let planningEventsPerSecond = 3e6

  /// About how long `events` take on `jobs` cores at ``planningEventsPerSecond``, in seconds.
  package static func estimatedSeconds(events: Double, jobs: Int) -> Double {
    events / (planningEventsPerSecond * Double(max(1, jobs)))
  }

  /// Runs the replications on the calling thread, one after another (for tests and benchmarks).
  package static func runSerially(model: Model, replications: Int, seed: UInt64) -> [ReplicationResult] {
    (0..<replications).map { r in
      var simulation = Simulation(model: model, seed: seed, replication: r)
      return simulation.run()
    }
  }
}

extension Duration {
  /// The duration in seconds.
  package var seconds: Double {
    let (s, attoseconds) = components
    return Double(s) + Double(attoseconds) * 1e-18
  }
}
