/// How a named roster fares against the scenario's targets, judged the way its headcounts were
/// made: a roster built on a certified plan (`--plan`) by re-running the plan's certificate (its
/// seeds and replications, every check day by day and surge by surge, as `check --plan` does); any
/// other roster by laying its headcounts over the scenario and simulating as `check` does.
package enum DutyRosterJudgement: Sendable {
  /// Each target of the scenario, by name, met or not, over the scenario's replications.
  case simulated([DutyRosterTarget])
  /// The plan's certificate re-run: its checks and what they found.
  case certificate(PlanProblem, PlanCertificate, Planner.Evaluation)

  /// True when every target or check is met.
  package var met: Bool {
    switch self {
    case .simulated(let targets): targets.allSatisfy(\.met)
    case .certificate(_, _, let evaluation): evaluation.feasible
    }
  }
}

/// A target of the scenario and whether the roster meets it.
package struct DutyRosterTarget: Sendable, Equatable {
  package var name: String
  package var met: Bool

  package init(name: String, met: Bool) {
    self.name = name
    self.met = met
  }
}

extension DutyRoster {
  /// The scenario with this roster's headcounts laid over it as dated roster rows (each unit's
  /// seats per shift-day; a leader's seat only where it counts in the headcount).
  package func fed(into scenario: Scenario) -> Scenario {
    var fed = scenario
    let entries = filledEntries
    for t in fed.tiers.indices {
      let extra = entries[fed.tiers[t].id] ?? []
      fed.tiers[t].roster?.entries += extra
    }
    return fed
  }

  /// Judges a complete roster (see ``DutyRosterJudgement``). `certificate` is the plan the roster
  /// was built on, when it was; its headcounts are the roster's, so re-running it judges the
  /// roster day by day and surge by surge. `progress` hears of finished replications.
  /// - Complexity: the scenario's replications (or the certificate's, per surge) simulated on
  ///   `jobs` threads.
  package func judge(
    scenario: Scenario, certificate: (PlanProblem, PlanCertificate)?, jobs: Int,
    progress: (@Sendable (Int) -> Void)? = nil
  ) async -> DutyRosterJudgement {
    if let (problem, certificate) = certificate {
      let evaluation = await Planner.recheck(certificate, problem: problem, jobs: jobs)
      return .certificate(problem, certificate, evaluation)
    }
    let fed = fed(into: scenario)
    let reduction = await Experiment.reduce(
      model: Model(fed), replications: 0..<fed.replications, seed: fed.seed, jobs: jobs, progress: progress)
    return .simulated(
      fed.targets.enumerated().map { i, target in
        DutyRosterTarget(name: target.name, met: target.evaluate(reduction, index: i).met)
      })
  }
}
