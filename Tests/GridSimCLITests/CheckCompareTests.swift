import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite("gridsim check and compare end to end", .serialized)
struct CheckCompareTests {
  let policy = "Scenarios/ci/policy.json5"
  let change = "Scenarios/ci/answer-within-the-hour.json5"

  func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("gridsim-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test("check passes the shipped policy (exit 0), the same for any --jobs")
  func checkPasses() throws {
    let r = try gridsim("check", policy, "--jobs", "1")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.isEmpty)
    try expectSnapshot(r.stdout, "check-policy.txt")
    let two = try gridsim("check", policy, "--jobs", "2")
    #expect(two.stdout == r.stdout)
  }

  @Test(
    "the holiday scenarios (extends, roster file, windows, duty shifts) meet their targets; four times the items miss"
  )
  func holidays() throws {
    let r = try gridsim(
      "check", "Scenarios/national-day-2026.json5", "Scenarios/spring-festival-2026.json5", "--lang", "en")
    #expect(r.status == 0, "\(r.stderr)")
    try expectSnapshot(r.stdout, "check-holidays.txt")
    // Four times the items: the matters outrun their resolution deadlines.
    let more = try gridsim(
      "check", "Scenarios/national-day-2026.json5", "--set", "demand.perGridPerDay=6.4", "--lang", "en")
    #expect(more.status == 1, "\(more.stderr)")
    #expect(more.stdout.contains("missed: on-time resolution over National Day"))
  }

  @Test("an invalid scenario: exit 65, and the JUnit file has one errored test case saying why")
  func invalidJUnit() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let junit = folder.appendingPathComponent("junit.xml")
    let r = try gridsim("check", policy, "--set", "tiers.grid.deadlines.response=7", "--junit", junit.path)
    #expect(r.status == 65, "\(r.stderr)")
    let document = try XMLDocument(data: try Data(contentsOf: junit))
    let root = try #require(document.rootElement())
    #expect(root.attribute(forName: "tests")?.stringValue == "1")
    #expect(root.attribute(forName: "errors")?.stringValue == "1")
    #expect(root.attribute(forName: "failures")?.stringValue == "0")
    let errors = try root.nodes(forXPath: "//testcase/error")
    #expect(errors.count == 1)
    let message = (errors.first as? XMLElement)?.attribute(forName: "message")?.stringValue ?? ""
    #expect(message.contains("tiers[0].deadlines.response"), "\(message)")
    #expect(message.contains("found 7 with no unit"), "\(message)")
  }

  @Test("a --set that breaks a target exits 1 and the JUnit file says which")
  func checkMisses() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let junit = folder.appendingPathComponent("junit.xml")
    let r = try gridsim(
      "check", policy, "--set", "tiers.grid.deadlines.response=1 h", "--junit", junit.path)
    #expect(r.status == 1, "\(r.stderr)")
    #expect(r.stdout.contains("MISSED"))
    #expect(r.stdout.contains("missed: grid answers on time"))
    let data = try Data(contentsOf: junit)
    let document = try XMLDocument(data: data)
    let root = try #require(document.rootElement())
    #expect(root.name == "testsuites")
    #expect(root.attribute(forName: "tests")?.stringValue == "5")
    let cases = try root.nodes(forXPath: "//testcase")
    #expect(cases.count == 5)
    let failures = try root.nodes(forXPath: "//testcase/failure")
    #expect(failures.count == root.attribute(forName: "failures")?.stringValue.flatMap(Int.init))
    let failed = try root.nodes(forXPath: "//testcase[failure]").compactMap {
      ($0 as? XMLElement)?.attribute(forName: "name")?.stringValue
    }
    #expect(failed.contains("grid answers on time"))
    // Nothing is left behind but the file itself.
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["junit.xml"])
  }

  @Test("check refuses a scenario without targets (65) and an unwritable JUnit path (73)")
  func checkErrors() throws {
    let none = try gridsim("check", "\(fixtures)/small.json5")
    #expect(none.status == 65)
    #expect(
      none.stderr
        == "\(fixtures)/small.json5: error: targets: the scenario has no targets, so there is nothing to check; add targets: [{ name: \"...\", metric: \"responseOnTime\", tier: \"...\", atLeast: \"95%\" }]\n"
    )
    #expect(none.stdout.isEmpty)
    let invalid = try gridsim("check", policy, "\(fixtures)/invalid.json5")
    #expect(invalid.status == 65)
    #expect(invalid.stdout.isEmpty, "nothing runs when one scenario is invalid")
    let unwritable = try gridsim(
      "check", policy, "--replications", "3", "--junit", "/no/such/folder/junit.xml")
    #expect(unwritable.status == 73)
    #expect(
      unwritable.stderr
        == "Error: cannot write '/no/such/folder/junit.xml': the folder '/no/such/folder' does not exist; the results above were not saved as JUnit XML.\n"
    )
    let badSet = try gridsim("check", policy, "--set", "tiers.grid")
    #expect(badSet.status == 64)
    #expect(badSet.stderr.hasPrefix("Error: 'tiers.grid' is not key.path=value"))
  }

  @Test("compare shows paired differences; --fail-on-worse exits 1 when a target flips")
  func compare() throws {
    let r = try gridsim("compare", policy, change, "--replications", "10")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.isEmpty)
    try expectSnapshot(r.stdout, "compare-policy.txt")
    let gate = try gridsim("compare", policy, change, "--replications", "10", "--fail-on-worse")
    #expect(gate.status == 1)
    #expect(gate.stdout == r.stdout)
  }

  @Test("a scenario compared with itself shows no difference and passes the gate")
  func compareSelf() throws {
    let r = try gridsim("compare", policy, policy, "--replications", "5", "--fail-on-worse")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("Nothing got significantly worse."))
    #expect(r.stdout.contains("No target went from met to missed."))
    for line in r.stdout.split(separator: "\n") where line.contains(" pt") || line.contains(" h") {
      #expect(!line.contains("worse") && !line.contains("better"), "\(line)")
    }
  }

  @Test("compare of scenarios with different periods warns that the differences are not paired")
  func compareDifferentPeriods() throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gridsim-\(UUID().uuidString).json5")
    try #"{ overrides: { "period.length": "6 weeks" } }"#.write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    let r = try gridsim("compare", policy, file.path, "--replications", "3")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.contains("warning: the scenarios cover different periods"))
    #expect(r.stdout.contains("WARNING: the scenarios cover different periods"))
    #expect(!r.stdout.contains("-0 "))
    let same = try gridsim("compare", policy, policy, "--replications", "3")
    #expect(!same.stderr.contains("different periods"))
  }
}
