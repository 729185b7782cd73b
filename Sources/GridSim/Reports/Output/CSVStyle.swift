/// How the CSV files gridsim writes begin: plain UTF-8 for programs, or with a byte-order mark so
/// that Excel and WPS on Chinese Windows open them as UTF-8 (without it they read GB18030 and show
/// 网格员 as mojibake). gridsim reads both back, as it reads GB18030.
package enum CSVStyle: String, Sendable, CaseIterable {
  /// UTF-8 without a byte-order mark (the default: what programs expect).
  case plain
  /// UTF-8 with a byte-order mark (what Excel's "CSV UTF-8" writes).
  case excel

  /// The environment variable that sets the style where no option does (`GRIDSIM_CSV=excel` on an
  /// office computer).
  package static let environmentKey = "GRIDSIM_CSV"

  /// The files with every `.csv` one in this style; other files unchanged.
  package func apply(_ files: [(path: String, text: String)]) -> [(path: String, text: String)] {
    guard self == .excel else { return files }
    return files.map { $0.path.hasSuffix(".csv") ? ($0.path, "\u{FEFF}" + $0.text) : $0 }
  }
}
