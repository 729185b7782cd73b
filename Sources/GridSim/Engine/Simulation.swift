/// One replication of a model: a discrete-event simulation of items moving up the tiers.
///
/// The engine (``Replication``) is compiled twice, once per ``EnginePaths``. A model that uses
/// none of the optional paths, run without a ledger, gets the copy compiled without them
/// (``BasicPaths``): their checks are not skipped at run time but absent, which on tandem3 saves
/// about 6% of the engine's time. Every other run gets the copy with them all (``AllPaths``). The
/// two copies give the same results wherever both apply (`EnginePathsTests`).
///
/// Like the engine, a simulation can be moved (to another task, say) but not copied.
package struct Simulation: ~Copyable, Sendable {
  private enum Compiled: ~Copyable, Sendable {
    case basic(Replication<BasicPaths>)
    case all(Replication<AllPaths>)
  }

  private var compiled: Compiled

  /// Prepares replication `replication` of `model`, with streams derived from `seed`; with
  /// `ledger`, every item's path is kept in ``ledger`` (the results are the same either way). A
  /// `scope` other than ``ResultScope/all`` makes only part of the results (the planner's).
  package init(model: Model, seed: UInt64, replication: Int, ledger: Bool = false, scope: ResultScope = .all)
  {
    self.init(
      model: model, seed: seed, replication: replication, ledger: ledger,
      basic: !ledger && !model.usesOptionalPaths, scope: scope)
  }

  /// With `basic` false, the copy with every path, whatever the model (for the tests that compare
  /// the two copies).
  init(model: Model, seed: UInt64, replication: Int, ledger: Bool, basic: Bool, scope: ResultScope = .all) {
    compiled =
      basic
      ? .basic(Replication(model: model, seed: seed, replication: replication, ledger: false, scope: scope))
      : .all(Replication(model: model, seed: seed, replication: replication, ledger: ledger, scope: scope))
  }

  private init(_ compiled: consuming Compiled) { self.compiled = compiled }

  /// True when this simulation runs the copy compiled without the optional paths.
  var isBasic: Bool {
    switch compiled {
    case .basic: true
    case .all: false
    }
  }

  /// Runs to the end of the period (or as far as its scope needs) and returns the replication's
  /// measures.
  package mutating func run() -> ReplicationResult {
    // A noncopyable enum's payload is changed by taking it out and putting the whole back.
    switch consume compiled {
    case .basic(var replication):
      let result = replication.run()
      self = Simulation(.basic(replication))
      return result
    case .all(var replication):
      let result = replication.run()
      self = Simulation(.all(replication))
      return result
    }
  }

  /// Starts the replication and runs its events before `time`: a snapshot that ``copy(model:)``
  /// continues under other staffing, then ``finish()``.
  mutating func run(before time: Double) {
    switch consume compiled {
    case .basic(var replication):
      replication.start()
      replication.advance(before: time)
      self = Simulation(.basic(replication))
    case .all(var replication):
      replication.start()
      replication.advance(before: time)
      self = Simulation(.all(replication))
    }
  }

  /// Runs on, after ``run(before:)``, through the events before `time` (a later snapshot of the
  /// same run).
  mutating func advance(before time: Double) {
    switch consume compiled {
    case .basic(var replication):
      replication.advance(before: time)
      self = Simulation(.basic(replication))
    case .all(var replication):
      replication.advance(before: time)
      self = Simulation(.all(replication))
    }
  }

  /// A copy that goes on under `model`, whose results are `model`'s run from the start bit for bit;
  /// nil where that cannot be (``Replication/copy(model:)``).
  func copy(model: Model) -> Simulation? {
    switch compiled {
    case .basic(let replication):
      guard let copy = replication.copy(model: model) else { return nil }
      return Simulation(.basic(copy))
    case .all(let replication):
      guard let copy = replication.copy(model: model) else { return nil }
      return Simulation(.all(copy))
    }
  }

  /// About how many bytes the replication holds (a snapshot's size).
  var byteCount: Int {
    switch compiled {
    case .basic(let replication): replication.byteCount
    case .all(let replication): replication.byteCount
    }
  }

  /// Runs on to the end of the period and returns the replication's measures (after
  /// ``run(before:)``), or as far as its scope needs.
  mutating func finish() -> ReplicationResult {
    switch consume compiled {
    case .basic(var replication):
      replication.advance(before: .infinity, settling: true)
      let result = replication.finish()
      self = Simulation(.basic(replication))
      return result
    case .all(var replication):
      replication.advance(before: .infinity, settling: true)
      let result = replication.finish()
      self = Simulation(.all(replication))
      return result
    }
  }

  /// Events taken off the heap, stale ones included.
  package var eventCount: Int {
    switch compiled {
    case .basic(let replication): replication.eventCount
    case .all(let replication): replication.eventCount
    }
  }

  /// Every item's path, when asked for.
  package var ledger: Ledger? {
    switch compiled {
    case .basic: nil
    case .all(let replication): replication.ledger
    }
  }
}

/// Which of the engine's paths a copy of it is compiled with.
///
/// The optional paths are those most models do without: the ledger, the extra columns (severity,
/// measured days), monitoring rounds, several channels, worsening opinion, skip-level reports and
/// forks to several departments (``Model/usesOptionalPaths``). Every other rule (deadlines,
/// extensions, callbacks, reminders, stages and roles, shifts) is in both copies.
protocol EnginePaths: Sendable {
  /// False in the copy compiled without the optional paths: each of their checks is then false at
  /// compile time, and the code behind it is gone.
  static var optionalPaths: Bool { get }
}

/// The copy without the optional paths.
enum BasicPaths: EnginePaths {
  static var optionalPaths: Bool { false }
}

/// The copy with every path, each checked at run time.
enum AllPaths: EnginePaths {
  static var optionalPaths: Bool { true }
}

/// The optional paths' checks in the engine: each is false at compile time in the basic copy.
extension Replication {
  /// True when the whole system's figures are also kept per severity or per measured day.
  @inline(__always)
  var hasExtraColumns: Bool { Paths.optionalPaths && model.hasExtraColumns }

  /// True when some channel is checked in rounds (detection delay is then recorded).
  @inline(__always)
  var monitored: Bool { Paths.optionalPaths && model.monitored }

  /// True when items come by several channels (drawn, and measured per channel).
  @inline(__always)
  var hasChannels: Bool { Paths.optionalPaths && !model.channelTables.isEmpty }

  /// True when the slot holds a task (a forked part or a skip-level report), not an item.
  @inline(__always)
  func isTask(_ slot: Int) -> Bool { Paths.optionalPaths && items[slot].isTask }
}
