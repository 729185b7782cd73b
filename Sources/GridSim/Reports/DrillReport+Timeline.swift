import Foundation

/// The score page's timeline of each inject: its release, each expected action's due time, when
/// the team did it, and the simulated policy's 50th-90th percentile band, as an SVG figure.
extension DrillReport {
  /// Minutes from release to an outcome's due time, the team's time, and the policy's p50 and p90
  /// (nil where there is none; p90 infinite when more than a tenth of the runs never did it).
  struct TimelineRow {
    var label: String
    var due: Double
    var done: Double?
    var status: DrillScore.Status
    var p50: Double?
    var p90: Double?
  }

  func timelineRows(_ score: DrillScore, inject: String) -> [TimelineRow] {
    score.outcomes.filter { $0.expectation.inject == inject }.map { o in
      let sim = o.simulated.flatMap { $0.isEmpty ? nil : $0 }
      return TimelineRow(
        label: "\(actionName(o.expectation.action)) · \(tierName(o.expectation.tier))",
        due: Double(o.expectation.due.minutes - o.released.minutes),
        done: o.actual.map { Double($0.minutes - o.released.minutes) }, status: o.status,
        p50: sim.map { Quantile.nearestRank($0, 0.5) }, p90: sim.map { Quantile.nearestRank($0, 0.9) })
    }
  }

  /// Tick marks on the time axis, minutes from release.
  static let timelineTicks: [Double] = [
    0, 10, 30, 60, 120, 240, 480, 1440, 2 * 1440, 4 * 1440, 7 * 1440, 14 * 1440, 28 * 1440, 56 * 1440,
  ]

  func tickLabel(_ m: Double) -> String {
    if m == 0 { return "0" }
    if m < 60 { return pick("\(Int(m)) min", "\(Int(m))分钟") }
    if m < 1440 { return pick("\(Int(m / 60)) h", "\(Int(m / 60))小时") }
    if m.truncatingRemainder(dividingBy: 7 * 1440) == 0 {
      return pick("\(Int(m / 10080)) wk", "\(Int(m / 10080))周")
    }
    return pick("\(Int(m / 1440)) d", "\(Int(m / 1440))天")
  }

  /// The SVG timeline of one released inject (`index` makes its ids unique on the page). Time runs
  /// on a logarithmic axis from the release (minutes are as wide at the start as days at the end),
  /// so that a 30-minute response and a reply due in two weeks both show.
  func timelineSVG(_ rows: [TimelineRow], released: LocalDateTime, index: Int) -> String {
    let rowHeight = 26.0
    let top = 34.0
    let labelWidth = 190.0
    let width = 880.0
    let right = width - 70
    let height = top + Double(rows.count) * rowHeight + 40
    let finite = rows.flatMap { r in [r.due, r.done, r.p50, r.p90].compactMap { $0 }.filter(\.isFinite) }
    let span = max(60, (finite.max() ?? 60) * 1.15)
    let scale = log(1 + span / 10)
    func x(_ m: Double) -> Double {
      labelWidth + (right - labelWidth) * log(1 + max(0, min(m, span)) / 10) / scale
    }
    var svg = SVG(width: width, height: height, id: "tl\(index)")
    let bottom = top + Double(rows.count) * rowHeight
    // The axis: ticks and their labels along the top, faint lines down.
    for t in Self.timelineTicks where t <= span {
      svg.line(x(t), top - 4, x(t), bottom, stroke: "#ddd", width: 1)
      if t > 0 { svg.text(x(t), top - 8, tickLabel(t), size: 10, anchor: .middle, fill: "#444") }
    }
    svg.text(
      labelWidth - 6, top - 8, pick("from release ", "自发布 ") + released.description, size: 10, anchor: .end,
      fill: "#444")
    // The release.
    svg.line(x(0), top - 4, x(0), bottom, stroke: "#000", width: 2)
    for (i, r) in rows.enumerated() {
      let y = top + Double(i) * rowHeight
      let mid = y + rowHeight / 2
      if i % 2 == 1 { svg.rect(x: 0, y: y, width: width, height: rowHeight, fill: "#f6f6f6") }
      svg.text(labelWidth - 6, mid + 4, r.label, size: 11, anchor: .end)
      // The policy's band, p50 to p90; hatched on to the end when p90 never came.
      if let p50 = r.p50, p50.isFinite, let p90 = r.p90 {
        let end = p90.isFinite ? x(p90) : right
        svg.rect(
          x: x(p50), y: mid - 6, width: max(2, end - x(p50)), height: 12,
          fill: p90.isFinite ? "#c8c8c8" : svg.hatch("open"))
      }
      // The due time: a tall bar (dashed when beyond the drill's end).
      svg.line(
        x(r.due), y + 3, x(r.due), y + rowHeight - 3, stroke: "#000", width: 2.5,
        dash: r.status == .beyond ? "3 2" : nil)
      // What the team did.
      if let done = r.done {
        let late = r.status == .late
        svg.circle(x: x(done), y: mid, r: 5, fill: late ? "#fff" : "#000")
        if late {
          svg.text(x(done) + 8, mid + 4, "+" + language.duration(done - r.due), size: 10, halo: true)
        }
      } else if r.status == .missing {
        svg.text(right + 6, mid + 4, "✕ " + pick("not done", "未完成"), size: 10, bold: true)
      } else if r.status == .beyond {
        svg.text(right + 6, mid + 4, pick("after end", "结束后"), size: 10, fill: "#444")
      }
    }
    // The legend.
    let ly = bottom + 24
    var lx = labelWidth
    svg.line(lx, ly - 10, lx, ly + 2, stroke: "#000", width: 2.5)
    svg.text(lx + 6, ly, pick("due", "时限"), size: 10)
    lx += 50
    svg.circle(x: lx, y: ly - 4, r: 5, fill: "#000")
    svg.text(lx + 9, ly, pick("done on time", "按时完成"), size: 10)
    lx += 100
    svg.circle(x: lx, y: ly - 4, r: 5, fill: "#fff")
    svg.text(lx + 9, ly, pick("done late", "超时完成"), size: 10)
    lx += 90
    if rows.contains(where: { $0.p50 != nil }) {
      svg.rect(x: lx, y: ly - 10, width: 24, height: 12, fill: "#c8c8c8")
      svg.text(lx + 30, ly, pick("policy p50–p90 (simulated)", "模拟制度中位数至p90"), size: 10)
    }
    // Never narrower than a phone can read: on a narrow screen the figure scrolls sideways.
    return svg.rendered(title: pick("Timeline of the inject", "事件时间线")).replacingOccurrences(
      of: "<svg ", with: "<svg style=\"min-width:640px\" ", options: [], range: nil)
  }
}
