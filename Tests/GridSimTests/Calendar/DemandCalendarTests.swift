import GridSim
import Testing

@Suite("Demand over the calendar")
struct DemandCalendarTests {
  func expected(_ start: String, demand: String) throws -> Double {
    let s = try load(
      """
      {
        version: 1,
        period: { start: "\(start)", length: "1 day" },
        demand: { perGridPerDay: 10, \(demand) },
        tiers: [{ id: "grid", handling: "1 min" }],
        organization: { name: "g", staff: 1 },
      }
      """)
    return Model(s).expectedArrivals
  }

  @Test("holidays take the weekend's weekday factor, make-up workdays the workdays'")
  func dayKinds() throws {
    let week = "dayOfWeek: [1, 1, 1, 1, 1, 0.5, 0.5]"  // normalised: workdays 7/6, weekend 7/12
    #expect(abs(try expected("2026-09-30", demand: week) - 10 * 7 / 6) < 1e-9)  // Wednesday
    #expect(abs(try expected("2026-10-01", demand: week) - 10 * 7 / 12) < 1e-9)  // National Day, a Thursday
    #expect(abs(try expected("2026-10-10", demand: week) - 10 * 7 / 6) < 1e-9)  // make-up Saturday
    #expect(abs(try expected("2026-10-11", demand: week) - 10 * 7 / 12) < 1e-9)  // Sunday
  }

  @Test("day-kind and month multipliers")
  func multipliers() throws {
    #expect(abs(try expected("2026-10-01", demand: "dayKind: { holiday: 1.5 }") - 15) < 1e-9)
    #expect(abs(try expected("2026-10-10", demand: "dayKind: { holiday: 1.5 }") - 10) < 1e-9)
    let months = "monthOfYear: [1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1]"  // October: 2 / (13/12)
    #expect(abs(try expected("2026-10-12", demand: months) - 10 * 24 / 13) < 1e-9)
    #expect(abs(try expected("2026-11-12", demand: months) - 10 * 12 / 13) < 1e-9)
    let bad = problems(
      """
      { version: 1, demand: { dayKind: { holidy: 2, weekend: -1 }, monthOfYear: [1, 2] },
        tiers: [{ id: "grid", handling: "1 min" }], organization: { name: "g", staff: 1 } }
      """
    ).map(\.message)
    #expect(bad.contains("unknown key 'holidy'"))
    #expect(bad.contains("expected a multiplier from 0 to 1000, found -1"))
    #expect(bad.contains { $0.hasPrefix("expected 12 weights") })
  }
}
