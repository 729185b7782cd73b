import Foundation
import GridSimTestSupport
import Testing

@testable import GridSim

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// A small township whose names need escaping, over a week with a holiday and a window.
let reportScenario = """
  {
    version: 1,
    name: "Small & <quick>",
    description: "Two tiers, one week around Qingming.",
    period: { start: "2026-03-30T00:00", length: "8 days", warmUp: "1 day" },
    seed: 7,
    replications: 4,
    demand: {
      perGridPerDay: 5,
      categories: [{ id: "ask", name: "咨询 & ask", share: 2 }, { id: "fix", name: "求决", share: 1 }],
    },
    tiers: [
      { id: "grid", name: "网格员 <G>", handling: { exponential: "40 min" }, passUp: 0.2,
        authority: { categories: ["ask"] }, deadlines: { response: "1 h", resolution: "1 working day" } },
      { id: "village", name: "村两委", handling: { triangular: ["30 min", "1 h", "3 h"] },
        deadlines: { response: "same day", resolution: "2 days", onBreach: "record" } },
    ],
    windows: [{ name: "qingming", staff: 0.5 }],
    organization: { name: "东村", staff: 2, children: { count: 3, staff: 1 } },
    targets: [
      { name: "grid answers on time", metric: "responseOnTime", tier: "grid", atLeast: "80%" },
      { name: "village mostly idle", metric: "utilization", tier: "village", atMost: "10%" },
    ],
  }
  """

func reportBundle(language: ReportLanguage.Code = .en) throws -> ReportBundle {
  let scenario = try load(reportScenario)
  let (model, results) = simulate(scenario)
  let summary = Summary(model: model, results: results, seed: scenario.seed)
  return ReportBundle(
    command: .check, sections: [ReportBundle.Section(source: "small.json5", summary: summary)],
    language: ReportLanguage(language), commandLine: "gridsim check small.json5")
}

/// Compares text with a golden file in `Tests/GridSimTests/Reports/Snapshots/`.
func expectGolden(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
  try expectGolden(text, name, in: "Tests/GridSimTests/Reports/Snapshots", sourceLocation: sourceLocation)
}

/// The `<svg>…</svg>` elements of an HTML page.
func svgElements(_ html: String) -> [String] {
  html.components(separatedBy: "<svg ").dropFirst().map {
    "<svg " + $0.components(separatedBy: "</svg>")[0] + "</svg>"
  }
}

/// Parses XML, returning the parser's error, if any.
func xmlError(_ text: String) -> String? {
  let parser = XMLParser(data: Data(text.utf8))
  return parser.parse() ? nil : (parser.parserError.map { "\($0)" } ?? "unknown error")
}

@Suite("Reports")
struct ReportTests {
  @Test("key dates in Chinese, with the days before and after them; other names as given")
  func windowNames() {
    let zh = ReportLanguage(.zh)
    #expect(zh.window("national-day") == "国庆" && zh.window("national-day-eve") == "国庆前")
    #expect(zh.window("spring-festival-after") == "春节后" && zh.window("two-sessions-before") == "全国两会前")
    #expect(zh.window("harvest-eve") == "harvest-eve" && zh.window("-eve") == "-eve")
    #expect(ReportLanguage(.en).window("national-day-eve") == "national-day-eve")
  }

  @Test("report.md in English and Chinese matches its golden file")
  func markdownGolden() throws {
    for language in ReportLanguage.Code.allCases {
      let files = try reportBundle(language: language).files()
      let markdown = try #require(files.first { $0.name == "report.md" }).contents
      try expectGolden(markdown, "report-\(language.rawValue).md")
    }
  }

