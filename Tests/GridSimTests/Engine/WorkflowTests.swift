import Foundation
import Testing

@testable import GridSim

/// A grid tier (one grid, `gridStaff` staff) below a village tier (one staff member), fixed times
/// and scripted items only, so that every figure is computed by hand.
func workflowScenario(
  grid: String, village: String = "id: \"village\", handling: \"1 h\"", gridStaff: Int = 1,
  policy: String = "",
  demand: String = "", injects: String
) -> String {
  """
  {
    version: 1,
    period: { start: "2026-01-05T00:00", length: "2 days" },
    replications: 1,
    demand: {
      perGridPerDay: 0,
      categories: [{ id: "issue", share: 1 }, { id: "consultation", share: 0 }, { id: "opinion", share: 0 }],
      severities: [{ id: "routine", share: 1 }, { id: "major", share: 0 }],
      \(demand)
      injects: [\(injects)],
    },
    tiers: [{ \(grid) }, { \(village) }],
    policy: { \(policy) },
    organization: { name: "v", staff: 1, children: { name: "g", staff: \(gridStaff) } },
  }
  """
}

@Suite("The workflow, computed by hand")
struct WorkflowTests {
  @Test("stages run in order, each by its role; a category skips what does not apply")
  func stagesAndRoles() throws {
    // accept 0:00-0:10 (the response), handle 0:10-1:10, approve by the head 1:10-1:40, reply
    // 1:40-2:00 (the resolution). A consultation skips handle and approve: reply at 0:30.
    let grid = """
      id: "grid", roles: [{ id: "worker", share: 0.5 }, { id: "head", share: 0.5 }],
      stages: [
        { id: "accept", role: "worker", time: "10 min" },
        { id: "handle", role: "worker", time: "1 h", skip: ["consultation"] },
        { id: "approve", role: "head", time: "30 min", skip: ["consultation"] },
        { id: "reply", role: "worker", time: "20 min" },
      ]
      """
    let (_, r) = try runOnce(
      workflowScenario(
        grid: grid, gridStaff: 2,
        injects: "{ after: \"0 min\" }, { after: \"3 h\", category: \"consultation\" }"))
    #expect(r.count(.closed, group: .tier(0)) == 2)
    #expect(r.metric(.response, group: .system, category: 0).mean == 10)
    #expect(r.metric(.resolution, group: .system, category: 0).mean == 120)
    #expect(r.metric(.resolution, group: .system, category: 1).mean == 30)
    #expect(r.metric(.timeAtTier, group: .tier(0)).max == 120)
    // Each role's utilization over the two days: the worker busy 10 + 60 + 20 + 10 + 20 = 120 min,
    // the head 30 min, one of each on duty for 2,880 min; the village's one role busy 0.
    let expected: [Double?] = [120.0 / 2880, 30.0 / 2880, 0]
    #expect(r.roleUtilization == expected)
  }

  @Test("a fork waits for every department's part: in parallel with two staff, one after the other with one")
  func forks() throws {
    func resolution(staff: Int) throws -> (Double?, Int) {
      let grid = """
        id: "grid", stages: [{ id: "accept", time: "10 min" }, { id: "handle", time: "1 h", departments: { "2": 1 } }]
        """
      let (_, r) = try runOnce(
        workflowScenario(grid: grid, gridStaff: staff, injects: "{ after: \"0 min\" }"))
      return (r.metric(.resolution, group: .system).mean, r.count(.forked, group: .tier(0)))
    }
    #expect(try resolution(staff: 2) == (70, 1))
    #expect(try resolution(staff: 1) == (130, 1))
  }

  @Test("an extension moves the resolution deadline up to its limit, once; a miss after it names the unit")
  func extensions() throws {
    // Handling 5 h against a 4 h deadline. Extended to 6 h: done in time. Extended to 4.5 h: missed
    // at 4:30, named, taken up; the village closes it at 5:30.
    func run(limit: String) throws -> ReplicationResult {
      let grid = """
        id: "grid", handling: "5 h",
        deadlines: { resolution: "4 h", extension: { probability: 1, limit: "\(limit)" } }
        """
      return try runOnce(workflowScenario(grid: grid, injects: "{ after: \"0 min\" }")).1
    }
    let granted = try run(limit: "6 h")
    #expect(granted.count(.extensions, group: .tier(0)) == 1)
    #expect(granted.count(.resolutionMet, group: .tier(0)) == 1)
    #expect(granted.count(.named, group: .tier(0)) == 0)
    #expect(granted.metric(.resolution, group: .system).mean == 300)
    let short = try run(limit: "4.5 h")
    #expect(short.count(.extensions, group: .tier(0)) == 1)
    #expect(short.count(.resolutionMissed, group: .tier(0)) == 1)
    #expect(short.count(.named, group: .tier(0)) == 1)
    #expect(short.count(.named, group: .system) == 1)
    #expect(short.unitNamed == [0, 1])  // the grid unit (units: the village, then its grid)
    #expect(short.count(.escalatedDeadline, group: .tier(0)) == 1)
    #expect(short.metric(.resolution, group: .system).mean == 330)
  }

