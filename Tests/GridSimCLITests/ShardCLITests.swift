import Foundation
import GridSimTestSupport
import Testing

/// Runs beyond one machine: slices of a run in separate processes, merged, equal to one run (the
/// shipped recipes of Scenarios/cluster are in ClusterRecipeTests).
@Suite("gridsim merge")
struct ShardCLITests {
  static let scenario = "Scenarios/township-baseline.json5"

  static func temporary() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gridsim-shards-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Runs a shell command with `gridsim` on the PATH.
  static func shell(_ script: String, in folder: URL, environment: [String: String] = [:]) throws
    -> Invocation
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["-c", script]
    process.currentDirectoryURL = folder
    var env = ProcessInfo.processInfo.environment
    env["PATH"] =
      gridsimExecutable().deletingLastPathComponent().path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Invocation(
      stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self),
      status: process.terminationStatus)
  }

  @Test(
    "three slices in three processes, merged in any order: the same stdout and summary.json byte for byte")
  func runSlices() throws {
    let folder = try Self.temporary()
    defer { try? FileManager.default.removeItem(at: folder) }
    let whole = try gridsim("run", Self.scenario, "--replications", "5", "--format", "json")
    #expect(whole.status == 0)
    let wholeText = try gridsim(
      "run", Self.scenario, "--replications", "5", "--out", folder.appendingPathComponent("whole").path)
    for k in 1...3 {
      let r = try gridsim(
        "run", Self.scenario, "--replications", "5", "--shard", "\(k)/3", "--results",
        folder.appendingPathComponent("s\(k).gridsim-slice").path, "--jobs", "\(k)", "--lang", "en")
      #expect(r.status == 0, "\(r.stderr)")
      #expect(r.stdout.contains("slice \(k)/3 of \(Self.scenario)"))
    }
    let files = [3, 1, 2].map { folder.appendingPathComponent("s\($0).gridsim-slice").path }
    let merged = try gridsimArgs(["merge"] + files + ["--format", "json"])
    #expect(merged.status == 0, "\(merged.stderr)")
    #expect(merged.stdout == whole.stdout)
    let mergedText = try gridsimArgs(
      ["merge"] + files + ["--out", folder.appendingPathComponent("merged").path])
    #expect(mergedText.stdout == wholeText.stdout)
    // The whole report folder, the footer's command line included.
    for name in ["summary.json", "report.html", "report.md", "daily.csv", "tiers.csv"] {
      let a = try Data(contentsOf: folder.appendingPathComponent("whole/\(name)"))
      let b = try Data(contentsOf: folder.appendingPathComponent("merged/\(name)"))
      #expect(a == b, "\(name) differs")
    }
  }

  @Test(
    "slices of a sweep's points, merged: the same table, sweep.csv, sweep.html, whatif.html and exit code")
  func sweepSlices() throws {
    let folder = try Self.temporary()
    defer { try? FileManager.default.removeItem(at: folder) }
    let sweep = [
      "sweep", "Scenarios/ci/policy.json5", "--vary", "organization.children.staff=1,2,3", "--replications",
      "2",
    ]
    let whole = try gridsimArgs(sweep + ["--out", folder.appendingPathComponent("whole").path])
    for k in 1...2 {
      let r = try gridsimArgs(
        sweep + ["--shard", "\(k)/2", "--results", folder.appendingPathComponent("p\(k)").path])
      #expect(r.status == 0, "\(r.stderr)")
    }
    #expect(
      try gridsim("sweep", "Scenarios/ci/policy.json5", "--vary", "seed=1,2", "--shard", "1/2").status == 64)
    let merged = try gridsim(
      "merge", folder.appendingPathComponent("p2").path, folder.appendingPathComponent("p1").path, "--out",
      folder.appendingPathComponent("merged").path)
    #expect(merged.stdout == whole.stdout)
    #expect(merged.status == whole.status)
    for name in ["sweep.csv", "sweep.html", "whatif.html"] {
      let a = try Data(contentsOf: folder.appendingPathComponent("whole/\(name)"))
      let b = try Data(contentsOf: folder.appendingPathComponent("merged/\(name)"))
      #expect(a == b, "\(name) differs")
    }
  }

  @Test("slices of check: the same verdicts, exit code and JUnit test cases")
  func checkSlices() throws {
    let folder = try Self.temporary()
    defer { try? FileManager.default.removeItem(at: folder) }
    let scenario = "Scenarios/national-day-2026.json5"
    let whole = try gridsim("check", scenario, "--replications", "4")
    for k in 1...2 {
      let r = try gridsim(
        "check", scenario, "--replications", "4", "--shard", "\(k)/2", "--results",
        folder.appendingPathComponent("c\(k).gridsim-slice").path)
      #expect(r.status == 0, "\(r.stderr)")
    }
    let junit = folder.appendingPathComponent("junit.xml").path
    let merged = try gridsim(
      "merge", folder.appendingPathComponent("c1.gridsim-slice").path,
      folder.appendingPathComponent("c2.gridsim-slice").path,
      "--junit", junit)
    #expect(merged.stdout == whole.stdout)
    #expect(merged.status == whole.status)
    let xml = try String(contentsOfFile: junit, encoding: .utf8)
    #expect(xml.contains("<testcase"))
  }

  @Test(
    "a missing or repeated slice, another run, a changed scenario, not a results file: 65, naming the files")
  func problems() throws {
    let folder = try Self.temporary()
    defer { try? FileManager.default.removeItem(at: folder) }
    // A scenario of our own, to change it later.
    let copy = folder.appendingPathComponent("s.json5")
    try FileManager.default.copyItem(at: packageRoot.appendingPathComponent(Self.scenario), to: copy)
    func slice(_ k: Int, _ n: Int, seed: String = "1", name: String) throws -> String {
      let path = folder.appendingPathComponent(name).path
      let r = try gridsimArgs(
        ["run", "s.json5", "--replications", "3", "--seed", seed, "--shard", "\(k)/\(n)", "--results", path],
        in: folder)
      #expect(r.status == 0, "\(r.stderr)")
      return path
    }
    let a = try slice(1, 2, name: "a.gridsim-slice")
    let b = try slice(2, 2, name: "b.gridsim-slice")
    let other = try slice(2, 2, seed: "2", name: "other.gridsim-slice")
    let missing = try gridsimArgs(["merge", a], in: folder)
    #expect(missing.status == 65 && missing.stderr.contains("slice 2/2 is missing"))
    let twice = try gridsimArgs(["merge", a, b, b], in: folder)
    #expect(twice.status == 65 && twice.stderr.contains("slice 2/2 is given twice: \(b) and \(b)"))
    let mixed = try gridsimArgs(["merge", a, other], in: folder)
    #expect(mixed.status == 65 && mixed.stderr.contains("\(other) is from another run than \(a)"))
    #expect(mixed.stderr.contains("its seed (2, not 1) differs"), "\(mixed.stderr)")
    #expect(!mixed.stderr.contains("scenario"), "another seed is not another scenario: \(mixed.stderr)")
    // --inspect: each slice's header as JSON, which JSON tools read.
    let inspect = try gridsimArgs(["merge", "--inspect", a, other], in: folder)
    #expect(inspect.status == 0, "\(inspect.stderr)")
    let objects = inspect.stdout.components(separatedBy: "}\n{")
    #expect(objects.count == 2)
    let first = try #require(
      JSONSerialization.jsonObject(with: Data((objects[0] + "}").utf8)) as? [String: Any])
    #expect(first["schema"] as? String == "gridsim-slice")
    #expect(first["seed"] as? Int == 1 && first["results"] as? Int == 1)
    #expect((first["shard"] as? [String: Any])?["index"] as? Int == 1)
    #expect(first["replicationsHeld"] as? String == "1-1")
    // A header without its seed: said in the user's terms, never as a decoder's.
    let bytes = try Data(contentsOf: URL(fileURLWithPath: a))
    let text = String(decoding: bytes, as: UTF8.self)
    let line = try #require(text.split(separator: "\n").first)
    let noSeed = line.replacingOccurrences(of: "\"seed\":1,", with: "")
    #expect(noSeed != String(line))
    try (Data(noSeed.utf8) + bytes.dropFirst(line.utf8.count)).write(
      to: folder.appendingPathComponent("noseed.gridsim-slice"))
    let damagedHeader = try gridsimArgs(["merge", "noseed.gridsim-slice"], in: folder)
    #expect(damagedHeader.status == 65)
    #expect(
      damagedHeader.stderr.contains("its header has no 'seed' (the run's seed)"), "\(damagedHeader.stderr)")
    #expect(!damagedHeader.stderr.contains("CodingKeys") && !damagedHeader.stderr.contains("DecodingError"))
    try "{ \"schema\": \"gridsim-summary\" }".write(
      toFile: folder.appendingPathComponent("x.json").path, atomically: true, encoding: .utf8)
    let foreign = try gridsimArgs(["merge", a, "x.json"], in: folder)
    #expect(
      foreign.status == 65
        && foreign.stderr.contains("'x.json' cannot be merged: it is not a gridsim results file"),
      "\(foreign.stderr)")
    let none = try gridsimArgs(["merge", "none.gridsim-slice"], in: folder)
    #expect(none.status == 66)
    let ok = try gridsimArgs(["merge", a, b], in: folder)
    #expect(ok.status == 0, "\(ok.stderr)")
    // More slices than replications: some are empty, and the merge is still the whole run.
    let five = try (1...5).map { try slice($0, 5, name: "five-\($0).gridsim-slice") }
    let fiveMerged = try gridsimArgs(["merge"] + five, in: folder)
    #expect(fiveMerged.status == 0, "\(fiveMerged.stderr)")
    #expect(fiveMerged.stdout == ok.stdout)
    try (String(contentsOf: copy, encoding: .utf8) + "\n// changed\n").write(
      to: copy, atomically: true, encoding: .utf8)
    let changed = try gridsimArgs(["merge", a, b], in: folder)
    #expect(changed.status == 65 && changed.stderr.contains("s.json5 has changed since the slices ran"))
  }

  @Test("merge reads no scenario outside its folder; a slice never replaces its scenario; damage is found")
  func untrusted() throws {
    let folder = try Self.temporary()
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.copyItem(
      at: packageRoot.appendingPathComponent(Self.scenario), to: folder.appendingPathComponent("s.json5"))
    let r = try gridsimArgs(
      ["run", "s.json5", "--replications", "2", "--shard", "1/1", "--results", "a.bin"], in: folder)
    #expect(r.status == 0, "\(r.stderr)")
    let same = try gridsimArgs(
      ["run", "s.json5", "--replications", "2", "--shard", "1/1", "--results", "s.json5"], in: folder)
    #expect(same.status == 64 && same.stderr.contains("is the scenario itself"))
    var bytes = try Data(contentsOf: folder.appendingPathComponent("a.bin"))
    // A forged header naming a file outside the folder.
    let text = String(decoding: bytes, as: UTF8.self)
    let line = try #require(text.split(separator: "\n").first)
    let forged = line.replacingOccurrences(of: "\"s.json5\"", with: "\"/etc/passwd\"")
    try (Data(forged.utf8) + bytes.dropFirst(line.utf8.count)).write(
      to: folder.appendingPathComponent("b.bin"))
    let outside = try gridsimArgs(["merge", "b.bin"], in: folder)
    #expect(outside.status == 65 && outside.stderr.contains("outside this folder"))
    #expect(!outside.stderr.contains("root:"))
    // One byte of the results changed.
    bytes[bytes.count - 20] ^= 0x40
    try bytes.write(to: folder.appendingPathComponent("c.bin"))
    let damaged = try gridsimArgs(["merge", "c.bin"], in: folder)
    #expect(
      damaged.status == 65 && damaged.stderr.contains("do not match their checksum"), "\(damaged.stderr)")
    // A roster the scenario names changes after the slices ran: the replication run again differs.
    try FileManager.default.copyItem(
      at: packageRoot.appendingPathComponent(Self.scenario), to: folder.appendingPathComponent("base.json5"))
    try "{ extends: \"base.json5\" }".write(
      to: folder.appendingPathComponent("child.json5"), atomically: true, encoding: .utf8)
    let slice = try gridsimArgs(
      ["run", "child.json5", "--replications", "2", "--shard", "1/1", "--results", "d.bin"], in: folder)
    #expect(slice.status == 0, "\(slice.stderr)")
    let base = folder.appendingPathComponent("base.json5")
    try (try String(contentsOf: base, encoding: .utf8)).replacingOccurrences(
      of: "perGridPerDay: 1.6", with: "perGridPerDay: 1.7"
    )
    .write(to: base, atomically: true, encoding: .utf8)
    let changed = try gridsimArgs(["merge", "d.bin"], in: folder)
    #expect(changed.status == 65 && changed.stderr.contains("run again does not give what d.bin holds"))
  }
}
