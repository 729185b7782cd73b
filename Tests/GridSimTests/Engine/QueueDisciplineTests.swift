import GridSim
import Testing

@Suite("Queue disciplines break ties first come, first served")
struct QueueDisciplineTests {
  /// One grid worker, 1-hour handling, three items at 0:00, 0:01 and 0:02 with equal keys: the
  /// first is taken at once, the second at 1:00 (waited 59 min), the third at 2:00 (118 min).
  /// Served last come first, the waits would be 0, 119 and 58: the same mean, a maximum of 119.
  @Test(
    "equal keys are served in order of arrival: waits 0, 59 and 118 minutes",
    arguments: [
      // Every item routine.
      ("fifo", ""), ("severity", ""),
      // No deadline: every key is infinity.
      ("deadline", ""),
      // Category a: 10 h, category b: 599 min; due at 10:00, 10:01 and 10:01 (0:02 + 599 min).
      (
        "deadline",
        "categories: { a: { deadlines: { response: \"10 h\", onBreach: \"record\" } }, b: { deadlines: { response: \"599 min\", onBreach: \"record\" } } },"
      ),
    ])
  func ties(discipline: String, rules: String) throws {
    let grid = "{ id: \"grid\", discipline: \"\(discipline)\", handling: \"1 h\", \(rules) }"
    let (_, r) = try runOnce(
      handScenario(
        grid: grid, extra: "categories: [{ id: \"a\" }, { id: \"b\" }],",
        injects:
          "{ after: \"0 min\", category: \"a\" }, { after: \"1 min\", category: \"a\" }, { after: \"2 min\", category: \"b\" }"
      ))
    let wait = r.metric(.wait, group: .tier(0))
    #expect(wait.count == 3)
    #expect(wait.mean == 59)
    #expect(wait.max == 118)
    #expect(r.metric(.wait, group: .tier(0), category: 1).max == 118)  // the third item, category b
    #expect(r.count(.closed, group: .tier(0)) == 3)
  }
}
