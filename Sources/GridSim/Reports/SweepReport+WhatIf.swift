/// `whatif.html`: one page to pick a point of a sweep and see it, offline.
///
/// Everything is in the one file: the points' figures as JSON in a `<script type="application/json">`
/// (every `<`, `>` and `&` escaped, so no text of a scenario can close it), a small script of ours,
/// and the style. The words and figures are formatted here, in the report's language; the script
/// only chooses which point's to show, writing them with `textContent`, and draws its daily lines
/// into chart frames drawn here (``Charts/dailyFrame(days:firstDay:lo:hi:unit:axisLabel:series:language:id:title:)``).
/// `whatif.html#point=N` (N from 1) or `#point=KEY=VALUE&KEY=VALUE` (each part URL-encoded) shows
/// that point; the page follows the fragment as it changes.
extension SweepReport {
  /// The page, for the points of `sweep` judged on `targets`.
  package static func whatIf(
    _ sweep: Sweep, points: [SweepPoint], targets: [Target], name: String, source: String,
    language code: Scenario.Language = .en
  ) -> String {
    let l = ReportLanguage(code)
    let e = ReportDocument.escape
    let best = points.indices.filter { points[$0].met }.min { points[$0].staffHours < points[$1].staffHours }
    // Each key's values, in the order they first appear.
    let axes = sweep.keys.indices.map { k in
      points.reduce(into: [String]()) { list, p in
        if k < p.values.count, !list.contains(p.values[k]) { list.append(p.values[k]) }
      }
    }
    var out = "<!DOCTYPE html>\n<html lang=\"\(l.htmlLang)\">\n<head>\n<meta charset=\"utf-8\">\n"
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    out += "<title>\(e(l.pick("What if: ", "假设推演：") + name))</title>\n"
    out += "<style>\n\(ReportDocument.style)\n\(style)\n</style>\n</head>\n<body>\n"
    out += "<h1>\(e(l.pick("What if: ", "假设推演：") + name))</h1>\n"
    out +=
      "<ul class=\"meta\"><li>\(l.pick("Scenario: ", "情景："))<code>\(e(source))</code></li><li>"
      + e(
        l.pick(
          "\(points.count) point\(points.count == 1 ? "" : "s") on common random numbers; intervals are 95%. Choose a value of each key, or a point on the map below.",
          "\(points.count) 个参数组合，共用随机数；区间为 95%。为每个参数选一个取值，或在下方的总览中点选一个组合。"))
      + "</li></ul>\n"
    out +=
      "<noscript><p class=\"verdict missed\">\(e(l.pick("This page needs JavaScript to choose a point; sweep.html beside it shows every point.", "本页需要启用 JavaScript 才能选择组合；同目录的 sweep.html 列出了全部组合。")))</p></noscript>\n"

    // The controls: one group of buttons per key.
    out += "<section class=\"controls\" aria-label=\"\(e(l.pick("Varied keys", "扫描参数")))\">\n"
    for (k, key) in sweep.keys.enumerated() {
      out += "<fieldset><legend><code>\(e(key))</code></legend>"
      for (i, value) in axes[k].enumerated() {
        out +=
          "<button type=\"button\" data-k=\"\(k)\" data-i=\"\(i)\" aria-pressed=\"false\">\(e(value))</button>"
      }
      out += "</fieldset>\n"
    }
    out += "</section>\n"

    // The chosen point.
    out += "<section id=\"point\">\n<p id=\"notice\" class=\"notice\" hidden></p>\n"
    out += "<h2 id=\"point-title\"></h2>\n<p id=\"point-values\" class=\"values\"></p>\n"
    out += "<p id=\"verdict\" class=\"verdict\"></p>\n"
    out +=
      "<p class=\"staff\"><span>\(e(l.pick("Staff-hours on duty: ", "在岗人时：")))</span><b id=\"staff\"></b> "
    out += "<span id=\"standing\"></span></p>\n"
    if !targets.isEmpty {
      let bestHead =
        best == nil
        ? l.pick("No point meets every target", "没有满足全部目标的组合")
        : l.pick("Cheapest point that meets every target", "满足全部目标的最省人力组合")
      out += "<div class=\"wide\"><table id=\"targets\">\n<thead><tr>"
      out += "<th class=\"l\">\(e(l.pick("Target", "目标")))</th><th>\(e(l.bound))</th>"
      out += "<th>\(e(l.pick("Estimate", "估计值")))</th><th>\(e(l.pick("95% interval", "95% 区间")))</th>"
      out += "<th>\(e(l.pick("Result", "结果")))</th><th>\(e(bestHead))</th></tr></thead>\n<tbody>\n"
      for (t, target) in targets.enumerated() {
        let bestText = best.map { figure(points[$0].outcomes[t], language: l) } ?? "-"
        out += "<tr id=\"t\(t)\"><td class=\"l name\">\(e(target.name))</td>"
        out += "<td data-label=\"\(e(l.bound))\">\(e(TargetReport.bound(target, language: l)))</td>"
        out += "<td data-label=\"\(e(l.pick("Estimate", "估计值")))\" id=\"t\(t)-est\"></td>"
        out += "<td data-label=\"\(e(l.pick("95% interval", "95% 区间")))\" id=\"t\(t)-int\"></td>"
        out += "<td data-label=\"\(e(l.pick("Result", "结果")))\" id=\"t\(t)-met\"></td>"
        out += "<td data-label=\"\(e(bestHead))\">\(e(bestText))</td></tr>\n"
      }
      out += "</tbody>\n</table></div>\n"
    }

    // The daily charts' frames, on axes shared by every point so that moving between points
    // moves only the lines.
    var geometry: [(String, Charts.DailyGeometry)] = []
    if let first = points.first, !first.days.isEmpty, points.allSatisfy({ $0.days.count == first.days.count })
    {
      let onTime = points.flatMap { $0.dailyResponseOnTime.compactMap { $0 } }
      let lowest = onTime.min() ?? 0.9
      var series = [
        (id: "ontime-point", label: l.pick("this point", "当前组合"), stroke: "#000", dash: String?.none)
      ]
      if best != nil {
        series.append(
          (
            id: "ontime-best", label: l.pick("cheapest point that meets every target", "最省人力的达标组合"),
            stroke: "#888", dash: "6 3"
          ))
      }
      let on = Charts.dailyFrame(
        days: first.days, firstDay: first.firstDay, lo: max(0, lowest - 0.01), hi: 1, unit: .share,
        axisLabel: l.pick("on time", "按时"), series: series, language: l, id: "w-ontime",
        title: l.pick("Daily on-time first response", "每日首次响应按时率"))
      geometry.append(("ontime", on.geometry))
      out +=
        "<figure>\n\(on.svg)\n<figcaption><b>\(e(l.pick("Daily on-time first response", "每日首次响应按时率"))).</b> "
      out += e(
        l.pick(
          "The share of the response deadlines of the visits begun each day that were met, all tiers together; the gray dashed line is the cheapest point that meets every target. Gray days are holidays, dotted ones the warm-up.",
          "每天开始办理的事项中按时首次响应的比例（全部层级合计）；灰色虚线为满足全部目标的最省人力组合。灰底为节假日，点状底为预热期。"))
      out += "</figcaption>\n</figure>\n"
      let backlogMost = points.flatMap { $0.days.flatMap(\.backlog) }.max() ?? 1
      let dashes = Charts.dashes
      let backlog = Charts.dailyFrame(
        days: first.days, firstDay: first.firstDay, lo: 0, hi: max(1, backlogMost), unit: .items,
        axisLabel: l.items,
        series: first.tiers.enumerated().map { t, name in
          (id: "backlog-\(t)", label: name, stroke: "#000", dash: dashes[t % dashes.count])
        }, language: l, id: "w-backlog", title: l.pick("End-of-day backlog per tier", "各层级每日日终积压"))
      geometry.append(("backlog", backlog.geometry))
      out +=
        "<figure>\n\(backlog.svg)\n<figcaption><b>\(e(l.pick("End-of-day backlog per tier", "各层级每日日终积压"))).</b> "
      out += e(
        l.pick(
          "Items present at each tier at the end of each day, averaged over the replications; the axis is the same for every point.",
          "每天结束时各层级在办的事项数（各次重复的平均）；所有组合使用同一纵轴。"))
      out += "</figcaption>\n</figure>\n"
    } else if !points.isEmpty {
      out +=
        "<p>\(e(l.pick("The daily charts are left out: the sweep is too large to keep every point's days, or its points cover different periods.", "略去逐日图表：参数组合过多，未保存每个组合的逐日数据，或各组合的时段不同。")))</p>\n"
    }
    out +=
      "<p class=\"link\">\(e(l.pick("Link to this point: ", "本组合的链接：")))<a id=\"permalink\" href=\"#\"></a></p>\n"
    out += "</section>\n"

    // The map of every point.
    out += map(sweep, points: points, axes: axes, best: best, language: l)

    // The data and the script.
    let data = JSONNode.object([
      ("keys", .array(sweep.keys.map { .string($0) })),
      ("axes", .array(axes.map { .array($0.map { .string($0) }) })),
      ("best", best.map { .int($0) } ?? .null),
      (
        "charts",
        .object(
          geometry.map { name, g in
            (
              name,
              .object([
                ("x0", .number(g.x0)), ("step", .number(g.step)), ("yLow", .number(g.yLow)),
                ("yHigh", .number(g.yHigh)), ("lo", .number(g.lo)), ("hi", .number(g.hi)),
              ])
            )
          })
      ),
      (
        "words",
        .object([
          (
            "noMatch",
            .string(l.pick("No point matches “{hash}”; showing point {n}.", "没有与“{hash}”对应的组合；显示第 {n} 个组合。"))
          ),
          ("shown", .string(l.pick("{n} of {all} points shown", "显示 {all} 个组合中的 {n} 个"))),
        ])
      ),
      (
        "points",
        .array(
          points.enumerated().map { i, p in
            pointJSON(
              p, index: i, count: points.count, best: best.map { points[$0] }, keys: sweep.keys,
              geometry: !geometry.isEmpty, language: l)
          })
      ),
    ])
    out += "<script type=\"application/json\" id=\"gridsim-data\">\(scriptSafe(data.rendered()))</script>\n"
    out += "<script>\n\(script)\n</script>\n"
    out += "<footer>gridsim sweep</footer>\n</body>\n</html>\n"
    return out
  }

