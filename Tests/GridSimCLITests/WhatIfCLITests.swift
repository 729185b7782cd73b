import Foundation
import GridSimTestSupport
import Testing

/// Runs headless Chromium on a page and returns the DOM after its scripts ran.
func dumpDOM(_ browser: String, _ url: String, width: Int = 1280) throws -> String {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gridsim-dom-\(UUID())")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: folder) }
  let out = folder.appendingPathComponent("dom.html")
  FileManager.default.createFile(atPath: out.path, contents: nil)
  let handle = try FileHandle(forWritingTo: out)
  let process = Process()
  process.executableURL = URL(fileURLWithPath: browser)
  process.arguments = [
    "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=\(width),1600",
    "--virtual-time-budget=5000", "--dump-dom", url,
  ]
  process.standardOutput = handle  // a file: a pipe left unread would fill
  process.standardError = FileHandle.nullDevice
  try process.run()
  process.waitUntilExit()
  try handle.close()
  #expect(process.terminationStatus == 0)
  return try String(contentsOf: out, encoding: .utf8)
}

/// The text inside the element with this id in a dumped DOM (tags dropped, entities read back).
func elementText(_ dom: String, id: String) -> String? {
  guard let start = dom.range(of: "id=\"\(id)\"") else { return nil }
  guard let open = dom[start.upperBound...].firstIndex(of: ">") else { return nil }
  let rest = dom[dom.index(after: open)...]
  // The element's own end: the first closing tag of its kind at depth 0 (our cells hold text).
  let tag = dom[..<start.lowerBound].split(separator: "<").last?.split(separator: " ").first ?? "td"
  guard let end = rest.range(of: "</\(tag)>") else { return nil }
  return plainText(String(rest[..<end.lowerBound]))
}

/// HTML as text: tags dropped, the entities we write read back.
func plainText(_ html: String) -> String {
  html.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
    .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
    .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
}

@Suite("whatif.html in a browser", .serialized)
struct WhatIfCLITests {
  static let vary = [
    "--vary", "tiers.grid.deadlines.response=\"2 h\",\"4 h\"", "--vary", "organization.children.staff=2,3",
  ]

  /// One CSV line's fields (a quote inside a quoted field doubled).
  static func fields(_ line: Substring) -> [String] {
    var out: [String] = []
    var field = ""
    var quoted = false
    var i = line.startIndex
    while i < line.endIndex {
      let c = line[i]
      let next = line.index(after: i)
      if quoted, c == "\"" {
        if next < line.endIndex, line[next] == "\"" {
          field.append("\"")
          i = line.index(after: next)
          continue
        }
        quoted = false
      } else if c == "\"" {
        quoted = true
      } else if c == ",", !quoted {
        out.append(field)
        field = ""
      } else {
        field.append(c)
      }
      i = next
    }
    out.append(field)
    return out
  }

  /// A figure as the page shows it, computed here from the CSV's value: shares as percents with
  /// one decimal, durations in the unit of the target's bound (minutes under 2 h, hours under 3
  /// days), trailing `.0` dropped.
  static func shown(_ value: Double, bound: Double?) -> String {
    func one(_ x: Double) -> String {
      var s = String(format: "%.1f", x)
      if s.hasSuffix(".0") { s.removeLast(2) }
      return s
    }
    guard let bound else { return one(value * 100) + "%" }
    if bound < 120 { return one(value) + " min" }
    if bound < 3 * 1440 { return one(value / 60) + " h" }
    return one(value / 1440) + " days"
  }

