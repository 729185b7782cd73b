/// `gridsim trace`: one item's path through a replication, step by step, for trainers: each stage
/// with when it was ready, picked up and done and by which role of which unit, each deadline and
/// whether it was met, and what happened along the way.
public enum Trace {
  /// The entry to trace (an index into the ledger's entries): item `issue` (1-based, as in
  /// `ledger.csv`), or the first measured item of `category` and `severity` (ids); nil when none.
  public static func pick(
    _ ledger: Ledger, model: Model, issue: Int?, category: String?, severity: String?, inject: String? = nil
  ) -> Int? {
    if let issue { return issue >= 1 && issue <= ledger.entries.count ? issue - 1 : nil }
    if let inject {
      let injects = model.scenario.demand.injects
      return ledger.entries.indices.first { i in
        ledger.entries[i].inject.map { injects.indices.contains($0) && injects[$0].id == inject } ?? false
      }
    }
    let c = category.flatMap { id in model.scenario.demand.categories.firstIndex { $0.id == id } }
    let s = severity.flatMap { id in model.scenario.demand.severities.firstIndex { $0.id == id } }
    return ledger.entries.indices.first { i in
      let e = ledger.entries[i]
      return e.counted && !e.followUp && (c == nil || e.category == c) && (s == nil || e.severity == s)
    }
  }