  /// JSON text that cannot end the script element it sits in, nor open a comment: `<`, `>` and
  /// `&` as `\u` escapes (they only occur inside strings, where JSON reads them back).
  static func scriptSafe(_ json: String) -> String {
    var out = ""
    out.reserveCapacity(json.utf8.count)
    for c in json.unicodeScalars {
      switch c {
      case "<": out += "\\u003c"
      case ">": out += "\\u003e"
      case "&": out += "\\u0026"
      case "\u{2028}": out += "\\u2028"
      case "\u{2029}": out += "\\u2029"
      default: out.unicodeScalars.append(c)
      }
    }
    return out
  }

  /// A target's estimate at a point, in the unit of its bound.
  static func figure(_ o: TargetOutcome, language l: ReportLanguage) -> String {
    l.measure(o.estimate?.mean, o.target.measure.kind.unit, scale: o.target.bound.value)
  }

  /// One point's figures, formatted.
  static func pointJSON(
    _ p: SweepPoint, index: Int, count: Int, best: SweepPoint?, keys: [String], geometry: Bool,
    language l: ReportLanguage
  ) -> JSONNode {
    let missed = p.outcomes.filter { !$0.met }.count
    let verdict =
      p.outcomes.isEmpty
      ? l.pick("The scenario has no targets.", "该情景没有设定目标。")
      : missed == 0
        ? l.pick("Every target met.", "全部目标达成。")
        : l.pick(
          "\(missed) of \(p.outcomes.count) target\(p.outcomes.count == 1 ? "" : "s") missed.",
          "\(p.outcomes.count) 个目标中 \(missed) 个未达成。")
    var standing = ""
    if let best {
      let difference = p.staffHours - best.staffHours
      if p.values == best.values {
        standing = l.pick(
          "(the cheapest point that meets every target)", "（满足全部目标的最省人力组合）")
      } else {
        let shown = Format.count(abs(difference))
        let cheapest = Format.count(best.staffHours)
        standing =
          difference == 0
          ? l.pick(
            "(as many as the cheapest point that meets every target)", "（与满足全部目标的最省人力组合相同）")
          : difference > 0
            ? l.pick(
              "(\(shown) more than the cheapest point that meets every target, \(cheapest))",
              "（比满足全部目标的最省人力组合（\(cheapest) 人时）多 \(shown) 人时）")
            : l.pick(
              "(\(shown) fewer than the cheapest point that meets every target, \(cheapest), but it misses a target)",
              "（比满足全部目标的最省人力组合（\(cheapest) 人时）少 \(shown) 人时，但有目标未达成）")
      }
    } else if !p.outcomes.isEmpty {
      standing = l.pick("(no point meets every target)", "（没有满足全部目标的组合）")
    }
    var members: [(String, JSONNode)] = [
      ("values", .array(p.values.map { .string($0) })),
      ("met", .bool(p.met)),
      ("title", .string(l.pick("Point \(index + 1) of \(count)", "第 \(index + 1) 个组合（共 \(count) 个）"))),
      ("label", .string(zip(keys, p.values).map { "\($0)=\($1)" }.joined(separator: l.pick(", ", "，")))),
      ("verdict", .string(verdict)),
      ("staffHours", .string(Format.count(p.staffHours))),
      ("standing", .string(standing)),
      (
        "targets",
        .array(
          p.outcomes.map { o in
            let unit = o.target.measure.kind.unit
            let scale = o.target.bound.value
            let interval =
              o.estimate.map { e in
                e.halfWidth > 0
                  ? "\(l.measure(e.low, unit, scale: scale)) \(l.pick("to", "至")) \(l.measure(e.high, unit, scale: scale))"
                  : "-"
              } ?? "-"
            return .object([
              ("estimate", .string(figure(o, language: l))), ("interval", .string(interval)),
              ("met", .bool(o.met)), ("result", .string(o.met ? l.met : l.missed)),
            ])
          })
      ),
    ]
    if geometry {
      func rounded(_ v: Double?) -> JSONNode { v.map { .number(($0 * 10_000).rounded() / 10_000) } ?? .null }
      members.append(("onTime", .array(p.dailyResponseOnTime.map(rounded))))
      members.append(
        ("backlog", .array(p.tiers.indices.map { t in .array(p.days.map { rounded($0.backlog[t]) }) })))
    }
    return .object(members)
  }

