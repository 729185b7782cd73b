import Foundation

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

  /// Reads and checks the scenario file at `path`, with `overrides` applied in order.
  public static func load(path: String, overrides: [ScenarioOverride] = []) throws(ScenarioError)
    -> LoadedScenario
  {
    let text = try InputFile.readText(path)
    return try parse(text, path: path, overrides: overrides)
  }

  /// A scenario file, or an overrides file: `{ name: "...", overrides: { "key.path": value } }`.
  package enum Input: Sendable {
    case scenario(LoadedScenario)
    case overrides(name: String?, overrides: [ScenarioOverride])
  }

  /// Reads a file that may be a scenario (with `overrides` applied) or an overrides file (an
  /// object with an `overrides` key); it is read and parsed once either way.
  package static func loadInput(path: String, overrides: [ScenarioOverride] = []) throws(ScenarioError)
    -> Input
  {
    let source = SourceFile(path: path, text: try InputFile.readText(path))
    let root = try InputFile.parseJSON5(source).get()
    if root["overrides"] == nil {
      return .scenario(try read(root, source: source, overrides: overrides))
    }
    var values = ValueReader(source: source)
    var name: String?
    var list: [ScenarioOverride] = []
    if let top = values.object(root, "", known: ["name", "overrides"]) {
      if let v = top["name"] { name = values.string(v, "name") }
      if case .object(let members)? = top["overrides"]?.kind {
        for m in members {
          let (line, column) = source.position(ofOffset: m.keyOffset)
          if let o = ScenarioOverride(keyPath: m.key, value: m.value, origin: "\(path):\(line):\(column)") {
            list.append(o)
          } else {
            let shown = ScenarioOverride.shortened(m.key)
            values.error(
              "overrides.\(shown)", at: m.keyOffset,
              "'\(shown)' is not a key path (at most 1,000 characters)",
              fix: "write keys joined by dots, ids or [n] for list items, for example \"tiers.grid.passUp\"")
          }
        }
      } else if let v = top["overrides"] {
        values.expected("an object { \"key.path\": value, ... }", v, "overrides")
      }
    }
    if values.diagnostics.hasErrors || values.hiddenErrors > 0 {
      throw .invalid(inFileOrder(values.diagnostics) + values.hiddenSummary)
    }
    return .overrides(name: name, overrides: list)
  }

  /// In file order, so that a reader can go through them top to bottom.
  static func inFileOrder(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    diagnostics.enumerated().sorted { a, b in
      let ka = (a.element.line ?? Int.max, a.element.column ?? 0, a.offset)
      let kb = (b.element.line ?? Int.max, b.element.column ?? 0, b.offset)
      return ka < kb
    }.map(\.element)
  }

  /// Reads and checks scenario text; `path` is used in messages.
  package static func parse(_ text: String, path: String, overrides: [ScenarioOverride] = [])
    throws(ScenarioError) -> LoadedScenario
  {
    let source = SourceFile(path: path, text: text)
    return try read(try InputFile.parseJSON5(source).get(), source: source, overrides: overrides)
  }

  /// Applies the overrides to a parsed file, then reads and checks the scenario.
  private static func read(_ parsed: JSON5Value, source: SourceFile, overrides: [ScenarioOverride])
    throws(ScenarioError) -> LoadedScenario
  {
    let path = source.path
    var (root, sources) = try Extends.resolve(parsed, source: source)
    (root, sources) = try Extends.layPreset(root, sources: sources)
    var overrideProblems: [Diagnostic] = []
    for (i, o) in overrides.enumerated() {
      var value = o.value
      value.setOffsets(-1 - i)
      if let problem = root.set(o.steps[...], to: value, path: o.keyPath) {
        overrideProblems.append(
          Diagnostic(
            .error, file: "\(path) (\(o.keyOrigin ?? o.origin))", keyPath: o.keyPath, message: problem,
            fix: "correct the key path"))
      }
    }
    var reader = ScenarioReader(source: source)
    reader.values.parents = Array(sources.dropFirst())
    reader.values.overrideOrigins = overrides.map(\.origin)
    let scenario = reader.read(root)
    var diagnostics = overrideProblems + inFileOrder(reader.values.diagnostics) + reader.values.hiddenSummary
    // Override problems come first: they explain any that follow from them.
    if diagnostics.hasErrors { throw .invalid(diagnostics) }
    for o in overrides where o.keyPath.hasPrefix("organization") && o.keyPath.hasSuffix("staff") {
      diagnostics += fixedHeadcounts(scenario, file: "\(path) (\(o.origin))", keyPath: o.keyPath)
    }
    return LoadedScenario(scenario: scenario, warnings: diagnostics, path: path)
  }

  /// Warnings that a change of a unit's staff changes nothing where a roster shift states a number
  /// of people rather than a share (a planner changed the organization and saw no effect).
  static func fixedHeadcounts(_ scenario: Scenario, file: String, keyPath: String) -> [Diagnostic] {
    // One warning for the change, naming every such tier (not one per tier).
    let tiers = scenario.tiers.compactMap { tier -> (id: String, shifts: String)? in
      guard let roster = tier.roster else { return nil }
      let fixed = roster.shifts.compactMap { shift -> String? in
        let kinds = DayKind.allCases.filter {
          if case .count? = shift.staff[$0] { return true } else { return false }
        }
        return kinds.isEmpty ? nil : "\(shift.name) (\(kinds.map(\.rawValue).joined(separator: ", ")))"
      }
      return fixed.isEmpty ? nil : (tier.id, fixed.joined(separator: "; "))
    }
    guard !tiers.isEmpty else { return [] }
    let parts = tiers.enumerated().map { i, t in
      (i == 0 ? "" : "nor ")
        + "tier '\(t.id)' where its roster gives a number of people: \(t.shifts)"
    }
    return [
      Diagnostic(
        .warning, file: file, keyPath: keyPath,
        message: "this does not change " + parts.joined(separator: ", "),
        fix:
          "change the roster instead (--set tiers.\(tiers.count == 1 ? tiers[0].id : "TIER").roster.shifts.NAME.staff=N), or give the shift a share such as \"50%\""
      )
    ]
  }
}
