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
          var simulation = Simulation(model: model, seed: 7, replication: r)
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
    var simulation = Simulation(model: other, seed: 7, replication: 0)
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
        var simulation = Simulation(model: model, seed: 3, replication: r)
        let same = bytes(copied) == bytes(simulation.run())
        #expect(same, "plan \(plan), replication \(r)")
        compared += 1
      }
    }
    #expect(snapshots.usage.copies == compared && snapshots.usage.full == 0)
  }
}