  @Test("supervision reminders: one per fraction of the time to the deadline that passed")
  func reminders() throws {
    func reminders(handling: String) throws -> Int {
      let grid = "id: \"grid\", handling: \"\(handling)\", deadlines: { resolution: \"4 h\" }"
      let (_, r) = try runOnce(
        workflowScenario(
          grid: grid, policy: "supervision: { reminders: [0.5, 0.75] }", injects: "{ after: \"0 min\" }"))
      #expect(r.count(.reminders, group: .system) == r.count(.reminders, group: .tier(0)))
      return r.count(.reminders, group: .tier(0))
    }
    #expect(try reminders(handling: "1 h") == 0)
    #expect(try reminders(handling: "150 min") == 1)  // past 2 h
    #expect(try reminders(handling: "3.5 h") == 2)  // past 2 h and 3 h
  }

  @Test("an unsatisfied callback reopens the item, at most maxReopenings times; satisfaction is measured")
  func callbacks() throws {
    // accept 0-10, reply 10-30, callback 30-40: unsatisfied, reopened; again accept 40-50, reply
    // 50-70, callback 70-80: unsatisfied, but the limit is reached: closed at 80. The resolution is
    // the last reply (70), the time in system runs to the closure (80), and it closes once.
    func run(_ callback: String) throws -> ReplicationResult {
      let grid = """
        id: "grid", callback: { \(callback) },
        stages: [{ id: "accept", time: "10 min" }, { id: "reply", time: "20 min" }, { id: "callback", time: "10 min" }]
        """
      return try runOnce(workflowScenario(grid: grid, injects: "{ after: \"0 min\" }")).1
    }
    let reopened = try run("unsatisfied: 1, maxReopenings: 1")
    #expect(reopened.count(.unsatisfied, group: .tier(0)) == 2)
    #expect(reopened.count(.reopened, group: .tier(0)) == 1)
    #expect(reopened.count(.visits, group: .tier(0)) == 2)
    // Two visits, one entry: the flow chart draws entries, not visits.
    #expect(reopened.count(.entered, group: .tier(0)) == 1)
    #expect(reopened.count(.closed, group: .system) == 1)
    #expect(reopened.metric(.resolution, group: .system).mean == 70)  // the last reply
    #expect(reopened.metric(.timeInSystem, group: .system).mean == 80)
    #expect(reopened.count(.closed, group: .tier(0)) == 1)
    #expect(reopened.metric(.timeAtTier, group: .tier(0)).max == 40)
    let up = try run("unsatisfied: 1, maxReopenings: 1, reopenAt: \"up\"")
    #expect(up.count(.escalatedReopened, group: .tier(0)) == 1)
    #expect(up.count(.visits, group: .tier(1)) == 1)
    #expect(up.count(.entered, group: .tier(1)) == 0)
    let satisfied = try run("unsatisfied: 0")
    #expect(satisfied.count(.satisfied, group: .system) == 1)
    #expect(satisfied.count(.reopened, group: .system) == 0)
  }

