import Foundation
import GridSimTestSupport
import Testing

/// `.ci/run` sets this: there the Kubernetes manifests must be validated, not skipped.
let kubernetesValidateRequired =
  ProcessInfo.processInfo.environment["GRIDSIM_REQUIRE_KUBERNETES_VALIDATE"] == "1"

/// kubernetes-validate (PyPI) on the PATH, installed with pip when it is missing and pip can
/// reach PyPI; nil otherwise (the manifest test is then skipped, and says why).
let kubernetesValidate: String? = {
  func find() -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    let home = FileManager.default.homeDirectoryForCurrentUser.path
    return (path.split(separator: ":").map(String.init) + ["\(home)/.local/bin"])
      .map { "\($0)/kubernetes-validate" }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }
  if let found = find() { return found }
  let pip = Process()
  pip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  pip.arguments = [
    "python3", "-m", "pip", "install", "--quiet", "--timeout", "15", "--retries", "1", "kubernetes-validate",
  ]
  pip.standardOutput = FileHandle.nullDevice
  pip.standardError = FileHandle.nullDevice
  guard (try? pip.run()) != nil else { return nil }
  pip.waitUntilExit()
  return find()
}()

/// The recipes of Scenarios/cluster run as their comments say, through the built gridsim, and give
/// what one unsharded run gives, byte for byte: the single-server slices; the Slurm scripts under a
/// stand-in sbatch that runs each job at once (the real Slurm is .ci/slurm-test); the Kubernetes
/// Jobs' commands, their manifests validated, and the wait that returns when the Job fails.
@Suite("Cluster recipes")
struct ClusterRecipeTests {
  static let scenario = "Scenarios/ci/policy.json5"

  /// A folder laid out as a checkout: the CI policy scenario and Scenarios/cluster.
  static func checkout() throws -> URL {
    let folder = try ShardCLITests.temporary()
    let manager = FileManager.default
    try manager.createDirectory(
      at: folder.appendingPathComponent("Scenarios/ci"), withIntermediateDirectories: true)
    try manager.copyItem(
      at: packageRoot.appendingPathComponent(scenario), to: folder.appendingPathComponent(scenario))
    try manager.copyItem(
      at: packageRoot.appendingPathComponent("Scenarios/cluster"),
      to: folder.appendingPathComponent("Scenarios/cluster"))
    return folder
  }

  /// Runs a shell command (bash, or the sh of a container) with `gridsim` on the PATH.
  static func shell(
    _ script: String, in folder: URL, environment: [String: String] = [:], shell: String = "/bin/bash"
  ) throws -> Invocation {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: shell)
    process.arguments = ["-c", script]
    process.currentDirectoryURL = folder
    var env = ProcessInfo.processInfo.environment
    env["PATH"] =
      gridsimExecutable().deletingLastPathComponent().path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
    env["NO_COLOR"] = "1"
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

