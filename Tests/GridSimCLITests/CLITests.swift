import Foundation
import GridSimTestSupport
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Runs the built `gridsim` and captures what it printed.
struct Invocation {
  var stdout: String
  var stderr: String
  var status: Int32
  /// True when the process was killed by a signal (a crash), not exited.
  var signaled = false
}

let fixtures = "Tests/GridSimCLITests/Fixtures"

/// The `gridsim` executable next to the test bundle.
func gridsimExecutable() -> URL {
  var directory = Bundle.main.bundleURL
  if directory.pathExtension == "xctest" { directory = directory.deletingLastPathComponent() }
  let candidate = directory.appendingPathComponent("gridsim")
  if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
  return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
    "gridsim")
}

func gridsim(_ arguments: String...) throws -> Invocation { try gridsimArgs(arguments) }

/// Compares text with a golden file in `Tests/GridSimCLITests/Snapshots/`.
func expectSnapshot(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws
{
  try expectGolden(text, name, in: "Tests/GridSimCLITests/Snapshots", sourceLocation: sourceLocation)
}

@Suite("gridsim end to end", .serialized)
struct CLITests {
  @Test("--help prints the commands to stdout and exits 0")
  func help() throws {
    let r = try gridsim("--help")
    #expect(r.status == 0)
    #expect(r.stderr.isEmpty)
    try expectSnapshot(r.stdout, "help.txt")
    let run = try gridsim("run", "--help")
    #expect(run.status == 0)
    try expectSnapshot(run.stdout, "run-help.txt")
  }

  @Test("--version")
  func version() throws {
    let r = try gridsim("--version")
    #expect(r.status == 0)
    #expect(r.stdout == "gridsim 0.1.0\n")
  }

  @Test(
    "usage errors quote the bad token, suggest the fix and exit 64",
    arguments: [
      (
        ["rnu"],
        "Error: Unknown command 'rnu'. Did you mean 'run'?\nUsage: gridsim <command> [options]\n  See 'gridsim --help' for more information.\n"
      ),
      (
        [],
        "Error: Missing command.\nUsage: gridsim <command> [options]\n  See 'gridsim --help' for more information.\n"
      ),
      (
        ["run", "x.json5", "--sed", "3"],
        "Error: Unknown option '--sed'. Did you mean '--seed'?\nUsage: gridsim run SCENARIO [--replications N] [--seed S] [--jobs J] [--set KEY.PATH=VALUE]... [--allow-large] [--format text|json] [--arrivals LOG.csv] [--columns MAP.json5] [--out DIR] [--lang zh|en] [--ledger] [--csv excel|plain] [--shard K/N] [--results FILE]\n  See 'gridsim run --help' for more information.\n"
      ),
      (
        ["run"],
        "Error: Missing expected argument 'SCENARIO'.\nUsage: gridsim run SCENARIO [--replications N] [--seed S] [--jobs J] [--set KEY.PATH=VALUE]... [--allow-large] [--format text|json] [--arrivals LOG.csv] [--columns MAP.json5] [--out DIR] [--lang zh|en] [--ledger] [--csv excel|plain] [--shard K/N] [--results FILE]\n  See 'gridsim run --help' for more information.\n"
      ),
      (
        ["run", "x.json5", "--format", "jsno"],
        "Error: The value 'jsno' of '--format' is not one of 'text', 'json'. Did you mean 'json'?\nUsage: gridsim run SCENARIO [--replications N] [--seed S] [--jobs J] [--set KEY.PATH=VALUE]... [--allow-large] [--format text|json] [--arrivals LOG.csv] [--columns MAP.json5] [--out DIR] [--lang zh|en] [--ledger] [--csv excel|plain] [--shard K/N] [--results FILE]\n  See 'gridsim run --help' for more information.\n"
      ),
      (
        ["run", "x.json5", "--jobs", "0"],
        "Error: The value '0' of '--jobs' is not a whole number from 1 to 1024.\nUsage: gridsim run SCENARIO [--replications N] [--seed S] [--jobs J] [--set KEY.PATH=VALUE]... [--allow-large] [--format text|json] [--arrivals LOG.csv] [--columns MAP.json5] [--out DIR] [--lang zh|en] [--ledger] [--csv excel|plain] [--shard K/N] [--results FILE]\n  See 'gridsim run --help' for more information.\n"
      ),
    ])
  func usageErrors(arguments: [String], message: String) throws {
    let r = try gridsimArgs(arguments)
    #expect(r.status == 64)
    #expect(r.stdout.isEmpty)
    #expect(r.stderr == message)
  }

  @Test("a missing scenario exits 66")
  func missingFile() throws {
    let r = try gridsim("run", "no/such.json5")
    #expect(r.status == 66)
    #expect(r.stderr == "Error: cannot read 'no/such.json5': no such file.\n")
  }

  @Test("validate reports every problem of an invalid file and exits 65")
  func invalid() throws {
    let r = try gridsim("validate", "\(fixtures)/invalid.json5")
    #expect(r.status == 65)
    #expect(r.stdout.isEmpty)
    try expectSnapshot(r.stderr, "validate-invalid.txt")
  }

  @Test("a warm-up as long as the period is refused with exit 65 before anything runs")
  func warmUpAsLongAsThePeriod() throws {
    let r = try gridsim("run", "\(fixtures)/small.json5", "--set", "period.warmUp=3 days")
    #expect(r.status == 65)
    #expect(r.stdout.isEmpty)
    #expect(
      r.stderr == """
        \(fixtures)/small.json5 (--set period.warmUp=3 days): error: period.warmUp: expected a warm-up \
        shorter than the period (3 days), found 3 days; shorten the warm-up or lengthen the period
        Error: \(fixtures)/small.json5 has 1 problem; nothing was run.

        """)
  }

  @Test(
    "binary and deeply nested files are refused with exit 65, not a crash",
    arguments: ["binary.json5", "deep.json5"])
  func hostile(file: String) throws {
    let r = try gridsim("validate", "\(fixtures)/\(file)")
    #expect(r.status == 65)
    #expect(r.stderr.contains("error:"))
  }

  @Test("validate accepts every shipped scenario")
  func validateShipped() throws {
    let r = try gridsim(
      "validate", "Scenarios/township-baseline.json5", "Scenarios/benchmarks/tandem3.json5",
      "Scenarios/benchmarks/county-year.json5", "Scenarios/ci/policy.json5",
      "Scenarios/national-day-2026.json5", "Scenarios/spring-festival-2026.json5", "--lang", "en")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.split(separator: "\n").filter { $0.contains(": ok: ") }.count == 6)
    #expect(r.stdout.contains("\n  read Scenarios/national-day-2026-roster.csv as UTF-8\n"))
    let overrides = try gridsim(
      "validate", "Scenarios/ci/answer-within-the-hour.json5", "--base", "Scenarios/ci/policy.json5")
    #expect(overrides.status == 0, "\(overrides.stderr)")
  }

  @Test("run prints the text report")
  func runText() throws {
    let r = try gridsim("run", "\(fixtures)/small.json5")
    #expect(r.status == 0)
    #expect(r.stderr.isEmpty)
    try expectSnapshot(r.stdout, "run-small.txt")
  }

  @Test("run --format json prints the versioned summary, the same for any --jobs")
  func runJSON() throws {
    let one = try gridsim("run", "\(fixtures)/small.json5", "--format", "json", "--jobs", "1")
    let two = try gridsim("run", "\(fixtures)/small.json5", "--format=json", "--jobs", "2")
    #expect(one.status == 0)
    #expect(one.stdout == two.stdout)
    #expect(try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) is [String: Any])
    try expectSnapshot(one.stdout, "run-small.json")
  }

  @Test("--seed and --replications override the scenario")
  func overrides() throws {
    let a = try gridsim(
      "run", "\(fixtures)/small.json5", "--seed", "7", "--replications", "2", "--format", "json")
    #expect(a.status == 0)
    #expect(a.stdout.contains("\"replications\": 2"))
    #expect(a.stdout.contains("\"seed\": 7"))
  }

  @Test("a run of more than 10^9 events is refused unless --allow-large")
  func large() throws {
    let r = try gridsim("run", "Scenarios/benchmarks/county-year.json5", "--replications", "1000")
    #expect(r.status == 64)
    #expect(
      r.stderr.hasPrefix(
        "Error: This run would process about 5.5e+09 events (1,000 replications); the limit is 10^9."),
      "\(r.stderr)")
    // A sweep counts every point: 150 replications (8.3e8 events) at each of 2 points is too many.
    let s = try gridsim(
      "sweep", "Scenarios/benchmarks/county-year.json5", "--vary", "seed=1,2", "--replications", "150")
    #expect(s.status == 64)
    #expect(
      s.stderr.hasPrefix(
        "Error: This run would process about 1.7e+09 events (150 replications at each of 2 points); the limit is 10^9."
      ),
      "\(s.stderr)")
  }
}

