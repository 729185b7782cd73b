import Foundation
import GridSimTestSupport
import Testing

/// The CI recipes' shell step, run locally in a temporary git repository with two commits: a
/// base and a pull request's change.
@Suite("CI recipes")
struct CIRecipeTests {
  static func git(_ arguments: [String], in folder: URL) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
    process.arguments = arguments
    process.currentDirectoryURL = folder
    process.environment = ProcessInfo.processInfo.environment.merging(
      [
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t",
      ]
    ) { _, b in b }
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "git \(arguments.joined(separator: " "))")
  }

  @Test(
    "the policy gate: a change that misses a target fails with JUnit and a comparison; one that keeps them passes"
  )
  func policyGate() throws {
    let repo = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gridsim-ci-\(UUID().uuidString)")
    let ci = repo.appendingPathComponent("Scenarios/ci")
    try FileManager.default.createDirectory(at: ci, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: repo) }
    for name in ["policy.json5", "policy-gate.sh"] {
      try FileManager.default.copyItem(
        at: packageRoot.appendingPathComponent("Scenarios/ci/\(name)"), to: ci.appendingPathComponent(name))
    }
    try Self.git(["init", "-q"], in: repo)
    try Self.git(["add", "."], in: repo)
    try Self.git(["commit", "-qm", "base"], in: repo)
    // The pull request: grid workers must answer within 1 h instead of 4.
    let policy = ci.appendingPathComponent("policy.json5")
    let text = try String(contentsOf: policy, encoding: .utf8)
    try text.replacingOccurrences(
      of: "deadlines: { response: \"4 h\"", with: "deadlines: { response: \"1 h\""
    )
    .write(to: policy, atomically: true, encoding: .utf8)
    try Self.git(["commit", "-qam", "answer within the hour"], in: repo)
    let gate = "Scenarios/ci/policy-gate.sh HEAD~1 Scenarios/ci/policy.json5 report"
    let missed = try ShardCLITests.shell(gate, in: repo)
    #expect(missed.status == 1, "\(missed.stderr)")
    #expect(missed.stdout.contains("grid answers on time"))
    let junit = try String(contentsOf: repo.appendingPathComponent("report/junit.xml"), encoding: .utf8)
    #expect(junit.contains("<failure"))
    for file in ["report/check/summary.json", "report/compare/summary.json", "report/compare.txt"] {
      #expect(FileManager.default.fileExists(atPath: repo.appendingPathComponent(file).path), "\(file)")
    }
    // A change that keeps every target: the gate passes; FAIL_ON_WORSE changes nothing then.
    try text.replacingOccurrences(
      of: "Reply deadlines of a small township", with: "Deadlines of a small township"
    )
    .write(to: policy, atomically: true, encoding: .utf8)
    try Self.git(["commit", "-qam", "reword"], in: repo)
    let kept = try ShardCLITests.shell("FAIL_ON_WORSE=1 " + gate, in: repo)
    #expect(kept.status == 0, "\(kept.stdout)\(kept.stderr)")
  }

  @Test("the GitHub and GitLab recipes run the gate script with the shipped policy")
  func recipes() throws {
    for file in ["github-actions.yml", "gitlab-ci.yml"] {
      let text = try String(
        contentsOf: packageRoot.appendingPathComponent("Scenarios/ci/\(file)"), encoding: .utf8)
      #expect(text.contains("Scenarios/ci/policy-gate.sh"), "\(file)")
      #expect(text.contains("swift build -c release --product gridsim"), "\(file)")
      #expect(text.contains("gridsim-report"), "\(file)")
    }
  }
}
