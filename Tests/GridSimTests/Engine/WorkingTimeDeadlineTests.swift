import GridSim
import Testing

@Suite("Working-time deadlines in the engine, computed by hand")
struct WorkingTimeDeadlineTests {
  /// One item found on Wednesday 2026-09-30 at 18:00, after hours, on the eve of National Day.
  func scenario(villageFrom: String) -> String {
    """
    {
      version: 1,
      period: { start: "2026-09-30T00:00", length: "14 days" },
      replications: 1,
      demand: { perGridPerDay: 0, injects: [{ at: "2026-09-30T18:00" }] },
      tiers: [
        { id: "grid", handling: "30 days", deadlines: { resolution: "same day" } },
        { id: "village", handling: "24 h", deadlines: { resolution: "1 working day", from: "\(villageFrom)" } },
      ],
      organization: { name: "v", staff: 1, children: { name: "g", staff: 1 } },
    }
    """
  }

  @Test("same day after hours runs to the next working day's close; the clock can start at arrival")
  func fromArrival() throws {
    let (_, r) = try runOnce(scenario(villageFrom: "arrival"))
    // Found after hours on Sep 30: due at the close of Oct 8 (Oct 1-7 are National Day), so
    // supervision takes it up at Oct 8 17:30, 8 days 17:30 after the start.
    let breach = Double(8 * 1440 + 1050)
    #expect(r.count(.escalatedDeadline, group: .tier(0)) == 1)
    #expect(r.metric(.timeAtTier, group: .tier(0)).mean == breach - 1080)
    // At the village from Oct 8 17:30, one working day is the close of Oct 9; 24 h of handling
    // ends at exactly that minute, which is in time.
    #expect(r.count(.resolutionMet, group: .tier(1)) == 1)
    #expect(r.count(.resolutionMissed, group: .tier(1)) == 0)
    #expect(r.metric(.resolution, group: .system).mean == breach + 1440 - 1080)
  }

  @Test("a clock started at appearance can already have run out when the item arrives")
  func fromAppearance() throws {
    let (_, r) = try runOnce(scenario(villageFrom: "appearance"))
    // From Sep 30 18:00, one working day is again the close of Oct 8: due as the item arrives.
    #expect(r.count(.resolutionMissed, group: .tier(1)) == 1)
    #expect(r.count(.resolutionMet, group: .tier(1)) == 0)
  }
}
