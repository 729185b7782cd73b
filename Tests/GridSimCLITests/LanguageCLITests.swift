import Foundation
import GridSim
import GridSimTestSupport
import Testing

/// One language everywhere: every command takes `--lang`, and what it prints in Chinese has no
/// English word of ours (the scenario's own ids and names, paths, options and units aside).
@Suite("One language end to end", .serialized)
struct LanguageCLITests {
  /// Words a Chinese output may hold: the scenario's ids and names, and a few terms.
  static func allowed(_ path: String) throws -> Set<String> {
    let scenario = try InputFile.$projectRoot.withValue(InputFile.realPath(packageRoot.path)) {
      try ScenarioLoader.load(path: path).scenario
    }
    var names: [String] = [scenario.name, scenario.policy.name ?? "", scenario.policy.source ?? ""]
    names += scenario.tiers.flatMap { [$0.id, $0.name] + $0.roles.map(\.id) }
    names += scenario.tiers.compactMap(\.roster).flatMap { $0.shifts.map(\.name) }
    names += scenario.demand.categories.flatMap { [$0.id, $0.name] }
    names += scenario.demand.severities.flatMap { [$0.id, $0.name] }
    names += scenario.demand.channels.flatMap { [$0.id, $0.name] }
    names += scenario.windows.map(\.name) + scenario.targets.map(\.name)
    names += scenario.unitTree.units.map(\.name)
    var words = Set(names.flatMap(Self.words))
    words.formUnion(["gridsim", "MiB", "UTF", "BOM", "GB", "tandem", "ok"])
    // Scenario keys, as typed in a scenario file.
    words.formUnion(["rosterFiles"])
    // Command names, as typed after `gridsim`.
    words.formUnion([
      "run", "check", "compare", "plan", "sweep", "merge", "validate", "model", "fit", "trace",
    ])
    return words
  }

