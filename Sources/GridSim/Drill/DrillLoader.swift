import Foundation

/// A drill pack that loaded, with the scenario it runs against and any warnings.
package struct LoadedDrill: Sendable {
  package var pack: DrillPack
  package var scenario: Scenario
  /// Problems that do not stop the drill (the scenario's warnings included).
  package var warnings: [Diagnostic]
  /// The path the pack was read from.
  package var path: String
  /// The scenario's file, as messages show it.
  package var scenarioFile: String
  /// The controller's script: the pack's timeline with no team log, worked out once.
  package var script: DrillTimeline
}

/// Reads drill packs: JSON5 in, a checked ``DrillPack`` (and its scenario) or every problem out,
/// with file, line, key path and fix, as for scenarios.
package enum DrillLoader {
  /// The most injects and objectives a pack may hold.
  package static let maximumInjects = 1_000

  /// Reads and checks the pack at `path`, then the scenario it names (which must be inside the
  /// project folder, as every file a scenario names).
  package static func load(path: String) throws(ScenarioError) -> LoadedDrill {
    let source = SourceFile(path: path, text: try InputFile.readText(path))
    let root = try InputFile.parseJSON5(source).get()
    return try read(root, source: source)
  }

  /// `name` from the folder of `file`, as the user would write it: `Scenarios/drills/p.json5` and
  /// `../b.json5` give `Scenarios/b.json5` (an absolute `name` stays as it is).
  static func joined(_ file: String, _ name: String) -> String {
    if name.hasPrefix("/") { return name }
    var parts = file.split(separator: "/", omittingEmptySubsequences: false).dropLast().map(String.init)
    for part in name.split(separator: "/").map(String.init) {
      if part == "." { continue }
      if part == "..", let last = parts.last, last != "..", !last.isEmpty, last != "." {
        parts.removeLast()
      } else {
        parts.append(part)
      }
    }
    return parts.joined(separator: "/")
  }

  /// True when the parsed file looks like a drill pack (a `scenario` file and `injects`), so that
  /// `trace` can take either.
  package static func isPack(path: String) -> Bool {
    guard case .success(let text) = InputFile.readUTF8(path),
      case .success(let root) = InputFile.parseJSON5(SourceFile(path: path, text: text))
    else { return false }
    // A scenario has neither key at its top.
    return root["scenario"] != nil || root["injects"] != nil
  }

  private static func read(_ root: JSON5Value, source: SourceFile) throws(ScenarioError) -> LoadedDrill {
    var values = ValueReader(source: source)
    let known = [
      "version", "name", "description", "scenario", "language", "roles", "objectives", "injects", "pass",
      "replications", "ends",
    ]
    if case .object = root.kind, root["scenario"] == nil, root["injects"] == nil {
      values.error(
        "", at: root.offset,
        "expected a drill pack (with 'scenario' and 'injects'), found \(root["tiers"] != nil ? "a scenario" : "neither key")",
        fix:
          "give a drill pack such as Scenarios/drills/national-day-flood.json5 (see Scenarios/README.md, \"Drill packs\")"
      )
      throw .invalid(values.diagnostics)
    }
    guard let top = values.object(root, "", known: known) else { throw .invalid(values.diagnostics) }
    if let v = top["version"], let n = values.integer(v, "version", in: 1...1_000), n != 1 {
      values.error(
        "version", at: v.offset, "expected version 1, found \(n)", fix: "this gridsim reads version 1")
    }
    // The scenario first: every other key is checked against it.
    guard let scenarioValue = top["scenario"] else {
      values.error(
        "scenario", at: root.offset, "missing key 'scenario'",
        fix:
          "name the scenario the drill runs against, relative to the pack: scenario: \"../township-baseline.json5\""
      )
      throw .invalid(values.diagnostics)
    }
    guard let name = values.string(scenarioValue, "scenario") else { throw .invalid(values.diagnostics) }
    let (scenarioPath, _) = values.referencedFile(name, at: scenarioValue.offset)
    let shown = DrillLoader.joined(source.path, name)
    let loaded: LoadedScenario
    do {
      let text = try InputFile.readText(scenarioPath, checkRoot: true)
      loaded = try ScenarioLoader.parse(text, path: shown)
    } catch {
      switch error {
      case .unreadable(_, let reason):
        values.error(
          "scenario", at: scenarioValue.offset, "cannot read the scenario '\(shown)': \(reason)",
          fix: "give a scenario file's path relative to the pack")
        throw .invalid(values.diagnostics)
      case .invalid(let diagnostics):
        values.error(
          "scenario", at: scenarioValue.offset, "the scenario '\(shown)' has problems (listed after this)",
          fix: "run 'gridsim validate \(shown)'")
        throw .invalid(values.diagnostics + diagnostics)
      }
    }
    var reader = DrillReader(values: values, scenario: loaded.scenario)
    var pack = DrillPack(name: "unnamed drill", scenarioPath: scenarioPath)
    reader.read(top, into: &pack)
    values = reader.values
    var script: DrillTimeline?
    if !values.diagnostics.hasErrors {
      let timeline = DrillTimeline(pack: pack, scenario: loaded.scenario, log: nil)
      values.diagnostics += reader.checkExpectations(pack, timeline: timeline, top: top)
      script = timeline
    }
    let diagnostics = ScenarioLoader.inFileOrder(values.diagnostics) + values.hiddenSummary
    guard !diagnostics.hasErrors, let script else { throw .invalid(diagnostics) }
    return LoadedDrill(
      pack: pack, scenario: loaded.scenario, warnings: loaded.warnings + diagnostics, path: source.path,
      scenarioFile: shown, script: script)
  }
}
