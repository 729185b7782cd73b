import Foundation

/// Typed reads from a ``JSON5Value`` tree that collect problems instead of stopping at the first.
///
/// Every read takes the value and its key path, and returns nil after recording a diagnostic
/// (naming the line, what was expected, what was found and the fix) when the value will not do.
struct ValueReader {
  let source: SourceFile
  /// Where overridden values came from: a value at offset -1 - i came from `overrideOrigins[i]`.
  var overrideOrigins: [String] = []
  /// The files this one extends, nearest first: a value at offset `o >= k << 40` came from
  /// `parents[k - 1]` (see ``Extends``).
  var parents: [SourceFile] = []
  var diagnostics: [Diagnostic] = []
  /// Errors found past ``Diagnostic/cap``.
  var hiddenErrors = 0

  init(source: SourceFile) { self.source = source }

  /// A last diagnostic saying how many errors past the cap were not shown (none when all were).
  var hiddenSummary: [Diagnostic] {
    guard hiddenErrors > 0 else { return [] }
    var summary = Diagnostic(
      .error, file: source.path,
      message:
        "\(hiddenErrors) more problem\(hiddenErrors == 1 ? "" : "s") not shown (the first \(Diagnostic.cap) are)",
      fix: "fix these and run 'gridsim validate' again")
    summary.hiddenErrors = hiddenErrors - 1
    return [summary]
  }

  // MARK: recording

  mutating func error(_ path: String, at offset: Int?, _ message: String, fix: String? = nil) {
    record(.error, path, at: offset, message, fix: fix)
  }

  mutating func warning(_ path: String, at offset: Int?, _ message: String, fix: String? = nil) {
    record(.warning, path, at: offset, message, fix: fix)
  }

  private mutating func record(
    _ severity: Diagnostic.Severity, _ path: String, at offset: Int?, _ message: String, fix: String?
  ) {
    // Past the cap, problems are counted, not placed: the last one says how many more there were.
    if diagnostics.count >= Diagnostic.cap {
      if severity == .error { hiddenErrors += 1 }
      return
    }
    if let offset, offset < 0, -offset - 1 < overrideOrigins.count {
      diagnostics.append(
        Diagnostic(
          severity, file: "\(source.path) (\(overrideOrigins[-offset - 1]))", keyPath: path, message: message,
          fix: fix))
      return
    }
    let (file, local) = self.file(at: offset ?? 0)
    let position = offset.map { _ in file.position(ofOffset: local) }
    diagnostics.append(
      Diagnostic(
        severity, file: file.path, line: position?.line, column: position?.column, keyPath: path,
        message: message, fix: fix))
  }

  /// The file a value at `offset` came from, and its offset in that file.
  func file(at offset: Int) -> (SourceFile, Int) {
    let k = offset / Extends.fileStride
    guard offset >= 0, k > 0, k <= parents.count else { return (source, offset) }
    return (parents[k - 1], offset - k * Extends.fileStride)
  }

  /// A file named by the value at `offset` (calendar and roster files): its path, resolved from
  /// the folder of the scenario file the value came from, and how messages show it.
  func referencedFile(_ name: String, at offset: Int) -> (path: String, shown: String) {
    if name.hasPrefix("/") { return (name, name) }
    let from = file(at: offset).0.path
    let path = URL(fileURLWithPath: from).deletingLastPathComponent().appendingPathComponent(name).path
    guard let slash = from.lastIndex(of: "/") else { return (path, name) }
    return (path, String(from[...slash]) + name)
  }

  /// `true` or `false`; nil (with the problem reported) otherwise.
  mutating func bool(_ value: JSON5Value, _ path: String) -> Bool? {
    if case .bool(let b) = value.kind { return b }
    expected("true or false", value, path)
    return nil
  }

  mutating func expected(_ what: String, _ value: JSON5Value, _ path: String, fix: String? = nil) {
    error(path, at: value.offset, "expected \(what), found \(value.summary)", fix: fix)
  }

  // MARK: structure

  /// The members of an object, after reporting every key not in `known` (with a did-you-mean).
  mutating func object(_ value: JSON5Value, _ path: String, known: [String]) -> [String: JSON5Value]? {
    guard case .object(let members) = value.kind else {
      expected("an object { ... }", value, path)
      return nil
    }
    var result: [String: JSON5Value] = [:]
    for member in members {
      if known.contains(member.key) {
        result[member.key] = member.value
      } else {
        let memberPath = path.isEmpty ? member.key : "\(path).\(member.key)"
        let fix: String
        if let guess = Suggestion.closest(to: member.key, in: known) {
          fix = "did you mean '\(guess)'?"
        } else {
          fix = "known keys here: \(known.joined(separator: ", "))"
        }
        error(memberPath, at: member.keyOffset, "unknown key '\(member.key)'", fix: fix)
      }
    }
    return result
  }

  /// The items of a list.
  mutating func array(_ value: JSON5Value, _ path: String) -> [JSON5Value]? {
    guard case .array(let items) = value.kind else {
      expected("a list [ ... ]", value, path)
      return nil
    }
    return items
  }

  // MARK: scalars

  /// The longest name or id (they are repeated on every row of the CSV files), and the longest
  /// other text.
  static let longestName = 200
  static let longestText = 10_000

