import Foundation
import Testing

@testable import GridSim

@Suite("whatif.html, as written")
struct WhatIfPageTests {
  @Test("the embedded JSON cannot end its script or open a comment, and reads back the same")
  func scriptSafe() throws {
    let hostile = "a</script><!-- & \u{2028}b"
    let json = JSONNode.object([("name", .string(hostile))]).rendered()
    let safe = SweepReport.scriptSafe(json)
    #expect(!safe.contains("<") && !safe.contains(">") && !safe.contains("&"))
    let back = try JSONSerialization.jsonObject(with: Data(safe.utf8)) as? [String: String]
    #expect(back?["name"] == hostile)
  }

  @Test("a sweep keeps its points' days up to 200,000 daily figures")
  func dailyBound() {
    // 16 points × 36 days × (3 tiers + 1) = 2,304.
    #expect(Sweep.keepsDays(points: 16, days: 36, tiers: 3))
    // 1,000 × 50 × 4 = 200,000: at the bound; one more day is over it.
    #expect(Sweep.keepsDays(points: 1_000, days: 50, tiers: 3))
    #expect(!Sweep.keepsDays(points: 1_000, days: 51, tiers: 3))
  }

  @Test("one button per value of each key, one map link per point, names escaped, the words in Chinese")
  func page() {
    let sweep = Sweep(axes: [
      .init(key: "a.<b>", values: ["1", "2"]), .init(key: "c", values: ["x", "y", "z"]),
    ])
    let points = sweep.points.map { SweepPoint(values: $0, outcomes: [], staffHours: 10) }
    let html = SweepReport.whatIf(
      sweep, points: points, targets: [], name: "N<i>", source: "s.json5", language: .zh)
    #expect(html.components(separatedBy: "<button ").count - 1 == 2 + 3)
    #expect(html.components(separatedBy: "<a class=\"pt ").count - 1 == 6)
    #expect(html.contains("<code>a.&lt;b&gt;</code>") && !html.contains("<b>") && !html.contains("N<i>"))
    #expect(html.contains("<html lang=\"zh-CN\">") && html.contains("全部组合"))
    // No point has days: the charts are left out, and the page says so.
    #expect(html.contains("略去逐日图表") && !html.contains("<svg"))
  }
}
