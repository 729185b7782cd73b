import Foundation
import GridSimTestSupport
import Testing

/// `gridsim init`: a first scenario that validates, runs and checks at once.
@Suite("gridsim init")
struct InitCLITests {
  @Test("the scenario it writes validates with no warning, runs and is checked, in either language")
  func initRuns() throws {
    for language in ["zh", "en"] {
      let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
        "gridsim-init-\(UUID().uuidString)")
      defer { try? FileManager.default.removeItem(at: folder) }
      let r = try gridsim(
        "init", folder.path, "--villages", "3", "--grids-per-village", "2", "--lang", language,
        "--preset",
        "state-council-2016")
      #expect(r.status == 0, "\(r.stderr)")
      #expect(
        r.stdout.contains(
          language == "zh"
            ? "3 个村，每村 2 个网格，预案 state-council-2016" : "3 villages of 2 grids, preset state-council-2016"),
        "\(r.stdout)")
      let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
      #expect(names == ["README.md", "people.csv", "roster.csv", "scenario.json5"])
      let scenario = folder.appendingPathComponent("scenario.json5").path
      let text = try String(contentsOfFile: scenario, encoding: .utf8)
      #expect(text.contains(language == "zh" ? "示例" : "OURS"))
      let validate = try gridsim("validate", scenario, "--lang", "en")
      #expect(validate.status == 0 && validate.stderr.isEmpty, "\(validate.stderr)")
      #expect(validate.stdout.contains("3 tiers, 10 units"))
      let run = try gridsim("run", scenario, "--replications", "2")
      #expect(run.status == 0, "\(run.stderr)")
      let check = try gridsim("check", scenario, "--replications", "2", "--lang", "en")
      #expect(check.status == 0 || check.status == 1)
      #expect(check.stdout.contains("2 targets") || check.stdout.contains("of 2 targets"))
      // The people file it writes reads: every shift it names is one of the scenario's (the roster
      // of four example people may be short of people, exit 1, but the file is not refused, 65).
      let roster = try gridsim(
        "roster", scenario, "--people", folder.appendingPathComponent("people.csv").path, "--no-check")
      #expect(roster.status == 0 || roster.status == 1, "\(roster.stderr)")
      #expect(!roster.stderr.contains("people.csv:"), "\(roster.stderr)")
      // Never replaces what is there.
      let again = try gridsim("init", folder.path)
      #expect(again.status == 64 && again.stderr.contains("never replaces files"))
    }
  }

  @Test("every built-in preset makes a valid scenario")
  func everyPreset() throws {
    let presets = try FileManager.default.contentsOfDirectory(
      atPath: packageRoot.appendingPathComponent("Scenarios/policies").path
    ).filter { $0.hasSuffix(".json5") }.map { String($0.dropLast(6)) }
    #expect(presets.count >= 5)
    for preset in presets {
      let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
        "gridsim-init-\(UUID().uuidString)")
      defer { try? FileManager.default.removeItem(at: folder) }
      #expect(try gridsim("init", folder.path, "--preset", preset).status == 0)
      let validate = try gridsim("validate", folder.appendingPathComponent("scenario.json5").path)
      #expect(validate.status == 0 && validate.stderr.isEmpty, "\(preset): \(validate.stderr)")
    }
  }

  @Test("an unknown preset is a usage error naming the presets")
  func badPreset() throws {
    let r = try gridsim("init", "/tmp/unused-\(UUID().uuidString)", "--preset", "park-procedur")
    #expect(r.status == 64)
    #expect(r.stderr.contains("Did you mean 'park-procedure'?"))
  }
}
