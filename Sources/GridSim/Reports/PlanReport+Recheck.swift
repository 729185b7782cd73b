extension PlanReport {
  /// The report of a re-checked certificate (`gridsim check SCENARIO --plan plan.json`): the plan's
  /// checks, re-run on its seeds.
  package init(
    problem: PlanProblem, recheck evaluation: Planner.Evaluation, certificate: PlanCertificate,
    source: String,
    language: ReportLanguage? = nil
  ) {
    let result = Planner.Result(
      verdict: evaluation.feasible ? .certified : .notCertified, plan: certificate.plan,
      evaluation: evaluation,
      minimality: [:], simulations: 0, evaluations: 1, rounds: 1, seconds: 0)
    self.init(problem: problem, result: result, source: source, commandLine: "", language: language)
  }

  /// Checks whose result differs from what `certificate` recorded.
  package func differences(from certificate: PlanCertificate) -> [Planner.Check] {
    result.evaluation.checks.filter { c in
      guard let parsed = try? JSON5Parser.parse(checkJSON(c).rendered()) else { return true }
      return certificate.recorded[PlanCertificate.key(parsed)] != c.outcome.met
    }
  }

  /// What `check --plan` prints: every check with its figure, then whether the certificate holds
  /// and whether it matches what the plan recorded.
  package func recheckText(certificate: PlanCertificate, file: String) -> String {
    let l = language
    var out = l.pick(
      "gridsim check --plan: \(scenario.name) (\(source)), the plan in \(file)\n",
      "gridsim check --plan：\(scenario.name)（\(source)），方案 \(file)\n")
    out +=
      "  "
      + l.pick(
        "\(certificate.replications) replications from seed \(certificate.seed), as the certificate ran",
        "按验证时的设置：随机种子 \(certificate.seed)，重复 \(certificate.replications) 次") + "\n"
    out += ruleLine(l).map { "  " + $0 + "\n" }.joined() + "\n"
    var table = TextTable(headers: [l.pick("Check", "检查项"), l.pick("Found", "结果"), l.pick("Result", "判定")])
    for c in result.evaluation.checks {
      table.rows.append([scope(c, l), finding(c, l), c.outcome.met ? l.met : l.missed])
    }
    table.leftAligned = [0, 1, 2]
    out += table.rendered() + "\n"
    let failing = result.evaluation.failing.count
    let total = result.evaluation.checks.count
    out +=
      failing == 0
      ? l.pick("Every check met (\(total)).", "全部 \(total) 项检查达成。")
      : l.pick("\(failing) of \(total) checks missed.", "\(total) 项检查中 \(failing) 项未达成。")
    let differing = differences(from: certificate).count
    out +=
      " "
      + (differing == 0
        ? l.pick("Every result is the one the certificate recorded.", "每项结果与方案记录的验证结果一致。")
        : l.pick(
          "\(differing) results differ from the certificate: the scenario or gridsim changed since it was planned.",
          "\(differing) 项结果与方案记录不同：方案制定后场景或 gridsim 有变化。")) + "\n"
    return out
  }
}