func gridsimArgs(
  _ arguments: [String], in folder: URL? = nil, stdout file: FileHandle? = nil,
  environment extra: [String: String] = [:]
) throws -> Invocation {
  let process = Process()
  process.executableURL = gridsimExecutable()
  process.arguments = arguments
  process.currentDirectoryURL = folder ?? packageRoot
  var environment = ProcessInfo.processInfo.environment
  environment["NO_COLOR"] = "1"
  environment["GRIDSIM_CSV"] = nil
  environment.merge(extra) { $1 }
  process.environment = environment
  let out = Pipe()
  let err = Pipe()
  process.standardOutput = file ?? out
  process.standardError = err
  try process.run()
  // Read both pipes to the end before waiting, so a large output cannot block the child.
  let outData = file == nil ? out.fileHandleForReading.readDataToEndOfFile() : Data()
  let errData = err.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return Invocation(
    stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self),
    status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal)
}

@Suite("Shipped reports")
struct ShippedReportTests {
  /// The lines of Reports/regenerate that start with `word`, split into words (the word itself
  /// kept when `keep`).
  static func lines(_ word: String, keep: Bool = false) throws -> [[String]] {
    let script = try String(
      contentsOf: packageRoot.appendingPathComponent("Reports/regenerate"), encoding: .utf8)
    return script.split(separator: "\n").filter { $0.hasPrefix(word + " ") }.map {
      $0.split(separator: " ").dropFirst(keep ? 0 : 1).map(String.init)
    }
  }

