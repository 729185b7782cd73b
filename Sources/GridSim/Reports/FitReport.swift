import Foundation

/// What `gridsim fit` writes: the fitted scenario as JSON5, and a summary of the log read.
package struct FitReport {
  package var fit: HistoryFit
  package var scenario: Scenario
  package var log: WorkOrderLog

  package init(_ fit: HistoryFit, scenario: Scenario, log: WorkOrderLog) {
    self.fit = fit
    self.scenario = scenario
    self.log = log
  }

  /// How much of the log was used, its columns, what it lacks, and what was not fitted.
  package func summary(language l: ReportLanguage = .english) -> String {
    let share = Double(log.entries.count) / Double(max(1, log.rows))
    let (used, rows) = (log.entries.count, log.rows)
    var s = l.pick(
      "\(log.path) (\(log.encoding.rawValue)): \(used) of \(rows) rows used (\(l.percent(share))), \(fit.days) days\n",
      "\(log.path)（\(log.encoding.rawValue)）：\(rows) 行中使用 \(used) 行（\(l.percent(share))），共 \(fit.days) 天\n")
    s += l.pick("  columns: ", "  列：") + log.columns.joined(separator: l.pick(", ", "，")) + "\n"
    if !log.defaulted.isEmpty {
      s +=
        l.pick("  not in the log: ", "  日志中没有：") + log.defaulted.joined(separator: l.pick("; ", "；")) + "\n"
    }
    for w in fit.warnings { s += "  warning: \(w)\n" }
    if !fit.tiers.contains(where: Self.isFitted) {
      let counts = Self.visitCounts(fit.tiers, scenario, l)
      s += l.pick(
        "  no tier fitted (\(counts); \(HistoryFit.minimumRows) per figure are needed): the scenario keeps the base's tiers\n",
        "  没有拟合任何层级（\(counts)；每项数据至少需要 \(HistoryFit.minimumRows) 条）：方案沿用基准方案的层级\n")
    }
    return s
  }

  /// True when something of the tier was fitted.
  static func isFitted(_ fit: HistoryFit.TierFit) -> Bool {
    fit.response != nil || fit.handling != nil || fit.passUp != nil || !fit.categoryPassUp.isEmpty
  }

  /// Each tier's visits in the log, as the figures behind a fit that did not happen.
  static func visitCounts(_ tiers: [HistoryFit.TierFit], _ scenario: Scenario, _ l: ReportLanguage = .english)
    -> String
  {
    zip(tiers, scenario.tiers).map { l.pick("\($1.id) \($0.visits) visits", "\($1.name) \($0.visits) 次受理") }
      .joined(separator: l.pick(", ", "，"))
  }

  /// The fitted scenario as JSON5: it `extends` the base (so the organization, calendar, policy and
  /// targets stay the user's) and sets what the log supports, each figure with a comment saying
  /// how many rows it came from and its 95% interval. `base` is the path written in `extends`.
  package func scenarioText(base: String) -> String {
    let fit = self.fit
    let (items, days, firstDay, warnings) = (fit.items, fit.days, fit.firstDay, fit.warnings)
    let (perGridPerDay, hourOfDay, dayOfWeek, dayKind) = (
      fit.perGridPerDay, fit.hourOfDay, fit.dayOfWeek, fit.dayKind
    )
    let (windows, categories, severities, channels) = (
      fit.windows, fit.categories, fit.severities, fit.channels
    )
    let (ordinaryDays, detection, tiers) = (fit.ordinaryDays, fit.detection, fit.tiers)
    var out =
      "// Fitted by gridsim fit from \(Self.comment(log.path)): \(log.entries.count) of \(log.rows) rows used"
    out += " (\(Self.percent(Double(log.entries.count) / Double(max(1, log.rows))))), \(days) days from "
    out += "\(LocalDateTime(minutes: Int64(firstDay) * 1440).dateDescription).\n"
    out += "// Each figure says how many rows it came from and its 95% interval; figures with fewer than\n"
    out += "// \(HistoryFit.minimumRows) rows are not fitted and the base's stand (see the warnings below).\n"
    for w in warnings { out += "// warning: \(Self.comment(w))\n" }
    out += "{\n  extends: \(Self.string(base)),\n"
    out += "  name: \(Self.string(String((scenario.name + " (fitted)").prefix(200)))),\n"
    out += "  demand: {\n"
    if let r = perGridPerDay {
      out +=
        "    // \(r.count) items on \(ordinaryDays) ordinary days (workdays and weekends outside key-date windows)\n"
      out +=
        "    perGridPerDay: \(Self.number(r.value)),  // 95% interval \(Self.number(r.low)) to \(Self.number(r.high))\n"
    }
    if let h = hourOfDay {
      out += "    // items by local hour, from \(items) items (mean 1)\n"
      out += "    hourOfDay: [\(h.map { Self.number($0) }.joined(separator: ", "))],\n"
    }
    if perGridPerDay != nil {
      if let w = dayOfWeek {
        out += "    // Monday first, from \(ordinaryDays) ordinary days (mean 1)\n"
        out += "    dayOfWeek: [\(w.map { Self.number($0) }.joined(separator: ", "))],\n"
      } else {
        out += "    dayOfWeek: [1, 1, 1, 1, 1, 1, 1],  // not fitted: see the warnings\n"
      }
      out += "    // flat: the rate above is the log's own months'\n"
      out += "    monthOfYear: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],\n"
      out += "    dayKind: {\n      workday: 1,\n      weekend: 1,  // in dayOfWeek\n"
      for d in dayKind {
        out += "      \(Self.string(d.kind.rawValue)): \(Self.number(d.figure.value)),"
        out +=
          "  // \(d.figure.count) items on \(d.days) days; 95% interval \(Self.number(d.figure.low)) to \(Self.number(d.figure.high))\n"
      }
      out += "    },\n"
    }
    for w in windows where !w.channels.contains(where: { $0 != nil }) {
      out +=
        "    // window \(Self.comment(w.name)): \(w.figure.count) items on \(w.days) days, \(Self.number(w.figure.value))x the ordinary rate"
      out +=
        " (95% interval \(Self.number(w.figure.low)) to \(Self.number(w.figure.high))); the base's window says \(Self.number(w.base))x\n"
    }
    func mix(_ key: String, _ ids: [String], _ figures: [HistoryFit.Figure]?) {
      guard let figures else { return }
      out += "    \(key): [\n"
      if key == "severities" {
        out += "      // from the items of the categories without severities of their own\n"
      }
      for (id, f) in zip(ids, figures) {
        out += "      { id: \(Self.string(id)), share: \(Self.number(f.value)) },"
        out +=
          "  // \(f.count) of \(items) items; 95% interval \(Self.percent(f.low)) to \(Self.percent(f.high))\n"
      }
      out += "    ],\n"
    }
    if let categories {
      out += "    categories: [\n"
      for (k, f) in categories.enumerated() {
        out += "      { id: \(Self.string(scenario.demand.categories[k].id)), share: \(Self.number(f.value))"
        if let own = fit.categorySeverities[k] {
          out += ", severities: { "
          out += zip(scenario.demand.severities, own).map {
            "\(Self.string($0.id)): \(Self.number($1.value))"
          }
          .joined(separator: ", ")
          out += " }"
        }
        out +=
          " },  // \(f.count) of \(items) items; 95% interval \(Self.percent(f.low)) to \(Self.percent(f.high))\n"
      }
      out += "    ],\n"
    }
    mix("severities", scenario.demand.severities.map(\.id), severities)
    mix("channels", scenario.demand.channels.map(\.id), channels)
    for (c, fit) in detection.enumerated() {
      guard let fit, c < scenario.demand.channels.count else { continue }
      out +=
        "    // channel \(Self.comment(scenario.demand.channels[c].id)): appearance to detection \(Self.minutes(fit.mean)) on average"
      out += " over \(fit.count) items (set its monitoring rounds to match)\n"
    }
    out += "  },\n"
    out += windowsText()
    // No tier fitted: the base's tiers stand whole (an empty list would replace them).
    let fitted = tiers.indices.filter { Self.isFitted(tiers[$0]) }
    if fitted.isEmpty {
      out += "  // tiers: none fitted (\(Self.visitCounts(tiers, scenario))); the base's stand\n}\n"
      return out
    }
    out += "  tiers: [\n"
    for (t, fit) in tiers.enumerated() where Self.isFitted(fit) {
      out += "    {\n      id: \(Self.string(scenario.tiers[t].id)),  // \(fit.visits) visits\n"
      if fit.combined {
        out += "      response: \"0 min\",  // not in the log: answered below; see the warning above\n"
      }
      for (key, d) in [("response", fit.response), ("handling", fit.handling)] {
        guard let d else { continue }
        out +=
          "      // \(d.count) visits; mean \(Self.minutes(d.mean)) (95% interval \(Self.minutes(d.meanLow)) to \(Self.minutes(d.meanHigh)))"
        if !d.distances.isEmpty {
          out +=
            "; KS distance "
            + d.distances.map { "\($0.family) \(Self.number($0.distance))" }.joined(separator: ", ")
          out += " (5% critical \(Self.number(d.critical)))"
        }
        out += "\n      \(key): \(Self.distribution(d.chosen)),\n"
      }
      if let p = fit.passUp {
        out +=
          "      passUp: \(Self.number(p.value)),  // \(p.count) of the closable items passed up\(fit.categoryPassUp.isEmpty ? "" : " (the categories below apart)"); 95% interval \(Self.percent(p.low)) to \(Self.percent(p.high))\n"
      }
      if !fit.categoryPassUp.isEmpty {
        out += "      categories: {\n"
        for (c, p) in fit.categoryPassUp.sorted(by: { $0.key < $1.key }) {
          out +=
            "        \(Self.string(scenario.demand.categories[c].id)): { passUp: \(Self.number(p.value)) },  // \(p.count) of the category's closable items passed up; 95% interval \(Self.percent(p.low)) to \(Self.percent(p.high))\n"
        }
        out += "      },\n"
      }
      if let a = fit.authority, a.count > 0 {
        out +=
          "      // \(Self.percent(a.value)) of the visits left for want of authority (set by the tier's authority, not fitted)\n"
      }
      out += "    },\n"
    }
    out += "  ],\n}\n"
    return out
  }

  /// The base's windows again (a list replaces the base's whole), each channel's arrivals
  /// multiplier fitted where the log has enough of its items in the window; empty when none is.
  func windowsText() -> String {
    guard fit.windows.contains(where: { $0.channels.contains { $0 != nil } }) else { return "" }
    var out = "  windows: [\n"
    for window in scenario.windows {
      let fitted = fit.windows.first { $0.name == window.name }
      out += "    {\n      name: \(Self.string(window.name)),"
      // Dates of its own (a window of the user's, or a key date moved): written, else the name's.
      let period = scenario.period
      let known = (period.start.date.year...period.end.adding(minutes: -1).date.year).compactMap {
        KeyDates.span(window.name, year: $0)
      }
      if window.spans != known, let span = window.spans.first {
        func date(_ d: Int) -> String { Self.string(LocalDateTime(minutes: Int64(d) * 1440).dateDescription) }
        out += " from: \(date(span.lowerBound)), to: \(date(span.upperBound)),"
      }
      if let fitted {
        out +=
          "  // \(fitted.figure.count) items on \(fitted.days) days, \(Self.number(fitted.figure.value))x the ordinary rate\n"
      } else {
        out += "  // not in the log: the base's\n"
      }
      out += "      arrivals: {\n"
      for (c, channel) in scenario.demand.channels.enumerated() {
        let base = window.demand.arrivals * (window.demand.channels[channel.id] ?? 1)
        if let f = fitted?.channels[c] {
          out +=
            "        \(Self.string(channel.id)): \(Self.number(f.value)),  // \(f.count) items; 95% interval \(Self.number(f.low)) to \(Self.number(f.high)); the base's \(Self.number(base))\n"
        } else {
          out += "        \(Self.string(channel.id)): \(Self.number(base)),  // the base's"
          out +=
            fitted == nil
            ? "\n" : " (fewer than \(HistoryFit.minimumRows) items of the channel in the window)\n"
        }
      }
      out += "      },\n"
      if !window.staffing.tiers.isEmpty {
        out += "      staff: { all: \(Self.number(window.staffing.all))"
        for (tier, x) in window.staffing.tiers.sorted(by: { $0.key < $1.key }) {
          out += ", \(Self.string(tier)): \(Self.number(x))"
        }
        out += " },\n"
      } else if window.staffing.all != 1 {
        out += "      staff: \(Self.number(window.staffing.all)),\n"
      }
      if window.staffing.watch { out += "      watch: true,\n" }
      out += "    },\n"
    }
    return out + "  ],\n"
  }

  static func distribution(_ family: DurationFit.Family) -> String {
    switch family {
    case .fixed(let m): string(minutes(m))
    case .exponential(let m): "{ exponential: \(string(minutes(m))) }"
    case .lognormal(let m, let sd):
      "{ lognormal: { mean: \(string(minutes(m))), sd: \(string(minutes(sd))) } }"
    case .gamma(let shape, let m): "{ gamma: { shape: \(number(shape)), mean: \(string(minutes(m))) } }"
    case .empirical(let values):
      "{ empirical: [\(values.map { string(minutes($0)) }.joined(separator: ", "))] }"
    }
  }

  /// A duration in minutes as the scenario format writes it.
  static func minutes(_ m: Double) -> String { "\(number(m)) min" }

  static func number(_ x: Double) -> String { DataFiles.number(x) }

  static func percent(_ p: Double) -> String { ReportLanguage.english.percent(p) }

  /// A JSON5 string literal.
  static func string(_ s: String) -> String { JSONNode.literal(s) }

  /// Text safe inside a `//` comment: one line, no control characters.
  static func comment(_ s: String) -> String {
    String(String.UnicodeScalarView(s.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
  }
}
