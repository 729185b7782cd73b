import Foundation
import GridSimTestSupport
import Testing

@Suite("gridsim roster end to end")
struct RosterCLITests {
  func folder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("gridsim-roster-\(UUID())")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  static let scenario = "Scenarios/duty/spring-festival-2026.json5"
  static let people = "Scenarios/duty/township-people.csv"

  @Test("the shipped township's Spring Festival roster: exit 0, files written whole, phones masked")
  func shipped() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("roster").path
    let r = try gridsim(
      "roster", Self.scenario, "--people", Self.people, "--no-check", "--out", out, "--lang", "en")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.hasPrefix("gridsim roster: Spring Festival 2026 duty roster"))
    #expect(r.stdout.contains("Every shift-day is staffed and every rule kept."), "\(r.stdout)")
    #expect(r.stderr.hasPrefix("Wrote the duty roster to "))
    let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
    #expect(files == ["duty-roster.csv", "duty-roster.html", "duty-roster.md", "fairness.csv", "people"])
    let csv = try String(contentsOfFile: out + "/duty-roster.csv", encoding: .utf8)
    #expect(
      csv.hasPrefix("date,weekday,day kind,hard day,tier,unit,shift,start,end,role,id,name,phone,post\n"))
    #expect(csv.contains("****"))
    #expect(csv.range(of: #"1390000\d{4}"#, options: .regularExpression) == nil)
    let html = try String(contentsOfFile: out + "/duty-roster.html", encoding: .utf8)
    #expect(html.contains("@page{size:A4"))
    // Masked phones print as they are (the renderer's ** is not emphasis there).
    #expect(html.range(of: #"139\*\*\*\*\d{4}"#, options: .regularExpression) != nil)
    #expect(!html.contains("<strong></strong>"))
    let md = try String(contentsOfFile: out + "/duty-roster.md", encoding: .utf8)
    #expect(md.range(of: #"139\\\*\\\*\\\*\\\*\d{4}"#, options: .regularExpression) != nil)
    let ics = try FileManager.default.contentsOfDirectory(atPath: out + "/people")
    #expect(!ics.isEmpty && ics.allSatisfy { $0.hasSuffix(".ics") })
    let one = try String(contentsOfFile: out + "/people/" + ics.sorted()[0], encoding: .utf8)
    #expect(one.hasPrefix("BEGIN:VCALENDAR\r\n") && one.contains("BEGIN:VEVENT"))

    // A re-plan reading the roster from the folder it replaces: nothing changes hands.
    let again = try gridsim(
      "roster", Self.scenario, "--people", Self.people, "--no-check", "--previous", out + "/duty-roster.csv",
      "--out",
      out, "--lang", "en")
    #expect(again.status == 0, "\(again.stderr)")
    #expect(again.stdout.contains("Against the previous roster: 0 seats change hands."), "\(again.stdout)")
    #expect(again.stderr.contains("replacing the previous roster it was read from"))
  }

  @Test(
    "a plan.json from an older gridsim: its headcounts roster with --no-check; judging needs a certificate (65)"
  )
  func olderPlan() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let plan = try String(
      contentsOf: packageRoot.appendingPathComponent("Reports/spring-festival-2026-plan/plan.json"),
      encoding: .utf8)
    let old = dir.appendingPathComponent("old.json").path
    try plan.replacingOccurrences(of: "\"version\": 2", with: "\"version\": 1").write(
      toFile: old, atomically: true, encoding: .utf8)
    let named = try gridsim("roster", Self.scenario, "--people", Self.people, "--plan", old, "--no-check")
    #expect(named.status == 0, "\(named.stderr)")
    let judged = try gridsim("roster", Self.scenario, "--people", Self.people, "--plan", old)
    #expect(judged.status == 65)
    #expect(judged.stderr.contains("old.json: error: version: expected version 2"), "\(judged.stderr)")
    #expect(judged.stdout.isEmpty)
  }

  @Test("swaps against the previous roster: one applied and recorded, one refused with the rule")
  func swaps() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("roster").path
    let first = try gridsim(
      "roster", Self.scenario, "--people", Self.people, "--no-check", "--out", out, "--lang", "en")
    #expect(first.status == 0, "\(first.stderr)")
    let rows = try String(contentsOfFile: out + "/duty-roster.csv", encoding: .utf8).split(separator: "\n")
      .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    // Who of 1村 has the duty of 20 Feb, and someone of 1村 who is free that day.
    let onDuty = try #require(rows.first { $0[0] == "2026-02-20" && $0[5] == "1村" })[10]
    let people = try String(
      contentsOfFile: packageRoot.appendingPathComponent(Self.people).path, encoding: .utf8
    )
    .split(separator: "\n").dropFirst().map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    let free = try #require(people.first { $0[2] == "1村" && $0[0] != onDuty && $0[6].isEmpty })[0]
    let other = try #require(people.first { $0[2] == "2村" })[0]
    let swapsFile = dir.appendingPathComponent("swaps.csv").path
    try "日期,班次,被替换人,替班人,原因\n2026-02-20,duty,\(onDuty),\(other),走亲戚\n2026-02-20,duty,\(onDuty),\(free),家中有事\n"
      .write(toFile: swapsFile, atomically: true, encoding: .utf8)
    let r = try gridsim(
      "roster", Self.scenario, "--people", Self.people, "--no-check", "--previous", out + "/duty-roster.csv",
      "--swaps", swapsFile, "--out", out, "--lang", "en")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stdout.contains("Swap refused:") && r.stdout.contains("breaks: each unit covers its own shifts."),
      "\(r.stdout)")
    #expect(r.stdout.contains("Swap: ") && r.stdout.contains("(家中有事)"))
    let swaps = try String(contentsOfFile: out + "/swaps.csv", encoding: .utf8)
    #expect(swaps.hasPrefix("date,unit,shift,from,from name,to,to name,reason,status\n"))
    #expect(swaps.contains(",走亲戚,refused: each unit covers its own shifts\n"))
    #expect(swaps.contains(",家中有事,applied\n"))
    let after = try String(contentsOfFile: out + "/duty-roster.csv", encoding: .utf8)
    #expect(
      after.contains("2026-02-20,")
        && after.split(separator: "\n").contains {
          $0.hasPrefix("2026-02-20,") && $0.contains(",1村,") && $0.contains(",\(free),")
        })
  }

  @Test("in Chinese: the summary, the table and the files' headers have no English word of ours")
  func chinese() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("roster").path
    let r = try gridsim(
      "roster", Self.scenario, "--people", Self.people, "--no-check", "--out", out, "--lang", "zh")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("每个班次日都已排满，所有规则都满足。"))
    #expect(r.stderr.hasPrefix("值班表已写入 "))
    for word in ["Every", "Objective", "leader", "Date", "Unit", "On duty", "needs", "spread"] {
      #expect(!r.stdout.contains(word), "\(word)")
    }
    let csv = try String(contentsOfFile: out + "/duty-roster.csv", encoding: .utf8)
    #expect(csv.hasPrefix("日期,星期,日类型,难值日,层级,单位,班次,开始,结束,角色,编号,姓名,电话,岗位类别\n"))
    let fairness = try String(contentsOfFile: out + "/fairness.csv", encoding: .utf8)
    #expect(fairness.hasPrefix("编号,姓名,单位,岗位类别,值班,夜班,难值日"))
  }

  @Test("no roster keeps the rules: exit 1, each shift-day named, nothing written")
  func infeasible() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let people = dir.appendingPathComponent("people.csv").path
    try "编号,姓名,单位,请假日期\nA,甲,1村,2026-02-16\nB,乙,青山镇\n".write(toFile: people, atomically: true, encoding: .utf8)
    let out = dir.appendingPathComponent("roster").path
    let r = try gridsim(
      "roster", Self.scenario, "--people", people, "--no-check", "--from", "2026-02-16", "--to", "2026-02-16",
      "--out", out,
      "--lang", "en")
    #expect(r.status == 1)
    #expect(r.stdout.contains("No roster keeps every rule"))
    // The shift as the scenario shows it (its title, else its name).
    for village in ["1村", "2村"] {
      let line = "村两委 of \(village): 16 Feb 2026 \\S+ needs 1, only 0 available after leave\n"
      #expect(r.stdout.range(of: line, options: .regularExpression) != nil, "\(r.stdout)")
    }
    #expect(
      r.stdout.contains("领导小组 of 青山镇: 16 Feb 2026 leader on duty needs 1, only 0 available after leave"))
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  @Test("a bad people file: exit 65, every problem with its line; no --people: 64")
  func badInput() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let people = dir.appendingPathComponent("people.csv").path
    try "id,name,unit,phone\nA,甲,1村,call me\nB,乙,东村,\n".write(
      toFile: people, atomically: true, encoding: .utf8)
    let r = try gridsim("roster", Self.scenario, "--people", people)
    #expect(r.status == 65)
    #expect(r.stderr.contains("people.csv:2: error: phone: expected a phone number"), "\(r.stderr)")
    #expect(r.stderr.contains("people.csv:3: error: unit: no unit is named '东村'"))
    let missing = try gridsim("roster", Self.scenario)
    #expect(missing.status == 64)
    #expect(missing.stderr.hasPrefix("Error: Missing '--people FILE'"))
    let absent = try gridsim("roster", Self.scenario, "--people", dir.appendingPathComponent("none.csv").path)
    #expect(absent.status == 66)
  }

  @Test("Reports/ holds the current duty rosters of the shipped township")
  func freshRosters() throws {
    let lines = try ShippedReportTests.lines("roster")
    #expect(lines.count == 2)
    for args in lines {
      let out = try #require(args.firstIndex(of: "--out"))
      let temporary = FileManager.default.temporaryDirectory.appendingPathComponent(
        "gridsim-\(UUID().uuidString)")
      defer { try? FileManager.default.removeItem(at: temporary) }
      var fresh = ["roster"] + args
      fresh[out + 2] = temporary.path
      let r = try gridsimArgs(fresh)
      #expect(r.status == 0, "\(r.stderr)")
      let enumerator = try #require(FileManager.default.enumerator(atPath: temporary.path))
      var names: [String] = []
      while let name = enumerator.nextObject() as? String { names.append(name) }
      #expect(names.count > 10)
      for name in names where name.contains(".") {
        let now = try String(contentsOf: temporary.appendingPathComponent(name), encoding: .utf8)
        let then = try? String(
          contentsOf: packageRoot.appendingPathComponent(args[out + 1] + "/" + name), encoding: .utf8)
        #expect(now == then, "\(args[out + 1])/\(name) is stale; regenerate with: Reports/regenerate")
      }
    }
  }

  @Test(
    "the posted 值班表 prints on A4 portrait: every day's row whole on one page, every name and masked phone on the paper",
    .enabled(if: (chromium != nil && pdftotext != nil) || browserRequired),
    arguments: ["national-day-2026-roster", "spring-festival-2026-roster"])
  func printsOnA4(folderName: String) throws {
    let browser = try #require(chromium, "Chromium is required here but not installed")
    let toText = try #require(pdftotext, "pdftotext (poppler-utils) is required here but not installed")
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let page = packageRoot.appendingPathComponent("Reports/\(folderName)/duty-roster.html")
    let html = try String(contentsOf: page, encoding: .utf8)
    let (boxes, text) = try printed(page.absoluteString, browser: browser, toText: toText, in: dir)
    #expect(!boxes.isEmpty)
    for box in boxes { #expect(box.count == 4 && abs(box[2] - 595) < 1 && abs(box[3] - 842) < 1, "\(box)") }
    // What is on the paper: a clipped column or a row cut by the page's foot would lose a name or
    // print a date twice.
    let paper = text.replacingOccurrences(of: "\n", with: "").replacingOccurrences(of: " ", with: "")
    let cells = html.components(separatedBy: "<td class=\"l\">").dropFirst().map {
      $0.components(separatedBy: "</td>")[0]
    }
    #expect(cells.count > 20)
    // Each person as posted: name and masked phone, e.g. 邵杰刚 139****9875.
    let people = Set(
      cells.flatMap { $0.components(separatedBy: CharacterSet(charactersIn: "、；")) }.compactMap { item in
        item.range(of: #"\S+ 139\*\*\*\*\d{4}"#, options: .regularExpression).map { String(item[$0]) }
      })
    #expect(people.count > 20)
    for person in people {
      let parts = person.split(separator: " ").map(String.init)
      #expect(paper.contains(parts[0]), "\(person) is not on the paper")
      #expect(paper.contains(parts[parts.count - 1]), "\(person)'s phone is not on the paper")
    }
    // Every day's row printed as often as the tables have it: its date and weekday together.
    let rows = html.components(separatedBy: "<tr><td class=\"l\">").dropFirst().map {
      $0.components(separatedBy: "</td>")[0].replacingOccurrences(of: " ", with: "")
    }
    for date in Set(rows) {
      let times = paper.components(separatedBy: date).count - 1
      #expect(times >= rows.filter { $0 == date }.count, "\(date) printed \(times) times")
    }
    let pages = text.components(separatedBy: "\u{0C}").filter {
      !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }
    #expect((1...20).contains(pages.count), "\(pages.count) pages")
  }
}