  /// The `report ...` lines: the gridsim arguments of each shipped report.
  static func reports() throws -> [[String]] { try lines("report") }

  /// The `plan` lines.
  static func plans() throws -> [[String]] { try lines("plan") }

  /// The `drill` lines, `drill` kept.
  static func drills() throws -> [[String]] { try lines("drill", keep: true) }

  @Test("Reports/drills holds the current scripts and scores of the shipped drill packs")
  func freshDrills() throws {
    let drills = try Self.drills()
    #expect(drills.count == 8)
    let folders = try FileManager.default.contentsOfDirectory(
      atPath: packageRoot.appendingPathComponent("Reports/drills").path)
    let outs = drills.compactMap { args in args.firstIndex(of: "--out").map { args[$0 + 1] } }
    #expect(Set(outs) == Set(folders.map { "Reports/drills/" + $0 }))
    for args in drills {
      let out = try #require(args.firstIndex(of: "--out"))
      let temporary = FileManager.default.temporaryDirectory.appendingPathComponent(
        "gridsim-\(UUID().uuidString)")
      defer { try? FileManager.default.removeItem(at: temporary) }
      var fresh = args
      fresh[out + 1] = temporary.path
      let r = try gridsimArgs(fresh)
      // A late team, or teams compared of which one is late: exit 1.
      #expect(
        r.status == (args.contains { $0.hasSuffix("late.csv") || $0.hasSuffix("-teams") } ? 1 : 0),
        "\(r.stderr)")
      // Every file, those in folders too (teams compared: teams/NAME/score.html).
      let files = FileManager.default.enumerator(atPath: temporary.path)?.allObjects.compactMap {
        $0 as? String
      }
      .filter { name in
        var folder: ObjCBool = false
        return FileManager.default.fileExists(
          atPath: temporary.appendingPathComponent(name).path, isDirectory: &folder) && !folder.boolValue
      }
      for name in files ?? [] {
        let now = try String(contentsOf: temporary.appendingPathComponent(name), encoding: .utf8)
        let then = try? String(
          contentsOf: packageRoot.appendingPathComponent(args[out + 1] + "/" + name), encoding: .utf8)
        #expect(now == then, "\(args[out + 1])/\(name) is stale; regenerate with: Reports/regenerate")
      }
    }
  }

  @Test("Reports/history holds the current fit of the example log and its validation")
  func freshHistory() throws {
    let lines = try Self.lines("history")
    #expect(lines.map(\.first) == ["fit", "validate-model"])
    let folder = packageRoot.appendingPathComponent("Reports/history")
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [
        "fitted.json5", "validation",
      ])
    for args in lines {
      let out = try #require(args.firstIndex(of: "--out"))
      var fresh = args
      // The fitted file beside the shipped one, so that its relative 'extends' is the same.
      let temporary =
        args[0] == "fit"
        ? folder.appendingPathComponent(".fresh-\(UUID().uuidString).json5")
        : FileManager.default.temporaryDirectory.appendingPathComponent("gridsim-\(UUID().uuidString)")
      defer { try? FileManager.default.removeItem(at: temporary) }
      fresh[out + 1] = temporary.path
      let r = try gridsimArgs(fresh)
      #expect(r.status == 0, "\(fresh.joined(separator: " ")): \(r.stdout)\(r.stderr)")
      let pairs: [(URL, URL)] =
        args[0] == "fit"
        ? [(temporary, packageRoot.appendingPathComponent(args[out + 1]))]
        : try FileManager.default.contentsOfDirectory(atPath: temporary.path).map {
          (temporary.appendingPathComponent($0), packageRoot.appendingPathComponent(args[out + 1] + "/" + $0))
        }
      #expect(pairs.count == (args[0] == "fit" ? 1 : 4))
      for (now, then) in pairs {
        #expect(
          try String(contentsOf: now, encoding: .utf8) == (try? String(contentsOf: then, encoding: .utf8)),
          "\(then.path) is stale; regenerate with: Reports/regenerate")
      }
    }
  }

  @Test(
    "each shipped plan is certified, its certificate re-runs exactly, and its roster.csv loaded into its scenario passes gridsim check"
  )
  func shippedPlans() throws {
    let plans = try Self.plans()
    #expect(plans.count == 3)
    for args in plans {
      let scenario = args[0]
      let folder = try #require(args.firstIndex(of: "--out").map { args[$0 + 1] })
      let names = try FileManager.default.contentsOfDirectory(
        atPath: packageRoot.appendingPathComponent(folder).path
      ).sorted()
      #expect(names == ["plan.json", "report.html", "report.md", "roster.csv"])
      let json = try String(
        contentsOf: packageRoot.appendingPathComponent(folder + "/plan.json"), encoding: .utf8)
      #expect(json.contains("\"verdict\": \"certified\""), "\(folder)/plan.json")
      // No unit has more on duty over its shifts than it has after leave.
      #expect(!json.contains("\"short\""), "\(folder)/plan.json")
      let recheck = try gridsim("check", scenario, "--plan", folder + "/plan.json", "--lang", "en")
      #expect(
        recheck.status == 0, "\(scenario) --plan \(folder)/plan.json: \(recheck.stdout)\(recheck.stderr)")
      #expect(
        recheck.stdout.contains("Every result is the one the certificate recorded."), "\(recheck.stdout)")
      // The scenario's own roster files, then the plan's (its dated rows win).
      let own = scenario.contains("national-day") ? "\"national-day-2026-roster.csv\", " : ""
      // Roster files are read from the scenario's folder: back up to the package root.
      let up = String(repeating: "../", count: scenario.split(separator: "/").count - 1)
      let r = try gridsim("check", scenario, "--set", "rosterFiles=[\(own)\"\(up)\(folder)/roster.csv\"]")
      #expect(r.status == 0, "\(scenario) with \(folder)/roster.csv: \(r.stdout)\(r.stderr)")
    }
  }

  @Test("Reports/ holds the current sweeps of the shipped scenarios: sweep.csv, sweep.html, whatif.html")
  func freshSweeps() throws {
    let sweeps = try Self.lines("sweep")
    #expect(sweeps.count == 1)
    for args in sweeps {
      let out = try #require(args.firstIndex(of: "--out"))
      let temporary = FileManager.default.temporaryDirectory.appendingPathComponent(
        "gridsim-\(UUID().uuidString)")
      defer { try? FileManager.default.removeItem(at: temporary) }
      var fresh = args
      fresh[out + 1] = temporary.path
      let r = try gridsimArgs(["sweep"] + fresh)
      #expect(r.status == 0 || r.status == 1, "\(r.stderr)")
      let names = try FileManager.default.contentsOfDirectory(atPath: temporary.path).sorted()
      #expect(names == ["sweep.csv", "sweep.html", "whatif.html"])
      for name in names {
        let now = try String(contentsOf: temporary.appendingPathComponent(name), encoding: .utf8)
        let then = try? String(
          contentsOf: packageRoot.appendingPathComponent(args[out + 1] + "/" + name), encoding: .utf8)
        #expect(
          now == then,
          "\(args[out + 1])/\(name) is stale; regenerate every report with: Reports/regenerate (see Reports/README.md)"
        )
      }
    }
  }

  @Test("Reports/ holds the current reports of the shipped scenarios")
  func fresh() throws {
    let reports = try Self.reports()
    #expect(reports.count >= 4)
    let shippedFolders = try FileManager.default.contentsOfDirectory(
      atPath: packageRoot.appendingPathComponent("Reports").path
    ).filter { !$0.contains(".") && $0 != "regenerate" && $0 != "drills" && $0 != "history" }
    let outs = (reports + (try Self.plans()) + (try Self.lines("roster")) + (try Self.lines("sweep")))
      .compactMap {
        args in
        args.firstIndex(of: "--out").map { args[$0 + 1] }
      }
    #expect(Set(outs.map { String($0.dropFirst("Reports/".count)) }) == Set(shippedFolders))
    for args in reports {
      let out = try #require(args.firstIndex(of: "--out"))
      let shipped = packageRoot.appendingPathComponent(args[out + 1])
      let temporary = FileManager.default.temporaryDirectory.appendingPathComponent(
        "gridsim-\(UUID().uuidString)")
      defer { try? FileManager.default.removeItem(at: temporary) }
      var fresh = args
      fresh[out + 1] = temporary.path
      let r = try gridsimArgs(fresh)
      #expect(r.status == 0 || r.status == 1, "\(r.stderr)")
      let names = try FileManager.default.contentsOfDirectory(atPath: temporary.path).sorted()
      #expect(names == ["daily.csv", "report.html", "report.md", "summary.json", "tiers.csv"])
      for name in names {
        let now = try String(contentsOf: temporary.appendingPathComponent(name), encoding: .utf8)
        if name == "report.html" {
          // Every chart is well-formed XML.
          for svg in now.components(separatedBy: "<svg ").dropFirst() {
            let parser = XMLParser(
              data: Data(("<svg " + svg.components(separatedBy: "</svg>")[0] + "</svg>").utf8))
            #expect(
              parser.parse(),
              "\(args[out + 1])/report.html: a chart is not well-formed XML: \(String(describing: parser.parserError))"
            )
          }
        }
        let then = try? String(contentsOf: shipped.appendingPathComponent(name), encoding: .utf8)
        #expect(
          now == then,
          "\(args[out + 1])/\(name) is stale; regenerate every report with: Reports/regenerate (see Reports/README.md)"
        )
      }
    }
  }
}