  /// Every point at a glance, met or missed, each a link to it: a grid for one or two keys
  /// (the first key down, the second across), else a list filtered by each key's value.
  static func map(
    _ sweep: Sweep, points: [SweepPoint], axes: [[String]], best: Int?, language l: ReportLanguage
  ) -> String {
    let e = ReportDocument.escape
    var out = "<section id=\"map\">\n<h2>\(e(l.pick("Every point", "全部组合")))</h2>\n"
    out +=
      "<p class=\"legend\">\(e(l.pick("✔ meets every target, ✘ misses one; the figure is the staff-hours. ★ the cheapest point that meets every target.", "✔ 全部目标达成，✘ 有目标未达成；数字为在岗人时。★ 为满足全部目标的最省人力组合。")))</p>\n"
    func cell(_ i: Int) -> String {
      let p = points[i]
      let mark = (p.met ? "✔" : "✘") + (i == best ? "★" : "")
      let label = zip(sweep.keys, p.values).map { "\($0)=\($1)" }.joined(separator: ", ")
      return
        "<a class=\"pt \(p.met ? "met" : "missed")\" href=\"#point=\(i + 1)\" data-point=\"\(i + 1)\" title=\"\(e(label))\"><span class=\"n\">\(i + 1)</span> \(mark) \(e(Format.count(p.staffHours)))</a>"
    }
    if sweep.keys.count <= 2 {
      let rows = axes[0]
      let columns = sweep.keys.count == 2 ? axes[1] : [""]
      out +=
        "<div class=\"wide\"><table class=\"grid\">\n<thead><tr><th class=\"l\"><code>\(e(sweep.keys[0]))</code>"
      if sweep.keys.count == 2 { out += " \\ <code>\(e(sweep.keys[1]))</code>" }
      out += "</th>"
      for c in columns { out += "<th>\(e(c))</th>" }
      out += "</tr></thead>\n<tbody>\n"
      for r in rows {
        out += "<tr><th class=\"l\">\(e(r))</th>"
        for c in columns {
          let found = points.indices.filter {
            points[$0].values[0] == r && (sweep.keys.count == 1 || points[$0].values[1] == c)
          }
          out += "<td>" + found.map(cell).joined(separator: " ") + "</td>"
        }
        out += "</tr>\n"
      }
      out += "</tbody>\n</table></div>\n"
    } else {
      out += "<div class=\"filters\">"
      for (k, key) in sweep.keys.enumerated() {
        out +=
          "<label><code>\(e(key))</code> <select data-k=\"\(k)\"><option value=\"\">\(e(l.pick("any", "全部")))</option>"
        for (i, v) in axes[k].enumerated() { out += "<option value=\"\(i)\">\(e(v))</option>" }
        out += "</select></label>"
      }
      out +=
        "<label><input type=\"checkbox\" id=\"only-met\"> \(e(l.pick("only points that meet every target", "只看全部目标达成的组合")))</label>"
      out += "</div>\n<p id=\"shown\" class=\"legend\"></p>\n<ol class=\"list\">\n"
      for (i, p) in points.enumerated() {
        let indices = p.values.enumerated().map { k, v in String(axes[k].firstIndex(of: v) ?? 0) }
        out += "<li data-v=\"\(indices.joined(separator: " "))\" data-met=\"\(p.met ? 1 : 0)\">\(cell(i)) "
        out +=
          "<span class=\"vals\">\(e(zip(sweep.keys, p.values).map { "\($0)=\($1)" }.joined(separator: ", ")))</span></li>\n"
      }
      out += "</ol>\n"
    }
    return out + "</section>\n"
  }
}
