import Foundation
import GridSimTestSupport
import Testing

/// A fresh temporary folder path (not made).
func temporaryFolder() -> URL {
  FileManager.default.temporaryDirectory.appendingPathComponent("gridsim-\(UUID().uuidString)")
}

/// The headless browser, when installed.
let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first {
  FileManager.default.isExecutableFile(atPath: $0)
}

/// pdftotext (poppler-utils), to read a printed report back.
let pdftotext = ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"].first {
  FileManager.default.isExecutableFile(atPath: $0)
}

/// `.ci/run` sets this: there the browser test must run, not be skipped.
let browserRequired = ProcessInfo.processInfo.environment["GRIDSIM_REQUIRE_BROWSER"] == "1"

@Suite("Report folders end to end", .serialized)
struct ReportCLITests {
  @Test("run --out writes the report folder and prints what it prints without it; --ledger adds the ledger")
  func runOut() throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let plain = try gridsim("run", "\(fixtures)/small.json5", "--lang", "zh")
    let r = try gridsim("run", "\(fixtures)/small.json5", "--out", folder.path, "--ledger", "--lang", "zh")
    #expect(r.status == 0)
    // Where the report went, on stderr; stdout as without --out.
    #expect(r.stderr == "报告已写入 \(folder.standardizedFileURL.path)/（用浏览器打开 report.html）。\n")
    #expect(r.stdout == plain.stdout)
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(names == ["daily.csv", "ledger.csv", "report.html", "report.md", "summary.json", "tiers.csv"])
    let html = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
    #expect(html.contains("<html lang=\"zh-CN\">") && html.contains("要点"))
    #expect(html.contains("<code>gridsim run Tests/GridSimCLITests/Fixtures/small.json5 --lang zh</code>"))
    let ledger = try String(contentsOf: folder.appendingPathComponent("ledger.csv"), encoding: .utf8)
    let lines = ledger.split(separator: "\n")
    // In Chinese, the ledger's columns are the words work-order platforms use (fit reads them back).
    #expect(lines[0].hasPrefix("工单编号,计入统计,诉求类别,严重程度,来源渠道,所属网格,发现时间,受理时间,办结时间"))
    #expect(lines.count > 10)
    let english = try gridsim(
      "run", "\(fixtures)/small.json5", "--out", folder.path, "--ledger", "--lang", "en")
    #expect(english.status == 0)
    let ledgerEN = try String(contentsOf: folder.appendingPathComponent("ledger.csv"), encoding: .utf8)
    #expect(ledgerEN.hasPrefix("item,measured,category,severity,channel,grid,appeared,detected,closed"))
  }

  @Test("an output folder that cannot be made exits 73, says why, and writes nothing")
  func unwritable() throws {
    let base = temporaryFolder()
    try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: base) }
    let file = base.appendingPathComponent("taken")
    FileManager.default.createFile(atPath: file.path, contents: Data("x".utf8))
    let r = try gridsim("run", "\(fixtures)/small.json5", "--out", file.path + "/report")
    #expect(r.status == 73)
    #expect(r.stderr.contains("no report was written to '\(file.path)/report'"))
    #expect(r.stderr.contains("cannot be made"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: base.path) == ["taken"])
  }

  @Test("usage errors: --ledger without --out, an unknown language")
  func usage() throws {
    let ledger = try gridsim("run", "\(fixtures)/small.json5", "--ledger")
    #expect(ledger.status == 64)
    #expect(ledger.stderr.contains("--ledger needs --out DIR"))
    // --lang alone is the language of what is printed.
    let langAlone = try gridsim("run", "\(fixtures)/small.json5", "--lang", "en")
    #expect(langAlone.status == 0)
    #expect(langAlone.stdout.hasPrefix("gridsim run: "))
    let lang = try gridsim("run", "\(fixtures)/small.json5", "--out", "/tmp/x", "--lang", "fr")
    #expect(lang.status == 64)
    #expect(lang.stderr.contains("'en'") || lang.stderr.contains("en, zh"))
  }

  @Test("compare --out: one report with the comparison and both scenarios")
  func compareOut() throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let r = try gridsim(
      "compare", "Scenarios/ci/policy.json5", "Scenarios/ci/answer-within-the-hour.json5", "--replications",
      "3",
      "--out", folder.path)
    #expect(r.status == 0)
    let json = try String(contentsOf: folder.appendingPathComponent("summary.json"), encoding: .utf8)
    #expect(json.contains("\"schema\": \"gridsim-summaries\""))
    #expect(json.contains("\"comparison\": {"))
    let daily = try String(contentsOf: folder.appendingPathComponent("daily.csv"), encoding: .utf8)
    #expect(
      daily.contains("\nCI policy,") && daily.contains("\nCI policy, grid answers within 1 h,") == false)
    #expect(daily.contains("\"CI policy, grid answers within 1 h\","))
  }

  @Test(
    "report.html loads in headless Chromium with no errors, every chart rendered, and a screenshot",
    .enabled(if: chromium != nil || browserRequired))
  func browser() throws {
    let browser = try #require(
      chromium, "Chromium is required here (GRIDSIM_REQUIRE_BROWSER=1) but not installed")
    let folder = temporaryFolder()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let page = packageRoot.appendingPathComponent("Reports/national-day-2026/report.html")
    let html = try String(contentsOf: page, encoding: .utf8)
    // A copy with a probe that reports, once loaded, the charts drawn and any resource fetched.
    let probe = """
      <script>window.addEventListener('load', () => {
      const s = [...document.querySelectorAll('svg')];
      const drawn = s.filter(e => e instanceof SVGSVGElement && e.getBBox().width > 0).length;
      console.log('gridsim-probe svgs=' + s.length + ' drawn=' + drawn + ' resources=' + performance.getEntriesByType('resource').length
        + ' wide=' + (document.documentElement.scrollWidth > window.innerWidth));
      });</script>
      """
    let probed = folder.appendingPathComponent("probed.html")
    try html.replacingOccurrences(of: "</body>", with: probe + "</body>").write(
      to: probed, atomically: true, encoding: .utf8)
    func chrome(_ arguments: [String]) throws -> String {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: browser)
      process.arguments =
        [
          "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--enable-logging=stderr",
          "--v=0",
        ]
        + arguments
      let err = Pipe()
      process.standardError = err
      process.standardOutput = FileHandle.nullDevice  // --dump-dom prints the page; unread, a pipe would fill
      try process.run()
      let data = err.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      #expect(process.terminationStatus == 0)
      return String(decoding: data, as: UTF8.self)
    }
    let log = try chrome([
      "--window-size=1024,768", "--virtual-time-budget=5000", "--dump-dom", probed.absoluteString,
    ])
    let console = log.split(separator: "\n").filter { $0.contains(":CONSOLE") }
    let svgs = html.components(separatedBy: "<svg ").count - 1
    #expect(svgs == 6)
    #expect(console.count == 1, "console output: \(console)")
    #expect(
      console.first?.contains("gridsim-probe svgs=\(svgs) drawn=\(svgs) resources=0 wide=false") == true)

    let screenshot = packageRoot.appendingPathComponent(".build/report-screenshot.png")
    try? FileManager.default.removeItem(at: screenshot)
    _ = try chrome(["--window-size=1024,4000", "--screenshot=\(screenshot.path)", page.absoluteString])
    let png = try Data(contentsOf: screenshot)
    #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    // Width and height from the PNG header, and a page that is more than blank.
    let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
    let height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
    #expect(width == 1024 && height == 4000)
    #expect(png.count > 100_000)
  }

  @Test(
    "report.html prints on A4 portrait with no table cut across pages, no heading alone at a page's foot and no caption parted from its chart",
    .enabled(if: (chromium != nil && pdftotext != nil) || browserRequired))
  func print() throws {
    let browser = try #require(chromium, "Chromium is required here but not installed")
    let toText = try #require(pdftotext, "pdftotext (poppler-utils) is required here but not installed")
    let folder = temporaryFolder()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let page = packageRoot.appendingPathComponent("Reports/national-day-2026/report.html")
    let html = try String(contentsOf: page, encoding: .utf8)
    let (boxes, text) = try printed(page.absoluteString, browser: browser, toText: toText, in: folder)
    #expect(!boxes.isEmpty)
    for box in boxes { #expect(box.count == 4 && abs(box[2] - 595) < 1 && abs(box[3] - 842) < 1, "\(box)") }
    let pages = text.components(separatedBy: "\u{0C}").map {
      $0.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }.filter { !$0.isEmpty }
    #expect((2...12).contains(pages.count), "\(pages.count) pages")

    func plain(_ s: Substring) -> String {
      s.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
        .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<")
        .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
    }
    func elements(_ tag: String) -> [String] {
      html.components(separatedBy: "<\(tag)>").dropFirst().map {
        plain($0.components(separatedBy: "</\(tag)>")[0][...])
      }
    }
    // A table cut across pages repeats its header row on the next page: each header row is printed
    // as often as the page has tables that start with it.
    let headers = html.components(separatedBy: "<thead><tr>").dropFirst().map { row in
      row.components(separatedBy: "</tr>")[0].components(separatedBy: "</th>").prefix(2).map {
        plain($0.drop { $0 != ">" }.dropFirst()[...])
      }.joined(separator: " ")
    }
    #expect(headers.count >= 4)
    let lines = pages.flatMap { $0 }
    for header in Set(headers) {
      let printed = lines.filter { $0.hasPrefix(header) }.count
      #expect(
        printed == headers.filter { $0 == header }.count, "the table headed '\(header)' is cut across pages")
    }
    // No heading is the last line of a page; no caption is the first.
    let headings = elements("h2") + elements("h3")
    #expect(headings.count >= 5)
    for (i, lines) in pages.enumerated() {
      #expect(!headings.contains(lines.last!), "page \(i + 1) ends with the heading '\(lines.last!)'")
    }
    let captions = elements("figcaption").map { $0.components(separatedBy: ". ")[0] }
    #expect(captions.count >= 4)
    for (i, lines) in pages.enumerated() {
      #expect(
        !captions.contains { lines.first!.hasPrefix($0) },
        "page \(i + 1) starts with the caption '\(lines.first!)'")
    }
  }
}

