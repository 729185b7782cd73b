/// `gridsim trace`: one item's path through a replication, step by step, for trainers: each stage
/// with when it was ready, picked up and done and by which role of which unit, each deadline and
/// whether it was met, and what happened along the way.
package enum Trace {
  /// The entry to trace (an index into the ledger's entries): item `issue` (1-based, as in
  /// `ledger.csv`), or the first measured item of `category` and `severity` (ids); nil when none.
  package static func pick(
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
  package static func render(
    _ ledger: Ledger, entry index: Int, model: Model, replication: Int, language l: ReportLanguage = .english
  ) -> String {
    let scenario = model.scenario
    let e = ledger.entries[index]
    let start = scenario.period.start
    func time(_ m: Double) -> String {
      let t = start.adding(minutes: m.rounded())
      let text = t.description
      return String(text.prefix(10)) + " " + String(text.dropFirst(11).prefix(5))
    }
    func span(_ m: Double) -> String { l.duration(max(0, m)) }
    func name(_ id: String, _ shown: String) -> String { id == shown ? id : "\(shown) (\(id))" }
    func tierName(_ t: Int) -> String { name(scenario.tiers[t].id, scenario.tiers[t].name) }
    func roleName(_ t: Int, _ r: Int) -> String {
      let name = model.workflow.roleNames[t][r]
      // A tier without roles has one: its staff.
      return name == "staff" && scenario.tiers[t].roles.isEmpty ? l.pick("staff", "人员") : name
    }
    let category = scenario.demand.categories[e.category]
    let severity = scenario.demand.severities[e.severity]
    let channel = scenario.demand.channels[min(e.channel, scenario.demand.channels.count - 1)]

    var out = l.pick(
      "gridsim trace: \(scenario.name), replication \(replication), item \(index + 1) of \(ledger.entries.count)\n",
      "gridsim 追踪：\(scenario.name)，第 \(replication) 次重复，共 \(ledger.entries.count) 件中的第 \(index + 1) 件\n")
    let grid = model.unitNames[model.unit(leaf: e.leaf)]
    out += l.pick(
      "\(name(category.id, category.name)), \(name(severity.id, severity.name)), by \(name(channel.id, channel.name)), in \(grid)",
      "\(name(category.id, category.name))，\(name(severity.id, severity.name))，经\(name(channel.id, channel.name))，位于\(grid)"
    )
    out +=
      (e.followUp ? l.pick("; a follow-up post of worsening opinion", "；舆情恶化后的跟帖") : "")
      + (e.counted ? "" : l.pick("; in the warm-up, not measured", "；在预热期内，不计入统计"))
    out += "\n\n"

    var lines: [(time: Double, order: Int, text: String)] = []
    func add(_ t: Double, _ text: String, last: Bool = false) {
      lines.append((t, lines.count + (last ? 1 << 30 : 0), text))
    }
    add(e.appeared, l.pick("appeared", "出现"))
    if let seen = e.detected {
      add(
        seen,
        seen > e.appeared
          ? l.pick(
            "seen by a monitoring check, after \(span(seen - e.appeared))",
            "巡查时发现，用时 \(span(seen - e.appeared))")
          : l.pick("seen at once", "即时发现"))
    } else {
      add(e.appeared, l.pick("not seen within the period", "期内未被发现"))
    }
    for v in e.visits {
      var due: [String] = []
      if let d = v.responseDue { due.append(l.pick("response due \(time(d))", "回复时限 \(time(d))")) }
      if let d = v.resolutionDue { due.append(l.pick("resolution due \(time(d))", "办结时限 \(time(d))")) }
      add(
        v.arrived,
        l.pick(
          "→ \(tierName(v.tier)) at \(model.unitNames[v.unit])",
          "→ \(tierName(v.tier))，\(model.unitNames[v.unit])")
          + (due.isEmpty ? "" : l.pick(": ", "：") + due.joined(separator: l.pick(", ", "，"))))
      if let r = v.responded { add(r, l.pick("    answered the citizen (first response)", "    答复群众（首次回复）")) }
      for step in v.steps {
        var text = l.pick(
          "    \(step.stage.rawValue) by \(roleName(v.tier, step.role))",
          "    \(stageName(step.stage, l))（\(roleName(v.tier, step.role))）")
        let stopped =
          v.left.map { l.pick(" when it left at \(time($0))", "，\(time($0)) 离开时") }
          ?? l.pick(" by the end of the period", "，至期末")
        if let s = step.started {
          text += l.pick(": waited \(span(s - step.ready))", "：等待 \(span(s - step.ready))")
          text +=
            step.ended.map {
              l.pick(", took \(span($0 - s)), done \(time($0))", "，用时 \(span($0 - s))，\(time($0)) 完成")
            }
            ?? l.pick(", not done\(stopped)", "\(stopped)未完成")
        } else {
          text += l.pick(": still waiting\(stopped)", "\(stopped)仍在等待")
        }
        add(step.started ?? step.ready, text)
      }
      // The tier's own deadlines: its first responding stage, and its reply (or leaving).
      let responseAt = v.responded ?? v.steps.first { $0.stage == .accept || $0.stage == .reply }?.ended
      if let d = v.responseDue {
        add(
          min(responseAt ?? d, d),
          l.pick("    response deadline \(time(d)): ", "    回复时限 \(time(d))：") + verdict(responseAt, d, l))
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
          l.pick("    resolution deadline \(time(d))", "    办结时限 \(time(d))")
            + (extended != nil ? l.pick(" (extended)", "（已延期）") : "") + l.pick(": ", "：")
            + (takenUp ? l.pick("MISSED: taken up at the deadline (督办)", "超时：到期即被上级督办") : verdict(done, d, l))
        )
      }
      if let left = v.left, let outcome = v.outcome {
        let text: String
        switch outcome {
        case .closed: text = l.pick("closed at \(tierName(v.tier))", "在\(tierName(v.tier))办结")
        case .reopened:
          text = l.pick("reopened: handled again at \(tierName(v.tier))", "重办：\(tierName(v.tier))重新办理")
        default: text = l.pick("↑ passed up: ", "↑ 上报：") + reason(outcome, l)
        }
        add(left, text, last: outcome == .closed || outcome == .reopened)
      }
    }
    for task in e.tasks {
      let unit = model.unitNames[task.unit]
      var text =
        task.isReport
        ? l.pick(
          "⇒ skip-level report to \(tierName(task.tier)) at \(unit) (\(roleName(task.tier, task.role)))",
          "⇒ 越级上报\(tierName(task.tier))，\(unit)（\(roleName(task.tier, task.role))）")
        : l.pick(
          "    another department's part (\(roleName(task.tier, task.role)) at \(unit))",
          "    另一部门承办部分（\(unit)，\(roleName(task.tier, task.role))）")
      if let s = task.started, let end = task.ended {
        text += l.pick(": picked up \(time(s)), done \(time(end))", "：\(time(s)) 接手，\(time(end)) 完成")
        if let due = task.due {
          text +=
            end <= due
            ? l.pick(", within its deadline \(time(due))", "，在时限 \(time(due)) 内")
            : l.pick(", LATE (due \(time(due)))", "，超时（时限 \(time(due))）")
        }
      } else {
        text += l.pick(": not done by the end of the period", "：至期末未完成")
      }
      add(task.ready, text)
    }
    for n in e.notes {
      switch n.note {
      case .resolutionMissed(let t, let u):
        add(
          n.time,
          l.pick(
            "! resolution deadline missed at \(tierName(t)) with no reply: \(model.unitNames[u]) is named (通报)",
            "! \(tierName(t))超过办结时限且无答复：\(model.unitNames[u])被通报"))
      case .extended(_, let due):
        add(
          n.time, l.pick("+ extension granted: resolution now due \(time(due))", "+ 同意延期：办结时限改为 \(time(due))")
        )
      case .forked(let parts):
        add(
          n.time,
          l.pick("    forked to \(parts) departments (this one leads)", "    分派 \(parts) 个部门办理（本部门牵头）"))
      case .reportFiled: break
      case .callback(let satisfied):
        add(
          n.time,
          satisfied
            ? l.pick("    callback: the citizen is satisfied", "    回访：群众满意")
            : l.pick("    callback: the citizen is NOT satisfied", "    回访：群众不满意"))
      case .worsened(let s, let followUps):
        let now = name(scenario.demand.severities[s].id, scenario.demand.severities[s].name)
        add(
          n.time,
          l.pick(
            "! unanswered opinion got worse: now \(now), \(followUps) follow-up post\(followUps == 1 ? "" : "s")",
            "! 舆情未及时回应而恶化：现为\(now)，新增跟帖 \(followUps) 条"))
      }
    }
    for line in lines.sorted(by: { ($0.time, $0.order) < ($1.time, $1.order) }) {
      out += "  \(time(line.time))  \(line.text)\n"
    }
    if !e.followUp, let rule = scenario.policy.worsening[category.id] {
      let worsened = e.notes.contains { if case .worsened = $0.note { true } else { false } }
      let within = span(rule.within.minutes)
      out +=
        worsened
        ? l.pick(
          "\nOpinion: NOT kept from worsening (not answered within \(within) of appearing).\n",
          "\n舆情：未能防止恶化（出现后 \(within) 内未回应）。\n")
        : l.pick(
          "\nOpinion: kept from worsening (answered within \(within) of appearing, or closed).\n",
          "\n舆情：防止了恶化（出现后 \(within) 内已回应或办结）。\n")
    }
    if let closed = e.closed {
      let (late, onTime) = (l.pick("LATE", "超时"), l.pick("on time", "按时"))
      out += l.pick(
        "\nClosed after \(span(closed - e.appeared)): response \(e.responseMissed ? late : onTime), resolution \(e.resolutionMissed ? late : onTime).\n",
        "\n用时 \(span(closed - e.appeared)) 办结：回复\(e.responseMissed ? late : onTime)，办结\(e.resolutionMissed ? late : onTime)。\n"
      )
    } else {
      out += l.pick("\nStill open at the end of the period.\n", "\n至期末仍未办结。\n")
    }
    return out
  }

  private static func verdict(_ at: Double?, _ due: Double, _ l: ReportLanguage) -> String {
    guard let at else { return l.pick("MISSED", "超时") }
    return at <= due
      ? l.pick("met (\(l.duration(due - at)) to spare)", "按时（提前 \(l.duration(due - at))）")
      : l.pick("MISSED by \(l.duration(at - due))", "超时 \(l.duration(at - due))")
  }

  private static func reason(_ outcome: Ledger.Outcome, _ l: ReportLanguage) -> String {
    switch outcome {
    case .authority: l.pick("the tier may not close it (authority)", "本层级无权办结（超出权限）")
    case .referral: l.pick("referred on", "转办")
    case .deadline: l.pick("a deadline was missed (督办)", "超时督办")
    case .worsened: l.pick("the opinion got worse (skip-level)", "舆情恶化（越级）")
    case .reopened: l.pick("reopened", "重办")
    case .closed: l.pick("closed", "办结")
    }
  }

  /// A stage's name in `l`.
  static func stageName(_ stage: StageKind, _ l: ReportLanguage) -> String {
    guard l.code == .zh else { return stage.rawValue }
    return switch stage {
    case .accept: "受理"
    case .assign: "批办"
    case .handle: "办理"
    case .approve: "审定"
    case .reply: "答复"
    case .callback: "回访"
    case .archive: "归档"
    }
  }
}
