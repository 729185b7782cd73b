import Foundation
import Testing

@testable import GridSim

/// One desk (one unit, no roster: planned as one all-day shift), Poisson arrivals of 4 an hour
/// around the clock, exponential handling with a mean of 1 h, answered when picked up; a 15-minute
/// response deadline from arrival. On 2026-03-11 arrivals are 1.5 times as many (6 an hour).
func erlangScenario(plan: String = "", target: String = "88%", judge: String = "mean") -> String {
  """
  {
    version: 1,
    period: { start: "2026-03-09T00:00", length: "4 days", warmUp: "1 day" },
    replications: 30,
    seed: 11,
    demand: { perGridPerDay: 96 },
    tiers: [{ id: "desk", response: "0 min", handling: { exponential: "1 h" },
              deadlines: { response: "15 min", onBreach: "record" } }],
    organization: { name: "desk", staff: 12 },
    windows: [{ name: "busy", from: "2026-03-11", to: "2026-03-11", arrivals: 1.5 }],
    targets: [{ name: "answered within 15 min", metric: "responseOnTime", atLeast: "\(target)", judge: "\(judge)" }],
    plan: { window: { from: "2026-03-10", to: "2026-03-11" }, min: 4, max: 12\(plan) },
  }
  """
}

/// The Erlang C probability that an M/M/c queue with offered load `a` makes an arrival wait.
func erlangC(servers c: Int, load a: Double) -> Double {
  var term = 1.0
  var sum = 0.0
  for k in 0..<c {
    if k > 0 { term *= a / Double(k) }
    sum += term
  }
  let last = term * a / Double(c) * Double(c) / (Double(c) - a)
  return last / (sum + last)
}

/// P(wait ≤ t hours) in M/M/c with arrival rate λ an hour and service rate 1 an hour.
func answeredWithin(_ t: Double, servers c: Int, rate λ: Double) -> Double {
  1 - erlangC(servers: c, load: λ) * exp(-(Double(c) - λ) * t)
}

