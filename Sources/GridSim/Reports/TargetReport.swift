/// How `gridsim check` shows targets: a table for people, JUnit XML for CI servers.
package enum TargetReport {
  /// `≥ 95.0%` or `≤ 24.0 h` (`≤ 24 小时`).
  package static func bound(_ target: Target, language l: ReportLanguage = .english) -> String {
    let unit = target.measure.kind.unit
    guard l.code != .en else { return target.bound.text(unit) }
    switch target.bound {
    case .atLeast(let v): return "≥ " + l.measure(v, unit)
    case .atMost(let v): return "≤ " + l.measure(v, unit)
    }
  }

  /// The lines above a scenario's targets: `gridsim check: NAME (PATH)` and how it was run.
  package static func header(
    _ name: String, source: String, replications n: Int, seed: UInt64, language l: ReportLanguage = .english
  ) -> String {
    l.pick(
      "gridsim check: \(name) (\(source))\n  \(n) replication\(n == 1 ? "" : "s"), seed \(seed); intervals are 95%\n\n",
      "gridsim 目标检查：\(name)（\(source)）\n  重复 \(n) 次，随机种子 \(seed)；区间为 95% 置信区间\n\n")
  }

  /// The targets of one scenario as a table, with a closing line. In Chinese the measure is said
  /// in words; in English it is the key path the scenario's targets use.
  package static func table(_ outcomes: [TargetOutcome], language l: ReportLanguage = .english) -> String {
    var table = TextTable(headers: [
      l.pick("Target", "目标"), l.pick("Measure", "指标"), l.pick("Estimate (95% interval)", "估计值（95% 区间）"),
      l.pick("Bound", "标准"), l.pick("Margin", "余量"), l.pick("Result", "结果"),
    ])
    for o in outcomes {
      let unit = o.target.measure.kind.unit
      let scale = o.target.bound.value
      var result = o.met ? l.pick("met", "达成") : l.pick("MISSED", "未达成")
      if o.undecided { result += l.pick(" (mean meets it; run more replications)", "（均值达标，需增加重复次数）") }
      if o.estimate == nil { result += l.pick(" (never observed)", "（未观测到）") }
      let measure =
        l.code == .en
        ? o.target.measure.description : l.measure(o.target.measure, tierName: { $0 }, categoryName: { $0 })
      table.rows.append([
        o.target.name, measure + (o.target.judge == .mean ? l.pick(" (mean)", "（按均值）") : ""),
        l.interval(o.estimate, unit, scale: scale), bound(o.target, language: l),
        o.margin.map { l.difference($0, unit, scale: scale) } ?? "-", result,
      ])
    }
    table.leftAligned = [0, 1, 5]
    let missed = outcomes.filter { !$0.met }
    var out = table.rendered()
    let n = outcomes.count
    if missed.isEmpty {
      out += l.pick("\nAll \(n) target\(n == 1 ? "" : "s") met.\n", "\n全部 \(n) 项目标均已达成。\n")
    } else {
      let names = missed.map(\.target.name)
      out += l.pick(
        "\n\(missed.count) of \(n) target\(n == 1 ? "" : "s") missed: " + names.joined(separator: ", ")
          + ".\n",
        "\n\(n) 项目标中 \(missed.count) 项未达成：" + names.joined(separator: "、") + "。\n")
    }
    return out
  }

  /// One sentence on an outcome, for failure messages.
  package static func sentence(_ o: TargetOutcome) -> String {
    let unit = o.target.measure.kind.unit
    let judged = o.target.judge == .interval ? "95% interval" : "mean"
    guard let e = o.estimate else {
      return "\(o.target.measure) was never observed, so the target \(bound(o.target)) cannot be met"
    }
    return
      "\(o.target.measure) is \(Format.interval(e, unit, scale: o.target.bound.value)); the target is \(bound(o.target)) (judged on the \(judged)), margin \(o.margin.map { Format.difference($0, unit, scale: o.target.bound.value) } ?? "-")"
  }

  /// One checked scenario, for JUnit.
  package struct Suite: Sendable {
    package var name: String
    package var file: String
    package var replications: Int
    package var seed: UInt64
    package var seconds: Double
    package var outcomes: [TargetOutcome]
    /// Why the scenario was not run (it does not load): the suite is then one errored test case.
    package var error: String?

    package init(
      name: String, file: String, replications: Int, seed: UInt64, seconds: Double, outcomes: [TargetOutcome]
    ) {
      self.name = name
      self.file = file
      self.replications = replications
      self.seed = seed
      self.seconds = seconds
      self.outcomes = outcomes
    }

    /// A scenario that could not be checked: `message` says why (its problems, one a line).
    package init(file: String, error message: String) {
      self.init(name: file, file: file, replications: 0, seed: 0, seconds: 0, outcomes: [])
      error = message
    }
  }

  /// JUnit XML as GitLab, Jenkins and GitHub read it: one `<testsuite>` per scenario, one
  /// `<testcase>` per target, a `<failure>` for each missed target.
  package static func junit(_ suites: [Suite]) -> String {
    let errors = suites.filter { $0.error != nil }.count
    let tests = suites.reduce(0) { $0 + $1.outcomes.count } + errors
    let failures = suites.reduce(0) { $0 + $1.outcomes.filter { !$0.met }.count }
    let time = suites.reduce(0) { $0 + $1.seconds }
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out +=
      "<testsuites name=\"gridsim check\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\" time=\(attribute(seconds(time)))>\n"
    for s in suites {
      if let error = s.error {
        let first = error.split(separator: "\n").first.map(String.init) ?? error
        out +=
          "  <testsuite name=\(attribute(s.file)) tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\" time=\"0\" file=\(attribute(s.file))>\n"
        out +=
          "    <testcase classname=\(attribute("gridsim.check")) name=\(attribute("the scenario loads")) file=\(attribute(s.file)) time=\"0\">\n"
        out +=
          "      <error type=\"InvalidScenario\" message=\(attribute(first))>\(text(error))</error>\n    </testcase>\n  </testsuite>\n"
        continue
      }
      let f = s.outcomes.filter { !$0.met }.count
      out +=
        "  <testsuite name=\(attribute(s.name)) tests=\"\(s.outcomes.count)\" failures=\"\(f)\" errors=\"0\" skipped=\"0\" time=\(attribute(seconds(s.seconds))) file=\(attribute(s.file))>\n"
      out += "    <properties>\n"
      out += "      <property name=\"file\" value=\(attribute(s.file))/>\n"
      out += "      <property name=\"replications\" value=\"\(s.replications)\"/>\n"
      out += "      <property name=\"seed\" value=\"\(s.seed)\"/>\n"
      out += "    </properties>\n"
      for o in s.outcomes {
        let open =
          "    <testcase classname=\(attribute("gridsim.check." + s.name)) name=\(attribute(o.target.name)) file=\(attribute(s.file)) time=\"0\""
        if o.met {
          out += open + ">\n      <system-out>\(text(sentence(o)))</system-out>\n    </testcase>\n"
        } else {
          out += open + ">\n"
          out +=
            "      <failure type=\"TargetMissed\" message=\(attribute("missed: " + sentence(o)))>\(text(sentence(o)))</failure>\n"
          out += "    </testcase>\n"
        }
      }
      out += "  </testsuite>\n"
    }
    out += "</testsuites>\n"
    return out
  }

  private static func seconds(_ s: Double) -> String { String(format2: s, digits: 3) }

  /// Escapes text for XML character data, dropping characters XML 1.0 forbids.
  static func text(_ s: String) -> String {
    var out = ""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
      default:
        if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// A quoted XML attribute value.
  static func attribute(_ s: String) -> String {
    "\""
      + text(s).replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "\n", with: "&#10;")
      .replacingOccurrences(of: "\r", with: "&#13;").replacingOccurrences(of: "\t", with: "&#9;")
      + "\""
  }
}
