/// A problem found in an input file, as data: where it is, what was expected, what was found, the fix.
///
/// Diagnostics are collected, never thrown one at a time: a file with five problems reports five.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
  /// How bad the problem is.
  public enum Severity: String, Sendable, Equatable {
    /// The file cannot be used.
    case error
    /// The file can be used, but probably not as meant.
    case warning
  }

  /// Error or warning.
  public var severity: Severity
  /// The file the problem is in, as the user named it.
  public var file: String
  /// 1-based line, when known.
  public var line: Int?
  /// 1-based column in characters, when known.
  public var column: Int?
  /// The key path inside the file, such as `tiers[1].deadlines.response`; empty for the whole file.
  public var keyPath: String
  /// What is wrong: what was expected and what was found.
  public var message: String
  /// How to fix it, when there is a clear fix.
  public var fix: String?
  /// For the last diagnostic of a capped list: how many more errors were found and not shown.
  package var hiddenErrors = 0

  /// A value from a file, as a message quotes it: at most 60 characters (a long cell or line is
  /// cut, never printed whole).
  package static func shown(_ value: String) -> String {
    value.count <= 60 ? value : String(value.prefix(60)) + "…"
  }

  /// The most diagnostics kept for one file; the rest are counted, not shown (a file with 60,000
  /// problems on one line must not take minutes to report).
  package static let cap = 200

  /// Creates a diagnostic.
  package init(
    _ severity: Severity, file: String, line: Int? = nil, column: Int? = nil, keyPath: String = "",
    message: String, fix: String? = nil
  ) {
    self.severity = severity
    self.file = file
    self.line = line
    self.column = column
    self.keyPath = keyPath
    self.message = message
    self.fix = fix
  }

  /// `file:line:col: error: key.path: message. fix`, the format compilers and editors understand.
  public var description: String {
    var location = file
    if let line {
      location += ":\(line)"
      if let column { location += ":\(column)" }
    }
    var text = "\(location): \(severity.rawValue): "
    if !keyPath.isEmpty { text += "\(keyPath): " }
    text += message
    if let fix { text += "; \(fix)" }
    return text
  }
}

extension Array where Element == Diagnostic {
  /// True when any diagnostic is an error.
  package var hasErrors: Bool { contains { $0.severity == .error } }
}
