import Foundation
import GridSimTestSupport
import Testing

/// A report folder is written whole or not at all: under SIGTERM at many points of the write, and
/// with a second writer at the same time, the folder is the old one or a new one, never a mix, and
/// no temporary file of ours is left.
@Suite("Output folders under signals and a second writer", .serialized)
struct OutputSafetyTests {
  /// The files of a folder, by name.
  static func contents(_ folder: URL) -> [String: Data] {
    var result: [String: Data] = [:]
    for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
      result[name] = try? Data(contentsOf: folder.appendingPathComponent(name))
    }
    return result
  }

  /// Hidden (temporary) names beside the folder, or inside `out` there.
  static func strays(_ base: URL) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? []
    let inside =
      (try? FileManager.default.contentsOfDirectory(atPath: base.appendingPathComponent("out").path)) ?? []
    return (names + inside.map { "out/" + $0 }).filter { $0.hasPrefix(".") || $0.hasPrefix("out/.") }
  }

  static func start(_ arguments: [String], in folder: URL) throws -> Process {
    let process = Process()
    process.executableURL = gridsimExecutable()
    process.arguments = arguments
    process.currentDirectoryURL = folder
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
  }

  /// Total bytes under our temporary folders beside `out`.
  static func stagedBytes(_ base: URL) -> Int {
    var total = 0
    for name in strays(base) where name.contains(".gridsim-") && !name.hasPrefix("out/") {
      let folder = base.appendingPathComponent(name)
      for file in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
        let attributes = try? FileManager.default.attributesOfItem(
          atPath: folder.appendingPathComponent(file).path)
        total += (attributes?[.size] as? Int) ?? 0
      }
    }
    return total
  }

  @Test("SIGTERM while the report is written: the old folder or the new one, and nothing of ours left")
  func sigterm() throws {
    let base = temporaryFolder()
    try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: base) }
    let scenario = packageRoot.appendingPathComponent("Scenarios/township-baseline.json5").path
    func arguments(_ seed: Int, _ out: String) -> [String] {
      ["run", scenario, "--replications", "1", "--seed", "\(seed)", "--ledger", "--out", out, "--jobs", "1"]
    }
    // The old folder and the new one, written without interruption.
    for (seed, name) in [(1, "old"), (2, "new")] {
      let p = try Self.start(arguments(seed, name), in: base)
      p.waitUntilExit()
      #expect(p.terminationStatus == 0)
    }
    let old = Self.contents(base.appendingPathComponent("old"))
    let new = Self.contents(base.appendingPathComponent("new"))
    #expect(old.count == 6 && new.count == 6 && old != new)
    // Signals sent once the temporary folder holds at least these many bytes (0: as soon as it
    // exists), and at set times from the start.
    let thresholds = [0, 1, 20_000, 100_000, 400_000, 1_000_000, 2_000_000]
    var outcomes: [String: Int] = [:]
    for threshold in thresholds {
      for existing in [true, false] {
        let target = base.appendingPathComponent("out")
        try? FileManager.default.removeItem(at: target)
        if existing {
          try FileManager.default.copyItem(at: base.appendingPathComponent("old"), to: target)
        }
        let p = try Self.start(arguments(2, "out"), in: base)
        let deadline = Date().addingTimeInterval(60)
        while p.isRunning, Date() < deadline {
          if !Self.strays(base).isEmpty, Self.stagedBytes(base) >= threshold { break }
        }
        kill(p.processIdentifier, SIGTERM)
        p.waitUntilExit()
        let now = Self.contents(target)
        let state =
          now.isEmpty && !FileManager.default.fileExists(atPath: target.path)
          ? "none" : now == old ? "old" : now == new ? "new" : "mixed"
        outcomes[state, default: 0] += 1
        #expect(state != "mixed", "threshold \(threshold): \(now.keys.sorted())")
        #expect(existing ? state != "none" : state != "old", "threshold \(threshold)")
        #expect(Self.strays(base).isEmpty, "threshold \(threshold): left \(Self.strays(base))")
        #expect([0, 143].contains(p.terminationStatus), "exit \(p.terminationStatus)")
      }
    }
    // Both ends happened: some signals left the old folder, some came after the new one was in.
    #expect(outcomes["old", default: 0] + outcomes["none", default: 0] > 0 && outcomes["new", default: 0] > 0)
    print("SIGTERM outcomes: \(outcomes.sorted { $0.key < $1.key })")
  }

  @Test("a leftover of a killed run (its process gone) is removed by the next write there")
  func killedLeftover() throws {
    let base = temporaryFolder()
    try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: base) }
    // A process id that is not running: a finished child's.
    let done = try Self.start(["--version"], in: base)
    done.waitUntilExit()
    let pid = done.processIdentifier
    let leftover = base.appendingPathComponent(".out.gridsim-\(pid)-7")
    try FileManager.default.createDirectory(at: leftover, withIntermediateDirectories: true)
    try Data("half".utf8).write(to: leftover.appendingPathComponent("ledger.csv"))
    let file = base.appendingPathComponent(".j.xml.gridsim-\(pid)-9.tmp")
    try Data("half".utf8).write(to: file)
    // Someone else's file that only looks like ours stays (no process id).
    try Data("mine".utf8).write(to: base.appendingPathComponent(".out.gridsim-notes"))
    let scenario = packageRoot.appendingPathComponent("Tests/GridSimCLITests/Fixtures/small.json5").path
    for arguments in [["--out", "out"], ["--shard", "1/1", "--results", "j.xml"]] {
      let r = try Self.start(["run", scenario, "--replications", "2"] + arguments, in: base)
      r.waitUntilExit()
      #expect(r.terminationStatus == 0)
    }
    #expect(Self.strays(base).filter { !$0.hasPrefix("out/") } == [".out.gridsim-notes"])
    #expect(FileManager.default.fileExists(atPath: base.appendingPathComponent("out/report.html").path))
  }

  @Test("two writers to one folder at once: the folder is one of theirs, whole")
  func secondWriter() throws {
    let base = temporaryFolder()
    try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: base) }
    let scenario = packageRoot.appendingPathComponent("Tests/GridSimCLITests/Fixtures/small.json5").path
    func arguments(_ seed: Int, _ out: String) -> [String] {
      ["run", scenario, "--replications", "3", "--seed", "\(seed)", "--ledger", "--out", out]
    }
    var references: [[String: Data]] = []
    for seed in [11, 12] {
      let p = try Self.start(arguments(seed, "ref\(seed)"), in: base)
      p.waitUntilExit()
      references.append(Self.contents(base.appendingPathComponent("ref\(seed)")))
    }
    #expect(references[0] != references[1])
    for _ in 0..<4 {
      let a = try Self.start(arguments(11, "out"), in: base)
      let b = try Self.start(arguments(12, "out"), in: base)
      a.waitUntilExit()
      b.waitUntilExit()
      #expect(a.terminationStatus == 0 && b.terminationStatus == 0)
      let now = Self.contents(base.appendingPathComponent("out"))
      #expect(references.contains(now), "a mixed folder: \(now.keys.sorted())")
      #expect(Self.strays(base).isEmpty)
    }
  }

  @Test("an output never replaces an input: fit --out LOG is refused, and so is a report over its scenario")
  func inputsKept() throws {
    let base = temporaryFolder()
    try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: base) }
    let log = base.appendingPathComponent("orders.csv")
    try FileManager.default.copyItem(
      at: packageRoot.appendingPathComponent("Scenarios/history/township-2026-spring.csv"), to: log)
    let before = try Data(contentsOf: log)
    let fit = try gridsimArgs(
      ["fit", log.path, "--scenario", "Scenarios/township-baseline.json5", "--out", log.path])
    #expect(fit.status == 64)
    #expect(fit.stderr.contains("would replace the work-order log"))
    #expect(try Data(contentsOf: log) == before)
    // A scenario named report.md in the report folder: refused, the scenario kept.
    let folder = base.appendingPathComponent("r")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let scenario = folder.appendingPathComponent("summary.json")
    try FileManager.default.copyItem(
      at: packageRoot.appendingPathComponent("Tests/GridSimCLITests/Fixtures/small.json5"), to: scenario)
    let kept = try Data(contentsOf: scenario)
    let r = try gridsimArgs(["run", scenario.path, "--replications", "2", "--out", folder.path])
    #expect(r.status == 73)
    #expect(r.stderr.contains("it is an input of this command"))
    #expect(try Data(contentsOf: scenario) == kept)
    #expect(Self.strays(base).isEmpty)
  }
}

@Suite("Long runs")
struct LongRunTests {
  @Test("a run that will take over a minute says how long before it starts; a short one says nothing")
  func estimate() throws {
    let process = Process()
    process.executableURL = gridsimExecutable()
    process.arguments = ["run", "Scenarios/township-baseline.json5", "--replications", "4000", "--jobs", "1"]
    process.currentDirectoryURL = packageRoot
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    // The estimate comes before the first replication; stop the run once it is read.
    var text = ""
    let deadline = Date().addingTimeInterval(30)
    while !text.contains("\n"), Date() < deadline {
      let data = errors.fileHandleForReading.availableData
      if data.isEmpty { break }
      text += String(decoding: data, as: UTF8.self)
    }
    process.terminate()
    process.waitUntilExit()
    // 4,000 replications of about 54,500 events at 3 million events a second: about 73 s.
    #expect(
      text.hasPrefix(
        "This run simulates about 218 million events (4,000 replications): about 1.2 min with 1 job"),
      "\(text)")
    let short = try gridsim("run", "Scenarios/ci/policy.json5", "--replications", "2")
    #expect(short.status == 0 && short.stderr.isEmpty)
  }
}