@Suite("gridsim trace")
struct TraceCLITests {
  @Test("trace prints one item's path: stages, roles, deadlines, extensions, reports, worsening")
  func traceGolden() throws {
    for (args, name) in [
      (["--issue", "1"], "trace-issue-1.txt"), (["--category", "opinion"], "trace-opinion.txt"),
      (["--severity", "major"], "trace-major.txt"),
    ] {
      let r = try gridsimArgs(["trace", "\(fixtures)/workflow.json5"] + args)
      #expect(r.status == 0, "\(r.stderr)")
      #expect(r.stderr.contains("warning: demand.perGridPerDay"))
      try expectSnapshot(r.stdout, name)
    }
  }

  @Test("run prints the workflow's measures; check judges the workflow's targets")
  func workflowRunAndCheck() throws {
    let run = try gridsim("run", "\(fixtures)/workflow.json5")
    #expect(run.status == 0, "\(run.stderr)")
    try expectSnapshot(run.stdout, "run-workflow.txt")
    let check = try gridsim("check", "\(fixtures)/workflow.json5")
    #expect(check.status == 1)  // opinion got worse: kept from worsening is 0%
    #expect(check.stdout.contains("opinion kept from worsening"))
    #expect(check.stdout.contains("1 of 3 targets missed"))
  }

