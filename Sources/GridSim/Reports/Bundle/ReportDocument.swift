/// A written report as a list of blocks, rendered as HTML (with its charts) and as Markdown (the
/// same findings and tables, for chat and wikis), so that both always say the same thing.
///
/// Text may mark emphasis with `**…**`; everything else is plain text and escaped by the renderer.
struct ReportDocument {
  enum Block {
    case heading(Int, String)
    case paragraph(String)
    case meta([String])
    case bullets([String])
    /// A highlighted verdict: true when everything holds.
    case verdict(Bool, String)
    /// A table; columns in `leftAligned` are text, the others figures.
    case table(headers: [String], rows: [[String]], leftAligned: Set<Int>)
    /// An SVG chart with its title and a caption on how to read it.
    case figure(title: String, svg: String, caption: String)
    /// A table whose columns in `nowrap` keep their text on one line (dates, times); on a narrow
    /// screen it scrolls sideways rather than break them.
    case wideTable(headers: [String], rows: [[String]], leftAligned: Set<Int>, nowrap: Set<Int>)
  }

  var title: String
  var language: ReportLanguage
  /// The HTML file the Markdown points to for charts.
  var htmlFile = "report.html"
  var blocks: [Block] = []
  /// Rules of one page's own, after the shared ones (empty on most pages).
  var extraStyle = ""

  mutating func add(_ block: Block) { blocks.append(block) }

  // MARK: HTML

  static let style = """
    :root{color-scheme:light}
    body{font-family:"Segoe UI","Noto Sans CJK SC","Microsoft YaHei","PingFang SC",Arial,sans-serif;max-width:920px;margin:0 auto;padding:24px;color:#111;background:#fff;line-height:1.45}
    h1{font-size:1.6em;margin:0 0 .3em}
    h2{font-size:1.25em;border-bottom:2px solid #222;padding-bottom:.15em;margin:1.6em 0 .5em}
    h3{font-size:1.05em;margin:1.2em 0 .4em}
    .meta{color:#333;margin:.2em 0 1em;padding:0;list-style:none}
    .meta li{margin:.1em 0}
    ul.findings{border:2px solid #222;background:#f4f4f4;padding:.6em 1em .6em 2em;margin:.5em 0}
    ul.findings li{margin:.25em 0}
    .verdict{display:inline-block;font-weight:bold;border:2px solid #222;padding:.2em .7em;margin:.3em 0}
    .verdict.missed{background:#222;color:#fff}
    table{border-collapse:collapse;width:100%;font-size:.88em;margin:.5em 0 1em}
    th,td{padding:3px 6px;text-align:right;border-bottom:1px solid #ccc;vertical-align:top}
    th{border-bottom:2px solid #222;font-weight:600;word-break:keep-all}
    th.l,td.l{text-align:left}
    figure{margin:1em 0 1.4em;break-inside:avoid;page-break-inside:avoid}
    figure svg{width:100%;height:auto;display:block}
    figcaption{font-size:.85em;color:#333;margin-top:.3em}
    figcaption b{color:#000}
    footer{margin-top:2em;font-size:.8em;color:#555;border-top:1px solid #ccc;padding-top:.5em}
    @page{size:A4;margin:14mm}
    @media print{body{max-width:none;padding:0;font-size:10pt}h1,h2,h3{break-after:avoid;page-break-after:avoid;break-inside:avoid}table,ul.findings,.verdict,footer{break-inside:avoid;page-break-inside:avoid}thead{display:table-header-group}tr{break-inside:avoid}p{orphans:3;widows:3}a{color:#000;text-decoration:none}}
    """

  /// The rules for ``Block/wideTable``, only on pages that have one (others stay as they were).
  static let wideStyle = """
    .wide{overflow-x:auto;margin:.5em 0 1em}.wide table{margin:0;width:auto;min-width:100%}
    th.n,td.n{white-space:nowrap}
    figure{overflow-x:auto}
    @media (max-width:640px){svg.keep-size{min-width:600px}}
    """

