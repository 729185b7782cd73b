import Foundation
import GridSimTestSupport
import Testing

/// Hostile input: what a pull request's scenario, a careless command line or a broken output can
/// throw at gridsim. Every case runs the built `gridsim` and checks that it exits (no signal) with
/// a documented code, says why, prints no control characters, and leaks nothing it should not.
@Suite("Hostile input")
struct HostileInputTests {
  /// A small valid scenario: two tiers, a channel checked in rounds, one day ending at midnight.
  static let small = """
    {
      version: 1,
      name: "small",
      period: { start: "2026-03-09T00:00", length: "2 days" },
      replications: 2,
      demand: { perGridPerDay: 20, channels: [{ id: "online", share: 1, monitoring: { workday: ["00:00", "12:00"] } }] },
      tiers: [{ id: "grid", handling: "30 min", deadlines: { response: "4 h" } }, { id: "village", handling: "1 h" }],
      organization: { name: "v", staff: 1, children: { count: 2, name: "g{n}", staff: 1 } },
    }
    """

  /// A folder of files for one case, the working folder of the run.
  func folder(_ files: [String: String]) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("gridsim-hostile-\(UUID())")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    for (name, text) in files {
      let file = url.appendingPathComponent(name)
      try FileManager.default.createDirectory(
        at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
      try text.write(to: file, atomically: true, encoding: .utf8)
    }
    return url
  }

