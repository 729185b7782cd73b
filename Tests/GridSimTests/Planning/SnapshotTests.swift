import Foundation
import Testing

@testable import GridSim

/// The Erlang desk on a roster of two shifts (day and night), planned on Mar 10-11 of a period
/// from Mar 8: the snapshots stop at the start of Mar 10, two days in.
private func twoShiftDesk(staff: Int = 6) -> String {
  erlangScenario()
    .replacingOccurrences(
      of: "start: \"2026-03-09T00:00\", length: \"4 days\"",
      with: "start: \"2026-03-08T00:00\", length: \"5 days\""
    )
    .replacingOccurrences(
      of: "deadlines: { response: \"15 min\", onBreach: \"record\" } }",
      with: """
        deadlines: { response: \"15 min\", onBreach: \"record\" }, roster: { shifts: [\
        { name: \"day\", start: \"08:00\", end: \"20:00\", staff: \(staff) }, \
        { name: \"night\", start: \"20:00\", end: \"08:00\", staff: \(staff - 2) }] } }
        """)
}

private func bytes(_ result: ReplicationResult) -> [UInt8] {
  var writer = FlatWriter()
  result.write(to: &writer)
  return writer.bytes
}

private func copies(_ simulation: borrowing Simulation, _ model: Model) -> Bool {
  guard simulation.copy(model: model) != nil else { return false }
  return true
}