/// Runs a tool, returns its stdout; the test fails when it exits non-zero.
func runTool(_ path: String, _ arguments: [String]) throws -> String {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: path)
  process.arguments = arguments
  let out = Pipe()
  process.standardOutput = out
  process.standardError = FileHandle.nullDevice
  try process.run()
  let data = out.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  #expect(process.terminationStatus == 0, "\(path) exited \(process.terminationStatus)")
  return String(decoding: data, as: UTF8.self)
}

/// A page printed to PDF in headless Chromium, in `folder`: each page's MediaBox (in points) and
/// the text pdftotext reads from it (`raw`: in the order it is drawn).
func printed(_ page: String, browser: String, toText: String, in folder: URL, raw: Bool = true) throws -> (
  boxes: [[Double]], text: String
) {
  let pdf = folder.appendingPathComponent("printed-\(UUID().uuidString).pdf")
  _ = try runTool(
    browser,
    [
      "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)",
      page,
    ])
  let bytes = String(decoding: try Data(contentsOf: pdf), as: UTF8.self)
  let boxes = bytes.components(separatedBy: "/MediaBox [").dropFirst().map {
    $0.prefix { $0 != "]" }.split(separator: " ").compactMap { Double($0) }
  }
  return (boxes, try runTool(toText, (raw ? ["-raw"] : []) + [pdf.path, "-"]))
}