  @Test("trace refuses what it cannot pick, with exit 64")
  func traceUsage() throws {
    let tooFar = try gridsim("trace", "\(fixtures)/workflow.json5", "--issue", "9")
    #expect(tooFar.status == 64)
    #expect(tooFar.stderr.contains("Replication 1 has 4 items; --issue 9 is not one of them."))
    let unknown = try gridsim("trace", "\(fixtures)/workflow.json5", "--category", "opinon")
    #expect(unknown.status == 64)
    #expect(unknown.stderr.contains("no category 'opinon'"))
    let both = try gridsim("trace", "\(fixtures)/workflow.json5", "--issue", "1", "--severity", "major")
    #expect(both.status == 64)
    let missing = try gridsim("trace", "\(fixtures)/no-such.json5")
    #expect(missing.status == 66)
    // A valid selection that no item of the replication matches: a usage error that says what was
    // looked for (not "target missed").
    let none = try gridsim(
      "trace", "\(fixtures)/workflow.json5", "--category", "complaint", "--severity", "routine",
      "--replication", "1", "--set", "demand.injects=[]")
    #expect(none.status == 64)
    #expect(
      none.stderr.contains(
        "Replication 1 has no measured item of category 'complaint' and severity 'routine'; try another --replication"
      ))
  }

  @Test("a missing second positional is named; check reports every file and a missing one wins (66)")
  func positionalsAndWorstCode() throws {
    let compare = try gridsim("compare", "Scenarios/ci/policy.json5")
    #expect(compare.status == 64)
    #expect(compare.stderr.hasPrefix("Error: Missing expected argument 'CHANGED'."))
    let check = try gridsim("check", "\(fixtures)/invalid.json5", "\(fixtures)/no-such.json5")
    #expect(check.status == 66)
    #expect(check.stderr.contains("invalid.json5 has"))
    #expect(check.stderr.contains("cannot read '\(fixtures)/no-such.json5'"))
    #expect(check.stdout.isEmpty)
  }

  @Test("trace on the baseline shows the township's stages and a skip-level report")
  func traceBaseline() throws {
    let r = try gridsim(
      "trace", "Scenarios/township-baseline.json5", "--category", "negative-opinion", "--severity", "major",
      "--lang", "en")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("⇒ skip-level report to 领导小组 (leadership)"))
    #expect(r.stdout.contains("handle by staff"))
  }
}