@Suite("The staffing planner")
struct PlanTests {
  @Test("the plan is read with its window, bounds, costs, surges and judge; problems are reported")
  func reading() throws {
    let s = try load(erlangScenario(plan: ", cost: 3, surges: [1, 1.2], judge: \"window\""))
    let plan = try #require(s.plan)
    #expect(plan.windowName == nil)
    #expect(
      plan.days == LocalDateTime(parsing: "2026-03-10")!
        .dayNumber...LocalDateTime(parsing: "2026-03-11")!.dayNumber)
    #expect(plan.tiers == ["desk"])
    #expect(plan.min == ["desk": 4] && plan.max == ["desk": 12] && plan.cost == ["desk": 3])
    #expect(plan.surges == [1, 1.2] && plan.judge == .window)
    let d = problems(
      erlangScenario().replacingOccurrences(
        of: "plan: { window: { from: \"2026-03-10\", to: \"2026-03-11\" }, min: 4, max: 12 }",
        with:
          "plan: { window: \"busyy\", tiers: [\"dsk\"], min: { desk: 5 }, max: { desk: 3 }, judge: \"hour\" }"
      )
    )
    .map { "\($0.keyPath): \($0.message)" }
    #expect(d.contains { $0.hasPrefix("plan.window: expected a window id, found 'busyy'") })
    #expect(d.contains { $0.hasPrefix("plan.tiers[0]: expected a tier id, found 'dsk'") })
    #expect(d.contains("plan.max: tier 'desk': max (3) is below min (5)"))
    #expect(d.contains { $0.hasPrefix("plan.judge: expected one of 'day', 'window'") })
  }

  @Test(
    "one tier, Poisson arrivals, exponential handling: the plan is the least c that Erlang C says meets the deadline target, day by day"
  )
  func erlangOracle() async throws {
    // The oracle: the least c with P(W ≤ 15 min) ≥ 88%, at 4 an hour and at 6 an hour. The
    // parameters are chosen so that c - 1 misses clearly and c meets clearly; the target is judged
    // on its mean, as the oracle is a mean (30 replications: a day's rate has a standard error of
    // about 1.3 points, against margins of 2.7 points and more).
    func least(_ λ: Double) -> Int {
      (Int(λ) + 1...20).first { answeredWithin(0.25, servers: $0, rate: λ) >= 0.88 }!
    }
    #expect(least(4) == 7 && least(6) == 9)
    #expect(
      answeredWithin(0.25, servers: 6, rate: 4) < 0.84 && answeredWithin(0.25, servers: 7, rate: 4) > 0.93)
    #expect(
      answeredWithin(0.25, servers: 8, rate: 6) < 0.79 && answeredWithin(0.25, servers: 9, rate: 6) > 0.90)

    let problem = try #require(PlanProblem(try load(erlangScenario())))
    #expect(problem.decisions.map(\.date) == [20522, 20523])
    let result = await Planner(problem: problem, jobs: 2).run()
    #expect(result.verdict == .certified)
    // The plan follows the demand: 7 on the plain day, 9 on the day with 1.5 times the arrivals.
    #expect(result.plan == [least(4), least(6)])
    // Each is shown minimal: one fewer misses the target on that day.
    #expect(result.minimality.count == 2)
    #expect(result.minimality[0] == "answered within 15 min on 2026-03-10")
    #expect(result.minimality[1] == "answered within 15 min on 2026-03-11")
  }

  @Test("with the bounds too low, no plan: the target that binds is named")
  func infeasible() async throws {
    let problem = try #require(
      PlanProblem(try load(erlangScenario().replacingOccurrences(of: "max: 12", with: "max: 6"))))
    let result = await Planner(problem: problem, jobs: 2).run()
    #expect(result.verdict == .infeasible)
    #expect(result.plan == [6, 6])
    #expect(result.evaluation.failing.contains { $0.target == 0 && $0.date != nil })
    let text = PlanReport(
      problem: problem, result: result, source: "e.json5", commandLine: "gridsim plan e.json5"
    )
    .text()
    #expect(text.contains("No plan within the bounds meets the targets"))
    #expect(text.contains("answered within 15 min on 2026-03-1"))
  }

  @Test("planned unit by unit, a busier unit gets more people, and the roster rows name the units")
  func perUnit() async throws {
    // Two desks: A with 4 items an hour, B with 12 (its grid weight is 3): B needs at least 13
    // people to keep up at all, A far fewer. (The target pools both desks, so the split between
    // them is the planner's to choose; only B's share is forced.)
    let text = erlangScenario(plan: ", perUnit: true")
      .replacingOccurrences(
        of: "organization: { name: \"desk\", staff: 12 },",
        with: "organization: [{ name: \"A\", staff: 20 }, { name: \"B\", staff: 20, demand: 3 }],"
      )
      .replacingOccurrences(of: "arrivals: 1.5", with: "arrivals: 1")
      .replacingOccurrences(of: "max: 12", with: "max: 20")
      .replacingOccurrences(of: "replications: 30", with: "replications: 10")
      .replacingOccurrences(of: "length: \"4 days\"", with: "length: \"3 days\"")
      .replacingOccurrences(of: "to: \"2026-03-11\" }, min: 4", with: "to: \"2026-03-10\" }, min: 4")
    let problem = try #require(PlanProblem(try load(text)))
    #expect(problem.decisions.map(\.unit) == [0, 1])
    let result = await Planner(problem: problem, jobs: 2).run()
    #expect(result.verdict == .certified)
    #expect(result.plan[1] >= 13 && result.plan[1] > result.plan[0], "\(result.plan)")
    let csv = PlanReport(problem: problem, result: result, source: "d.json5", commandLine: "").rosterCSV()
    #expect(csv.contains("2026-03-10,A,all-day,\(result.plan[0])\n2026-03-10,B,all-day,\(result.plan[1])\n"))
  }
}
