import Foundation

/// A small SVG writer: shapes and text in user units, written as a standalone `<svg>` element
/// that is also well-formed XML (every chart in `report.html` is one).
///
/// Coordinates are rounded to 0.1 so that the output is stable and small. Charts stay readable in
/// black and white: series differ by dash pattern and marker, areas by gray level and hatching.
struct SVG {
  let width: Double
  let height: Double
  /// A prefix for the ids of patterns, unique within one HTML page.
  let id: String
  private var defs: [String] = []
  private var body: [String] = []

  init(width: Double, height: Double, id: String) {
    self.width = width
    self.height = height
    self.id = id
  }

  /// A number with at most one decimal: `12`, `12.5`.
  static func n(_ x: Double) -> String {
    let r = (x * 10).rounded() / 10
    if r == r.rounded() { return String(Int(r)) }
    return String(format2: r, digits: 1)
  }

  /// Text escaped for XML content and attribute values.
  static func escape(_ s: String) -> String {
    var out = ""
    for c in s {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      default: out.append(c)
      }
    }
    return out
  }

  /// The id of a hatch pattern (diagonal lines), defined once per chart.
  mutating func hatch(_ name: String, gray: Int = 120, spacing: Double = 6) -> String {
    let full = "\(id)-\(name)"
    if !defs.contains(where: { $0.contains("id=\"\(full)\"") }) {
      defs.append(
        "<pattern id=\"\(full)\" width=\"\(Self.n(spacing))\" height=\"\(Self.n(spacing))\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"\(Self.n(spacing))\" stroke=\"rgb(\(gray),\(gray),\(gray))\" stroke-width=\"1.5\"/></pattern>"
      )
    }
    return "url(#\(full))"
  }

  /// The id of a dot pattern.
  mutating func dots(_ name: String) -> String {
    let full = "\(id)-\(name)"
    if !defs.contains(where: { $0.contains("id=\"\(full)\"") }) {
      defs.append(
        "<pattern id=\"\(full)\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\"><circle cx=\"2.5\" cy=\"2.5\" r=\"0.9\" fill=\"#888\"/></pattern>"
      )
    }
    return "url(#\(full))"
  }

  mutating func rect(
    x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil,
    title: String? = nil
  ) {
    var s =
      "<rect x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(max(0, width)))\" height=\"\(Self.n(max(0, height)))\" fill=\"\(fill)\""
    if let stroke { s += " stroke=\"\(stroke)\" stroke-width=\"1\"" }
    if let title {
      s += "><title>\(Self.escape(title))</title></rect>"
    } else {
      s += "/>"
    }
    body.append(s)
  }

  mutating func line(
    _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String = "#000", width: Double = 1,
    dash: String? = nil
  ) {
    var s =
      "<line x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\""
    if let dash { s += " stroke-dasharray=\"\(dash)\"" }
    body.append(s + "/>")
  }

  /// A line through points; nil points break it.
  mutating func polyline(
    _ points: [(Double, Double)?], stroke: String = "#000", width: Double = 1.5, dash: String? = nil
  ) {
    var runs: [[(Double, Double)]] = [[]]
    for p in points {
      if let p { runs[runs.count - 1].append(p) } else if !runs[runs.count - 1].isEmpty { runs.append([]) }
    }
    for run in runs where !run.isEmpty {
      let list = run.map { "\(Self.n($0.0)),\(Self.n($0.1))" }.joined(separator: " ")
      var s =
        "<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\" stroke-linejoin=\"round\""
      if let dash { s += " stroke-dasharray=\"\(dash)\"" }
      body.append(s + "/>")
    }
  }

  /// A closed shape.
  mutating func polygon(_ points: [(Double, Double)], fill: String, stroke: String? = nil) {
    let list = points.map { "\(Self.n($0.0)),\(Self.n($0.1))" }.joined(separator: " ")
    var s = "<polygon points=\"\(list)\" fill=\"\(fill)\""
    if let stroke { s += " stroke=\"\(stroke)\"" }
    body.append(s + "/>")
  }

  mutating func circle(x: Double, y: Double, r: Double, fill: String, stroke: String = "#000") {
    body.append(
      "<circle cx=\"\(Self.n(x))\" cy=\"\(Self.n(y))\" r=\"\(Self.n(r))\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"1.2\"/>"
    )
  }

  enum Anchor: String {
    case start, middle, end
  }

  /// The width a text takes at a font size, roughly: wide (CJK) characters one em, others about
  /// 0.6 em; enough to leave room for a label.
  static func estimatedWidth(_ text: String, size: Double) -> Double {
    text.unicodeScalars.reduce(0.0) { total, c in
      total + (c.properties.isIdeographic || c.value >= 0x3000 ? size : size * 0.6)
    }
  }

  /// `text` cut in the middle (`["nati…roster.csv"]`) to fit `width` at a font size, by
  /// ``estimatedWidth(_:size:)``; the text itself when it fits, nil when not even one character
  /// on each side of the ellipsis does.
  static func abbreviated(_ text: String, width: Double, size: Double) -> String? {
    guard estimatedWidth(text, size: size) > width else { return text }
    let characters = Array(text)
    var keep = characters.count - 1
    while keep >= 2 {
      let head = characters.prefix((keep + 1) / 2)
      let tail = characters.suffix(keep / 2)
      let candidate = String(head) + "…" + String(tail)
      if estimatedWidth(candidate, size: size) <= width { return candidate }
      keep -= 1
    }
    return nil
  }

  /// A text; with `title`, the full text a shortened label stands for, shown as its tooltip.
  mutating func text(
    _ x: Double, _ y: Double, _ string: String, size: Double = 11, anchor: Anchor = .start,
    bold: Bool = false,
    rotate: Double? = nil, fill: String = "#000", halo: Bool = false, title: String? = nil
  ) {
    var s =
      "<text x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" font-size=\"\(Self.n(size))\" text-anchor=\"\(anchor.rawValue)\""
    if bold { s += " font-weight=\"bold\"" }
    // A white outline under the glyphs keeps a label readable over lines and bars.
    if halo { s += " stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\"" }
    if fill != "#000" { s += " fill=\"\(fill)\"" }
    if let rotate { s += " transform=\"rotate(\(Self.n(rotate)) \(Self.n(x)) \(Self.n(y)))\"" }
    let tooltip = title.map { "<title>\(Self.escape($0))</title>" } ?? ""
    body.append(s + ">\(tooltip)\(Self.escape(string))</text>")
  }

  /// An empty path with an id, for a page's script to draw into (`whatif.html`).
  mutating func placeholder(
    id: String, stroke: String = "#000", width: Double = 1.8, dash: String? = nil
  ) {
    var s =
      "<path id=\"\(Self.escape(id))\" d=\"\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\" stroke-linejoin=\"round\""
    if let dash { s += " stroke-dasharray=\"\(dash)\"" }
    body.append(s + "/>")
  }

  /// The whole element, with a title for screen readers.
  func rendered(title: String) -> String {
    var out =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" role=\"img\" font-family=\"'Noto Sans CJK SC','Microsoft YaHei','PingFang SC',Arial,sans-serif\">"
    out += "<title>\(Self.escape(title))</title>"
    if !defs.isEmpty { out += "<defs>" + defs.joined() + "</defs>" }
    out += body.joined(separator: "\n")
    return out + "</svg>"
  }
}

