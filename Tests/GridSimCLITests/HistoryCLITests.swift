import Foundation
import GridSim
import Testing

/// `gridsim fit`, `gridsim validate-model` and `run --arrivals` end to end, on the ledger of a
/// shipped scenario saved as a GB18030 log with a bad row.
@Suite("Calibration from history end to end", .serialized)
struct HistoryCLITests {
  @Test("fit writes a scenario that loads and runs; validate-model judges it; run --arrivals replays the log")
  func fitValidateReplay() throws {
    let folder = packageRoot.appendingPathComponent(".build/history-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let base = "Scenarios/township-baseline.json5"
    let ledger = try gridsim("run", base, "--replications", "1", "--out", folder.path, "--ledger")
    #expect(ledger.status == 0, "\(ledger.stderr)")
    // The ledger saved by a spreadsheet in GB18030, with one row whose grid is not the scenario's.
    var text = try String(contentsOf: folder.appendingPathComponent("ledger.csv"), encoding: .utf8)
    text = text.replacingOccurrences(of: "\n1,0,", with: "\n1,0,", options: [], range: nil)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var fields = lines[3].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    fields[5] = "月球网格"
    lines[3] = fields.joined(separator: ",")
    let log = folder.appendingPathComponent("log.csv")
    try Data(try #require(TextEncoding.gb18030.encode(lines.joined(separator: "\n")))).write(to: log)
    let rows = lines.count - 2

    let fitted = folder.appendingPathComponent("fitted.json5")
    let fit = try gridsim("fit", log.path, "--scenario", base, "--out", fitted.path)
    #expect(fit.status == 0, "\(fit.stderr)")
    #expect(fit.stdout.contains("(GB18030): \(rows - 1) of \(rows) rows used"), "\(fit.stdout)")
    #expect(
      fit.stderr.contains("log.csv:4: warning: column grid: '月球网格' is not a grid of the scenario"),
      "\(fit.stderr)")
    let written = try String(contentsOf: fitted, encoding: .utf8)
    #expect(written.contains("extends: \"../../Scenarios/township-baseline.json5\""))
    #expect(written.contains("perGridPerDay: 1.") && written.contains("passUp: 0."))
    let validate = try gridsim("validate", fitted.path)
    #expect(validate.status == 0, "\(validate.stderr)")

    let out = folder.appendingPathComponent("validation")
    let check = try gridsim(
      "validate-model", fitted.path, "--against", log.path, "--replications", "8", "--out", out.path)
    #expect(check.status == 0 || check.status == 1, "\(check.stderr)")
    #expect(check.stdout.contains("measures of the log fall within the range of 8 replications"))
    for name in ["validation.csv", "daily.csv", "validation.md", "validation.html"] {
      #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name)")
    }
    // A scenario far from the log is told so, with exit 1.
    let slow = try gridsim(
      "validate-model", base, "--against", log.path, "--replications", "8", "--set",
      "tiers.grid.handling={ exponential: \"10 h\" }")
    #expect(slow.status == 1)
    #expect(slow.stdout.contains("above by"))

    let replay = try gridsim("run", base, "--arrivals", log.path, "--replications", "2", "--format", "json")
    #expect(replay.status == 0)
    #expect(replay.stderr.contains("Playing "))
    let missing = try gridsim("fit", log.path)
    #expect(missing.status == 64 && missing.stderr.contains("--scenario BASE"))
    let absent = try gridsim("fit", "no-such-log.csv", "--scenario", base)
    #expect(absent.status == 66)
  }
}