  static func expectSameFiles(
    _ a: URL, _ b: URL, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: a.path).sorted()
    #expect(names.contains("summary.json") || names.contains("sweep.csv"), sourceLocation: sourceLocation)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: b.path).sorted() == names,
      sourceLocation: sourceLocation)
    for name in names {
      let x = try Data(contentsOf: a.appendingPathComponent(name))
      let y = try Data(contentsOf: b.appendingPathComponent(name))
      #expect(x == y, "\(name) differs", sourceLocation: sourceLocation)
    }
  }

  static func text(_ folder: URL, _ path: String) throws -> String {
    try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
  }

  // MARK: One server

  @Test(
    "local-slices.sh: slices over the cores, then the merge: stdout and report folder byte for byte; --resume runs only what is missing"
  )
  func localSlices() throws {
    let folder = try Self.checkout()
    defer { try? FileManager.default.removeItem(at: folder) }
    // --seed and a --set value with a space and quotes reach every slice intact.
    let options = "--replications 5 --seed 3 --set 'tiers.grid.deadlines.response=\"3 h\"'"
    let whole = try Self.shell("gridsim run \(Self.scenario) \(options) --out whole", in: folder)
    #expect(whole.status == 0, "\(whole.stderr)")
    let recipe = "Scenarios/cluster/local-slices.sh"
    let sliced = try Self.shell(
      "SHARDS=3 JOBS=2 RUN=a \(recipe) run \(Self.scenario) \(options)", in: folder)
    #expect(sliced.status == 0, "\(sliced.stderr)")
    #expect(sliced.stdout == whole.stdout)
    #expect(sliced.stderr.contains("results/a: running 3 of 3 slices, 2 at a time"))
    try Self.expectSameFiles(
      folder.appendingPathComponent("whole"), folder.appendingPathComponent("results/a/report"))

    // Slice 2 lost: --resume runs it alone (its K of N kept) and merges again.
    let manager = FileManager.default
    try manager.removeItem(at: folder.appendingPathComponent("results/a/slice-2.gridsim-slice"))
    try manager.removeItem(at: folder.appendingPathComponent("results/a/report"))
    let resumed = try Self.shell("\(recipe) --resume results/a", in: folder)
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(resumed.stdout == whole.stdout)
    #expect(resumed.stderr.contains("running 1 of 3 slices"))
    #expect(try Self.text(folder, "results/a/slice-2.log").contains("slice 2/3 of \(Self.scenario)"))
    try Self.expectSameFiles(
      folder.appendingPathComponent("whole"), folder.appendingPathComponent("results/a/report"))

    // A slice that cannot be written: the merge names it and exits 66; fixed, --resume finishes.
    let slice3 = folder.appendingPathComponent("results/a/slice-3.gridsim-slice")
    try manager.removeItem(at: slice3)
    try manager.createDirectory(at: slice3, withIntermediateDirectories: false)
    let failed = try Self.shell("\(recipe) --resume results/a", in: folder)
    #expect(failed.status == 66)
    #expect(failed.stdout.isEmpty)
    #expect(
      failed.stderr.contains("local-slices.sh: slice 3 failed: Error: cannot write"), "\(failed.stderr)")
    #expect(failed.stderr.contains("results/a: 1 of 3 slices are missing: 3;"))
    #expect(failed.stderr.contains("local-slices.sh --resume results/a"))
    try manager.removeItem(at: slice3)
    let fixed = try Self.shell("\(recipe) --resume results/a", in: folder)
    #expect(fixed.status == 0 && fixed.stdout == whole.stdout, "\(fixed.stderr)")
  }

  @Test(
    "local-slices.sh: a sweep's --vary goes to every slice, --out to the merge; the exit code is the sweep's")
  func localSweep() throws {
    let folder = try Self.checkout()
    defer { try? FileManager.default.removeItem(at: folder) }
    let sweep = "sweep \(Self.scenario) --vary organization.children.staff=1,2,3 --replications 2"
    let whole = try Self.shell("gridsim \(sweep) --out whole", in: folder)
    let sliced = try Self.shell(
      "SHARDS=2 RUN=s Scenarios/cluster/local-slices.sh \(sweep) --out merged", in: folder)
    #expect(sliced.status == whole.status, "\(sliced.stderr)")
    #expect(sliced.stdout == whole.stdout)
    try Self.expectSameFiles(folder.appendingPathComponent("whole"), folder.appendingPathComponent("merged"))
  }

  @Test("the recipes refuse bad input before anything runs, each with a clear error")
  func badInput() throws {
    let folder = try Self.checkout()
    defer { try? FileManager.default.removeItem(at: folder) }
    let recipe = "Scenarios/cluster/local-slices.sh"
    let cases: [(String, Int32, String)] = [
      ("SHARDS=2 \(recipe) run \(Self.scenario) --jobs 4", 64, "--jobs is set for each slice here"),
      ("SHARDS=2 \(recipe) run \(Self.scenario) --shard 1/2", 64, "--shard is set for each slice here"),
      ("SHARDS=0 \(recipe) run \(Self.scenario)", 64, "SHARDS must be a whole number from 1"),
      ("RUN=../x \(recipe) run \(Self.scenario)", 64, "RUN is a name of letters, digits"),
      ("\(recipe) plan \(Self.scenario)", 64, "COMMAND is run, check or sweep"),
      ("\(recipe) run missing.json5", 66, "the scenario 'missing.json5' is not a file here"),
      ("\(recipe) run \(Self.scenario) --set nope=1", 65, "unknown key 'nope'"),
      ("\(recipe) sweep \(Self.scenario) --rows none.csv", 66, "--rows none.csv: no such file here"),
      ("\(recipe) --resume results/none", 66, "results/none is not a run folder"),
    ]
    for (command, status, message) in cases {
      let s = try Self.shell(command, in: folder)
      #expect(s.status == status, "\(command): \(s.stderr)")
      #expect(s.stderr.contains(message), "\(command): \(s.stderr)")
    }
    // Nothing was made by the refused runs; a run folder is never reused.
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("results").path))
    let first = try Self.shell("SHARDS=1 RUN=r \(recipe) run \(Self.scenario) --replications 1", in: folder)
    #expect(first.status == 0, "\(first.stderr)")
    let again = try Self.shell("SHARDS=1 RUN=r \(recipe) run \(Self.scenario) --replications 1", in: folder)
    #expect(again.status == 73 && again.stderr.contains("results/r exists already"), "\(again.stderr)")
  }

  // MARK: Slurm

  /// A stand-in for sbatch: runs the job at once (each array task in turn) with the variables Slurm
  /// sets and the log files it opens, records its arguments in sbatch.log, prints the job id.
  static let sbatch = #"""
    #!/usr/bin/env bash
    set -euo pipefail
    state=${FAKE_SLURM:?}
    id=$(( $(cat "$state/next-id" 2> /dev/null || echo 0) + 1 ))
    echo "$id" > "$state/next-id"
    echo "$*" >> "$state/sbatch.log"
    if [ -n "${FAKE_SLURM_NORUN:-}" ]; then echo "$id"; exit 0; fi
    array="" output="slurm-%j.out" error="" cpus=1
    while [ $# -gt 0 ]; do
      case "$1" in
        --array=*) array=${1#*=} ;;
        --output=*) output=${1#*=} ;;
        --error=*) error=${1#*=} ;;
        --cpus-per-task=*) cpus=${1#*=} ;;
        --parsable | --dependency=* | --mem=* | --time=*) ;;
        -*) echo "sbatch stand-in: unknown option $1" >&2; exit 1 ;;
        *) break ;;
      esac
      shift
    done
    script=$1
    shift
    tasks=()
    if [ -n "$array" ]; then
      IFS=, read -ra parts <<< "$array"
      for part in "${parts[@]}"; do tasks+=($(seq "${part%-*}" "${part#*-}")); done
    fi
    run() { # TASK (empty: not an array)
      local out=${output//%A/$id} err
      out=${out//%a/$1}; out=${out//%j/$id}
      err=${error:-$out}; err=${err//%A/$id}; err=${err//%a/$1}; err=${err//%j/$id}
      local status=0
      if [ -n "$1" ]; then
        SLURM_JOB_ID=$id SLURM_ARRAY_JOB_ID=$id SLURM_ARRAY_TASK_ID=$1 SLURM_CPUS_PER_TASK=$cpus \
          bash "$script" "${@:2}" > "$out" 2>> "$err" || status=$?
      else
        SLURM_JOB_ID=$id SLURM_CPUS_PER_TASK=$cpus bash "$script" "${@:2}" > "$out" 2>> "$err" || status=$?
      fi
      echo "$status" > "$state/status-$id${1:+_$1}"
    }
    if [ ${#tasks[@]} -eq 0 ]; then run "" "$@"; else for t in "${tasks[@]}"; do run "$t" "$@"; done; fi
    echo "$id"
    """#

  @Test(
    "slurm-submit.sh under a stand-in sbatch: several slices per task past MAX_TASKS, a task resubmitted alone keeps its K/N, --resume, the merge names what is missing"
  )
  func slurm() throws {
    let folder = try Self.checkout()
    defer { try? FileManager.default.removeItem(at: folder) }
    let bin = folder.appendingPathComponent("bin")
    try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
    let stub = bin.appendingPathComponent("sbatch")
    try Self.sbatch.write(to: stub, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: stub.path)
    let env = [
      "FAKE_SLURM": folder.path,
      "PATH": bin.path + ":" + gridsimExecutable().deletingLastPathComponent().path + ":/usr/bin:/bin",
    ]
    let command = "run \(Self.scenario) --replications 7 --seed 4 --format json"
    let whole = try Self.shell("gridsim \(command) --out whole", in: folder)
    #expect(whole.status == 0, "\(whole.stderr)")

    // 5 slices, at most 2 array tasks: task 1 runs slices 1, 3, 5; task 2 runs 2, 4.
    let submitted = try Self.shell(
      "SHARDS=5 MAX_TASKS=2 RUN=r Scenarios/cluster/slurm-submit.sh \(command)", in: folder,
      environment: env)
    #expect(submitted.status == 0, "\(submitted.stderr)")
    #expect(submitted.stdout.contains("results/r: 5 slices in array job 1 (2 tasks"))
    var log = try Self.text(folder, "sbatch.log")
    #expect(
      log.contains(
        "--array=1-2 --cpus-per-task=2 --mem=1G --time=02:00:00 --output=results/r/slurm-%A_%a.out"))
    #expect(log.contains("--dependency=afterany:1 --mem=2G --time=01:00:00 --output=results/r/merge-%j.out"))
    let task1 = try Self.text(folder, "results/r/slurm-1_1.out")
    for k in [1, 3, 5] { #expect(task1.contains("slice \(k)/5 of \(Self.scenario)")) }
    #expect(try Self.text(folder, "status-2") == "0\n")
    #expect(try Self.text(folder, "results/r/merge-2.out") == whole.stdout)
    #expect(try Self.text(folder, "results/r/merge-2.err").contains("Wrote the report to"))
    for name in ["summary.json", "daily.csv", "tiers.csv"] {
      #expect(try Self.text(folder, "whole/\(name)") == Self.text(folder, "results/r/report/\(name)"))
    }
    // The footer of report.html and report.md names the command: the merge's names the options
    // it got itself (--format, --lang, --junit) as the unsharded one does.
    func footer(_ path: String) throws -> String {
      try Self.text(folder, path).split(separator: "\n").first { $0.contains("gridsim run ") }.map(
        String.init) ?? ""
    }
    let footers = try ["report.html", "report.md"].map {
      (try footer("whole/\($0)"), try footer("results/r/report/\($0)"))
    }
    for (whole, merged) in footers { #expect(whole == merged) }

    // Task 2 submitted again on its own, as slurm-slices.sbatch says: still slices 2 and 4 of 5.
    let slice4 = folder.appendingPathComponent("results/r/slice-4.gridsim-slice")
    let before = try Data(contentsOf: slice4)
    try FileManager.default.removeItem(at: slice4)
    let again = try Self.shell(
      "sbatch --array=2 --output=results/r/slurm-%A_%a.out Scenarios/cluster/slurm-slices.sbatch results/r",
      in: folder, environment: env)
    #expect(again.status == 0, "\(again.stderr)")
    let task2 = try Self.text(folder, "results/r/slurm-3_2.out")
    #expect(task2.contains("slice 2/5: results/r/slice-2.gridsim-slice is there already; kept"))
    #expect(task2.contains("slice 4/5 of \(Self.scenario)"))
    #expect(try Data(contentsOf: slice4) == before)

    // Slices 3 and 5 lost (both task 1's): the merge names them and their task, and exits 66.
    for k in [3, 5] {
      try FileManager.default.removeItem(
        at: folder.appendingPathComponent("results/r/slice-\(k).gridsim-slice"))
    }
    let merge = try Self.shell(
      "sbatch --output=results/r/merge-%j.out --error=results/r/merge-%j.err Scenarios/cluster/slurm-merge.sbatch results/r",
      in: folder, environment: env)
    #expect(merge.status == 0)
    #expect(try Self.text(folder, "status-4") == "66\n")
    let err = try Self.text(folder, "results/r/merge-4.err")
    #expect(err.contains("results/r: 2 of 5 slices are missing: 3, 5 (array tasks 1);"), "\(err)")
    #expect(err.contains("slurm-submit.sh --resume results/r"))

    // --resume: task 1 again (slice 1 kept) and a new merge, equal to the whole run.
    let resumed = try Self.shell(
      "Scenarios/cluster/slurm-submit.sh --resume results/r", in: folder, environment: env)
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(resumed.stdout.contains("array job 5 runs tasks 1 again"))
    log = try Self.text(folder, "sbatch.log")
    #expect(log.contains("--array=1 --cpus-per-task=2"))
    #expect(
      try Self.text(folder, "results/r/slurm-5_1.out").contains(
        "slice 1/5: results/r/slice-1.gridsim-slice is there already; kept"))
    #expect(try Self.text(folder, "results/r/merge-6.out") == whole.stdout)

    // 2,500 slices: an array of 1,000 tasks, Debian's limit (submitted, not run).
    let big = try Self.shell(
      "SHARDS=2500 RUN=big Scenarios/cluster/slurm-submit.sh \(command)", in: folder,
      environment: env.merging(["FAKE_SLURM_NORUN": "1"]) { $1 })
    #expect(big.status == 0, "\(big.stderr)")
    #expect(try Self.text(folder, "results/big/run.conf") == "shards=2500\ntasks=1000\n")
    #expect(try Self.text(folder, "sbatch.log").contains("--array=1-1000 "))
  }

  // MARK: Kubernetes

  /// A Job file's shell command, its environment, and its completions.
  static func job(_ file: String) throws -> (command: String, env: [String: String], text: String) {
    let text = try String(
      contentsOf: packageRoot.appendingPathComponent("Scenarios/cluster/\(file)"), encoding: .utf8)
    let line = try #require(text.split(separator: "\n").first { $0.contains("args: ['") })
    let command = try #require(line.split(separator: "'", omittingEmptySubsequences: false).dropFirst().first)
    var env: [String: String] = [:]
    // The container's variables: `- { name: SHARDS, value: "8" }`.
    for l in text.split(separator: "\n") where l.contains("- { name: ") && l.contains(", value: \"") {
      let parts = l.split(separator: "\"")
      let name = l.split(separator: ",")[0].replacingOccurrences(of: "- { name: ", with: "")
        .trimmingCharacters(in: .whitespaces)
      env[name] = String(parts[1])
    }
    return (String(command), env, text)
  }

  @Test(
    "the Kubernetes Indexed Job's command for each index in sh, then the merge Job's: equal one run; a missing slice named"
  )
  func kubernetes() throws {
    let folder = try ShardCLITests.temporary()
    defer { try? FileManager.default.removeItem(at: folder) }
    let slices = try Self.job("kubernetes-indexed-job.yaml")
    let merge = try Self.job("kubernetes-merge-job.yaml")
    let shards = try #require(slices.env["SHARDS"].flatMap { Int($0) })
    #expect(slices.text.contains("completions: \(shards)\n"))
    #expect(merge.env == slices.env)
    for text in [slices.text, merge.text] {
      #expect(text.contains("image: registry.example.org/gridsim@sha256:<digest>"))
      #expect(text.contains("imagePullPolicy: IfNotPresent"))
      #expect(text.contains("action: FailJob"))
      #expect(text.contains("64, 65, 66, 70, 73]"))
    }
    #expect(slices.text.contains("backoffLimitPerIndex:"))
    // The image's /results is this folder; fewer replications than the shipped 1,000.
    let slice = slices.command.replacingOccurrences(of: "/results", with: folder.path)
      .replacingOccurrences(of: "--replications 1000", with: "--replications 8")
    #expect(slice.contains("--shard \"$((JOB_COMPLETION_INDEX + 1))/$SHARDS\""))
    for index in 0..<shards {
      let r = try Self.shell(
        slice, in: packageRoot, environment: slices.env.merging(["JOB_COMPLETION_INDEX": "\(index)"]) { $1 },
        shell: "/bin/sh")
      #expect(r.status == 0, "\(r.stderr)")
    }
    let mergeCommand = merge.command.replacingOccurrences(of: "/results", with: folder.path)
    let merged = try Self.shell(mergeCommand, in: packageRoot, environment: merge.env, shell: "/bin/sh")
    #expect(merged.status == 0, "\(merged.stderr)")
    let whole = try gridsim("run", "Scenarios/township-baseline.json5", "--replications", "8", "--jobs", "2")
    #expect(merged.stdout == whole.stdout)
    let run = try #require(slices.env["RUN"])
    #expect(
      FileManager.default.fileExists(atPath: folder.appendingPathComponent("\(run)/report/summary.json").path)
    )
    try FileManager.default.removeItem(at: folder.appendingPathComponent("\(run)/slice-3.gridsim-slice"))
    let missing = try Self.shell(mergeCommand, in: packageRoot, environment: merge.env, shell: "/bin/sh")
    #expect(missing.status == 66)
    #expect(
      missing.stderr.contains("gridsim-merge: slices missing in \(folder.path)/\(run): 3"),
      "\(missing.stderr)")
  }

  @Test(
    "the Kubernetes manifests validate (kubernetes-validate --strict, Kubernetes 1.29 and the newest it knows); a misspelt field does not",
    .enabled(if: kubernetesValidate != nil || kubernetesValidateRequired))
  func manifests() throws {
    let validate = try #require(
      kubernetesValidate,
      "kubernetes-validate is required here (GRIDSIM_REQUIRE_KUBERNETES_VALIDATE=1) but not installed")
    let files = ["kubernetes-pvc.yaml", "kubernetes-indexed-job.yaml", "kubernetes-merge-job.yaml"].map {
      "Scenarios/cluster/\($0)"
    }
    for version in [["-k", "1.29.0"], []] {
      let r = try Self.shell(
        ([validate, "--strict", "--quiet"] + version + files).joined(separator: " "), in: packageRoot)
      #expect(r.status == 0, "\(version): \(r.stdout)\(r.stderr)")
    }
    let folder = try ShardCLITests.temporary()
    defer { try? FileManager.default.removeItem(at: folder) }
    let wrong = folder.appendingPathComponent("job.yaml")
    try (try Self.job("kubernetes-indexed-job.yaml").text)
      .replacingOccurrences(of: "backoffLimitPerIndex:", with: "backoffLimitPerIndx:")
      .write(to: wrong, atomically: true, encoding: .utf8)
    let r = try Self.shell("\(validate) --strict --quiet \(wrong.path)", in: packageRoot)
    #expect(r.status != 0 && (r.stdout + r.stderr).contains("backoffLimitPerIndx"), "\(r.stdout)\(r.stderr)")
  }

  @Test(
    "kubernetes-wait.sh returns when the Job fails (not after its timeout) or completes, and stops its waiters"
  )
  func kubernetesWait() throws {
    let folder = try ShardCLITests.temporary()
    defer { try? FileManager.default.removeItem(at: folder) }
    // A stand-in for kubectl: the condition named in OUTCOME comes after a second; the other
    // waiter would wait a minute. Each waiter records its pid.
    let kubectl = folder.appendingPathComponent("kubectl")
    try #"""
    #!/usr/bin/env bash
    case "$1 $2" in
      "wait --for=condition=$OUTCOME") echo $$ >> "$PIDS"; sleep 1; echo "job.batch/x condition met" ;;
      "wait --for=condition="*) echo $$ >> "$PIDS"; exec sleep 60 ;;
      get*) case "$*" in
          *'status=="True"'*) [ "$OUTCOME" = failed ] && echo "FailureTarget Failed " || echo "Complete " ;;
          *) echo "PodFailurePolicy: Container gridsim for pod default/gridsim-slices-2-abcde failed with exit code 65 matching FailJob rule at index 0" ;;
        esac ;;
    esac
    """#.write(to: kubectl, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: kubectl.path)
    for (outcome, status) in [("failed", Int32(1)), ("complete", Int32(0))] {
      let pids = folder.appendingPathComponent("pids-\(outcome)")
      let start = Date()
      let r = try Self.shell(
        "\(packageRoot.path)/Scenarios/cluster/kubernetes-wait.sh gridsim-slices 6h", in: folder,
        environment: ["KUBECTL": kubectl.path, "OUTCOME": outcome, "PIDS": pids.path])
      #expect(r.status == status, "\(outcome): \(r.stdout)\(r.stderr)")
      #expect(Date().timeIntervalSince(start) < 20, "\(outcome): it waited for the other condition")
      if outcome == "failed" {
        #expect(r.stderr.contains("job/gridsim-slices failed: PodFailurePolicy: Container gridsim"))
        #expect(r.stderr.contains("exit code 65 matching FailJob rule"))
      } else {
        #expect(r.stdout == "job/gridsim-slices complete\n")
      }
      // Both waiters are gone (the one still waiting was stopped by its pid).
      let ids = try String(contentsOf: pids, encoding: .utf8).split(separator: "\n").map(String.init)
      #expect(ids.count == 2)
      for id in ids {
        // Running or sleeping, not gone or a zombie waiting to be reaped.
        func running() -> Bool {
          guard let stat = try? String(contentsOfFile: "/proc/\(id)/stat", encoding: .utf8),
            let state = stat.split(separator: ")").last?.split(separator: " ").first
          else { return false }
          return state != "Z" && state != "X"
        }
        var tries = 0
        while running() && tries < 30 {
          Thread.sleep(forTimeInterval: 0.1)
          tries += 1
        }
        #expect(!running(), "\(outcome): waiter \(id) still runs")
      }
    }
  }
}