  @Test(
    "unanswered opinion worsens: severity rises, follow-ups appear, and it goes to the tier its new severity enters at"
  )
  func worsening() throws {
    // The grid worker is busy 0-3 h with an issue; the opinion waits and is not answered at 1 h:
    // it becomes major, two follow-up posts appear (major: they enter at the village), and the
    // opinion itself is taken to the village.
    func run(_ injects: String) throws -> ReplicationResult {
      try runOnce(
        workflowScenario(
          grid: "id: \"grid\", handling: \"3 h\"",
          policy: "categories: { opinion: { worsening: { within: \"1 h\", followUps: 2 } } }",
          demand: "entry: [{ severity: \"major\", tier: \"village\" }],", injects: injects)
      ).1
    }
    let worse = try run("{ after: \"0 min\" }, { after: \"0 min\", category: \"opinion\" }")
    #expect(worse.count(.worsened, group: .system) == 1)
    #expect(worse.count(.kept, group: .system) == 0)
    #expect(worse.count(.followUps, group: .system) == 2)
    #expect(worse.count(.appeared, group: .system) == 4)
    #expect(worse.count(.escalatedWorsened, group: .tier(0)) == 1)
    #expect(worse.count(.visits, group: .tier(1)) == 3)
    let kept = try run("{ after: \"0 min\", category: \"opinion\" }")
    #expect(kept.count(.kept, group: .system) == 1)
    #expect(kept.count(.worsened, group: .system) == 0)
  }

  @Test("opinion picked up and answered at the very minute its worsening window closes is kept")
  func worseningTie() throws {
    // One grid worker: an issue 0:00-0:30, a consultation 0:30-1:30; the opinion, also seen at
    // 0:00, waits and is answered at pick-up at 1:30, the end of its 90-minute window: kept. (Its
    // window was set before the consultation's service began: the rule decides, not the order
    // the events were scheduled in.) Answered at 1:31, it worsens.
    func run(within: String) throws -> ReplicationResult {
      try runOnce(
        workflowScenario(
          grid: "id: \"grid\", handling: \"30 min\", categories: { consultation: { handling: \"1 h\" } }",
          policy: "categories: { opinion: { worsening: { within: \"\(within)\" } } }",
          injects: """
            { after: "0 min" }, { after: "0 min", category: "consultation" }, { after: "0 min", category: "opinion" }
            """)
      ).1
    }
    let kept = try run(within: "90 min")
    #expect(kept.count(.kept, group: .system) == 1)
    #expect(kept.count(.worsened, group: .system) == 0)
    #expect(kept.metric(.response, group: .system, category: 2).max == 90)
    let worse = try run(within: "89 min")
    #expect(worse.count(.kept, group: .system) == 0)
    #expect(worse.count(.worsened, group: .system) == 1)
  }

  @Test("skip-level reports go to the higher tier within their deadline while the grid goes on")
  func skipLevel() throws {
    // The report takes the village 30 min: on time within 1 h, late within 20 min. The grid still
    // closes the item itself.
    func run(within: String) throws -> ReplicationResult {
      try runOnce(
        workflowScenario(
          grid: "id: \"grid\", handling: \"2 h\"",
          policy:
            "skipLevel: [{ severity: \"major\", tier: \"village\", within: \"\(within)\", time: \"30 min\" }]",
          injects: "{ after: \"0 min\", severity: \"major\" }")
      ).1
    }
    let onTime = try run(within: "1 h")
    #expect(onTime.count(.reportMet, group: .tier(1)) == 1)
    #expect(onTime.count(.closed, group: .tier(0)) == 1)
    #expect(onTime.count(.visits, group: .tier(1)) == 0)  // a report is a task, not a visit
    let late = try run(within: "20 min")
    #expect(late.count(.reportMissed, group: .tier(1)) == 1)
  }

  @Test("a unit's on-duty staff split among its roles: largest remainder, at least one each")
  func roleSplit() {
    func split(_ n: Int32, _ shares: [Double]) -> [Int32] { CompiledWorkflow.split(n, shares: shares) }
    #expect(split(6, [0.85, 0.15]) == [5, 1])
    #expect(split(24, [0.2, 0.15, 0.65]) == [5, 3, 16])
    #expect(split(3, [0.2, 0.15, 0.65]) == [1, 1, 1])
    #expect(split(0, [0.5, 0.5]) == [0, 0])
    #expect(split(7, [1]) == [7])
  }

