import Foundation
import GridSim
import Testing

/// CSV files both ways with Excel and WPS on Chinese Windows: GB18030 and UTF-8 with a byte-order
/// mark read, a byte-order mark written on request.
@Suite("Spreadsheets end to end")
struct SpreadsheetCLITests {
  /// A starter township (Chinese names) whose roster names a village, as a planner edits it.
  func township() throws -> (folder: URL, scenario: String, roster: URL, text: String) {
    let folder = temporaryFolder()
    #expect(try gridsim("init", folder.path, "--villages", "2", "--grids-per-village", "2").status == 0)
    let roster = folder.appendingPathComponent("roster.csv")
    let text = try String(contentsOf: roster, encoding: .utf8) + "2026-10-02,1村,duty,3\n"
    try text.write(to: roster, atomically: true, encoding: .utf8)
    return (folder, folder.appendingPathComponent("scenario.json5").path, roster, text)
  }

  @Test("a roster saved by a spreadsheet as GB18030 or as UTF-8 with a BOM (and CRLF) reads back identically")
  func rosterRoundTrip() throws {
    let t = try township()
    defer { try? FileManager.default.removeItem(at: t.folder) }
    let original = try gridsim("run", t.scenario, "--replications", "2", "--format", "json")
    #expect(original.status == 0, "\(original.stderr)")
    #expect(
      try gridsim("validate", t.scenario, "--lang", "en").stdout.contains("read \(t.roster.path) as UTF-8\n"))
    let saved: [(TextEncoding, String)] = [
      (.gb18030, t.text), (.utf8BOM, t.text.replacingOccurrences(of: "\n", with: "\r\n")),
    ]
    for (encoding, text) in saved {
      let bytes = try #require(encoding.encode(text))
      try Data(bytes).write(to: t.roster)
      let validate = try gridsim("validate", t.scenario, "--lang", "en")
      #expect(validate.status == 0, "\(validate.stderr)")
      #expect(
        validate.stdout.contains("read \(t.roster.path) as \(encoding.rawValue)\n"), "\(validate.stdout)")
      let run = try gridsim("run", t.scenario, "--replications", "2", "--format", "json")
      #expect(run.stdout == original.stdout, "\(encoding)")
    }
    // GB18030 really differs from UTF-8 here: the village's name is two bytes a character.
    #expect(TextEncoding.gb18030.encode(t.text) != TextEncoding.utf8.encode(t.text))
  }

  @Test("a roster that is neither UTF-8 nor GB18030 is refused with its line and byte")
  func undecodable() throws {
    let t = try township()
    defer { try? FileManager.default.removeItem(at: t.folder) }
    try Data(Array("when,unit,shift,staff\nholiday,".utf8) + [0xFF, 0x41] + Array(",duty,1\n".utf8)).write(
      to: t.roster)
    let r = try gridsim("validate", t.scenario, "--lang", "en")
    #expect(r.status == 65)
    #expect(
      r.stderr.contains(
        "cannot read the roster file '\(t.roster.path)': it is neither UTF-8 nor GB18030 text: line 2, byte 31"
      ),
      "\(r.stderr)")
  }

  @Test(
    "--csv excel (or GRIDSIM_CSV=excel) writes CSV files with a byte-order mark; plain, the default, without")
  func excelOutput() throws {
    let folder = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let small = "\(fixtures)/small.json5"
    let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
    func firstBytes(_ name: String, in sub: String) throws -> [UInt8] {
      Array(try Data(contentsOf: folder.appendingPathComponent(sub).appendingPathComponent(name)).prefix(3))
    }
    #expect(try gridsim("run", small, "--out", folder.appendingPathComponent("plain").path).status == 0)
    #expect(try firstBytes("daily.csv", in: "plain") != bom)
    #expect(
      try gridsim("run", small, "--out", folder.appendingPathComponent("excel").path, "--csv", "excel").status
        == 0)
    for name in ["daily.csv", "tiers.csv"] { #expect(try firstBytes(name, in: "excel") == bom) }
    #expect(try firstBytes("summary.json", in: "excel") != bom)
    let env = try gridsimArgs(
      ["run", small, "--out", folder.appendingPathComponent("env").path],
      environment: ["GRIDSIM_CSV": "excel"])
    #expect(env.status == 0)
    #expect(try firstBytes("daily.csv", in: "env") == bom)
    // The same table either way, for a reader that drops the mark (as gridsim's do).
    let plain = try String(contentsOf: folder.appendingPathComponent("plain/daily.csv"), encoding: .utf8)
    let excel = try Data(contentsOf: folder.appendingPathComponent("excel/daily.csv"))
    #expect(try TextEncoding.decode(Array(excel)).get().text == plain)
    let bad = try gridsimArgs(
      ["run", small, "--out", folder.path + "/x"], environment: ["GRIDSIM_CSV": "xls"])
    #expect(bad.status == 64 && bad.stderr.contains("GRIDSIM_CSV is 'xls'; expected plain or excel."))
    let noOut = try gridsim("run", small, "--csv", "excel")
    #expect(noOut.status == 64 && noOut.stderr.contains("--csv needs --out DIR"))
    // The other commands that write CSV files take the option the same way.
    let script = folder.appendingPathComponent("script")
    let drill = try gridsim(
      "drill", "script", "Scenarios/drills/national-day-flood.json5", "--out", script.path, "--csv", "excel")
    #expect(drill.status == 0, "\(drill.stderr)")
    for name in ["script.csv", "team-log.csv"] {
      #expect(try firstBytes(name, in: "script") == bom, "\(name)")
    }
    #expect(try firstBytes("script.html", in: "script") != bom)
    let sweep = try gridsim(
      "sweep", small, "--vary", "demand.perGridPerDay=4,6", "--replications", "2", "--out",
      folder.appendingPathComponent("sweep").path, "--csv", "excel")
    #expect(sweep.status == 0 || sweep.status == 1, "\(sweep.stderr)")
    #expect(try firstBytes("sweep.csv", in: "sweep") == bom)
    // A roster written for Excel reads back as such.
    let starter = folder.appendingPathComponent("starter")
    #expect(try gridsim("init", starter.path, "--csv", "excel").status == 0)
    let validate = try gridsim(
      "validate", starter.appendingPathComponent("scenario.json5").path, "--lang", "en")
    #expect(validate.stdout.contains("roster.csv as UTF-8 with BOM"))
  }
}