  /// Runs gridsim in `dir` and checks what every case must: an exit with one of `codes`, and no
  /// control character (but line breaks and tabs) on stdout or stderr.
  func run(
    _ arguments: [String], in dir: URL, codes: Set<Int32>, sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> Invocation {
    let r = try gridsimArgs(arguments, in: dir)
    #expect(
      !r.signaled, "gridsim \(arguments.joined(separator: " ")) crashed: \(r.stderr.prefix(500))",
      sourceLocation: sourceLocation)
    #expect(
      codes.contains(r.status), "exit \(r.status): \(r.stderr.prefix(500))", sourceLocation: sourceLocation)
    for (name, text) in [("stdout", r.stdout), ("stderr", r.stderr)] {
      let raw = text.unicodeScalars.first { $0.value < 0x20 && $0 != "\n" && $0 != "\t" || $0.value == 0x7F }
      #expect(raw == nil, "\(name) holds a raw control character", sourceLocation: sourceLocation)
    }
    return r
  }

  @Test("deadlines and checks that fall exactly at the period's end do not trap")
  func periodEnd() throws {
    // Checks at 00:00 (the period ends at midnight), and 20 items whose 4 h deadline ends at the end.
    let injects = (0..<20).map { _ in "{ at: \"2026-03-10T20:00\" }" }.joined(separator: ", ")
    let dir = try folder([
      "s.json5": Self.small,
      "i.json5": "{ extends: \"s.json5\", demand: { perGridPerDay: 0, injects: [\(injects)] } }",
    ])
    defer { try? FileManager.default.removeItem(at: dir) }
    _ = try run(["run", "s.json5"], in: dir, codes: [0])
    let r = try run(["run", "i.json5"], in: dir, codes: [0])
    #expect(r.stdout.contains("Items: 20 appeared"))
  }

  @Test("key paths, overrides files and durations beyond any sense are refused with a message")
  func bounds() throws {
    let deep = Array(repeating: "x", count: 50_000).joined(separator: ".") + "=1"
    let deeper = Array(repeating: "y", count: 200_000).joined(separator: ".")
    let dir = try folder(["s.json5": Self.small, "o.json5": "{ overrides: { \"\(deeper)\": 1 } }"])
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try run(["validate", "s.json5", "--set", deep], in: dir, codes: [64])
    #expect(r.stderr.contains("is not a key path (at most 1,000 characters)"))
    #expect(r.stderr.count < 2_000)
    let o = try run(["validate", "o.json5", "--base", "s.json5"], in: dir, codes: [65])
    #expect(o.stderr.contains("is not a key path"))
    #expect(o.stderr.count < 2_000)
    for duration in ["1e20 h", "1e300 working hours", "99999999999 days", "1e13 h"] {
      let c = try run(["calendar", "due", "2026-01-05T09:00", duration], in: dir, codes: [64])
      #expect(c.stderr.contains("is not a deadline within 100 years"))
    }
  }

  @Test("a full or closed stdout exits 73, never traps")
  func brokenStdout() throws {
    let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
    let r = try gridsimArgs(["run", "Scenarios/ci/policy.json5", "--replications", "2"], stdout: full)
    #expect(!r.signaled)
    #expect(r.status == 73)
    #expect(r.stderr.contains("cannot write the results to standard output"))
  }

  @Test("60,000 problems on one line: reported fast, the first 200 shown and the rest counted")
  func manyProblems() throws {
    let keys = (0..<60_000).map { "k\($0): 1" }.joined(separator: ", ")
    let dir = try folder(["m.json5": "{ version: 1, \(keys) }"])
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try run(["validate", "m.json5"], in: dir, codes: [65])
    #expect(r.stderr.contains("more problems not shown (the first 200 are)"))
    #expect(r.stderr.contains("has 60002 problems"))
    #expect(r.stderr.split(separator: "\n").count < 210)
  }

  @Test("files outside the project, devices, pipes and folders are named, never quoted")
  func referencedFiles() throws {
    let outside = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gridsim-secret-\(UUID()).csv")
    try "when,unit,shift,staff\nTOKEN=s3cr3t,x,y,1\n".write(to: outside, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: outside) }
    let roster = Self.small.replacingOccurrences(
      of: "tiers: [{ id: \"grid\", handling: \"30 min\", deadlines: { response: \"4 h\" } }",
      with:
        "tiers: [{ id: \"grid\", handling: \"30 min\", deadlines: { response: \"4 h\" }, roster: { shifts: [{ name: \"day\", start: \"08:00\", end: \"18:00\" }] } }"
    )
    let dir = try folder([
      "project/passwd.json5": "{ extends: \"/etc/passwd\" }",
      "project/zero.json5": "{ extends: \"/dev/zero\" }",
      "project/secret.json5": "{ extends: \"s.json5\", rosterFiles: [\"\(outside.path)\"] }",
      "project/dir.json5": "{ extends: \"s.json5\", rosterFiles: [\"sub\"] }",
      "project/s.json5": roster,
      "project/sub/x": "",
    ])
    defer { try? FileManager.default.removeItem(at: dir) }
    let project = dir.appendingPathComponent("project")
    let p = try run(["validate", "passwd.json5"], in: project, codes: [65])
    #expect(p.stderr.contains("it is outside the project folder"))
    #expect(!p.stderr.contains("root:"))
    let z = try run(["validate", "zero.json5"], in: project, codes: [65])
    #expect(z.stderr.contains("it is a device, not a file"))
    let s = try run(["validate", "secret.json5"], in: project, codes: [65])
    #expect(s.stderr.contains("outside the project folder"))
    #expect(!s.stderr.contains("s3cr3t"))
    let d = try run(["validate", "dir.json5"], in: project, codes: [65])
    #expect(d.stderr.contains("it is a folder, not a file"))
    let device = try run(["validate", "/dev/zero"], in: project, codes: [66])
    #expect(device.stderr.contains("it is a device, not a file"))
    // GRIDSIM_ROOT allows a wider folder: then the roster is read (and its bad row reported).
    setenv("GRIDSIM_ROOT", "/", 1)
    defer { unsetenv("GRIDSIM_ROOT") }
    let wide = try run(["validate", "secret.json5"], in: project, codes: [65])
    #expect(!wide.stderr.contains("outside the project folder"))
  }

  @Test("escape sequences and invisible characters in names are shown escaped; formulas stay text in CSV")
  func unsafeOutput() throws {
    let named = Self.small
      .replacingOccurrences(
        of: "name: \"small\"", with: "name: \"evil\\u001B]0;owned\\u0007\\u001B[2J\\u200Bname\""
      )
      .replacingOccurrences(
        of: "{ id: \"village\", handling: \"1 h\" }",
        with: "{ id: \"village\", name: \"=HYPERLINK(\\\"http://x\\\")\", handling: \"1 h\" }")
    let dir = try folder(["e.json5": named])
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try run(["run", "e.json5", "--out", "out"], in: dir, codes: [0])
    #expect(r.stdout.contains("evil\\u{1B}]0;owned\\u{7}\\u{1B}[2J\\u{200B}name"))
    let tiers = try String(contentsOf: dir.appendingPathComponent("out/tiers.csv"), encoding: .utf8)
    #expect(tiers.contains("\"'=HYPERLINK("))
    #expect(!tiers.contains(",=HYPERLINK(") && !tiers.contains("\"=HYPERLINK("))
  }

  @Test("outputs: a device is never replaced, and a folder in the way stops the whole report")
  func outputs() throws {
    let dir = try folder(["s.json5": Self.small, "out/report.html/keep": "x"])
    defer { try? FileManager.default.removeItem(at: dir) }
    let j = try run(["check", "s.json5", "--junit", "/dev/null"], in: dir, codes: [65, 73])
    #expect(j.status == 65)  // no targets: refused before anything is written
    let withTarget = Self.small.replacingOccurrences(
      of: "organization:", with: "targets: [{ metric: \"responseOnTime\", atLeast: \"1%\" }], organization:")
    try withTarget.write(to: dir.appendingPathComponent("t.json5"), atomically: true, encoding: .utf8)
    let junit = try run(["check", "t.json5", "--junit", "/dev/null"], in: dir, codes: [73])
    #expect(junit.stderr.contains("it is a device"))
    var info = stat()
    #expect(stat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
    let o = try run(["run", "s.json5", "--out", "out"], in: dir, codes: [73])
    #expect(o.stderr.contains("report.html': it is a folder"))
    let written = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("out").path)
    #expect(written == ["report.html"])
  }

  @Test(
    "values past their documented range, long names and bytes that are not UTF-8 are errors with their line")
  func values() throws {
    var latin1 = Data("{\n  version: 1,\n  name: \"caf".utf8)
    latin1.append(0xE9)
    latin1.append(contentsOf: Data("\",\n}\n".utf8))
    let dir = try folder([
      "s.json5": Self.small,
      "long.json5": Self.small.replacingOccurrences(
        of: "name: \"small\"", with: "name: \"\(String(repeating: "x", count: 300))\""),
      "ten.json5": Self.small.replacingOccurrences(of: "length: \"2 days\"", with: "length: \"3650 days\"")
        .replacingOccurrences(of: "perGridPerDay: 20", with: "perGridPerDay: 0"),
    ])
    defer { try? FileManager.default.removeItem(at: dir) }
    try latin1.write(to: dir.appendingPathComponent("latin1.json5"))
    let seed = try run(["validate", "s.json5", "--set", "seed=9007199254740993"], in: dir, codes: [65])
    #expect(seed.stderr.contains("found 9007199254740993"))
    let long = try run(["validate", "long.json5"], in: dir, codes: [65])
    #expect(long.stderr.contains("expected at most 200 characters, found 300"))
    let bytes = try run(["validate", "latin1.json5"], in: dir, codes: [65])
    #expect(bytes.stderr.contains("latin1.json5:3: error"), "\(bytes.stderr)")
    // A slice keeps its results to write them, so its memory grows with its replications (a run
    // reduces them as they arrive: Experiment.fold, tested in ReductionTests).
    let memory = try run(
      ["run", "ten.json5", "--replications", "100000", "--shard", "1/1", "--results", "r.bin"], in: dir,
      codes: [64])
    #expect(memory.stderr.contains("GiB of memory"), "\(memory.stderr)")
    // Old Mac line ends (CR only) and U+2028 count as lines.
    try "{\r  version: 1,\u{2028}  nmae: \"x\",\r}".write(
      to: dir.appendingPathComponent("cr.json5"), atomically: true, encoding: .utf8)
    let cr = try run(["validate", "cr.json5"], in: dir, codes: [65])
    #expect(cr.stderr.contains("cr.json5:3:3: error: nmae: unknown key 'nmae'"), "\(cr.stderr)")
    // A repeating calendar event is refused, not read as one day.
    try
      "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20260101\nRRULE:FREQ=YEARLY\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR\n"
      .write(to: dir.appendingPathComponent("h.ics"), atomically: true, encoding: .utf8)
    try Self.small.replacingOccurrences(
      of: "name: \"small\",", with: "name: \"small\", calendar: { files: [\"h.ics\"] },"
    )
    .write(to: dir.appendingPathComponent("ics.json5"), atomically: true, encoding: .utf8)
    let ics = try run(["validate", "ics.json5"], in: dir, codes: [65])
    #expect(
      ics.stderr.contains("h.ics:4: error: a repeating event (RRULE) is not supported"), "\(ics.stderr)")
  }

  @Test("SIGTERM while a report is being written leaves no temporary file, and exits 143")
  func interrupted() throws {
    let dir = try folder([:])
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("out")
    for delay in [0.3, 1.0, 2.0] {
      let process = Process()
      process.executableURL = gridsimExecutable()
      process.arguments = [
        "run", "Scenarios/township-baseline.json5", "--replications", "2", "--out", out.path, "--ledger",
      ]
      process.currentDirectoryURL = packageRoot
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      Thread.sleep(forTimeInterval: delay)
      process.terminate()
      process.waitUntilExit()
      #expect(process.terminationReason == .exit, "killed by the signal, not handled")
      #expect([0, 143].contains(process.terminationStatus))
      let left = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
      #expect(!left.contains { $0.contains(".tmp-") }, "\(left)")
    }
  }
}