  @Test("every chart is well-formed XML, with the names escaped, and the page has no outside resources")
  func chartsParse() throws {
    for language in ReportLanguage.Code.allCases {
      let html = try #require(try reportBundle(language: language).files().first { $0.name == "report.html" })
        .contents
      let svgs = svgElements(html)
      // Targets, arrivals, backlog, response times, heat map, flow.
      #expect(svgs.count == 6)
      for svg in svgs { #expect(xmlError(svg) == nil, "\(svg.prefix(200))") }
      #expect(html.contains("网格员 &lt;G&gt;"))
      #expect(!html.contains("网格员 <G>"))
      // The only URL is the SVG namespace.
      let urls = html.components(separatedBy: "http").count - 1
      #expect(urls == svgs.count)
      #expect(
        !html.contains("src=") && !html.contains("<link") && !html.contains("<script")
          && !html.contains("@import"))
    }
  }

  @Test("CSV files have a header and one row per day and tier, or per tier")
  func csvShape() throws {
    let files = try reportBundle().files()
    let daily = try #require(files.first { $0.name == "daily.csv" }).contents
    let rows = try CSV.parse(daily).get()
    #expect(rows.count == 1 + 8 * 2)
    #expect(rows.allSatisfy { $0.count == rows[0].count })
    #expect(rows[1][0] == "Small & <quick>" && rows[1][1] == "2026-03-30" && rows[1][5] == "grid")
    // 2026-04-04 to 04-06 are the Qingming holiday, inside the window.
    let april5 = try #require(rows.first { $0[1] == "2026-04-05" })
    #expect(april5[2] == "holiday" && april5[3] == "qingming" && april5[4] == "0")
    let tiers = try CSV.parse(try #require(files.first { $0.name == "tiers.csv" }).contents).get()
    #expect(tiers.count == 3 && tiers[1][1] == "grid" && tiers[2][1] == "village")
    let json = try #require(files.first { $0.name == "summary.json" }).contents
    #expect(json.hasPrefix("{\n  \"schema\": \"gridsim-summary\""))
  }

  @Test("a CSV number keeps up to four decimals and drops trailing zeros")
  func csvNumbers() {
    #expect(DataFiles.number(3) == "3")
    #expect(DataFiles.number(0.25) == "0.25")
    #expect(DataFiles.number(1 / 3) == "0.3333")
    #expect(DataFiles.number(nil) == "")
    #expect(DataFiles.number(.infinity) == "")
  }

  @Test("the report folder is written whole, or not at all")
  func atomicFolder() throws {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("gridsim-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: base) }
    let bundle = try reportBundle()
    let folder = base.appendingPathComponent("a/b").path
    try bundle.write(to: folder)
    let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    #expect(names == ["daily.csv", "report.html", "report.md", "summary.json", "tiers.csv"])
    // A folder that is a file: an error that says so, and nothing left behind.
    let file = base.appendingPathComponent("plain").path
    _ = FileManager.default.createFile(atPath: file, contents: Data("x".utf8))
    #expect(throws: AtomicFile.WriteError.self) { try bundle.write(to: file) }
    do {
      try bundle.write(to: file)
    } catch {
      #expect(error.description.contains("is a file, not a folder"))
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: base.path).sorted() == ["a", "plain"])
  }

  @Test("the lowest daily on-time rate leaves out the days too close to the end to have met their deadline")
  func lowestDayNotAtTheEnd() throws {
    let bundle = try reportBundle()
    var s = bundle.sections[0].summary
    // The period ends 2026-04-07 00:00 and the grid's response deadline is 1 h: visits begun on
    // 6 Apr may not reach it in the run, visits begun on 5 Apr all do.
    let last = s.days.count - 1
    #expect(s.days[last].date == "2026-04-06")
    s.days[last].responseOnTime[0] = 0.01
    s.days[last].responseDeadlines[0] = 100
    s.days[last - 1].responseOnTime[0] = 0.02
    s.days[last - 1].responseDeadlines[0] = 100
    let line = try #require(bundle.findings(s).first { $0.hasPrefix("The lowest daily") })
    #expect(line.contains("was 2%, at 网格员 <G> (grid) for visits begun on 5 Apr 2026"), "\(line)")
  }

  @Test("a tier busy beyond its on-duty time on some days gets a finding that says what to do")
  func overDutyFinding() throws {
    let bundle = try reportBundle()
    var s = bundle.sections[0].summary
    #expect(!bundle.findings(s).contains { $0.contains("busy for more than its on-duty") })
    // Two measured days over 100% at the village; the peak names its day.
    s.days[2].utilization[1] = 1.25
    s.days[4].utilization[1] = 1.5
    let line = try #require(bundle.findings(s).first { $0.contains("busy for more than its on-duty") })
    #expect(
      line.hasPrefix("村两委 (village) was busy for more than its on-duty staff-time on 2 days (up to 150%, on"))
    #expect(line.hasSuffix("Put more people on duty on those days, or add a later shift."))
  }

