import Foundation
import Testing

@testable import GridSim

@Suite("Chart ticks and labels")
struct ChartTicksTests {
  /// Hand-computed: the step is the first candidate at least (hi - lo) / count; the ends are the
  /// multiples of the step at or outside lo and hi.
  @Test(
    "round ticks by hand: 1, 2 or 5 × 10^k, the ends on multiples of the step",
    arguments: [
      // 60 / 4 = 15 → 20.
      (0.0, 60.0, 4, [0.0, 20, 40, 60]),
      // 37 / 5 = 7.4 → 10; 37 → 40.
      (0, 37, 5, [0, 10, 20, 30, 40]),
      // 0.051 / 3 = 0.017 → 0.02; 0.875 → 0.86, 0.926 → 0.94.
      (0.875, 0.926, 3, [0.86, 0.88, 0.9, 0.92, 0.94]),
      // 0.04 / 2 = 0.02: 88, 90, 92%.
      (0.88, 0.92, 2, [0.88, 0.9, 0.92]),
      // 0.3 / 3 = 0.1, with no 0.30000000000000004.
      (0, 0.3, 3, [0, 0.1, 0.2, 0.3]),
      // 10 / 5 = 2: -3 → -4, 7 → 8.
      (-3, 7, 5, [-4, -2, 0, 2, 4, 6, 8]),
      // One value: one unit of its magnitude either side, 2 / 4 = 0.5.
      (5, 5, 4, [4, 4.5, 5, 5.5, 6]),
      // 66 / 4 = 16.5 → 20 (not 16.5, 33, 49.5).
      (0, 66, 4, [0, 20, 40, 60, 80]),
      // 1,200 / 4 = 300 → 500.
      (100, 1300, 4, [0, 500, 1000, 1500]),
    ])
  func niceTicks(lo: Double, hi: Double, count: Int, expected: [Double]) {
    #expect(LinearScale.ticks(from: lo, to: hi, count: count) == expected)
  }

  @Test("ticks(upTo:) starts at 0 with the same steps")
  func upTo() {
    #expect(LinearScale.ticks(upTo: 37, count: 5) == [0, 10, 20, 30, 40])
    #expect(LinearScale.ticks(upTo: 0.8, count: 4) == [0, 0.2, 0.4, 0.6, 0.8])
    #expect(LinearScale.ticks(upTo: 0) == [0, 1])
  }

  @Test(
    "a measure's ticks: minutes by 15 (0, 15, 30, 45, 60 min), hours by 1-2-3-6, shares in round percents")
  func measureTicks() {
    // 60 / 4 = 15 minutes: a step of minutes.
    #expect(Charts.ticks(from: 0, to: 60, unit: .minutes, count: 4) == [0, 15, 30, 45, 60])
    // 0-100 min, shown in minutes: 25 → 30.
    #expect(Charts.ticks(from: 0, to: 100, unit: .minutes, count: 4) == [0, 30, 60, 90, 120])
    // 0-5 h (300 min, shown in hours): 1.25 h → 2 h.
    #expect(Charts.ticks(from: 0, to: 300, unit: .minutes, count: 4) == [0, 120, 240, 360])
    // 0-10 h (shown in hours): 2.5 h → 3 h.
    #expect(Charts.ticks(from: 0, to: 600, unit: .minutes, count: 4) == [0, 180, 360, 540, 720])
    // 4-20 days (shown in days): 4 days → 5.
    #expect(
      Charts.ticks(from: 4 * 1440, to: 20 * 1440, unit: .minutes, count: 4)
        == [0, 5, 10, 15, 20].map { $0 * 1440 })
    // 87.5-92.6%: steps of 2 points.
    #expect(Charts.ticks(from: 0.875, to: 0.926, unit: .share, count: 3) == [0.86, 0.88, 0.9, 0.92, 0.94])
    // A tiny range of shares: steps of 0.1%, the finest a label shows.
    #expect(Charts.ticks(from: 0.9501, to: 0.9502, unit: .share, count: 4) == [0.95, 0.951])
    // Staff-hours: whole numbers.
    #expect(Charts.ticks(from: 0, to: 2, unit: nil, count: 4) == [0, 1, 2])
    // Shares near 100% stop at 100%.
    #expect(Charts.ticks(from: 0.6, to: 1, unit: .share, count: 4) == [0.6, 0.7, 0.8, 0.9, 1])
  }

  @Test("tick labels: one unit along an axis, in the report's language")
  func labels() {
    let zh = ReportLanguage(.zh)
    let en = ReportLanguage.english
    #expect(Charts.label(15, unit: .minutes, lo: 0, hi: 60, language: zh) == "15 分钟")
    #expect(Charts.label(15, unit: .minutes, lo: 0, hi: 60, language: en) == "15 min")
    #expect(Charts.label(180, unit: .minutes, lo: 0, hi: 360, language: en) == "3 h")
    #expect(Charts.label(0.9, unit: .share, lo: 0.88, hi: 0.92, language: zh) == "90%")
    #expect(Charts.label(40000, unit: nil, lo: 0, hi: 60000, language: en) == "40,000")
  }

  @Test("a label too long for its room is cut in the middle, never wider than the room")
  func abbreviated() throws {
    let text = "[\"national-day-2026-roster.csv\"]"
    #expect(SVG.abbreviated("18", width: 40, size: 10) == "18")
    let room = 80.0
    let short = try #require(SVG.abbreviated(text, width: room, size: 10))
    #expect(short.contains("…"))
    #expect(SVG.estimatedWidth(short, size: 10) <= room)
    #expect(text.hasPrefix(short.components(separatedBy: "…")[0]))
    #expect(text.hasSuffix(short.components(separatedBy: "…")[1]))
    // Not even a character each side fits in 10 units at size 10 ("a…b" is 18).
    #expect(SVG.abbreviated(text, width: 10, size: 10) == nil)
  }

  @Test("point rows: runs of a value are one label; a cut label carries the full value as its tooltip")
  func pointRows() {
    var svg = SVG(width: 860, height: 100, id: "t")
    let long = "[\"national-day-2026-roster.csv\"]"
    Charts.pointRows(
      &svg, keys: ["organization.staff", "rosterFiles"],
      values: [["18", "[]"], ["18", long], ["24", "[]"], ["24", long]], x0: 200, x1: 840, y: 10)
    let out = svg.rendered(title: "")
    // 18 and 24 once each (two runs), each roster value per point.
    #expect(out.components(separatedBy: ">18</text>").count - 1 == 1)
    #expect(out.components(separatedBy: ">24</text>").count - 1 == 1)
    #expect(out.components(separatedBy: ">[]</text>").count - 1 == 2)
    // Nothing is rotated.
    #expect(!out.contains("rotate("))
    var narrow = SVG(width: 400, height: 100, id: "t")
    Charts.pointRows(
      &narrow, keys: ["rosterFiles"], values: [[long], ["[]"], [long], ["[]"]], x0: 60, x1: 380, y: 10)
    let cut = narrow.rendered(title: "")
    #expect(cut.contains("<title>\(SVG.escape(long))</title>"))
    #expect(cut.contains("…"))
  }
}