  /// The item's path as text.
  public static func render(_ ledger: Ledger, entry index: Int, model: Model, replication: Int) -> String {
    let scenario = model.scenario
    let e = ledger.entries[index]
    let start = scenario.period.start
    func time(_ m: Double) -> String {
      let t = start.adding(minutes: m.rounded())
      let text = t.description
      return String(text.prefix(10)) + " " + String(text.dropFirst(11).prefix(5))
    }
    func span(_ m: Double) -> String { ReportLanguage.english.duration(max(0, m)) }
    func name(_ id: String, _ shown: String) -> String { id == shown ? id : "\(shown) (\(id))" }
    func tierName(_ t: Int) -> String { name(scenario.tiers[t].id, scenario.tiers[t].name) }
    func roleName(_ t: Int, _ r: Int) -> String { model.workflow.roleNames[t][r] }
    let category = scenario.demand.categories[e.category]
    let severity = scenario.demand.severities[e.severity]
    let channel = scenario.demand.channels[min(e.channel, scenario.demand.channels.count - 1)]

    var out =
      "gridsim trace: \(scenario.name), replication \(replication), item \(index + 1) of \(ledger.entries.count)\n"
    out +=
      "\(name(category.id, category.name)), \(name(severity.id, severity.name)), by \(name(channel.id, channel.name)), in \(model.unitNames[model.unit(leaf: e.leaf)])"
    out +=
      (e.followUp ? "; a follow-up post of worsening opinion" : "")
      + (e.counted ? "" : "; in the warm-up, not measured")
    out += "\n\n"

    var lines: [(time: Double, order: Int, text: String)] = []
    func add(_ t: Double, _ text: String, last: Bool = false) {
      lines.append((t, lines.count + (last ? 1 << 30 : 0), text))
    }
    add(e.appeared, "appeared")
    if let seen = e.detected {
      add(
        seen,
        seen > e.appeared ? "seen by a monitoring check, after \(span(seen - e.appeared))" : "seen at once")
    } else {
      add(e.appeared, "not seen within the period")
    }
    for v in e.visits {
      var due: [String] = []
      if let d = v.responseDue { due.append("response due \(time(d))") }
      if let d = v.resolutionDue { due.append("resolution due \(time(d))") }
      add(
        v.arrived,
        "→ \(tierName(v.tier)) at \(model.unitNames[v.unit])"
          + (due.isEmpty ? "" : ": " + due.joined(separator: ", ")))
      if let r = v.responded { add(r, "    answered the citizen (first response)") }
      for step in v.steps {
        var text = "    \(step.stage.rawValue) by \(roleName(v.tier, step.role))"
        let stopped = v.left.map { " when it left at \(time($0))" } ?? " by the end of the period"
        if let s = step.started {
          text += ": waited \(span(s - step.ready))"
          text += step.ended.map { ", took \(span($0 - s)), done \(time($0))" } ?? ", not done\(stopped)"
        } else {
          text += ": still waiting\(stopped)"
        }
        add(step.started ?? step.ready, text)
      }
      // The tier's own deadlines: its first responding stage, and its reply (or leaving).
      let responseAt = v.responded ?? v.steps.first { $0.stage == .accept || $0.stage == .reply }?.ended
      if let d = v.responseDue {
        add(
          min(responseAt ?? d, d),
          "    response deadline \(time(d)): " + verdict(responseAt, d))
      }
      let extended = e.notes.compactMap { n -> Double? in
        if case .extended(let t, let due) = n.note, t == v.tier, n.time >= v.arrived,
          n.time <= (v.left ?? .infinity)
        {
          return due
        }
        return nil
      }.last
      if let d = extended ?? v.resolutionDue {
        let reply = v.steps.first { $0.stage == .reply }?.ended
        let done = reply ?? v.left
        // Taken up by supervision the moment the deadline passed: missed, not met with 0 to spare.
        let takenUp = reply == nil && v.outcome == .deadline && v.left == d
        add(
          min(done ?? d, d),
          "    resolution deadline \(time(d))" + (extended != nil ? " (extended)" : "") + ": "
            + (takenUp ? "MISSED: taken up at the deadline (督办)" : verdict(done, d)))
      }
      if let left = v.left, let outcome = v.outcome {
        let text: String
        switch outcome {
        case .closed: text = "closed at \(tierName(v.tier))"
        case .reopened: text = "reopened: handled again at \(tierName(v.tier))"
        default: text = "↑ passed up: \(reason(outcome))"
        }
        add(left, text, last: outcome == .closed || outcome == .reopened)
      }
    }
    for task in e.tasks {
      let unit = model.unitNames[task.unit]
      var text =
        task.isReport
        ? "⇒ skip-level report to \(tierName(task.tier)) at \(unit) (\(roleName(task.tier, task.role)))"
        : "    another department's part (\(roleName(task.tier, task.role)) at \(unit))"
      if let s = task.started, let end = task.ended {
        text += ": picked up \(time(s)), done \(time(end))"
        if let due = task.due {
          text += end <= due ? ", within its deadline \(time(due))" : ", LATE (due \(time(due)))"
        }
      } else {
        text += ": not done by the end of the period"
      }
      add(task.ready, text)
    }
    for n in e.notes {
      switch n.note {
      case .resolutionMissed(let t, let u):
        add(
          n.time,
          "! resolution deadline missed at \(tierName(t)) with no reply: \(model.unitNames[u]) is named (通报)"
        )
      case .extended(_, let due): add(n.time, "+ extension granted: resolution now due \(time(due))")
      case .forked(let parts): add(n.time, "    forked to \(parts) departments (this one leads)")
      case .reportFiled: break
      case .callback(let satisfied):
        add(n.time, "    callback: the citizen is \(satisfied ? "satisfied" : "NOT satisfied")")
      case .worsened(let s, let followUps):
        add(
          n.time,
          "! unanswered opinion got worse: now \(name(scenario.demand.severities[s].id, scenario.demand.severities[s].name)), \(followUps) follow-up post\(followUps == 1 ? "" : "s")"
        )
      }
    }
    for line in lines.sorted(by: { ($0.time, $0.order) < ($1.time, $1.order) }) {
      out += "  \(time(line.time))  \(line.text)\n"
    }
    if !e.followUp, let rule = scenario.policy.worsening[category.id] {
      let worsened = e.notes.contains { if case .worsened = $0.note { true } else { false } }
      out +=
        worsened
        ? "\nOpinion: NOT kept from worsening (not answered within \(span(rule.within.minutes)) of appearing).\n"
        : "\nOpinion: kept from worsening (answered within \(span(rule.within.minutes)) of appearing, or closed).\n"
    }
    if let closed = e.closed {
      out +=
        "\nClosed after \(span(closed - e.appeared)): response \(e.responseMissed ? "LATE" : "on time"), resolution \(e.resolutionMissed ? "LATE" : "on time").\n"
    } else {
      out += "\nStill open at the end of the period.\n"
    }
    return out
  }

  private static func verdict(_ at: Double?, _ due: Double) -> String {
    guard let at else { return "MISSED" }
    return at <= due
      ? "met (\(ReportLanguage.english.duration(due - at)) to spare)"
      : "MISSED by \(ReportLanguage.english.duration(at - due))"
  }

  private static func reason(_ outcome: Ledger.Outcome) -> String {
    switch outcome {
    case .authority: "the tier may not close it (authority)"
    case .referral: "referred on"
    case .deadline: "a deadline was missed (督办)"
    case .worsened: "the opinion got worse (skip-level)"
    case .reopened, .closed: outcome.rawValue
    }
  }
}