  @Test("over a window with working-time deadlines, the clock-time response stands beside the on-time rate")
  func workingTimeFinding() throws {
    let bundle = try reportBundle()
    let s = bundle.sections[0].summary
    // The grid's resolution deadline is in working days, so the Qingming window gets the line.
    #expect(s.workingTimeDeadlines)
    let window = try #require(s.slices.first { $0.name == "qingming" })
    let p90 = try #require(window.overall.duration(.response).p90?.mean)
    let line = try #require(bundle.findings(s).first { $0.hasPrefix("Over qingming") })
    #expect(line.contains("waited more than \(bundle.language.duration(p90)) on the clock"), "\(line)")
  }

  @Test("the English report names Chinese tiers with their ids, and the heat map's row labels fit")
  func englishNamesAndLabels() throws {
    let bundle = try reportBundle(language: .en)
    let md = try #require(bundle.files().first { $0.name == "report.md" }).contents
    #expect(md.contains("网格员 <G> (grid)"))
    #expect(md.contains("村两委 (village)"))
    let zh = try #require(try reportBundle(language: .zh).files().first { $0.name == "report.md" }).contents
    #expect(!zh.contains("(village)"))
    // The heat map's row labels end 4 px before the plot and need no more room than is left of them.
    let heat = Charts.onTimeHeatMap(bundle.sections[0].summary, language: bundle.language, id: "h")
    let label = "村两委 (village) response"
    let pattern = "x=\"([0-9.]+)\"[^>]*text-anchor=\"end\">\(NSRegularExpression.escapedPattern(for: label))<"
    let match = try #require(heat.firstMatch(of: try Regex(pattern)))
    let text = try #require(match.output[1].substring)
    let x = try #require(Double(String(text)))
    #expect(x >= SVG.estimatedWidth(label, size: 9.5))
  }
}

/// Terminal safety: printable text passes unchanged (the ASCII fast path and the scalar path), and
/// every control or invisible character is written out, whichever path finds it.
@Suite("Terminal text")
struct TerminalTextTests {
  @Test("printable ASCII and non-ASCII text, line breaks and tabs pass unchanged")
  func plain() {
    #expect(TerminalText.safe("tier1\t0.75\nok ~") == "tier1\t0.75\nok ~")
    #expect(TerminalText.safe("网格员 answered\n") == "网格员 answered\n")
  }

  @Test("controls are written out in ASCII text and in text with other scripts")
  func escaped() {
    #expect(TerminalText.safe("a\u{1B}[2Jb") == "a\\u{1B}[2Jb")
    #expect(TerminalText.safe("del\u{7F}") == "del\\u{7F}")
    #expect(TerminalText.safe("cr\rx") == "cr\\u{D}x")
    #expect(TerminalText.safe("村\u{1B}]0;t\u{7}") == "村\\u{1B}]0;t\\u{7}")
    #expect(TerminalText.safe("c1\u{85}zw\u{200B}rlo\u{202E}") == "c1\\u{85}zw\\u{200B}rlo\\u{202E}")
  }
}