  @Test(
    "whatif.html shows the point its #point= names (by number or by key=value), the figures of that point in sweep.csv",
    .enabled(if: chromium != nil || browserRequired))
  func points() throws {
    let browser = try #require(
      chromium, "Chromium is required here (GRIDSIM_REQUIRE_BROWSER=1) but not installed")
    let dir = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try gridsimArgs(
      ["sweep", "Scenarios/ci/policy.json5"] + Self.vary + [
        "--replications", "3", "--lang", "en", "--out", dir.path,
      ])
    #expect(r.status == 0, "\(r.stderr)")
    let csv = try String(contentsOf: dir.appendingPathComponent("sweep.csv"), encoding: .utf8)
    let lines = csv.split(separator: "\n").map(Self.fields)
    let header = lines[0]
    #expect(lines.count == 5)
    // The targets' columns: "NAME mean"; the bounds (nil for a share) from the scenario.
    let means = header.indices.filter { header[$0].hasSuffix(" mean") }
    let bounds: [Double?] = [nil, nil, 180, 2880, nil]
    #expect(means.count == bounds.count)
    let page = dir.appendingPathComponent("whatif.html").absoluteString
    let byKeys =
      "point=tiers.grid.deadlines.response=%224%20h%22&organization.children.staff=3"
    for (fragment, point) in [("point=1", 1), ("point=3", 3), (byKeys, 4), ("point=2", 2), ("", 3)] {
      let dom = try dumpDOM(browser, page + (fragment.isEmpty ? "" : "#" + fragment))
      let row = lines[point]
      #expect(elementText(dom, id: "point-title") == "Point \(point) of 4", "\(fragment)")
      for (t, column) in means.enumerated() {
        let mean = try #require(Double(row[column]))
        // The CSV keeps 4 digits: the page's figure is the CSV's, or a neighbour's in its last digit.
        let candidates = [mean, mean - 0.00005, mean + 0.00005].map { Self.shown($0, bound: bounds[t]) }
        let shownText = elementText(dom, id: "t\(t)-est") ?? "?"
        #expect(
          candidates.contains(shownText), "\(fragment): target \(t) shows \(shownText), CSV \(row[column])")
        let met = row[column + 3] == "true"
        #expect(elementText(dom, id: "t\(t)-met") == (met ? "met" : "MISSED"), "\(fragment) target \(t)")
      }
      let staff = try #require(Double(row[header.firstIndex(of: "staff_hours")!]))
      let grouped = NumberFormatter()
      grouped.numberStyle = .decimal
      grouped.locale = Locale(identifier: "en_US")
      #expect(elementText(dom, id: "staff") == grouped.string(from: NSNumber(value: staff.rounded())))
      // The point's values are the pressed buttons, and its cell on the map is marked.
      #expect(
        elementText(dom, id: "point-values")
          == "tiers.grid.deadlines.response=\(row[0]), organization.children.staff=\(row[1])")
      let marked = dom.matches(of: /class="pt (?:met|missed) on" href="#point=([0-9]+)"/).map {
        String($0.output.1)
      }
      #expect(marked == ["\(point)"], "\(fragment)")
      let pressed = dom.components(separatedBy: "aria-pressed=\"true\">").dropFirst().map {
        plainText(String($0.prefix { $0 != "<" }))
      }
      #expect(pressed == [row[0], row[1]], "\(fragment)")
      // The daily lines are drawn.
      #expect(dom.range(of: "id=\"ontime-point\" d=\"M") != nil, "\(fragment)")
      #expect(elementText(dom, id: "notice").map(\.isEmpty) ?? true)
    }
    // With no fragment the page opens on the cheapest point that meets every target, which sweep
    // names (here the third: 4 h with 2 staff).
    #expect(
      r.stdout.contains(
        "Cheapest point that meets every target: tiers.grid.deadlines.response=\"4 h\", organization.children.staff=2"
      ))
    // A point that is not there: said, and the cheapest shown.
    let missing = try dumpDOM(browser, page + "#point=9")
    #expect(elementText(missing, id: "notice") == "No point matches “9”; showing point 3.")
  }

  @Test(
    "whatif.html in Chinese has no English word of ours; a scenario's hostile name is text, not markup",
    .enabled(if: chromium != nil || browserRequired))
  func chineseAndHostile() throws {
    let browser = try #require(
      chromium, "Chromium is required here (GRIDSIM_REQUIRE_BROWSER=1) but not installed")
    let dir = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let hostile = "Drill </script><b id=\"pwned\">x</b>"
    let r = try gridsimArgs(
      ["sweep", "Scenarios/ci/policy.json5", "--set", "name=\(hostile)"] + Self.vary + [
        "--replications", "2", "--lang", "zh", "--out", dir.path,
      ])
    #expect(r.status == 0 || r.status == 1, "\(r.stderr)")
    let html = try String(contentsOf: dir.appendingPathComponent("whatif.html"), encoding: .utf8)
    // The only script end tags are our two scripts'.
    #expect(html.components(separatedBy: "</script>").count - 1 == 2)
    let dom = try dumpDOM(browser, dir.appendingPathComponent("whatif.html").absoluteString + "#point=2")
    // No element of the name's: it is text wherever it shows.
    #expect(!dom.contains("<b id=\"pwned\""))
    #expect(dom.contains("&lt;/script&gt;&lt;b id=\"pwned\"&gt;x&lt;/b&gt;"))
    #expect(elementText(dom, id: "point-title") == "第 2 个组合（共 4 个）")
    // Every text of the page with the data taken out: the scenario's names, keys, values, path.
    let body = dom.components(separatedBy: "<body>").last ?? dom
    var text = plainText(
      body.replacingOccurrences(of: "<script[^>]*>[\\s\\S]*?</script>", with: "", options: .regularExpression)
        .replacingOccurrences(of: "<title>[\\s\\S]*?</title>", with: "", options: .regularExpression)
        .replacingOccurrences(of: "<noscript>[\\s\\S]*?</noscript>", with: "", options: .regularExpression))
    let names = [
      hostile, "tiers.grid.deadlines.response", "organization.children.staff", "Scenarios/ci/policy.json5",
      "grid answers on time", "village resolves on time", "nine in ten answered within 3 h",
      "nine in ten closed within 2 days", "leadership not overloaded", "gridsim sweep", "whatif.html",
      "point=", "grid", "village", "leadership",
    ]
    for name in names { text = text.replacingOccurrences(of: name, with: " ") }
    let words = text.matches(of: /[A-Za-z]{2,}/).map { String($0.output) }
    #expect(words.isEmpty, "English on the zh page: \(Set(words).sorted())")
  }

  @Test(
    "the charts of sweep.html, whatif.html and report.html: no label leaves its chart or overlaps another, at desktop and phone widths",
    .enabled(if: chromium != nil || browserRequired))
  func labels() throws {
    let browser = try #require(
      chromium, "Chromium is required here (GRIDSIM_REQUIRE_BROWSER=1) but not installed")
    let dir = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    // A long value, as a roster file list is: cut short under the axis, whole in its tooltip.
    let r = try gridsimArgs([
      "sweep", "Scenarios/ci/policy.json5", "--vary",
      "description=\"A description far too long to fit under one point of a chart\",short", "--vary",
      "organization.children.staff=2,3,4", "--replications", "2", "--lang", "zh", "--out", dir.path,
    ])
    #expect(r.status == 0 || r.status == 1, "\(r.stderr)")
    // A probe: per chart, each text's box against the chart's and every other text's, written
    // into the page for --dump-dom to read.
    let probe = """
      <script>window.addEventListener('load', () => { setTimeout(() => {
      const out = [];
      let texts = 0;
      document.querySelectorAll('svg').forEach((svg, s) => {
        const box = svg.getBoundingClientRect();
        const boxes = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim() !== '').map(t => {
          const b = t.getBoundingClientRect();
          return { t: t.textContent, l: b.left, r: b.right, top: b.top, bottom: b.bottom };
        }).filter(b => b.r > b.l);
        texts += boxes.length;
        boxes.forEach((a, i) => {
          if (a.l < box.left - 0.5 || a.r > box.right + 0.5 || a.top < box.top - 0.5 || a.bottom > box.bottom + 0.5)
            out.push('chart ' + s + ': "' + a.t + '" leaves the chart');
          boxes.slice(i + 1).forEach(b => {
            const w = Math.min(a.r, b.r) - Math.max(a.l, b.l), h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
            if (w > 0.5 && h > 0.5) out.push('chart ' + s + ': "' + a.t + '" overlaps "' + b.t + '"');
          });
        });
      });
      const pre = document.createElement('pre');
      pre.id = 'probe';
      // The page itself never scrolls sideways (a table or chart may, inside its own box).
      if (document.documentElement.scrollWidth > window.innerWidth + 1) out.push('the page is wider than the window');
      pre.textContent = 'texts=' + texts + '\\n' + out.join('\\n');
      document.body.appendChild(pre);
      }, 100); });</script>
      """
    // The sweep's pages, and shipped reports whose charts come from the same helper.
    let pages = [
      dir.appendingPathComponent("sweep.html"), dir.appendingPathComponent("whatif.html"),
      packageRoot.appendingPathComponent("Reports/national-day-2026/report.html"),
      packageRoot.appendingPathComponent("Reports/ci-answer-within-the-hour/report.html"),
      packageRoot.appendingPathComponent("Reports/national-day-2026-sweep/whatif.html"),
    ]
    for (p, page) in pages.enumerated() {
      let name = p < 2 ? page.lastPathComponent : page.path
      let html = try String(contentsOf: page, encoding: .utf8)
      let probed = dir.appendingPathComponent("probed-\(p).html")
      try html.replacingOccurrences(of: "</body>", with: probe + "</body>").write(
        to: probed, atomically: true, encoding: .utf8)
      for width in [1280, 360] {
        let dom = try dumpDOM(browser, probed.absoluteString, width: width)
        let report = try #require(elementText(dom, id: "probe"), "\(name) at \(width): no probe")
        // report.html's tables are not yet made for a phone: only the sweep's pages are held to
        // the window's width.
        let isReport = page.lastPathComponent == "report.html"
        let lines = report.split(separator: "\n").filter { !(isReport && $0.hasPrefix("the page is wider")) }
        let count = Int(lines.first?.dropFirst("texts=".count) ?? "") ?? 0
        #expect(count > 20, "\(name) at \(width): \(count) texts measured")
        #expect(lines.count == 1, "\(name) at \(width):\n\(lines.dropFirst().joined(separator: "\n"))")
      }
      // The long value is cut, and whole in its tooltip.
      if name == "sweep.html" {
        #expect(
          html.contains(
            "<title>&quot;A description far too long to fit under one point of a chart&quot;</title>"))
      }
    }
  }

  @Test(
    "the shipped whatif.html follows the fragment as it changes, filters its list by key and by met, and prints the chosen point",
    .enabled(if: chromium != nil || browserRequired))
  func shippedPage() throws {
    let browser = try #require(
      chromium, "Chromium is required here (GRIDSIM_REQUIRE_BROWSER=1) but not installed")
    let dir = temporaryFolder()
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let folder = packageRoot.appendingPathComponent("Reports/national-day-2026-sweep")
    let csv = try String(contentsOf: folder.appendingPathComponent("sweep.csv"), encoding: .utf8)
    let rows = csv.split(separator: "\n").map(Self.fields)
    let staff = try #require(rows[0].firstIndex(of: "organization.staff"))
    let met = try #require(rows[0].firstIndex(of: "全部达成"))
    // Expected from the CSV: the points with 24 in the leadership group, and those of them that
    // meet every target.
    let with24 = rows.dropFirst().filter { $0[staff] == "24" }
    let with24Met = with24.filter { $0[met] == "true" }
    #expect(with24.count == 8 && !with24Met.isEmpty)
    // A probe: moves to point 7 by the fragment, then filters the list, and writes what it saw.
    let probe = """
      <script>window.addEventListener('load', () => {
      const seen = [document.getElementById('point-title').textContent];
      location.hash = 'point=7';
      setTimeout(() => {
        seen.push(document.getElementById('point-title').textContent);
        const select = document.querySelector('.filters select[data-k="0"]');
        select.value = String([...select.options].findIndex(o => o.textContent === '24') - 1);
        select.dispatchEvent(new Event('change'));
        seen.push([...document.querySelectorAll('ol.list li')].filter(li => !li.hidden).length);
        document.getElementById('only-met').checked = true;
        document.getElementById('only-met').dispatchEvent(new Event('change'));
        seen.push([...document.querySelectorAll('ol.list li')].filter(li => !li.hidden).length);
        seen.push(document.getElementById('shown').textContent);
        const pre = document.createElement('pre');
        pre.id = 'probe';
        pre.textContent = seen.join('|');
        document.body.appendChild(pre);
      }, 50);
      });</script>
      """
    let html = try String(contentsOf: folder.appendingPathComponent("whatif.html"), encoding: .utf8)
    let probed = dir.appendingPathComponent("whatif.html")
    try html.replacingOccurrences(of: "</body>", with: probe + "</body>").write(
      to: probed, atomically: true, encoding: .utf8)
    let dom = try dumpDOM(browser, probed.absoluteString + "#point=2")
    let seen = (elementText(dom, id: "probe") ?? "").split(separator: "|").map(String.init)
    #expect(
      seen == [
        "第 2 个组合（共 16 个）", "第 7 个组合（共 16 个）", "\(with24.count)", "\(with24Met.count)",
        "显示 16 个组合中的 \(with24Met.count) 个",
      ])
    // Printed: the chosen point and its figures, its link, not the controls' filters.
    guard let toText = pdftotext else { return }
    let paper = try printed(
      folder.appendingPathComponent("whatif.html").absoluteString + "#point=5", browser: browser,
      toText: toText,
      in: dir, raw: false
    ).text
    #expect(paper.contains("第 5 个组合（共 16 个）"))
    #expect(paper.contains("#point=organization.staff=18"))
    #expect(!paper.contains("只看全部目标达成的组合"))
  }
}