  @Test("one person on duty covers every role in turn, one item at a time")
  func fewerPeopleThanRoles() throws {
    // One grid worker with two roles: accept (1 h, worker) then handle (1 h, head). Two items at
    // 00:00. The person accepts item 1 (0-1 h); when free, item 2 has waited in the worker's line
    // since 00:00 and item 1's handle is not yet in the head's: accept item 2 (1-2 h), then handle
    // item 1 (2-3 h, closed) and item 2 (3-4 h). Nothing overlaps: one person works 4 h, not two
    // roles at once (which would close item 1 at 2 h and item 2 at 3 h).
    let grid = """
      id: "grid", roles: [{ id: "worker", share: 0.5 }, { id: "head", share: 0.5 }],
      stages: [
        { id: "accept", role: "worker", time: "1 h" },
        { id: "handle", role: "head", time: "1 h" },
      ]
      """
    let (_, r) = try runOnce(
      workflowScenario(grid: grid, gridStaff: 1, injects: "{ after: \"0 min\" }, { after: \"0 min\" }"))
    #expect(r.count(.closed, group: .tier(0)) == 2)
    #expect(r.metric(.resolution, group: .system).max == 240)
    #expect(r.metric(.resolution, group: .system).mean == 210)
    #expect(r.metric(.response, group: .system).max == 120)
    // Busy 4 h of 48 h on duty: 1/12 for the tier. Each role was busy 2 h: 2/48 of the tier's
    // on-duty time (the two sum to the tier's 4/48), and 2/48 of its people's time, as the one
    // person takes both roles in turn (never above 100%, however many roles share one person).
    #expect(abs(r.utilization[0]! - 4.0 / 48) < 1e-12)
    #expect(r.roleShare[0] == 2.0 / 48 && r.roleShare[1] == 2.0 / 48)
    #expect(r.roleUtilization[0] == 2.0 / 48)
    #expect(r.roleUtilization[1] == 2.0 / 48)
  }

  @Test(
    "a role's share of the tier's time sums to the tier's utilization; its own people's busy share is apart")
  func roleFigures() throws {
    // Two people, two roles of one each: accept (1 h, worker) then handle (1 h, head), two items
    // at 00:00. The worker accepts item 1 (0-1 h) and item 2 (1-2 h); the head handles item 1
    // (1-2 h) and item 2 (2-3 h). Each role is busy 2 h; on duty 2 × 48 = 96 person-hours.
    let grid = """
      id: "grid", roles: [{ id: "worker", share: 0.5 }, { id: "head", share: 0.5 }],
      stages: [
        { id: "accept", role: "worker", time: "1 h" },
        { id: "handle", role: "head", time: "1 h" },
      ]
      """
    let (_, r) = try runOnce(
      workflowScenario(grid: grid, gridStaff: 2, injects: "{ after: \"0 min\" }, { after: \"0 min\" }"))
    #expect(r.metric(.resolution, group: .system).max == 180)
    #expect(abs(r.utilization[0]! - 4.0 / 96) < 1e-12)
    // Shares of the tier's 96 person-hours: 2/96 each, summing to the tier's utilization.
    #expect(r.roleShare[0] == 2.0 / 96 && r.roleShare[1] == 2.0 / 96)
    #expect(abs(r.roleShare[0]! + r.roleShare[1]! - r.utilization[0]!) < 1e-12)
    // Each role's own person: busy 2 of 48 hours.
    #expect(r.roleUtilization[0] == 2.0 / 48 && r.roleUtilization[1] == 2.0 / 48)
  }

  @Test(
    "when the headcount drops below the roles, staff finishing after their shift hold back no one and add no one"
  )
  func poolAfterDrop() throws {
    // Three by day (one worker, two heads: shares 1 and 2), one at night. Items at 16:00 and 16:30
    // are accepted (10 min) and then handled by the two heads until 19:10 and 19:40. At 18:00 one
    // person stays on duty: the first of the two heads to finish. An item at 18:10 waits for that
    // person (19:10, 60 min), not for nobody (the heads' overtime must not open a free place).
    let grid = """
      id: "grid", handling: "3 h",
      roster: { shifts: [{ name: "day", start: "08:00", end: "18:00", staff: 3 },
                         { name: "night", start: "18:00", end: "08:00", staff: 1 }] },
      roles: [{ id: "worker", share: 1 }, { id: "head", share: 2 }],
      stages: [{ id: "accept", role: "worker", time: "10 min" }, { id: "handle", role: "head" }]
      """
    let (_, r) = try runOnce(
      workflowScenario(
        grid: grid, gridStaff: 3,
        injects: "{ at: \"2026-01-05T16:00\" }, { at: \"2026-01-05T16:30\" }, { at: \"2026-01-05T18:10\" }"))
    #expect(r.metric(.wait, group: .tier(0)).max == 60)
    #expect(r.count(.closed, group: .tier(0)) == 3)
  }

