/// What `gridsim drill` writes: the controller's script (MSEL) with a blank team log, and a
/// team's score, as text, CSV, JSON, Markdown and HTML, in English or Chinese. Times are local
/// ISO date-times; durations in the data files are minutes.
package struct DrillReport: Sendable {
  let pack: DrillPack
  let scenario: Scenario
  let language: ReportLanguage

  package init(pack: DrillPack, scenario: Scenario, language: Scenario.Language) {
    self.pack = pack
    self.scenario = scenario
    self.language = ReportLanguage(language)
  }

  /// The English or the Chinese text, in the report's language.
  package func pick(_ en: String, _ zh: String) -> String { language.pick(en, zh) }

  // MARK: words

  func tierName(_ k: Int) -> String { scenario.tiers.indices.contains(k) ? scenario.tiers[k].name : "?" }

  func actionName(_ a: DrillAction) -> String { language.code == .en ? a.rawValue : a.chineseName }

  /// `2026-10-08T17:30 Thu` with the day's kind when it is not a plain workday.
  func when(_ t: LocalDateTime) -> String {
    let weekdays =
      language.code == .en
      ? ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] : ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
    var text = t.description + " " + weekdays[t.weekday - 1]
    let kind = scenario.calendar.days.kind(ofDay: t.dayNumber)
    if kind != .workday {
      // The built-in calendar's day names in the report's language (国庆节, 国庆节调休上班).
      let name = scenario.calendar.days.name(ofDay: t.dayNumber).map { language.holiday($0) }
      text +=
        language.pick(" (", "（") + language.dayKind(kind)
        + (name.map { language.pick(", ", "，") + $0 } ?? "") + language.pick(")", "）")
    }
    return text
  }

  func deadline(_ spec: DeadlineSpec) -> String {
    guard language.code == .zh else { return spec.description }
    switch spec {
    case .sameDay: return "当日"
    case .workingDays(let n): return "\(n)个工作日"
    case .workingHours(let s): return "\(String(format2: s.minutes / 60))工作小时"
    case .elapsed(let s): return language.duration(s.minutes)
    }
  }

  func basis(_ e: DrillTimeline.Expectation, inject: DrillPack.Inject) -> String {
    switch e.basis {
    case .monitoring(let channel):
      let name = scenario.demand.channels.first { $0.id == channel }?.name ?? channel
      return pick("the next monitoring round of \(name)", "\(name)下一次巡查")
    case .skipLevel(let within):
      return pick(
        "skip-level report to \(tierName(e.tier)) within \(language.duration(within.minutes)) of detection",
        "越级上报\(tierName(e.tier))：发现后\(language.duration(within.minutes))内")
    case .policy(let key, let clock):
      let category = scenario.demand.categories.first { $0.id == inject.category }?.name ?? inject.category
      let from =
        switch clock {
        case .arrival: pick("its arrival at the tier", "到达本级")
        case .appearance: pick("its appearance", "出现")
        case .detection: pick("its detection", "发现")
        }
      let spec = e.deadline.map(deadline) ?? ""
      return key == "response"
        ? pick(
          "\(tierName(e.tier)) response deadline for \(category): \(spec) from \(from)",
          "\(tierName(e.tier))对\(category)的响应时限：自\(from)起\(spec)")
        : pick(
          "\(tierName(e.tier)) resolution deadline for \(category): \(spec) from \(from)",
          "\(tierName(e.tier))对\(category)的办结时限：自\(from)起\(spec)")
    case .stated:
      return pick(
        "stated in the pack: within \(e.deadline.map(deadline) ?? "") of release",
        "演练包规定：发布后\(e.deadline.map(deadline) ?? "")内")
    }
  }

  func condition(_ inject: DrillPack.Inject) -> String {
    guard let c = inject.condition else { return "" }
    let by = c.by.map { language.duration($0.minutes) }
    return pick(
      "only if \(c.inject) \(c.action.rawValue) is not done \(by.map { "within \($0)" } ?? "by its due time")",
      "仅当\(c.inject)未\(by.map { "在\($0)内" } ?? "按时")\(c.action.chineseName)时发布")
  }

  func objectivesOf(_ e: DrillTimeline.Expectation) -> [String] {
    pack.objectives.filter { o in
      o.tests.contains { $0.names(inject: e.inject, action: e.action, tier: scenario.tiers[e.tier].id) }
    }.map(\.id)
  }

  // MARK: the script

  /// `script.csv`: the master scenario events list, one row per expected action (an inject that
  /// expects none still gets a row).
  package func scriptCSV(_ timeline: DrillTimeline) -> String {
    var out = CSV.row([
      "seq", "inject", "release", "conditional", "condition", "grid", "channel", "category", "severity",
      "title",
      "text", "action", "tier", "due", "deadline", "basis", "objectives",
    ])
    for (n, release) in timeline.releases.enumerated() {
      let inject = pack.injects[release.inject]
      let head = [
        String(n + 1), inject.id, release.time.description, release.conditional ? "yes" : "no",
        condition(inject),
        release.units.first ?? "", inject.channel ?? "", inject.category, inject.severity, inject.title,
        inject.text,
      ]
      if release.expectations.isEmpty { out += CSV.row(head + Array(repeating: "", count: 6)) }
      for e in release.expectations {
        out += CSV.row(
          head + [
            e.action.rawValue, scenario.tiers[e.tier].id, e.due.description, e.deadline?.description ?? "",
            basis(e, inject: inject), objectivesOf(e).joined(separator: " "),
          ])
      }
    }
    return out
  }

  /// `team-log.csv`: the blank log a controller fills in, one row per expected action with the
  /// unit expected to do it; contingencies' rows are marked.
  package func teamLogTemplate(_ timeline: DrillTimeline) -> String {
    var out = CSV.row(["inject", "action", "time", "unit", "role", "note"])
    for release in timeline.releases {
      let inject = pack.injects[release.inject]
      for e in release.expectations {
        let unit = release.units.indices.contains(e.tier) ? release.units[e.tier] : scenario.tiers[e.tier].id
        let role = pack.roles.first { $0.tier == e.tier }?.id ?? ""
        let note =
          (release.conditional ? pick("only if released; ", "仅在发布时；") : "")
          + pick("due \(e.due)", "时限 \(e.due)")
        out += CSV.row([inject.id, e.action.rawValue, "", unit, role, note])
      }
    }
    return out
  }

  /// The script on the terminal.
  package func scriptText(_ timeline: DrillTimeline, source: String) -> String {
    var out = pick("gridsim drill script: ", "gridsim drill script：") + "\(pack.name)\n"
    out += pick("Scenario: \(scenario.name) (\(source))", "情景：\(scenario.name)（\(source)）") + "\n\n"
    var table = TextTable(headers: [
      "#", pick("Inject", "事件"), pick("Released", "发布时间"), pick("Action", "动作"), pick("Tier", "层级"),
      pick("Due", "时限"), pick("Basis", "依据"),
    ])
    table.leftAligned = [1, 2, 3, 4, 5, 6]
    for (n, release) in timeline.releases.enumerated() {
      let inject = pack.injects[release.inject]
      let label = inject.id + (release.conditional ? " *" : "")
      if release.expectations.isEmpty {
        table.rows.append([String(n + 1), label, when(release.time), "-", "", "", ""])
      }
      for (j, e) in release.expectations.enumerated() {
        table.rows.append([
          j == 0 ? String(n + 1) : "", j == 0 ? label : "", j == 0 ? when(release.time) : "",
          actionName(e.action),
          tierName(e.tier), when(e.due), basis(e, inject: inject),
        ])
      }
    }
    out += table.rendered()
    if timeline.releases.contains(where: \.conditional) {
      out += "\n" + pick("* a contingency: ", "* 应急追加事件：")
      out +=
        timeline.releases.filter(\.conditional).map {
          "\(pack.injects[$0.inject].id) \(condition(pack.injects[$0.inject]))"
        }
        .joined(separator: "; ") + "\n"
    }
    for release in timeline.releases {
      if let at = release.worsensAt {
        out += pick(
          "\(pack.injects[release.inject].id): opinion worsens at \(when(at)) unless answered by then.\n",
          "\(pack.injects[release.inject].id)：若\(when(at))前未回应，舆情将恶化。\n")
      }
    }
    return out
  }

  /// The script as a document (`script.md`, `script.html`).
  func scriptDocument(_ timeline: DrillTimeline) -> ReportDocument {
    var doc = ReportDocument(title: pack.name, language: language)
    doc.add(.heading(1, pick("Drill script: ", "演练脚本：") + pack.name))
    var meta = [pick("Scenario: ", "情景：") + scenario.name]
    if !pack.description.isEmpty { meta.append(pack.description) }
    if !pack.roles.isEmpty {
      meta.append(pick("Roles: ", "参演角色：") + pack.roles.map(\.name).joined(separator: pick(", ", "、")))
    }
    doc.add(.meta(meta))
    if !pack.objectives.isEmpty {
      doc.add(.heading(2, pick("Objectives", "演练目标")))
      doc.add(
        .table(
          headers: ["ID", pick("Objective", "目标"), pick("Rule tested", "检验的规定"), pick("Tested by", "检验事件")],
          rows: pack.objectives.map {
            [$0.id, $0.text, $0.rule ?? "", $0.tests.map(\.description).joined(separator: ", ")]
          },
          leftAligned: [0, 1, 2, 3]))
    }
    doc.add(.heading(2, pick("Injects and expected actions", "事件与预期行动")))
    for release in timeline.releases {
      let inject = pack.injects[release.inject]
      doc.add(.heading(3, "\(inject.id) · \(inject.title)"))
      var lines = [
        pick("Released: ", "发布时间：") + when(release.time),
        pick("Where: ", "地点：") + release.units.reversed().joined(separator: " / "),
      ]
      if release.conditional { lines.append(pick("Contingency: ", "应急追加：") + condition(inject)) }
      if let at = release.worsensAt {
        lines.append(pick("Opinion worsens at ", "舆情恶化时间：") + when(at) + pick(" unless answered", "（未回应时）"))
      }
      doc.add(.meta(lines))
      if !inject.text.isEmpty { doc.add(.paragraph(inject.text)) }
      doc.add(
        .table(
          headers: [
            pick("Action", "动作"), pick("Tier", "层级"), pick("Due", "时限"), pick("Basis", "依据"),
            pick("Objectives", "目标"),
          ],
          rows: release.expectations.map {
            [
              actionName($0.action), tierName($0.tier), when($0.due), basis($0, inject: inject),
              objectivesOf($0).joined(separator: ", "),
            ]
          }, leftAligned: [0, 1, 2, 3, 4]))
    }
    return doc
  }

  /// The files `drill script --out DIR` writes.
  package func scriptFiles(_ timeline: DrillTimeline) -> [(name: String, text: String)] {
    let doc = scriptDocument(timeline)
    let footer = "gridsim drill script"
    return [
      ("script.csv", scriptCSV(timeline)), ("script.md", doc.markdown(footer: footer)),
      ("script.html", doc.html(footer: footer)), ("team-log.csv", teamLogTemplate(timeline)),
      ("cards.html", injectCards(timeline)),
    ]
  }

  // MARK: live play

  package func playHeader(speed: Double) -> String {
    pick(
      "gridsim drill play: \(pack.name)\nScenario: \(scenario.name); \(speed == 1 ? "real time" : "\(String(format2: speed)) times real time"). Ctrl-C stops.\n",
      "gridsim drill play：\(pack.name)\n情景：\(scenario.name)；\(speed == 1 ? "实时" : "\(String(format2: speed))倍速")。按 Ctrl-C 停止。\n"
    )
  }

  /// The running clock.
  package func clock(_ t: LocalDateTime) -> String { pick("drill time ", "演练时间 ") + when(t) }

  /// One inject as released to the room.
  package func playInject(_ release: DrillTimeline.Release) -> String {
    let inject = pack.injects[release.inject]
    var out = "\n== \(when(release.time)) == \(inject.id) · \(inject.title)"
    let category = scenario.demand.categories.first { $0.id == inject.category }?.name ?? inject.category
    let severity = scenario.demand.severities.first { $0.id == inject.severity }?.name ?? inject.severity
    let channel = inject.channel.flatMap { id in scenario.demand.channels.first { $0.id == id }?.name }
    out += "  [" + ([channel, category, severity].compactMap { $0 }.joined(separator: " · ")) + "]\n"
    if release.conditional { out += "   " + pick("CONTINGENCY, ", "应急追加事件，") + condition(inject) + "\n" }
    out += "   " + pick("Where: ", "地点：") + release.units.reversed().joined(separator: " / ") + "\n"
    for line in inject.text.split(separator: "\n", omittingEmptySubsequences: false) {
      out += "   | \(line)\n"
    }
    for e in release.expectations {
      out +=
        "   " + pick("expected: ", "预期：") + "\(actionName(e.action)) · \(tierName(e.tier)) · "
        + pick("due ", "时限 ") + when(e.due) + "\n"
    }
    if let at = release.worsensAt {
      out +=
        "   " + pick("opinion worsens at ", "舆情恶化时间：") + when(at) + pick(" unless answered", "（未回应时）") + "\n"
    }
    return out
  }

  package func playFooter(count: Int, contingencies: Int) -> String {
    let plain = count - contingencies
    return pick(
      "\nDrill over: \(plain) inject\(plain == 1 ? "" : "s") released\(contingencies > 0 ? ", \(contingencies) contingenc\(contingencies == 1 ? "y" : "ies") shown" : "").\n",
      "\n演练结束：共发布\(plain)个事件\(contingencies > 0 ? "，提示\(contingencies)个应急追加事件" : "")。\n")
  }
}
