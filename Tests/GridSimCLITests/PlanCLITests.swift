import Foundation
import GridSimTestSupport
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite("gridsim plan end to end")
struct PlanCLITests {
  /// The shipped textbook case: one desk of up to 12, Poisson arrivals of 4 an hour, exponential
  /// handling of 1 h, a 15-minute response deadline; the plan covers two days (Erlang C: 7 people
  /// meet 88% within 15 min).
  static var scenario: String {
    (try? String(
      contentsOf: packageRoot.appendingPathComponent("Scenarios/planning/erlang-desk.json5"), encoding: .utf8))
      ?? ""
  }

  func folder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("gridsim-plan-\(UUID())")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    try Self.scenario.write(to: url.appendingPathComponent("desk.json5"), atomically: true, encoding: .utf8)
    return url
  }

  @Test("a certified plan: exit 0, the table on stdout, roster.csv that loads back and passes check")
  func certified() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let scenario = dir.appendingPathComponent("desk.json5").path
    let out = dir.appendingPathComponent("plan").path
    let r = try gridsim("plan", scenario, "--out", out, "--jobs", "2", "--neighbours", "--verbose")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(!Self.scenario.isEmpty)
    #expect(r.stdout.contains("A certified plan"))
    // Both days' one fewer misses (Erlang C: 6 answer 82.7% within 15 min), and no move saves
    // anything (one shift, the same hours each day): two neighbours judged, none passes.
    #expect(
      r.stdout.contains(
        "Neighbours: 2 one-person changes (one fewer at a shift-day, or one moved to a cheaper shift-day of the same unit) judged on the certification's seeds and replications: none meets every check."
      ), "\(r.stdout)")
    #expect(r.stdout.contains("desk all-day  7 (12)  7 (12)"), "\(r.stdout)")
    #expect(r.stderr.contains("\nWrote the plan to "), "\(r.stderr)")
    // --verbose names each cut the trim refused with its check and estimate: one fewer, 6, answers
    // about 82.7% within 15 min (Erlang C), below the 88% asked.
    #expect(
      r.stderr.contains(
        "gridsim plan: trim: one fewer on desk all-day 2026-03-10 refused: answered within 15 min on 2026-03-10 (mean 0.8"
      ), "\(r.stderr)")
    #expect(r.stderr.contains("; at least 0.88)\n"), "\(r.stderr)")
    let roster = try String(contentsOfFile: out + "/roster.csv", encoding: .utf8)
    #expect(roster == "when,unit,shift,staff\n2026-03-10,desk,all-day,7\n2026-03-11,desk,all-day,7\n")
    // The report's heat map is well-formed SVG, and plan.json says certified.
    let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
    let svg = try #require(html.components(separatedBy: "<svg ").dropFirst().first)
    let parser = XMLParser(data: Data(("<svg " + svg.components(separatedBy: "</svg>")[0] + "</svg>").utf8))
    #expect(parser.parse(), "\(String(describing: parser.parserError))")
    let json = try String(contentsOfFile: out + "/plan.json", encoding: .utf8)
    #expect(json.contains("\"verdict\": \"certified\""))
    #expect(
      json.contains("\"neighbours\": {\n    \"tried\": 2,\n    \"notJudged\": 0,\n    \"passing\": []\n  }"),
      "\(json)")
    // The certificate re-runs: the same figures, every check met, each as recorded.
    let recheck = try gridsim("check", scenario, "--plan", out + "/plan.json", "--jobs", "1")
    #expect(recheck.status == 0, "\(recheck.stderr)")
    #expect(recheck.stdout.contains("Every check met"), "\(recheck.stdout)")
    #expect(recheck.stdout.contains("Every result is the one the certificate recorded."), "\(recheck.stdout)")
    // A plan.json that is not one: exit 65 naming the key.
    try "{ \"schema\": \"gridsim-plan\", \"version\": 1 }".write(
      toFile: dir.appendingPathComponent("old.json").path, atomically: true, encoding: .utf8)
    let old = try gridsim("check", scenario, "--plan", dir.appendingPathComponent("old.json").path)
    #expect(old.status == 65 && old.stderr.contains("version: expected version 2"), "\(old.stderr)")
    // The plan's roster loads back: the desk keeps 7 on the two days, and the target holds.
    try
      "{ extends: \"desk.json5\", tiers: [{ id: \"desk\", roster: { shifts: [{ name: \"all-day\", start: \"00:00\", end: \"00:00\" }] } }], rosterFiles: [\"plan/roster.csv\"] }"
      .write(toFile: dir.appendingPathComponent("planned.json5").path, atomically: true, encoding: .utf8)
    let check = try gridsim("check", dir.appendingPathComponent("planned.json5").path)
    #expect(check.status == 0, "\(check.stdout)\(check.stderr)")

    // A named roster on the plan is judged as the plan's certificate: its seeds, day by day. The
    // desk's day is one 24-hour shift (a night: a day's rest after it), so 14 people cover 7 a day.
    try
      "{ extends: \"desk.json5\", tiers: [{ id: \"desk\", roster: { shifts: [{ name: \"all-day\", start: \"00:00\", end: \"00:00\" }] } }] }"
      .write(toFile: dir.appendingPathComponent("named.json5").path, atomically: true, encoding: .utf8)
    let people = "id,name,unit\n" + (1...14).map { "P\($0),人\($0),desk\n" }.joined()
    try people.write(toFile: dir.appendingPathComponent("people.csv").path, atomically: true, encoding: .utf8)
    func nameRoster(_ plan: String) throws -> Invocation {
      try gridsim(
        "roster", dir.appendingPathComponent("named.json5").path, "--people",
        dir.appendingPathComponent("people.csv").path, "--plan", plan, "--lang", "en")
    }
    let named = try nameRoster(out + "/plan.json")
    let seed = try #require(
      json.components(separatedBy: "\"seed\": \"").dropFirst().first?.prefix { $0.isNumber })
    #expect(named.status == 0, "\(named.stdout)\(named.stderr)")
    #expect(
      named.stdout.contains(
        "Judged as the plan's certificate (30 replications from seed \(seed), every check day by day and surge by surge): every check met (3)."
      ), "\(named.stdout)")
    // The same plan with 5 on each day: the roster names 5 a day, and the certificate's checks miss
    // (Erlang C: 5 people answer well under the 88% asked within 15 min); exit 1, the day named.
    let fewer = dir.appendingPathComponent("fewer.json").path
    try json.replacingOccurrences(of: "\"staff\": 7", with: "\"staff\": 5").write(
      toFile: fewer, atomically: true, encoding: .utf8)
    let short = try nameRoster(fewer)
    #expect(short.status == 1, "\(short.stdout)\(short.stderr)")
    #expect(short.stdout.contains("3 of 3 checks missed:\n  answered within 15 min: "), "\(short.stdout)")
    #expect(short.stdout.contains("\n  answered within 15 min on 10 Mar 2026: "), "\(short.stdout)")
  }

  @Test("bounds too low: exit 1 naming the target that binds and where; no plan key: exit 65")
  func failures() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let scenario = dir.appendingPathComponent("desk.json5").path
    let low = try gridsim("plan", scenario, "--set", "plan.max=5", "--jobs", "2")
    #expect(low.status == 1)
    #expect(low.stdout.contains("No plan within the bounds meets the targets"))
    #expect(low.stdout.contains("answered within 15 min on 10 Mar 2026"), "\(low.stdout)")
    let plain = dir.appendingPathComponent("plain.json5").path
    try Self.scenario.replacingOccurrences(
      of: "plan: { window: { from: \"2026-03-10\", to: \"2026-03-11\" }, min: 4, max: 12 },", with: ""
    ).write(toFile: plain, atomically: true, encoding: .utf8)
    let none = try gridsim("plan", plain)
    #expect(none.status == 65, "\(none.stderr)")
    #expect(none.stderr.contains("plan: the scenario has no 'plan', so there is nothing to plan"))
  }
}
