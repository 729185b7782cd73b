import Foundation
import GridSim
import GridSimTestSupport
import Testing

/// `gridsim fit`, `gridsim validate-model` and `run --arrivals` end to end, on the ledger of a
/// shipped scenario saved as a GB18030 log with a bad row.
@Suite("Calibration from history end to end", .serialized)
struct HistoryCLITests {
  @Test("a log too short to fit any tier: the scenario keeps the base's tiers, says so, and validates")
  func tooShort() throws {
    let folder = packageRoot.appendingPathComponent(".build/history-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    // The header and the first 39 rows (lines end in CR LF: cut at the bytes).
    let full = try Data(
      contentsOf: packageRoot.appendingPathComponent("Scenarios/history/township-2026-spring.csv"))
    let log = folder.appendingPathComponent("short.csv")
    try Data(full.split(separator: UInt8(ascii: "\n")).prefix(40).joined(separator: [UInt8(ascii: "\n")]))
      .write(to: log)
    let fitted = folder.appendingPathComponent("fitted.json5")
    let fit = try gridsim(
      "fit", "--lang", "en", log.path, "--scenario", "Scenarios/township-baseline.json5", "--out", fitted.path
    )
    #expect(fit.status == 0, "\(fit.stderr)")
    #expect(
      fit.stdout.contains(
        "no tier fitted (grid 38 visits, village 20 visits, leadership 5 visits; 30 per figure are needed)"),
      "\(fit.stdout)")
    let written = try String(contentsOf: fitted, encoding: .utf8)
    #expect(!written.contains("tiers: ["))
    let validate = try gridsim("validate", fitted.path)
    #expect(validate.status == 0, "\(validate.stderr)")
    // Outside the folder that holds its base, a fitted scenario could not extend it: refused.
    // A folder of its own: the temporary folder itself may hold the package (a clone in /tmp).
    let elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gridsim-outside-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: elsewhere) }
    let outside = elsewhere.appendingPathComponent("fitted.json5")
    let far = try gridsim(
      "fit", log.path, "--scenario", "Scenarios/township-baseline.json5", "--out", outside.path)
    #expect(far.status == 64 && far.stderr.contains("is outside the project folder"), "\(far.stderr)")
    #expect(!FileManager.default.fileExists(atPath: outside.path))
  }

  @Test("fit writes a scenario that loads and runs; validate-model judges it; run --arrivals replays the log")
  func fitValidateReplay() throws {
    let folder = packageRoot.appendingPathComponent(".build/history-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let base = "Scenarios/township-baseline.json5"
    let ledger = try gridsim(
      "run", base, "--replications", "1", "--out", folder.path, "--ledger", "--lang", "en")
    #expect(ledger.status == 0, "\(ledger.stderr)")
    // The ledger in Chinese (its columns the words platforms use) is a log too, read whole.
    let chinese = folder.appendingPathComponent("zh")
    #expect(
      try gridsim("run", base, "--replications", "1", "--out", chinese.path, "--ledger", "--lang", "zh")
        .status == 0)
    let zhFit = try gridsim(
      "fit", "--lang", "en", chinese.appendingPathComponent("ledger.csv").path, "--scenario", base)
    #expect(zhFit.status == 0, "\(zhFit.stderr)")
    #expect(zhFit.stderr.contains("(100%)") && zhFit.stderr.contains("columns: 工单编号"), "\(zhFit.stderr)")
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
    let fit = try gridsim("fit", "--lang", "en", log.path, "--scenario", base, "--out", fitted.path)
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
      "validate-model", "--lang", "en", fitted.path, "--against", log.path, "--replications", "8", "--out",
      out.path)
    #expect(check.status == 0 || check.status == 1, "\(check.stderr)")
    #expect(check.stdout.contains("measures of the log fall within the range of 8 replications"))
    for name in ["validation.csv", "daily.csv", "validation.md", "validation.html"] {
      #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name)")
    }
    // A scenario far from the log is told so, with exit 1.
    let slow = try gridsim(
      "validate-model", "--lang", "en", base, "--against", log.path, "--replications", "8", "--set",
      "tiers.grid.handling={ exponential: \"10 h\" }")
    #expect(slow.status == 1)
    #expect(slow.stdout.contains("above by"))

    let replay = try gridsim("run", base, "--arrivals", log.path, "--replications", "2", "--format", "json")
    #expect(replay.status == 0)
    #expect(replay.stderr.contains("Playing "))
    let missing = try gridsim("fit", "--lang", "en", log.path)
    #expect(missing.status == 64 && missing.stderr.contains("--scenario BASE"))
    let absent = try gridsim("fit", "--lang", "en", "no-such-log.csv", "--scenario", base)
    #expect(absent.status == 66)
  }

  @Test("a column-mapping file names the columns and words of a platform's own export")
  func mappingFile() throws {
    let folder = packageRoot.appendingPathComponent(".build/mapping-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let base = "Scenarios/township-baseline.json5"
    // Forty items a day over the first week, with headers and words gridsim does not know.
    var csv = "单号,登记日期,社区网格,问题分类,网格员接单,网格员答复,网格员结案,网格员状态\n"
    for i in 0..<280 {
      let day = 2 + i / 40
      let time = String(format: "2026-03-%02d %02d:%02d", day, 8 + (i % 40) / 4, (i % 4) * 15)
      let done = String(format: "2026-03-%02d %02d:%02d", day, 8 + (i % 40) / 4, (i % 4) * 15 + 10)
      csv += "N\(i),\(time),东村一组,\(i % 2 == 0 ? "环境卫生" : "咨询"),\(time),\(done),\(done),已办结\n"
    }
    let log = folder.appendingPathComponent("export.csv")
    try csv.write(to: log, atomically: true, encoding: .utf8)
    let map = folder.appendingPathComponent("map.json5")
    try """
    {
      columns: {
        id: "单号", detected: "登记日期", grid: "社区网格", category: "问题分类",
        "grid.started": "网格员接单", "grid.responded": "网格员答复", "grid.left": "网格员结案",
        "grid.outcome": "网格员状态",
      },
      values: { grid: { "东村一组": "1村第1网格" }, category: { "环境卫生": "complaint" } },
      outcomes: { "已办结": "closed" },
    }
    """.write(to: map, atomically: true, encoding: .utf8)
    // Without the mapping, nothing in the log is known.
    let bare = try gridsim("fit", "--lang", "en", log.path, "--scenario", base)
    #expect(
      bare.status == 65 && bare.stderr.contains("expected a header naming a time column"), "\(bare.stderr)")
    let fit = try gridsim("fit", "--lang", "en", log.path, "--scenario", base, "--columns", map.path)
    #expect(fit.status == 0, "\(fit.stderr)")
    #expect(fit.stderr.contains("280 of 280 rows used"), "\(fit.stderr)")
    #expect(fit.stderr.contains("columns: 单号, 登记日期, 社区网格, 问题分类, 网格员接单"), "\(fit.stderr)")
    // Half the items were complaints (环境卫生), half consultations.
    #expect(fit.stdout.contains("{ id: \"complaint\", share: 0.5 }"), "\(fit.stdout)")
    // The same mapping reads the log for validate-model and for run --arrivals.
    let judged = try gridsim(
      "validate-model", "--lang", "en", base, "--against", log.path, "--columns", map.path, "--replications",
      "4")
    #expect(judged.status == 0 || judged.status == 1, "\(judged.stderr)")
    #expect(judged.stdout.contains("range of 4 replications"), "\(judged.stdout)")
    let replay = try gridsim(
      "run", base, "--arrivals", log.path, "--columns", map.path, "--replications", "1", "--format", "json")
    #expect(replay.status == 0, "\(replay.stderr)")
    #expect(replay.stderr.contains("Playing 280"), "\(replay.stderr)")
    // One replication has no spread to judge against.
    let one = try gridsim(
      "validate-model", "--lang", "en", base, "--against", log.path, "--columns", map.path, "--replications",
      "1")
    #expect(one.status == 64 && one.stderr.contains("'--replications'"), "\(one.stderr)")

    // A mapping naming a column the log lacks, and an unknown field: each with its line.
    try """
    {
      columns: {
        detected: "受理日期",
        grid_started: "网格员接单",
      },
      outcomes: { "已办结": "finished" },
    }
    """.write(to: map, atomically: true, encoding: .utf8)
    let bad = try gridsim("fit", "--lang", "en", log.path, "--scenario", base, "--columns", map.path)
    #expect(bad.status == 65, "\(bad.stderr)")
    #expect(bad.stderr.contains("map.json5:4:5: error: columns.grid_started"), "\(bad.stderr)")
    #expect(
      bad.stderr.contains("unknown field 'grid_started'")
        && bad.stderr.contains("did you mean 'grid.started'?"))
    #expect(bad.stderr.contains("map.json5:6:") && bad.stderr.contains("found 'finished'"))
    // Words standing for what the scenario does not have, and a tier named by its name.
    try """
    {
      columns: { "网格员.started": "网格员接单" },
      values: { category: { "环境卫生": "complaints" } },
    }
    """.write(to: map, atomically: true, encoding: .utf8)
    let words = try gridsim("fit", "--lang", "en", log.path, "--scenario", base, "--columns", map.path)
    #expect(words.status == 65)
    #expect(words.stderr.contains("name the tier by its id: 'grid.started'"), "\(words.stderr)")
    #expect(
      words.stderr.contains("map.json5:3:33: error: values.category.环境卫生")
        && words.stderr.contains("did you mean 'complaint'?"), "\(words.stderr)")
    // --columns is for a log: without --arrivals, run says so.
    let runColumns = try gridsim("run", base, "--columns", map.path)
    #expect(runColumns.status == 64 && runColumns.stderr.contains("--arrivals"))
    // Once the fields are right, the missing header is named with the mapping's line.
    try "{ columns: {\n  detected: \"受理日期\",\n} }".write(to: map, atomically: true, encoding: .utf8)
    let missing = try gridsim("fit", "--lang", "en", log.path, "--scenario", base, "--columns", map.path)
    #expect(missing.status == 65)
    #expect(
      missing.stderr.contains("map.json5:2: error: columns.detected: the log")
        && missing.stderr.contains("has no column '受理日期'"),
      "\(missing.stderr)")
  }
}