/// The workflow's measures (issue 21) through the built `gridsim`: one item, every figure by hand.
@Suite("Workflow measures end to end")
struct WorkflowMeasuresCLITests {
  /// One grid (1 staff) below a village, one item at 0:00, the grid's `rules` given.
  static func scenario(_ grid: String, policy: String = "") -> String {
    """
    {
      version: 1, name: "one item", period: { start: "2026-01-05T00:00", length: "2 days" }, replications: 1,
      demand: { perGridPerDay: 0, injects: [{ after: "0 min" }] },
      tiers: [{ \(grid) }, { id: "village", handling: "1 h" }],
      policy: { \(policy) },
      organization: { name: "v", staff: 1, children: { name: "g", staff: 1 } },
    }
    """
  }

  /// Runs a scenario text through `gridsim run --format json`; the whole system's figures.
  func overall(_ text: String) throws -> [String: Any] {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gridsim-\(UUID().uuidString).json5")
    try text.write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    let r = try gridsim("run", file.path, "--format", "json")
    #expect(r.status == 0, "\(r.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    return try #require(json["overall"] as? [String: Any])
  }

  func mean(_ object: [String: Any], _ path: String...) -> Double? {
    var node: Any? = object
    for key in path { node = (node as? [String: Any])?[key] }
    return (node as? [String: Any])?["mean"] as? Double
  }

  @Test("a reopened item: resolved by its last reply, in the system until its closure, closed once")
  func reopened() throws {
    // accept 0-10, reply 10-30, callback 30-40: reopened; accept 40-50, reply 50-70, callback
    // 70-80: closed at 80 (the limit). Resolution 70 min, time in system 80 min.
    let o = try overall(
      Self.scenario(
        """
        id: "grid", callback: { unsatisfied: 1, maxReopenings: 1 },
        stages: [{ id: "accept", time: "10 min" }, { id: "reply", time: "20 min" }, { id: "callback", time: "10 min" }]
        """))
    #expect(mean(o, "counts", "closed") == 1)
    // summary.json rounds to six significant digits.
    #expect(abs((mean(o, "durationsHours", "resolution", "mean") ?? 0) - 70.0 / 60) < 1e-5)
    #expect(abs((mean(o, "durationsHours", "timeInSystem", "mean") ?? 0) - 80.0 / 60) < 1e-5)
    #expect(mean(o, "workflow", "counts", "reopened") == 1)
  }

