import Foundation

/// Why a scenario could not be loaded.
public enum ScenarioError: Error, Sendable {
  /// The file is missing or cannot be read (exit 66).
  case unreadable(path: String, reason: String)
  /// The file was read but has problems (exit 65); every problem found, warnings included.
  case invalid([Diagnostic])
}

/// A scenario that loaded, with any warnings about it.
public struct LoadedScenario: Sendable {
  /// The scenario.
  public var scenario: Scenario
  /// Problems that do not stop the run.
  public var warnings: [Diagnostic]
  /// The path it was read from.
  public var path: String
}

/// Reads scenario files: JSON5 text in, a checked ``Scenario`` or every problem out.
public enum ScenarioLoader {
  /// The largest scenario file read: 16 MiB.
  public static let maximumFileSize = 16 << 20

  /// Reads and checks the scenario file at `path`.
  public static func load(path: String) throws(ScenarioError) -> LoadedScenario {
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
    if data.count > maximumFileSize {
      throw .invalid([
        Diagnostic(
          .error, file: path,
          message: "the file is \(data.count) bytes; scenario files are at most \(maximumFileSize) bytes")
      ])
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw .invalid([
        Diagnostic(
          .error, file: path, message: "expected UTF-8 text, found bytes that are not UTF-8",
          fix: "save the file as UTF-8")
      ])
    }
    return try parse(text, path: path)
  }

  /// Reads and checks scenario text; `path` is used in messages.
  public static func parse(_ text: String, path: String) throws(ScenarioError) -> LoadedScenario {
    let source = SourceFile(path: path, text: text)
    let root: JSON5Value
    do {
      root = try JSON5Parser.parse(text)
    } catch {
      let (line, column) = source.position(ofOffset: error.offset)
      throw .invalid([Diagnostic(.error, file: path, line: line, column: column, message: error.message)])
    }
    var reader = ScenarioReader(source: source)
    let scenario = reader.read(root)
    // In file order, so that a reader can go through them top to bottom.
    let diagnostics = reader.values.diagnostics.enumerated().sorted { a, b in
      let ka = (a.element.line ?? Int.max, a.element.column ?? 0, a.offset)
      let kb = (b.element.line ?? Int.max, b.element.column ?? 0, b.offset)
      return ka < kb
    }.map(\.element)
    if diagnostics.hasErrors { throw .invalid(diagnostics) }
    return LoadedScenario(scenario: scenario, warnings: diagnostics, path: path)
  }
}