@Suite("The planner's snapshots of the days before the window")
struct SnapshotTests {
  @Test(
    "a candidate that goes on from a snapshot gives its run from the start bit for bit, under every surge; other staffing before the window is run from the start"
  )
  func exact() async throws {
    let problem = try #require(PlanProblem(try load(twoShiftDesk())))
    #expect(problem.decisions.count == 4)
    let snapshots = Snapshots(problem: problem)
    // Two days in, at midnight of Mar 10.
    #expect(snapshots.time == 2 * 1440)
    let mixed = problem.decisions.indices.map { $0 % 2 == 0 ? problem.upper[$0] : problem.lower[$0] }
    var compared = 0
    for plan in [problem.lower, problem.upper, mixed] {
      for surge in problem.models.indices {
        let model = problem.model(surge: surge, plan: plan)
        for r in 0..<3 {
          let copied = snapshots.result(model: model, surge: surge, seed: 7, replication: r)
          var simulation = Simulation(model: model, seed: 7, replication: r, scope: snapshots.scope)
          let same = bytes(copied) == bytes(simulation.run())
          #expect(same, "plan \(plan), surge \(surge), replication \(r)")
          compared += 1
        }
      }
    }
    #expect(snapshots.usage.copies == compared && snapshots.usage.full == 0)
    // The plans differ, so the copies went on differently: not one result copied for all.
    let model = problem.models[0]
    let low = snapshots.result(
      model: problem.model(surge: 0, plan: problem.lower), surge: 0, seed: 7, replication: 0)
    let high = snapshots.result(
      model: problem.model(surge: 0, plan: problem.upper), surge: 0, seed: 7, replication: 0)
    let differ = bytes(low) != bytes(high)
    #expect(differ)
    #expect((low.utilization(tier: 0, days: [2]) ?? 0) > (high.utilization(tier: 0, days: [2]) ?? 1))
    // A model with other staffing before the window (5 on the day shift rather than 6) is not
    // copied: it runs from the start, and its results are its own.
    let other = try #require(PlanProblem(try load(twoShiftDesk(staff: 5)))).model(
      surge: 0, plan: problem.lower)
    var prefix = Simulation(model: model, seed: 7, replication: 0)
    prefix.run(before: snapshots.time)
    let copiedOther = copies(prefix, other)
    let copiedUpper = copies(prefix, problem.model(surge: 0, plan: problem.upper))
    #expect(!copiedOther && copiedUpper)
    let full = snapshots.usage.full
    let own = snapshots.result(model: other, surge: 0, seed: 7, replication: 0)
    var simulation = Simulation(model: other, seed: 7, replication: 0, scope: snapshots.scope)
    let same = bytes(own) == bytes(simulation.run())
    #expect(same)
    #expect(snapshots.usage.full == full + 1)
  }

  @Test(
    "a snapshot run without staff changes (one desk at its maximum all along) still serves candidates whose staff change where the window starts"
  )
  func noChangeInTheSnapshot() async throws {
    let problem = try #require(PlanProblem(try load(erlangScenario())))
    let snapshots = Snapshots(problem: problem)
    #expect(problem.upper == [12, 12] && snapshots.time == 1440)
    var compared = 0
    for plan in [[4, 4], [7, 9], [12, 5], [12, 12]] {
      let model = problem.model(surge: 0, plan: plan)
      for r in 0..<3 {
        let copied = snapshots.result(model: model, surge: 0, seed: 3, replication: r)
        var simulation = Simulation(model: model, seed: 3, replication: r, scope: snapshots.scope)
        let same = bytes(copied) == bytes(simulation.run())
        #expect(same, "plan \(plan), replication \(r)")
        compared += 1
      }
    }
    #expect(snapshots.usage.copies == compared && snapshots.usage.full == 0)
  }

  @Test(
    "a batch branched from one plan's run gives each candidate its run from the start bit for bit, whatever day it changes, with a snapshot or without"
  )
  func branches() async throws {
    let problem = try #require(PlanProblem(try load(twoShiftDesk())))
    let snapshots = Snapshots(problem: problem)
    let base = problem.decisions.indices.map { (problem.lower[$0] + problem.upper[$0]) / 2 }
    // One fewer or one more at each shift-day, and a move from the 10th's day to the 11th's night.
    var candidates: [[Int]] = []
    for i in base.indices {
      for change in [-1, 1] {
        var plan = base
        plan[i] += change
        candidates.append(plan)
      }
    }
    var moved = base
    moved[0] -= 1
    moved[3] += 1
    candidates.append(moved)
    let days = candidates.map { plan in
      problem.decisions.indices.filter { plan[$0] != base[$0] }.map { problem.decisions[$0].day }.min()!
    }
    #expect(Set(days) == [2, 3])
    let replications = problem.models[0].scenario.replications
    for surge in problem.models.indices {
      let models = candidates.map { problem.model(surge: surge, plan: $0) }
      // The scenario's first replication and one past them.
      for r in [0, replications] {
        let branched = snapshots.usage.branches
        let results = snapshots.results(
          base: problem.model(surge: surge, plan: base),
          branches: zip(models, days).map { (model: $0, time: Double($1 * 1440)) }, surge: surge, seed: 5,
          replication: r)
        // Every one went on from the base's run, none from its own snapshot or the start.
        #expect(snapshots.usage.branches == branched + candidates.count)
        for (c, model) in models.enumerated() {
          var simulation = Simulation(model: model, seed: 5, replication: r, scope: snapshots.scope)
          let same = bytes(results[c]) == bytes(simulation.run())
          #expect(same, "candidate \(candidates[c]), surge \(surge), replication \(r)")
        }
      }
    }
    #expect(snapshots.usage.full == 0)
  }

  @Test(
    "the planner's batch judges each candidate as on its own (the same checks, the same surges run), and counts its runs"
  )
  func batch() async throws {
    let problem = try #require(PlanProblem(try load(twoShiftDesk())))
    let planner = Planner(problem: problem, jobs: 2)
    let base = problem.decisions.indices.map { (problem.lower[$0] + problem.upper[$0]) / 2 }
    let candidates = base.indices.map { i in base.enumerated().map { $0.offset == i ? 1 : $0.element } }
    let stops: [((TargetOutcome) -> Bool)?] = [nil, { _ in true }]
    for stopWhen in stops {
      var counted = 0
      let batch = await planner.evaluate(
        candidates, branchingFrom: base, seed: 9, replications: 4, stopWhen: stopWhen, batch: 3,
        counter: &counted)
      var alone = 0
      for (candidate, evaluation) in zip(candidates, batch) {
        let own = await planner.evaluate(
          candidate, seed: 9, replications: 4, stopWhen: stopWhen, counter: &alone)
        #expect(evaluation.checks == own.checks, "\(candidate)")
        #expect(evaluation.utilization == own.utilization && evaluation.work == own.work)
      }
      #expect(counted == alone)
    }
  }
}