  func html(footer: String) -> String {
    let wide = blocks.contains {
      if case .wideTable = $0 { return true }
      return false
    }
    var out = "<!DOCTYPE html>\n<html lang=\"\(language.htmlLang)\">\n<head>\n<meta charset=\"utf-8\">\n"
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    out +=
      "<title>\(Self.escape(title))</title>\n<style>\n\(Self.style)\n\(wide ? Self.wideStyle + "\n" : "")\(extraStyle.isEmpty ? "" : extraStyle + "\n")</style>\n</head>\n<body>\n"
    for block in blocks {
      switch block {
      case .heading(let level, let text):
        out += "<h\(level)>\(Self.inline(text))</h\(level)>\n"
      case .paragraph(let text):
        out += "<p>\(Self.inline(text))</p>\n"
      case .meta(let lines):
        out += "<ul class=\"meta\">" + lines.map { "<li>\(Self.inline($0))</li>" }.joined() + "</ul>\n"
      case .bullets(let items):
        out +=
          "<ul class=\"findings\">\n" + items.map { "<li>\(Self.inline($0))</li>\n" }.joined() + "</ul>\n"
      case .verdict(let ok, let text):
        out += "<p class=\"verdict\(ok ? "" : " missed")\">\(Self.inline(text))</p>\n"
      case .wideTable(let headers, let rows, let leftAligned, let nowrap):
        func cell(_ tag: String, _ i: Int, _ text: String) -> String {
          let classes = (leftAligned.contains(i) ? ["l"] : []) + (nowrap.contains(i) ? ["n"] : [])
          let attribute = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
          return "<\(tag)\(attribute)>\(Self.inline(text))</\(tag)>"
        }
        out +=
          "<div class=\"wide\"><table>\n<thead><tr>"
          + headers.enumerated().map { cell("th", $0, $1) }.joined()
        out += "</tr></thead>\n<tbody>\n"
        for row in rows { out += "<tr>" + row.enumerated().map { cell("td", $0, $1) }.joined() + "</tr>\n" }
        out += "</tbody>\n</table></div>\n"
      case .table(let headers, let rows, let leftAligned):
        func cell(_ tag: String, _ i: Int, _ text: String) -> String {
          "<\(tag)\(leftAligned.contains(i) ? " class=\"l\"" : "")>\(Self.inline(text))</\(tag)>"
        }
        out += "<table>\n<thead><tr>" + headers.enumerated().map { cell("th", $0, $1) }.joined()
        out += "</tr></thead>\n<tbody>\n"
        for row in rows { out += "<tr>" + row.enumerated().map { cell("td", $0, $1) }.joined() + "</tr>\n" }
        out += "</tbody>\n</table>\n"
      case .figure(let title, let svg, let caption):
        out +=
          "<figure>\n\(svg)\n<figcaption><b>\(Self.escape(title)).</b> \(Self.inline(caption))</figcaption>\n</figure>\n"
      }
    }
    out += "<footer>\(Self.inline(footer))</footer>\n</body>\n</html>\n"
    return out
  }

  static func escape(_ s: String) -> String { SVG.escape(s) }

  /// Escaped text with `**…**` as `<strong>` and `` `…` `` as `<code>`.
  static func inline(_ s: String) -> String {
    func pairs(_ text: String, _ marker: String, _ tag: String) -> String {
      let parts = text.components(separatedBy: marker)
      var out = ""
      for (i, part) in parts.enumerated() {
        if i > 0 { out += i % 2 == 1 ? "<\(tag)>" : "</\(tag)>" }
        out += part
      }
      if parts.count % 2 == 0 { out += "</\(tag)>" }
      return out
    }
    return pairs(pairs(escape(s), "**", "strong"), "`", "code")
  }

  // MARK: Markdown

  func markdown(footer: String) -> String {
    var out = ""
    for block in blocks {
      switch block {
      case .heading(let level, let text):
        out += String(repeating: "#", count: level) + " " + text + "\n\n"
      case .paragraph(let text):
        out += text + "\n\n"
      case .meta(let lines):
        out += lines.joined(separator: "  \n") + "\n\n"
      case .bullets(let items):
        out += items.map { "- " + $0 + "\n" }.joined() + "\n"
      case .verdict(let ok, let text):
        out += "> \(ok ? "✔" : "✘") \(text)\n\n"
      case .table(let headers, let rows, let leftAligned),
        .wideTable(let headers, let rows, let leftAligned, _):
        func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
        out += "| " + headers.map(cell).joined(separator: " | ") + " |\n"
        out += "|" + headers.indices.map { leftAligned.contains($0) ? " --- |" : " ---: |" }.joined() + "\n"
        for row in rows { out += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
        out += "\n"
      case .figure(let title, _, _):
        out += "*\(title): \(language.code == .en ? "chart in \(htmlFile)" : "图表见 \(htmlFile)")*\n\n"
      }
    }
    return out + "---\n\(footer)\n"
  }
}