  mutating func string(_ value: JSON5Value, _ path: String) -> String? {
    guard case .string(let s) = value.kind else {
      expected("a string in quotes", value, path)
      return nil
    }
    let isName = path == "name" || path.hasSuffix(".name") || path.hasSuffix(".id") || path.hasSuffix("]")
    let longest = isName ? Self.longestName : Self.longestText
    guard s.count <= longest else {
      error(
        path, at: value.offset, "expected at most \(longest) characters, found \(s.count)",
        fix: "shorten it")
      return nil
    }
    return s
  }

  /// An identifier: a non-empty string without spaces.
  mutating func identifier(_ value: JSON5Value, _ path: String) -> String? {
    guard let s = string(value, path) else { return nil }
    if s.isEmpty || s.contains(where: { $0.isWhitespace }) {
      error(
        path, at: value.offset, "expected an id without spaces, found \(value.summary)",
        fix: "use letters, digits, '-' or '_'")
      return nil
    }
    return s
  }

  /// A finite number within `range`.
  mutating func number(
    _ value: JSON5Value, _ path: String, in range: ClosedRange<Double>, what: String = "a number"
  ) -> Double? {
    guard case .number(let n, let text) = value.kind else {
      expected(what, value, path, fix: stringNumberFix(value))
      return nil
    }
    guard n.isFinite, range.contains(n) else {
      error(path, at: value.offset, "expected \(what) \(describe(range)), found \(text)")
      return nil
    }
    return n
  }

  /// A whole number within `range`.
  mutating func integer(
    _ value: JSON5Value, _ path: String, in range: ClosedRange<Int>, what: String = "a whole number"
  ) -> Int? {
    guard case .number(let n, let text) = value.kind else {
      expected(what, value, path, fix: stringNumberFix(value))
      return nil
    }
    // Whole numbers past 2^53 round when read as a Double: judge the text itself when it is one.
    let exact = Int(text.replacingOccurrences(of: "_", with: ""))
    guard n.isFinite, n == n.rounded(), n >= Double(range.lowerBound), n <= Double(range.upperBound),
      exact.map(range.contains) ?? true
    else {
      error(
        path, at: value.offset,
        "expected \(what) from \(range.lowerBound) to \(range.upperBound), found \(text)")
      return nil
    }
    return Int(n)
  }

  /// A probability, 0 to 1.
  mutating func probability(_ value: JSON5Value, _ path: String) -> Double? {
    number(value, path, in: 0...1, what: "a probability")
  }

  /// One of a fixed set of words.
  mutating func choice<T: RawRepresentable & CaseIterable>(
    _ value: JSON5Value, _ path: String, _ type: T.Type
  ) -> T?
  where T.RawValue == String {
    guard let s = string(value, path) else { return nil }
    if let v = T(rawValue: s) { return v }
    let options = T.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
    let guess = Suggestion.closest(to: s, in: T.allCases.map(\.rawValue))
    error(
      path, at: value.offset, "expected one of \(options), found \(value.summary)",
      fix: guess.map { "did you mean '\($0)'?" })
    return nil
  }

  /// A length of time with a unit, such as `"30 min"`, within 0 and ``TimeSpan/maximum``.
  mutating func span(_ value: JSON5Value, _ path: String, positive: Bool = false) -> TimeSpan? {
    let example = "a duration with a unit, such as \"30 min\", \"2 h\" or \"3 days\""
    guard case .string(let s) = value.kind else {
      if case .number(_, let text) = value.kind {
        error(
          path, at: value.offset, "expected \(example), found \(text) with no unit",
          fix: "write it as \"\(text) h\" or \"\(text) min\"")
      } else {
        expected(example, value, path)
      }
      return nil
    }
    guard let span = TimeSpan(parsing: s) else {
      let units = TimeSpan.units.map { $0.names[0] + ($0.names.count > 3 ? "/" + $0.names[3] : "") }.joined(
        separator: ", ")
      error(path, at: value.offset, "expected \(example), found \(value.summary)", fix: "units: \(units)")
      return nil
    }
    if span.minutes < 0 || (positive && span.minutes == 0) || span > TimeSpan.maximum {
      error(
        path, at: value.offset,
        "expected \(positive ? "a positive" : "a non-negative") duration of at most 100 years, found \(value.summary)"
      )
      return nil
    }
    return span
  }

  mutating func dateTime(_ value: JSON5Value, _ path: String) -> LocalDateTime? {
    guard let s = string(value, path) else { return nil }
    guard let d = LocalDateTime(parsing: s) else {
      error(
        path, at: value.offset,
        "expected a local date-time such as \"2026-09-28T08:30\" or a date such as \"2026-09-28\", found \(value.summary)"
      )
      return nil
    }
    return d
  }

  // MARK: helpers

  private func describe(_ range: ClosedRange<Double>) -> String {
    switch (range.lowerBound, range.upperBound) {
    case (0, .greatestFiniteMagnitude): "of at least 0"
    case (let lo, .greatestFiniteMagnitude): "of at least \(trim(lo))"
    case (let lo, let hi): "from \(trim(lo)) to \(trim(hi))"
    }
  }

  private func trim(_ v: Double) -> String { String(format2: v, digits: 6) }

  private func stringNumberFix(_ value: JSON5Value) -> String? {
    if case .string(let s) = value.kind, Double(s) != nil { return "remove the quotes: \(s)" }
    return nil
  }
}