  /// The English words of a text, paths, options and error or warning lines left out.
  static func words(_ text: String) -> [String] {
    var kept: [String] = []
    for line in text.split(separator: "\n")
    where !line.contains("warning:") && !line.contains("error:") && !line.hasPrefix("Error:") {
      for token in line.split(whereSeparator: { $0 == " " || $0 == "（" || $0 == "）" || $0 == "：" }) {
        // A path, an option or a command line's words are the user's, not ours.
        let isFile = token.range(of: #"[A-Za-z0-9]\.[A-Za-z]"#, options: .regularExpression) != nil
        if token.contains("/") || isFile || token.hasPrefix("--") { continue }
        var word = ""
        for c in token.unicodeScalars {
          if c.isASCII, CharacterSet.letters.contains(c) {
            word.unicodeScalars.append(c)
          } else {
            if word.count > 1 { kept.append(word) }
            word = ""
          }
        }
        if word.count > 1 { kept.append(word) }
      }
    }
    return kept
  }

  /// English words of ours in a command's Chinese output.
  static func english(_ r: Invocation, allowed: Set<String>) -> [String] {
    Array(Set(words(r.stdout + "\n" + r.stderr).filter { !allowed.contains($0) })).sorted()
  }

  @Test("every command's Chinese output is Chinese; its English output is English")
  func chinese() throws {
    let folder = temporaryFolder()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let base = "Scenarios/township-baseline.json5"
    let holiday = "Scenarios/national-day-2026.json5"
    let desk = "Scenarios/planning/erlang-desk.json5"
    let allowed = try Self.allowed(base).union(Self.allowed(holiday)).union(Self.allowed(desk))
    let planned = folder.appendingPathComponent("plan").path
    let slice = folder.appendingPathComponent("s.gridsim-slice").path
    // A log for fit and validate-model: the ledger, written in Chinese.
    let log = folder.appendingPathComponent("log/ledger.csv").path
    let ledger = try gridsimArgs(
      ["run", base, "--replications", "1", "--out", folder.appendingPathComponent("log").path, "--ledger"])
    #expect(ledger.status == 0, "\(ledger.stderr)")
    let fitted = packageRoot.appendingPathComponent(".build/fitted-\(UUID().uuidString).json5")
    defer { try? FileManager.default.removeItem(at: fitted) }
    let commands: [[String]] = [
      ["validate", base, holiday],
      ["calendar", "2026"],
      ["calendar", "2026", "--format", "csv"],
      ["run", base, "--replications", "2"],
      ["check", holiday, "--replications", "2"],
      ["compare", base, holiday, "--replications", "2"],
      ["trace", base, "--category", "negative-opinion", "--severity", "major"],
      ["run", base, "--replications", "1", "--shard", "1/1", "--results", slice],
      ["merge", slice],
      ["run", base, "--replications", "1", "--out", folder.appendingPathComponent("out").path, "--ledger"],
      // (the fitted scenario is a scenario file: its keys and notes are the format's)
      ["fit", log, "--scenario", base, "--out", fitted.path],
      ["validate-model", base, "--against", log, "--replications", "2"],
      ["bench", "--hours", "2000", "--repeat", "1"],
      ["plan", desk, "--out", planned],
      ["check", desk, "--plan", planned + "/plan.json"],
      [
        "sweep", base, "--vary", "organization.children.staff=2,3", "--replications", "2", "--out",
        folder.appendingPathComponent("sweep").path,
      ],
    ]
    for command in commands {
      let zh = try gridsimArgs(command + ["--lang", "zh"])
      #expect([0, 1].contains(zh.status), "\(command): \(zh.stderr)")
      let leaked = Self.english(zh, allowed: allowed)
      #expect(leaked.isEmpty, "gridsim \(command.joined(separator: " ")) --lang zh prints English: \(leaked)")
      // The same in English holds no Chinese of ours: its words are English.
      let en = try gridsimArgs(command + ["--lang", "en"])
      #expect([0, 1].contains(en.status), "\(command): \(en.stderr)")
      #expect(zh.stdout != en.stdout || zh.stdout.isEmpty, "\(command): the same in both languages")
    }
  }

  @Test("roster files and --set take Chinese names: a tier's name, a shift's title, a day kind")
  func chineseNames() throws {
    let folder = temporaryFolder()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try """
    日期,单位,班次,人数
    2026-10-01,村两委,值班,2
    节假日,领导小组,值班,1
    """.write(to: folder.appendingPathComponent("r.csv"), atomically: true, encoding: .utf8)
    let scenario = """
      { version: 1, name: "names", period: { start: "2026-09-28T00:00", end: "2026-10-05T00:00" },
        demand: { perGridPerDay: 2 }, rosterFiles: ["r.csv"],
        tiers: [
          { id: "grid", name: "网格员", handling: "1 h" },
          { id: "village", name: "村两委", handling: "1 h",
            roster: { shifts: [{ name: "day", title: "白班", start: "08:30", end: "17:30" },
                               { name: "duty", title: "值班", start: "17:30", end: "08:30", staff: 0 }] } },
          { id: "leadership", name: "领导小组", handling: "1 h",
            roster: { shifts: [{ name: "duty", title: "值班", start: "00:00", end: "00:00", staff: 0 }] } },
        ],
        organization: { name: "镇", staff: 3, children: { count: 1, name: "村", staff: 4, children: { count: 2, name: "{parent}网格{n}", staff: 1 } } } }
      """
    try scenario.write(to: folder.appendingPathComponent("s.json5"), atomically: true, encoding: .utf8)
    let path = folder.appendingPathComponent("s.json5").path
    let ok = try gridsimArgs(["validate", path, "--lang", "en"])
    #expect(ok.status == 0, "\(ok.stderr)")
    // --set by a tier's name and a shift's title.
    let set = try gridsimArgs([
      "validate", path, "--set", "tiers.村两委.roster.shifts.值班.staff=3", "--lang", "en",
    ])
    #expect(set.status == 0, "\(set.stderr)")
    let bad = try gridsimArgs(["validate", path, "--set", "tiers.村两委.roster.shifts.夜班.staff=3"])
    #expect(
      bad.status == 65 && bad.stderr.contains("no item of that list has that id or name"), "\(bad.stderr)")
  }
}
