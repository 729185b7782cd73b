import Foundation

/// Why a scenario could not be loaded.
public enum ScenarioError: Error, Sendable {
  /// The file is missing or cannot be read (exit 66).
  case unreadable(path: String, reason: String)
  /// The file was read but has problems (exit 65); every problem found, warnings included.
  case invalid([Diagnostic])
}

/// What every input file shares: the size cap and JSON5 parsing with positions.
extension ScenarioError {
  /// Why, in a few words, for a message about the file that named this one.
  var reason: String {
    switch self {
    case .unreadable(_, let reason): reason
    case .invalid(let diagnostics): diagnostics.first?.message ?? "it cannot be read"
    }
  }
}

public enum InputFile {
  /// The largest input file read: 16 MiB.
  public static let maximumSize = 16 << 20

  /// Parses JSON5 text; a syntax error becomes a diagnostic with its line and column.
  static func parseJSON5(_ source: SourceFile) -> Result<JSON5Value, ScenarioError> {
    do {
      return .success(try JSON5Parser.parse(source.text))
    } catch {
      let (line, column) = source.position(ofOffset: error.offset)
      return .failure(
        .invalid([Diagnostic(.error, file: source.path, line: line, column: column, message: error.message)]))
    }
  }

  /// The UTF-8 text of the file at `path`, at most ``maximumSize`` bytes.
  static func readText(_ path: String) throws(ScenarioError) -> String {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw .unreadable(path: path, reason: "no such file")
    }
    if isDirectory.boolValue {
      throw .unreadable(path: path, reason: "it is a directory, not a scenario file")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .unreadable(path: path, reason: "it cannot be read (check its permissions)")
    }
    if data.count > maximumSize {
      throw .invalid([
        Diagnostic(
          .error, file: path,
          message: "the file is \(data.count) bytes; scenario files are at most \(maximumSize) bytes")
      ])
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw .invalid([
        Diagnostic(
          .error, file: path, message: "expected UTF-8 text, found bytes that are not UTF-8",
          fix: "save the file as UTF-8")
      ])
    }
    return text
  }
}