@Suite("The planner's runs make only what its checks read")
struct ResultScopeTests {
  @Test(
    "on National Day, a run stopped once the recovery's day is settled, with quantiles only for detection, judges every check as the whole run does"
  )
  func nationalDay() async throws {
    let scenario = try ScenarioLoader.load(
      path: repositoryRoot.appendingPathComponent("Scenarios/national-day-2026.json5").path
    ).scenario
    let problem = try #require(PlanProblem(scenario))
    let scope = problem.scope
    // Sep 14 + 29 days: Oct 13, the 5th working day after the holiday (the recovery's day), after
    // the targets' window (Oct 1-7); one target reads a percentile, of detection.
    #expect(scope.settledAfter == 29 && problem.recovery?.after == 29)
    #expect(scope.quantiles == [.detection])
    // The targets' window is the planned days, Oct 1-7: their items, and the visits begun then.
    #expect(problem.days == 17..<24 && scope.items == problem.days && scope.visits == problem.days)
    let planner = Planner(problem: problem, jobs: 1)
    var stoppedEarly = 0
    let between = problem.decisions.indices.map { (problem.lower[$0] + problem.upper[$0]) / 2 }
    for plan in [between, problem.upper] {
      for surge in problem.models.indices {
        let model = problem.model(surge: surge, plan: plan)
        var full: [ReplicationResult] = []
        var scoped: [ReplicationResult] = []
        for r in 0..<3 {
          var whole = Simulation(model: model, seed: 21, replication: r)
          full.append(whole.run())
          var part = Simulation(model: model, seed: 21, replication: r, scope: scope)
          scoped.append(part.run())
        }
        let checks = planner.judge(scoped, model: model, surge: surge)
        #expect(!checks.isEmpty && checks == planner.judge(full, model: model, surge: surge))
        for (a, b) in zip(scoped, full) {
          for t in 0..<model.tierCount {
            for d in 0...29 {
              #expect(a.dailyBusy[d, t] == b.dailyBusy[d, t] && a.dailyBacklog[d, t] == b.dailyBacklog[d, t])
              #expect(a.utilization(tier: t, days: [d]) == b.utilization(tier: t, days: [d]))
            }
          }
          // Outside the scope: the count and the mean, no percentile.
          let wait = (a.metric(.wait, group: .system), b.metric(.wait, group: .system))
          #expect(wait.0.p90 == nil && wait.1.p90 != nil)
          if a.events < b.events {
            stoppedEarly += 1
          }
        }
      }
    }
    // The runs did stop early (else the comparison shows nothing): most, not necessarily all.
    #expect(stoppedEarly >= 6)
  }

  @Test(
    "a run is settled only when no item of the read days is left, nor an older one whose visit began on them"
  )
  func settled() {
    var store = ItemStore()
    func item(appeared: Double, arrived: Double) -> Item {
      var item = Item(
        appeared: appeared, detected: appeared, leaf: 0, category: 0, severity: 0, counted: true, channel: 0,
        dayKind: 0)
      item.beginVisit(
        tier: 0, unit: 0, at: arrived, stage: 0, clockStart: arrived, responseDue: .infinity,
        resolutionDue: .infinity)
      return item
    }
    // The second day is read: its items, and the visits begun on it.
    let day = 1440.0..<2880.0
    func settled() -> Bool { !store.holdsAny(appearedIn: day, arrivedIn: day) }
    let old = store.add(item(appeared: 100, arrived: 200))
    let later = store.add(item(appeared: 3000, arrived: 3000))
    #expect(settled())
    // An item of the day itself, still at its first tier after the day.
    let own = store.add(item(appeared: 1500, arrived: 1500))
    #expect(!settled())
    store.remove(own)
    #expect(settled())
    // An older item that went up a tier on the day: that visit's outcomes count on the day.
    let escalated = store.add(item(appeared: 100, arrived: 2000))
    #expect(!settled())
    store.remove(escalated)
    store.remove(old)
    store.remove(later)
    #expect(settled())
    // Freed slots are reused: a new item in a freed slot is judged by its own times.
    _ = store.add(item(appeared: 1600, arrived: 4000))
    #expect(!settled())
  }
}