  @Test("named and reminders count for the whole system, reminders across an extension")
  func namedAndReminders() throws {
    // Handling 5 h against 4 h, reminders at 1/2 and 3/4, extended to 4.5 h: reminders at 2 h and
    // 3 h, then none after 4 h (the extended deadline's fall at 2.25 h and 3.375 h); missed at
    // 4:30 with no reply: the grid is named, for the tier and the whole system.
    let o = try overall(
      Self.scenario(
        """
        id: "grid", handling: "5 h", deadlines: { resolution: "4 h", extension: { probability: 1, limit: "4.5 h" } }
        """, policy: "supervision: { reminders: [0.5, 0.75] }"))
    #expect(mean(o, "workflow", "counts", "named") == 1)
    #expect(mean(o, "workflow", "counts", "reminders") == 2)
    #expect(mean(o, "workflow", "counts", "extensions") == 1)
  }
}

/// Outputs added with the workflow's measures, through the built `gridsim` (not golden files).
@Suite("Role utilization, trace verdicts and one-replication targets end to end")
struct MeasureOutputsCLITests {
  @Test("utilization per role is in the text report, summary.json and tiers.csv")
  func roleUtilization() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gridsim-roles-\(UUID())")
    defer { try? FileManager.default.removeItem(at: folder) }
    let r = try gridsim("run", "\(fixtures)/workflow.json5", "--out", folder.path, "--lang", "en")
    #expect(r.status == 0, "\(r.stderr)")
    // One table of roles, once (not also in the workflow's section), neither figure above 100%.
    #expect(r.stdout.components(separatedBy: "Share of the tier's on-duty time").count == 2)
    #expect(r.stdout.contains("村两委 (village)  cadres"))
    let data = try Data(contentsOf: folder.appendingPathComponent("summary.json"))
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let tiers = try #require(json["tiers"] as? [[String: Any]])
    let roles = try #require(tiers[1]["roles"] as? [[String: Any]])
    #expect(roles.compactMap { $0["id"] as? String } == ["cadres", "secretary"])
    #expect((tiers[0]["roles"] as? [Any])?.isEmpty == true)  // the grid has no roles
    // The roles' shares sum to the tier's utilization.
    func mean(_ o: Any?) -> Double? { ((o as? [String: Any])?["mean"] as? Double) }
    let shares = roles.compactMap { mean($0["share"]) }
    let utilization = try #require(mean(tiers[1]["utilization"]))
    #expect(abs(shares.reduce(0, +) - utilization) < 1e-4)
    #expect(roles.compactMap { mean($0["busy"]) }.allSatisfy { $0 <= 1 })
    let csv = try String(contentsOf: folder.appendingPathComponent("tiers.csv"), encoding: .utf8)
    let rows = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    #expect(rows[0].suffix(2) == ["role", "role_busy"])
    #expect(
      rows.dropFirst().compactMap { $0.dropLast().last }.filter { !$0.isEmpty } == ["cadres", "secretary"])
  }

  @Test("trace calls a deadline missed when supervision took the item up at it, not met with 0 to spare")
  func traceTakenUpAtTheDeadline() throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gridsim-\(UUID().uuidString).json5")
    try """
    {
      version: 1, period: { start: "2026-01-05T00:00", length: "1 day" }, replications: 1,
      demand: { perGridPerDay: 0, injects: [{ after: "0 min" }] },
      tiers: [{ id: "grid", handling: "3 h", deadlines: { resolution: "2 h" } }, { id: "village", handling: "1 h" }],
      organization: { name: "v", staff: 1, children: { name: "g", staff: 1 } },
    }
    """.write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    let r = try gridsim("trace", file.path, "--issue", "1")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("resolution deadline 2026-01-05 02:00: MISSED: taken up at the deadline (督办)"))
    #expect(!r.stdout.contains("to spare"))
  }

  @Test("a target judged on its interval is not met with one replication, and the report says why")
  func oneReplication() throws {
    let r = try gridsim("check", "Scenarios/ci/policy.json5", "--replications", "1")
    #expect(r.status == 1)
    #expect(r.stdout.contains("(mean meets it; run more replications)"))
    #expect(!r.stdout.contains(" met\n"))
  }
}
