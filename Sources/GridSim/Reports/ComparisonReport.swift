/// How `gridsim compare` shows a comparison: measures side by side with paired differences, what
/// got worse, and the targets in both; in English or Chinese.
package enum ComparisonReport {
  /// Renders a comparison as plain text in `language`.
  package static func render(
    _ c: Comparison, base: (name: String, source: String), changed: (name: String, source: String),
    replications: Int, seed: UInt64, language l: ReportLanguage = .english
  ) -> String {
    var out = l.pick("gridsim compare\n", "gridsim 方案对比\n")
    out += l.pick("  base:    \(base.name) (\(base.source))\n", "  基准：  \(base.name)（\(base.source)）\n")
    out += l.pick(
      "  changed: \(changed.name) (\(changed.source))\n", "  调整后：\(changed.name)（\(changed.source)）\n")
    out += l.pick(
      "  \(replications) replication\(replications == 1 ? "" : "s") each, seed \(seed), common random numbers: differences are changed − base, paired by replication, with 95% intervals\n",
      "  各重复 \(replications) 次，随机种子 \(seed)，使用相同随机数：差值为调整后减基准，按重复配对，附 95% 区间\n")
    if let unpaired = c.unpaired, let (a, b) = c.periods {
      out += l.pick(
        "  WARNING: \(unpaired).\n",
        "  注意：两方案的时段不同（\(a.start) 至 \(a.end)，预热 \(l.duration(a.warmUp.minutes))；\(b.start) 至 \(b.end)，预热 \(l.duration(b.warmUp.minutes))）：两者第 r 次重复出现的事项不同，差值并非配对，其区间低估了不确定性。\n"
      )
    }
    out += "\n"
    func describe(_ m: Measure) -> String {
      l.code == .en ? m.description : l.measure(m, tierName: { $0 }, categoryName: { $0 })
    }
    var table = TextTable(headers: [
      l.pick("Measure", "指标"), l.pick("Base", "基准"), l.pick("Changed", "调整后"),
      l.pick("Difference (95% interval)", "差值（95% 区间）"), "",
    ])
    for row in c.rows {
      let unit = row.measure.kind.unit
      let scale = row.base?.mean ?? row.changed?.mean
      var difference = "-"
      if let d = row.difference {
        difference = l.difference(d.mean, unit, scale: scale ?? d.mean)
        if d.halfWidth > 0 {
          difference += l.pick(
            " (\(l.difference(d.low, unit, scale: scale ?? d.low)) to \(l.difference(d.high, unit, scale: scale ?? d.high)))",
            "（\(l.difference(d.low, unit, scale: scale ?? d.low)) 至 \(l.difference(d.high, unit, scale: scale ?? d.high))）"
          )
        }
      }
      let verdict =
        row.worse
        ? l.pick("worse", "变差")
        : row.better ? l.pick("better", "改善") : row.significant ? l.pick("changed", "有变化") : ""
      table.rows.append([
        describe(row.measure), row.base.map { l.measure($0.mean, unit, scale: scale) } ?? "-",
        row.changed.map { l.measure($0.mean, unit, scale: scale) } ?? "-", difference, verdict,
      ])
    }
    table.leftAligned = [0, 4]
    out += table.rendered() + "\n"
    let worse = c.rows.filter(\.worse)
    if worse.isEmpty {
      out += l.pick("Nothing got significantly worse.\n", "没有指标显著变差。\n")
    } else {
      let names = worse.map { describe($0.measure) }
      out += l.pick(
        "Significantly worse: " + names.joined(separator: ", ") + ".\n",
        "显著变差：" + names.joined(separator: "、") + "。\n")
    }
    if !c.targets.isEmpty {
      out += l.pick("\nTargets (from the base scenario):\n", "\n目标（来自基准方案）：\n")
      var targets = TextTable(headers: [
        l.pick("Target", "目标"), l.pick("Bound", "标准"), l.pick("Base", "基准"), l.pick("Changed", "调整后"),
        l.pick("Result", "结果"),
      ])
      let (met, missed) = (l.pick("met", "达成"), l.pick("MISSED", "未达成"))
      for t in c.targets {
        let unit = t.base.target.measure.kind.unit
        let scale = t.base.target.bound.value
        let result =
          t.flippedToMiss
          ? "\(met) → \(missed)"
          : !t.base.met && t.changed.met ? l.pick("missed → met", "未达成 → 达成") : t.changed.met ? met : missed
        targets.rows.append([
          t.base.target.name, TargetReport.bound(t.base.target, language: l),
          l.interval(t.base.estimate, unit, scale: scale),
          l.interval(t.changed.estimate, unit, scale: scale), result,
        ])
      }
      targets.leftAligned = [0, 4]
      out += targets.rendered()
      let flipped = c.targets.filter(\.flippedToMiss).map(\.base.target.name)
      out +=
        flipped.isEmpty
        ? l.pick("\nNo target went from met to missed.\n", "\n没有目标由达成变为未达成。\n")
        : l.pick(
          "\n\(flipped.count) target\(flipped.count == 1 ? "" : "s") went from met to missed: "
            + flipped.joined(separator: ", ") + ".\n",
          "\n\(flipped.count) 项目标由达成变为未达成：" + flipped.joined(separator: "、") + "。\n")
    }
    return out
  }
}
