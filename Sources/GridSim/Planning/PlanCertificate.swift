/// What `plan.json` records to re-run a plan's certificate (`gridsim check SCENARIO --plan
/// plan.json`): the headcount of every decision, the seeds and the replications. Read against the
/// scenario's own plan problem, so a certificate for another scenario, window or roster is refused
/// with what differs.
package struct PlanCertificate: Sendable {
  /// People per unit per decision, in the order of ``PlanProblem/decisions``.
  package var plan: [Int]
  package var seed: UInt64
  package var replications: Int
  /// The verdict the plan recorded, and its checks' results (met or not) by their key.
  package var verdict: String
  package var recorded: [String: Bool]

  /// Reads `plan.json` text for `problem`; every problem is returned at once (capped at 20).
  package static func read(
    _ text: String, file: String, problem: PlanProblem
  ) -> Swift.Result<PlanCertificate, PlanCertificateError> {
    var problems: [Diagnostic] = []
    func add(_ path: String, _ message: String, _ fix: String) {
      if problems.count < 20 {
        problems.append(Diagnostic(.error, file: file, keyPath: path, message: message, fix: fix))
      }
    }
    let root: JSON5Value
    do {
      root = try JSON5Parser.parse(text)
    } catch {
      return .failure(
        PlanCertificateError(problems: [
          Diagnostic(
            .error, file: file, keyPath: "", message: "not a plan.json: \(error)",
            fix: "give the plan.json that 'gridsim plan SCENARIO --out DIR' wrote")
        ]))
    }
    guard case .string("gridsim-plan") = root["schema"]?.kind else {
      return .failure(
        PlanCertificateError(problems: [
          Diagnostic(
            .error, file: file, keyPath: "schema",
            message: "expected a gridsim plan (schema \"gridsim-plan\")",
            fix: "give the plan.json that 'gridsim plan SCENARIO --out DIR' wrote")
        ]))
    }
    guard case .number(let version, _) = root["version"]?.kind, version == 2 else {
      return .failure(
        PlanCertificateError(problems: [
          Diagnostic(
            .error, file: file, keyPath: "version",
            message:
              "expected version 2 (a plan that records its seeds), found \(root["version"]?.summary ?? "none")",
            fix: "plan again with this gridsim: gridsim plan SCENARIO --out DIR")
        ]))
    }
    let certificate = root["certificate"]
    var seed: UInt64 = 0
    if case .string(let s)? = certificate?["seed"]?.kind, let v = UInt64(s) {
      seed = v
    } else {
      add("certificate.seed", "expected the certification's seed as a string of digits", "plan again")
    }
    var replications = 0
    if case .number(let n, _)? = certificate?["replications"]?.kind, n >= 2, n <= 100_000, n == n.rounded() {
      replications = Int(n)
    } else {
      add(
        "certificate.replications", "expected 2 to 100,000 replications (a certified plan records them)",
        "plan again; only a certified plan can be re-checked")
    }
    if case .array(let surges)? = certificate?["surges"]?.kind {
      let values = surges.compactMap { v -> Double? in
        if case .number(let x, _) = v.kind { return x }
        return nil
      }
      if values != problem.spec.surges {
        add(
          "certificate.surges",
          "the plan was certified under arrivals ×\(values.map { NumberText.decimal($0, digits: 2) }.joined(separator: ", ×")), the scenario's plan has ×\(problem.spec.surges.map { NumberText.decimal($0, digits: 2) }.joined(separator: ", ×"))",
          "check against the scenario the plan was made from")
      }
    }
    let scenario = problem.models[0].scenario
    var plan = [Int?](repeating: nil, count: problem.decisions.count)
    var index: [String: Int] = [:]
    for (i, d) in problem.decisions.enumerated() {
      let unit = d.unit.map { problem.models[0].unitNames[$0] } ?? ""
      let shift = problem.rosters[d.tier]!.shifts[d.shift].name
      index["\(scenario.tiers[d.tier].id)|\(unit)|\(shift)|\(PlanReport.iso(d.date))"] = i
    }
    guard case .array(let rows)? = root["decisions"]?.kind, rows.count <= 100_000 else {
      add(
        "decisions", "expected the plan's decisions as a list", "give the plan.json that gridsim plan wrote")
      return .failure(PlanCertificateError(problems: problems))
    }
    for (k, row) in rows.enumerated() {
      func text(_ key: String) -> String? {
        if case .string(let s)? = row[key]?.kind { return s }
        return nil
      }
      let unit = text("unit") ?? ""
      let key = "\(text("tier") ?? "?")|\(unit)|\(text("shift") ?? "?")|\(text("date") ?? "?")"
      guard let i = index[key] else {
        add(
          "decisions[\(k)]",
          "no such decision in the scenario's plan: tier '\(text("tier") ?? "?")', shift '\(text("shift") ?? "?")', date \(text("date") ?? "?")\(unit.isEmpty ? "" : ", unit '\(unit)'")",
          "check against the scenario the plan was made from (same window, tiers and rosters)")
        continue
      }
      guard case .number(let n, _)? = row["staff"]?.kind, n >= 0, n <= 100_000, n == n.rounded() else {
        add("decisions[\(k)].staff", "expected a whole number of people", "plan again")
        continue
      }
      plan[i] = Int(n)
    }
    let missing = plan.indices.filter { plan[$0] == nil }
    if let first = missing.first {
      let d = problem.decisions[first]
      add(
        "decisions",
        "the plan has no headcount for \(missing.count) of the scenario's \(plan.count) decisions (the first: \(scenario.tiers[d.tier].id) \(problem.rosters[d.tier]!.shifts[d.shift].name) on \(PlanReport.iso(d.date)))",
        "check against the scenario the plan was made from (same window, tiers and rosters)")
    }
    var recorded: [String: Bool] = [:]
    if case .array(let checks)? = root["certification"]?.kind {
      for c in checks {
        guard case .bool(let met)? = c["met"]?.kind else { continue }
        recorded[Self.key(c)] = met
      }
    }
    var verdict = ""
    if case .string(let v)? = root["verdict"]?.kind { verdict = v }
    guard problems.isEmpty else { return .failure(PlanCertificateError(problems: problems)) }
    return .success(
      PlanCertificate(
        plan: plan.map { $0! }, seed: seed, replications: replications, verdict: verdict, recorded: recorded))
  }

  /// A check's key in `plan.json`: rule, target, date, surge.
  static func key(_ c: JSON5Value) -> String {
    func text(_ key: String) -> String {
      switch c[key]?.kind {
      case .string(let s)?: s
      case .number(_, let t)?: t
      default: ""
      }
    }
    return "\(text("rule"))|\(text("target"))|\(text("date"))|\(text("surge"))"
  }
}

/// Why a `plan.json` cannot be re-checked.
package struct PlanCertificateError: Error, Sendable {
  package var problems: [Diagnostic]
}

extension Planner {
  /// Re-runs a certificate: the plan on its seeds and replications, every target and rule judged
  /// as the certification did, day by day and surge by surge, on `jobs` threads. Every run is whole
  /// (no snapshot, from the period's start to its end, every figure made), so that the re-check
  /// does not lean on the planner's shortcuts (``Snapshots``, ``PlanProblem/scope``): it finds the
  /// certificate's figures only if they are exact.
  package static func recheck(_ certificate: PlanCertificate, problem: PlanProblem, jobs: Int) async
    -> Evaluation
  {
    var simulations = 0
    return await Planner(problem: problem, jobs: jobs, snapshots: false).evaluate(
      certificate.plan, seed: certificate.seed, replications: certificate.replications, counter: &simulations)
  }
}
