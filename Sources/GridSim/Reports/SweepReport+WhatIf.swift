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
  public static func whatIf(
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

  /// The page's own rules, after the reports' (``ReportDocument/style``).
  static let style = """
    .wide{overflow-x:auto;margin:.5em 0 1em}.wide table{margin:0}
    code,.link{overflow-wrap:anywhere}
    .controls{display:flex;flex-wrap:wrap;gap:.6em;margin:.5em 0 1em}
    .controls fieldset{border:1px solid #999;padding:.3em .6em .5em;margin:0;min-width:0;max-width:100%}
    .controls legend{font-size:.85em;padding:0 .3em;overflow-wrap:anywhere}
    .controls button{font:inherit;font-size:.95em;min-height:34px;min-width:44px;margin:.2em .25em 0 0;padding:.2em .6em;border:1px solid #222;background:#fff;color:#111;border-radius:3px;cursor:pointer;overflow-wrap:anywhere;max-width:100%}
    .controls button[aria-pressed=true]{background:#111;color:#fff;font-weight:bold}
    .values{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em;overflow-wrap:anywhere}
    .notice{border:2px dashed #222;padding:.3em .6em}
    .staff b{font-size:1.15em}
    tr.missed td{font-weight:bold}
    .legend{font-size:.85em;color:#333}
    table.grid{width:auto}table.grid th,table.grid td{text-align:left;vertical-align:middle}
    a.pt{display:inline-block;border:1px solid #222;padding:.15em .45em;margin:.1em 0;color:#111;text-decoration:none;white-space:nowrap;border-radius:3px}
    a.pt.missed{border-style:dashed}
    a.pt.on{background:#111;color:#fff}
    a.pt .n{font-size:.8em;color:inherit;opacity:.75}
    .filters{display:flex;flex-wrap:wrap;gap:.4em 1em;margin:.4em 0}
    .filters label{font-size:.9em}
    .filters select{font:inherit;max-width:100%}
    ol.list{list-style:none;padding:0;margin:.3em 0}
    ol.list li{margin:.25em 0;overflow-wrap:anywhere}
    ol.list .vals{font-size:.85em;color:#333}
    figure{overflow-x:auto}
    @media (max-width:600px){body{padding:12px}h1{font-size:1.3em}figure svg{min-width:660px}
    #targets thead{display:none}#targets,#targets tbody,#targets tr,#targets td{display:block;width:auto}
    #targets tr{border-bottom:2px solid #222;padding:.3em 0}#targets td{border:0;text-align:left;padding:1px 4px}
    #targets td.name{font-weight:bold}#targets td[data-label]::before{content:attr(data-label) "：";color:#444;font-weight:normal}
    html[lang=en] #targets td[data-label]::before{content:attr(data-label) ": "}}
    @media print{.controls,.filters,#only-met,#shown,noscript{display:none}#permalink::after{content:" (" attr(href) ")"}ol.list li[hidden]{display:none}a.pt{border-width:1px}}
    """

  /// The page's script: chooses a point from the fragment or the controls, and shows it.
  static let script = """
    (function () {
      'use strict';
      var data = JSON.parse(document.getElementById('gridsim-data').textContent);
      var points = data.points, keys = data.keys;
      function $(id) { return document.getElementById(id); }
      function bare(v) { return String(v).trim().replace(/^(["'])(.*)\\1$/, '$2'); }
      function hashOf(i) {
        var p = points[i];
        var first = points.findIndex(function (q) { return q.values.join('\\u0000') === p.values.join('\\u0000'); });
        if (first !== i || keys.length === 0) return 'point=' + (i + 1);
        return 'point=' + keys.map(function (k, j) {
          return encodeURIComponent(k) + '=' + encodeURIComponent(p.values[j]);
        }).join('&');
      }
      // The point the fragment names: its index, null without one, -1 when none matches.
      function fromHash() {
        var h = location.hash.replace(/^#/, '');
        if (h.indexOf('point=') !== 0) return { index: null };
        var spec = h.slice(6);
        if (/^[0-9]+$/.test(spec)) {
          var n = parseInt(spec, 10);
          return { index: n >= 1 && n <= points.length ? n - 1 : -1, spec: spec };
        }
        var wanted = [];
        var parts = spec.split('&');
        for (var i = 0; i < parts.length; i++) {
          var eq = parts[i].indexOf('=');
          if (eq < 0) return { index: -1, spec: spec };
          var key, value;
          try {
            key = decodeURIComponent(parts[i].slice(0, eq));
            value = decodeURIComponent(parts[i].slice(eq + 1));
          } catch (e) { return { index: -1, spec: spec }; }
          var k = keys.indexOf(key);
          if (k < 0) return { index: -1, spec: spec };
          wanted.push([k, bare(value)]);
        }
        var found = points.findIndex(function (p) {
          return wanted.every(function (w) { return bare(p.values[w[0]]) === w[1]; });
        });
        return { index: found, spec: spec };
      }
      function draw(id, series, g) {
        var el = $(id);
        if (!el) return;
        var d = '', pen = false;
        (series || []).forEach(function (v, day) {
          if (v === null) { pen = false; return; }
          var x = g.x0 + (day + 0.5) * g.step;
          var y = g.yLow + (Math.min(Math.max(v, g.lo), g.hi) - g.lo) / (g.hi - g.lo) * (g.yHigh - g.yLow);
          d += (pen ? 'L' : 'M') + x.toFixed(1) + ' ' + y.toFixed(1);
          pen = true;
        });
        el.setAttribute('d', d);
      }
      var current = 0;
      function show(i) {
        current = i;
        var p = points[i];
        $('point-title').textContent = p.title;
        $('point-values').textContent = p.label;
        $('verdict').textContent = p.verdict;
        $('verdict').className = 'verdict' + (p.met ? '' : ' missed');
        $('staff').textContent = p.staffHours;
        $('standing').textContent = p.standing;
        p.targets.forEach(function (t, j) {
          $('t' + j + '-est').textContent = t.estimate;
          $('t' + j + '-int').textContent = t.interval;
          $('t' + j + '-met').textContent = t.result;
          $('t' + j).className = t.met ? 'met' : 'missed';
        });
        document.querySelectorAll('.controls button').forEach(function (b) {
          var k = +b.dataset.k;
          b.setAttribute('aria-pressed', String(data.axes[k][+b.dataset.i] === p.values[k]));
        });
        document.querySelectorAll('a.pt').forEach(function (a) {
          a.classList.toggle('on', +a.dataset.point === i + 1);
        });
        var link = $('permalink');
        link.setAttribute('href', '#' + hashOf(i));
        link.textContent = 'whatif.html#' + hashOf(i);
        if (data.charts.ontime) {
          draw('ontime-point', p.onTime, data.charts.ontime);
          draw('ontime-best', data.best === null ? [] : points[data.best].onTime, data.charts.ontime);
        }
        if (data.charts.backlog) {
          (p.backlog || []).forEach(function (s, t) { draw('backlog-' + t, s, data.charts.backlog); });
        }
        document.title = document.title.split(' · ')[0] + ' · ' + p.title;
      }
      function route() {
        var asked = fromHash();
        var fallback = data.best === null ? 0 : data.best;
        var notice = $('notice');
        if (asked.index === null || asked.index >= 0) {
          notice.hidden = true;
          show(asked.index === null ? fallback : asked.index);
        } else {
          notice.textContent = data.words.noMatch.replace('{hash}', asked.spec).replace('{n}', String(fallback + 1));
          notice.hidden = false;
          show(fallback);
        }
      }
      document.querySelectorAll('.controls button').forEach(function (b) {
        b.addEventListener('click', function () {
          var k = +b.dataset.k, v = data.axes[k][+b.dataset.i];
          var want = points[current].values.slice();
          want[k] = v;
          // The point with this value that keeps most of the others.
          var best = -1, score = -1;
          points.forEach(function (p, i) {
            if (p.values[k] !== v) return;
            var s = p.values.filter(function (x, j) { return x === want[j]; }).length;
            if (s > score) { best = i; score = s; }
          });
          if (best >= 0) location.hash = hashOf(best);
        });
      });
      var selects = document.querySelectorAll('.filters select');
      var onlyMet = $('only-met');
      function filter() {
        var n = 0, items = document.querySelectorAll('ol.list li');
        items.forEach(function (li) {
          var v = li.dataset.v.split(' ');
          var ok = (!onlyMet || !onlyMet.checked || li.dataset.met === '1');
          selects.forEach(function (s) { if (s.value !== '' && v[+s.dataset.k] !== s.value) ok = false; });
          li.hidden = !ok;
          if (ok) n++;
        });
        if ($('shown')) $('shown').textContent = data.words.shown.replace('{n}', String(n)).replace('{all}', String(items.length));
      }
      selects.forEach(function (s) { s.addEventListener('change', filter); });
      if (onlyMet) onlyMet.addEventListener('change', filter);
      filter();
      window.addEventListener('hashchange', route);
      route();
    })();
    """
}
