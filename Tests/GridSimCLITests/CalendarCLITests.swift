import Foundation
import Testing

@Suite("gridsim calendar end to end")
struct CalendarCLITests {
  @Test("calendar due prints the due time as an ISO 8601 local date-time")
  func due() throws {
    let r = try gridsim("calendar", "due", "2026-09-30T10:00", "3 working days")
    #expect(r.status == 0)
    #expect(r.stdout == "2026-10-10T17:30\n")
    #expect(r.stderr.isEmpty)
    let late = try gridsim("calendar", "due", "2026-12-31T16:00", "8 working hours")
    #expect(late.stdout == "2027-01-01T17:30\n")
    #expect(
      late.stderr
        == "warning: no holiday data for 2027: weekends only; pass --scenario with a calendar that has them\n"
    )
  }

  @Test("calendar YEAR --format csv has a row per day: date,weekday,kind,name")
  func csv() throws {
    let r = try gridsim("calendar", "2026", "--format", "csv")
    #expect(r.status == 0)
    let lines = r.stdout.split(separator: "\n")
    #expect(lines.count == 366)
    #expect(lines[0] == "date,weekday,kind,name")
    #expect(lines.contains("2026-10-10,Sat,makeup-workday,National Day make-up workday"))
    #expect(lines.contains("2026-10-01,Thu,holiday,National Day"))
    #expect(lines.contains("2026-10-11,Sun,weekend,"))
    let text = try gridsim("calendar", "2026")
    try expectSnapshot(text.stdout, "calendar-2026.txt")
  }

  @Test("calendar usage errors exit 64")
  func errors() throws {
    for args in [
      ["calendar", "due", "2026-09-30", "3 workdays"], ["calendar", "20x6"], ["calendar", "due", "x", "1 h"],
    ] {
      let r = try gridsimArgs(args)
      #expect(r.status == 64, "\(args)")
      #expect(r.stderr.hasPrefix("Error: "))
    }
  }
}
