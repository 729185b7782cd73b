import Foundation
import Testing

@testable import GridSim

@Suite("Built-in policy presets")
struct PresetTests {
  /// The preset files under Scenarios/policies/, by name.
  func files() throws -> [String: String] {
    let folder = repositoryRoot.appendingPathComponent("Scenarios/policies")
    var texts: [String: String] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path)
    where name.hasSuffix(".json5") {
      texts[String(name.dropLast(6))] = try String(
        contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }
    return texts
  }

  @Test("the built-in presets are the files in Scenarios/policies/, word for word")
  func embeddedMatchesFiles() throws {
    let files = try files()
    let embedded = BuiltInPresets.texts.mapValues { $0 + "\n" }
    if ProcessInfo.processInfo.environment["GRIDSIM_RECORD"] == "1", embedded != files {
      var out = """
        // The built-in policy presets, found by name from any folder (`preset: "park-procedure"`).
        //
        // Generated from Scenarios/policies/*.json5, which stay the readable copies: `PresetTests` fails
        // when the two differ, and `GRIDSIM_RECORD=1 swift test --filter PresetTests` writes this file
        // again from them.

        /// The presets' texts by name (the file name without `.json5`).
        enum BuiltInPresets {
          static let texts: [String: String] = [

        """
      for name in files.keys.sorted() { out += "    \"\(name)\": ##\"\"\"\n\(files[name]!)\"\"\"##,\n" }
      out += "  ]\n}\n"
      try out.write(
        to: repositoryRoot.appendingPathComponent("Sources/GridSim/Input/BuiltInPresets.swift"),
        atomically: true,
        encoding: .utf8)
      return
    }
    #expect(
      embedded == files,
      "Scenarios/policies/ and BuiltInPresets.swift differ: run GRIDSIM_RECORD=1 swift test --filter PresetTests"
    )
  }

  @Test("a scenario in any folder names a built-in preset; an unknown name gets the list and a guess")
  func byName() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gridsim-preset-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    func scenario(_ preset: String) -> String {
      """
      { version: 1, demand: { perGridPerDay: 1 }, tiers: [{ id: "grid", handling: "1 h" }],
        organization: { name: "g", staff: 1 }, policy: { preset: "\(preset)" } }
      """
    }
    let path = folder.appendingPathComponent("s.json5").path
    try scenario("feng-county-grid").write(toFile: path, atomically: true, encoding: .utf8)
    let loaded = try ScenarioLoader.load(path: path).scenario
    #expect(loaded.policy.name == "Feng County grid fast-handling")
    #expect(loaded.effectiveRule(tier: 0, category: nil).responseDeadline == .sameDay)

    try scenario("feng-county").write(toFile: path, atomically: true, encoding: .utf8)
    do {
      _ = try ScenarioLoader.load(path: path)
      Issue.record("expected an unknown preset to be refused")
    } catch .invalid(let diagnostics) {
      let d = try #require(diagnostics.first)
      #expect(d.keyPath == "policy.preset")
      #expect(d.message == "there is no built-in policy preset 'feng-county'")
      #expect(
        d.fix?.hasPrefix("did you mean 'feng-county-grid'? built-in presets: bureau-supervision,") == true)
    } catch {
      Issue.record("unexpected \(error)")
    }
  }
}