/// A linear map from data values to positions.
struct LinearScale {
  var domain: (Double, Double)
  var range: (Double, Double)

  func callAsFunction(_ v: Double) -> Double {
    let span = domain.1 - domain.0
    guard span != 0 else { return range.0 }
    return range.0 + (v - domain.0) / span * (range.1 - range.0)
  }

  /// Round tick values (1, 2 or 5 × 10^k apart) from 0 covering `top`, about `count` of them.
  static func ticks(upTo top: Double, count: Int = 5) -> [Double] {
    guard top > 0, top.isFinite else { return [0, 1] }
    return ticks(from: 0, to: top, count: count)
  }

  /// Round ("nice") tick values covering `lo...hi`, about `count` intervals: the step is the
  /// first of `steps` at least (hi - lo) / count, or beyond them 1, 2 or 5 × 10^k; the first tick
  /// is the largest multiple of the step at or below `lo`, the last the smallest at or above `hi`,
  /// so a chart whose domain is the first to the last tick labels its ends with round numbers.
  /// `0...60, count 4` gives 0, 20, 40, 60; with `steps` of minutes (…10, 15, 30, 60) 0, 15, 30,
  /// 45, 60; `0.875...0.926, count 3` gives 0.86, 0.88, 0.9, 0.92, 0.94.
  ///
  /// - Complexity: O(number of ticks).
  /// `minimumStep` (a round number itself) keeps labels of a fixed number of decimals distinct.
  static func ticks(
    from lo: Double, to hi: Double, count: Int, steps: [Double] = [], minimumStep: Double = 0
  ) -> [Double] {
    guard lo.isFinite, hi.isFinite else { return [0, 1] }
    var (lo, hi) = (min(lo, hi), max(lo, hi))
    if hi - lo < 1e-12 {
      // One value: a unit around it in its own magnitude.
      let pad = lo == 0 ? 1 : pow(10, log10(abs(lo)).rounded(.down))
      (lo, hi) = (lo == 0 ? 0 : lo - pad, hi + pad)
    }
    let rough = (hi - lo) / Double(max(1, count))
    var step = steps.first { $0 >= rough * (1 - 1e-9) } ?? 0
    if step == 0 {
      let magnitude = pow(10, log10(rough).rounded(.down))
      step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough * (1 - 1e-9) } ?? 10 * magnitude
    }
    step = max(step, minimumStep)
    let first = (lo / step + 1e-9).rounded(.down)
    let last = (hi / step - 1e-9).rounded(.up)
    // Decimals enough for the step, so that 0.1 × 3 is 0.3 and not 0.30000000000000004.
    let decimals = max(0, Int(-log10(step).rounded(.down)) + 2)
    let scale = pow(10, Double(decimals))
    return stride(from: first, through: last, by: 1).map { (($0 * step) * scale).rounded() / scale }
  }
}