  @Test("the whole system's figures per severity count each item under its own severity")
  func bySeverity() throws {
    // A routine item at 0:00 and a major one at 3:00, each answered 10 min after it is picked up
    // (accept) and replied 30 min later; the major one waits for nobody either.
    let grid = """
      id: "grid", stages: [{ id: "accept", time: "10 min" }, { id: "reply", time: "30 min" }],
      authority: { maxSeverity: "major" }
      """
    let (model, r) = try runOnce(
      workflowScenario(
        grid: grid, injects: "{ after: \"0 min\" }, { after: \"3 h\", severity: \"major\" }"))
    #expect(r.severityCounts.count == 2)
    #expect(r.severityCounts[0][Counter.appeared.rawValue] == 1)
    #expect(r.severityCounts[1][Counter.appeared.rawValue] == 1)
    #expect(r.severityCounts[1][Counter.closed.rawValue] == 1)
    #expect(r.severityMetrics[0][Metric.response.rawValue].mean == 10)
    #expect(r.severityMetrics[1][Metric.resolution.rawValue].mean == 40)
    let summary = Summary(model: model, results: [r], seed: 1)
    #expect(summary.severities.map(\.id) == ["routine", "major"])
    #expect(summary.overallBySeverity[1].count(.appeared)?.mean == 1)
  }

  @Test("workflow problems are all reported with their key paths")
  func problems() throws {
    let text = workflowScenario(
      grid: """
        id: "grid", roles: [{ id: "worker", share: 1 }],
        stages: [{ id: "reply", role: "worker", time: "5 min" }, { id: "accept", role: "wroker" },
                 { id: "approve", role: "worker" }, { id: "handle", role: "worker", departments: { "1": 0.5 } }]
        """, policy: "preset: \"no-such-preset.json5\"", injects: "")
    #expect(throws: ScenarioError.self) { try ScenarioLoader.parse(text, path: "w.json5") }
    let noPreset = text.replacingOccurrences(of: "preset: \"no-such-preset.json5\"", with: "")
    do {
      _ = try ScenarioLoader.parse(noPreset, path: "w.json5")
      Issue.record("expected problems")
    } catch .invalid(let diagnostics) {
      let paths = diagnostics.map(\.keyPath)
      #expect(paths.contains("tiers[0].stages[1].role"))  // 'wroker'
      #expect(paths.contains("tiers[0].stages[2].time"))  // approve needs a time
      #expect(paths.contains("tiers[0].stages[3].departments.1"))
      #expect(paths.contains("tiers[0].stages"))  // out of order
    } catch {
      Issue.record("unexpected \(error)")
    }
    do {
      _ = try ScenarioLoader.parse(text.replacingOccurrences(of: "stages:", with: "x:"), path: "w.json5")
      Issue.record("expected the missing preset to be reported")
    } catch .invalid(let diagnostics) {
      #expect(
        diagnostics.contains { $0.keyPath == "policy.preset" && $0.message.contains("no-such-preset.json5") })
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test("every shipped preset loads under the baseline, states its source, and the scenario's own keys win")
  func presets() throws {
    let folder = repositoryRoot.appendingPathComponent("Scenarios/policies")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
      $0.hasSuffix(".json5")
    }
    #expect(files.count >= 5)
    let baseline = repositoryRoot.appendingPathComponent("Scenarios/township-baseline.json5").path
    for file in files.sorted() {
      let text = """
        { extends: "\(baseline)", policy: { preset: "\(folder.appendingPathComponent(file).path)" } }
        """
      let loaded = try ScenarioLoader.parse(text, path: "preset-test.json5")
      #expect(loaded.scenario.policy.source?.isEmpty == false, "\(file)")
      #expect(loaded.scenario.policy.name != nil, "\(file)")
    }
    // Shandong: 5 working days, extension to 10; the scenario's own deadline wins over the preset's.
    let own = """
      { extends: "\(baseline)",
        policy: { preset: "\(folder.appendingPathComponent("shandong-12345.json5").path)",
                  deadlines: { resolution: "7 working days" } } }
      """
    let policy = try ScenarioLoader.parse(own, path: "own.json5").scenario.policy
    #expect(policy.rule.resolutionDeadline == .workingDays(7))
    #expect(policy.rule.extension == Scenario.Extension(probability: 0.15, limit: .workingDays(10)))
  }
}

