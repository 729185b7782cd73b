import Testing

@testable import GridSim

/// 值班 as it works: duty staff take what the policy's duty rule names at once and leave the rest
/// for the next office shift, computed by hand.
@Suite("Duty shifts, computed by hand")
struct DutyShiftTests {
  /// One grid worker: an office shift 08:00-17:00 and a duty shift 17:00-08:00 (one person each);
  /// handling 1 h; duty takes major items. The period starts Monday 5 January 2026 at 00:00.
  func scenario(injects: String, duty: String = "duty: { severities: [\"major\"], opinion: false }") -> String
  {
    workflowScenario(
      grid: """
        id: "grid", handling: "1 h", authority: { maxSeverity: "major" },
        roster: { shifts: [
          { name: "office", start: "08:00", end: "17:00", staff: 1 },
          { name: "night", title: "值班", start: "17:00", end: "08:00", staff: 1, duty: true },
        ] }
        """, policy: duty, injects: injects)
  }

  @Test("a routine item at night waits for the office shift; a major one is taken at once")
  func routineWaits() throws {
    // Routine at 20:00 (Monday): waits until 08:00 Tuesday, done 09:00 (resolution 13 h). Major at
    // 21:00: the duty worker takes it at once, done 22:00 (1 h).
    let (model, r) = try runOnce(
      scenario(injects: "{ after: \"20 h\" }, { after: \"21 h\", severity: \"major\" }"))
    #expect(model.hasDutyShifts)
    #expect(r.count(.closed, group: .tier(0)) == 2)
    let waited: Double = 13 * 60
    #expect(r.metric(.resolution, group: .system).max == waited)
    #expect(r.metric(.resolution, group: .system).mean == (waited + 60) / 2)
    #expect(r.count(.waitedForOffice, group: .tier(0)) == 1)
    #expect(r.count(.waitedForOffice, group: .system) == 1)
  }

  @Test("routine items left waiting when duty begins wait too; the office takes them at 08:00")
  func leftAtDutyStart() throws {
    // Two routine items at 16:30: the office worker takes one (16:30-17:30, finishing after the
    // shift); the other is still waiting at 17:00, when duty begins: it waits for 08:00 Tuesday.
    let (_, r) = try runOnce(scenario(injects: "{ after: \"16.5 h\" }, { after: \"16.5 h\" }"))
    let late: Double = 33 * 60 - 990  // 16:30 Monday to 09:00 Tuesday
    #expect(r.metric(.resolution, group: .system).max == late)
    #expect(r.metric(.resolution, group: .system).mean == (60 + late) / 2)
    // It was still waiting when duty began: it waited for the office (counted then, once).
    #expect(r.count(.waitedForOffice, group: .tier(0)) == 1)
  }

  @Test("with no duty shift, nothing waits for the office: the same results as before")
  func noDuty() throws {
    // The same night shift without duty: the routine item at 20:00 is taken at once.
    let text = scenario(injects: "{ after: \"20 h\" }").replacingOccurrences(of: ", duty: true", with: "")
    let (model, r) = try runOnce(text)
    #expect(!model.hasDutyShifts)
    #expect(r.metric(.resolution, group: .system).max == 60)
    #expect(r.count(.waitedForOffice, group: .tier(0)) == 0)
  }

  @Test("duty's own on-time share is counted apart, day by day")
  func dutyOnTime() throws {
    // A response deadline of 30 min: the major item at 21:00 is answered at once (met), counted as
    // duty's; the routine one at 20:00 waits until 08:00 (missed), not duty's.
    let text = scenario(injects: "{ after: \"20 h\" }, { after: \"21 h\", severity: \"major\" }")
      .replacingOccurrences(
        of: "handling: \"1 h\",", with: "handling: \"1 h\", deadlines: { response: \"30 min\" },")
    let (_, r) = try runOnce(text)
    let day = r.dailyOnTime[0, 0]
    #expect(day.responseMet == 1 && day.responseMissed == 1)
    #expect(day.dutyResponseMet == 1 && day.dutyResponseMissed == 0)
  }
}