/// The six measures of issue 21, each on one item computed by hand.
@Suite("The workflow's measures, one item by hand")
struct WorkflowMeasureTests {
  @Test("time in system runs to the closure, after the callback and the archive")
  func timeInSystemToClosure() throws {
    // accept 0-10 (the response), reply 10-30 (the resolution), archive 30-60 (the closure).
    let grid = """
      id: "grid", stages: [{ id: "accept", time: "10 min" }, { id: "reply", time: "20 min" }, { id: "archive", time: "30 min" }]
      """
    let (_, r) = try runOnce(workflowScenario(grid: grid, injects: "{ after: \"0 min\" }"))
    #expect(r.metric(.response, group: .system).mean == 10)
    #expect(r.metric(.resolution, group: .system).mean == 30)
    #expect(r.metric(.timeInSystem, group: .system).mean == 60)
    #expect(r.metric(.timeInSystem, group: .tier(0)).mean == 60)
    #expect(r.count(.closed, group: .system) == 1)
  }

  @Test("an item still in its callback at the end of the period is not closed")
  func notClosedBeforeTheCallback() throws {
    // The period ends 2 days in: an item at 47:00 replied at 47:30 has its 2-hour callback open.
    let grid = """
      id: "grid", stages: [{ id: "accept", time: "10 min" }, { id: "reply", time: "20 min" }, { id: "callback", time: "2 h" }]
      """
    let (_, r) = try runOnce(workflowScenario(grid: grid, injects: "{ after: \"47 h\" }"))
    #expect(r.count(.closed, group: .system) == 0)
    #expect(r.openAtEnd == [1, 0])
  }

  @Test("reminders sent before an extension count, and the extended deadline's after it")
  func remindersAcrossAnExtension() throws {
    // Handling 5 h against 4 h, reminders at 1/2 and 3/4: sent at 2 h and 3 h. Extended at 4 h to
    // 6 h: the extended deadline's reminders fall at 3 h (before the extension: not sent again)
    // and 4.5 h (sent). Done at 5 h: 3 reminders, counted at the tier and for the whole system.
    let grid = """
      id: "grid", handling: "5 h", deadlines: { resolution: "4 h", extension: { probability: 1, limit: "6 h" } }
      """
    let (_, r) = try runOnce(
      workflowScenario(
        grid: grid, policy: "supervision: { reminders: [0.5, 0.75] }", injects: "{ after: \"0 min\" }"))
    #expect(r.count(.extensions, group: .tier(0)) == 1)
    #expect(r.count(.reminders, group: .tier(0)) == 3)
    #expect(r.count(.reminders, group: .system) == 3)
    #expect(r.count(.named, group: .system) == 0)
  }

  @Test("opinion that worsens during its accept stage is answered where it goes, not where it was")
  func worseningDuringAccept() throws {
    // The grid picks the opinion up at 0 and would answer at 2 h; its 1-hour window closes first:
    // it becomes major, enters at the village (1 staff, answers at pick-up) at 1 h, and the
    // village's response at 1 h is the citizen's first. The grid answered no one.
    let (_, r) = try runOnce(
      workflowScenario(
        grid: "id: \"grid\", stages: [{ id: \"accept\", time: \"2 h\" }]",
        policy: "categories: { opinion: { worsening: { within: \"1 h\" } } }",
        demand: "entry: [{ severity: \"major\", tier: \"village\" }],",
        injects: "{ after: \"0 min\", category: \"opinion\" }"))
    #expect(r.count(.worsened, group: .system) == 1)
    #expect(r.count(.escalatedWorsened, group: .tier(0)) == 1)
    #expect(r.metric(.response, group: .tier(0)).count == 0)
    #expect(r.metric(.response, group: .tier(1)).count == 1)
    #expect(r.metric(.response, group: .system).mean == 60)
    // Answered at 1 h itself (accept 1 h), it is kept and the grid's response stands.
    let (_, kept) = try runOnce(
      workflowScenario(
        grid: "id: \"grid\", stages: [{ id: \"accept\", time: \"1 h\" }]",
        policy: "categories: { opinion: { worsening: { within: \"1 h\" } } }",
        demand: "entry: [{ severity: \"major\", tier: \"village\" }],",
        injects: "{ after: \"0 min\", category: \"opinion\" }"))
    #expect(kept.count(.kept, group: .system) == 1)
    #expect(kept.metric(.response, group: .tier(0)).count == 1)
    #expect(kept.metric(.response, group: .system).mean == 60)
  }
}
