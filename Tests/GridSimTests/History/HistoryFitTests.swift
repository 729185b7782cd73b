import Foundation
import Testing

@testable import GridSim

/// Fitting a scenario to a log: a known scenario is simulated, its ledger read back as a log, and
/// the fit must recover the known figures.
@Suite("Calibration from history")
struct HistoryFitTests {
  /// A township over eight weeks (a holiday in it), arrivals around the clock, two channels, three
  /// categories; each tier answers after a known response time and is done after a known
  /// handling time; the grid passes up a known share.
  static let known = """
    {
      version: 1, name: "known", seed: 7, replications: 1,
      period: { start: "2026-03-02T00:00", end: "2026-04-27T00:00" },
      demand: {
        perGridPerDay: 4,
        hourOfDay: [1, 1, 1, 1, 1, 1, 1, 1, 2, 3, 3, 2, 1, 2, 3, 3, 2, 1, 1, 1, 1, 1, 1, 1],
        dayOfWeek: [1.2, 1.1, 1.1, 1.1, 1, 0.8, 0.7],
        dayKind: { holiday: 1.5 },
        channels: [{ id: "patrol", name: "巡查", share: 0.7 }, { id: "online", name: "网络", share: 0.3 }],
        categories: [
          { id: "consultation", name: "咨询", share: 0.5 }, { id: "complaint", name: "投诉", share: 0.3 },
          { id: "resolution", name: "求决", share: 0.2 },
        ],
        severities: [{ id: "routine", name: "一般", share: 0.9 }, { id: "serious", name: "较大", share: 0.1 }],
      },
      tiers: [
        { id: "grid", name: "网格员", response: { exponential: "20 min" },
          handling: { lognormal: { mean: "2 h", sd: "1 h" } }, passUp: 0.25,
          categories: { complaint: { passUp: 0.5 } } },
        { id: "village", name: "村两委", response: { gamma: { shape: 2, mean: "30 min" } },
          handling: { exponential: "3 h" }, passUp: 0.1 },
        { id: "leadership", name: "领导小组", handling: { exponential: "2 h" } },
      ],
      organization: { name: "镇", staff: 20, children: { count: 4, name: "{n}村", staff: 8,
        children: { count: 5, name: "{parent}{n}格", staff: 3 } } },
    }
    """

  /// The scenario's own ledger as a log (without the column `dropping`, if given), and its fit.
  static func fitted(_ text: String = known, dropping column: String? = nil) throws -> (
    Scenario, Model, WorkOrderLog, HistoryFit
  ) {
    let scenario = try load(text)
    let model = Model(scenario)
    var simulation = Simulation(model: model, seed: scenario.seed, replication: 0, ledger: true)
    _ = simulation.run()
    let ledger = simulation.ledger
    var csv = LedgerCSV.render(try #require(ledger), model: model)
    if let column {
      // No field of the ledger holds a comma: split and join plainly.
      let rows = csv.split(separator: "\n", omittingEmptySubsequences: false).map {
        $0.split(separator: ",", omittingEmptySubsequences: false)
      }
      let k = try #require(rows[0].firstIndex { $0 == column })
      csv = rows.map { row in row.enumerated().filter { $0.offset != k }.map(\.element).joined(separator: ",")
      }
      .joined(separator: "\n")
    }
    let log = try WorkOrderLog.parse(csv, path: "ledger.csv", encoding: .utf8, model: model).get()
    return (scenario, model, log, HistoryFit(log, model: model))
  }

  @Test("the fit recovers the arrival rate, the profiles, the mixes, the handling times and passUp")
  func roundTrip() throws {
    let (_, _, log, fit) = try Self.fitted()
    #expect(log.problems.isEmpty && log.entries.count == log.rows)
    // About 4 x 20 grids x 56 days = 4,500 items: the rate within its interval, and within 5%.
    let rate = try #require(fit.perGridPerDay)
    #expect(rate.low <= 4 && 4 <= rate.high, "\(rate)")
    #expect(abs(rate.value - 4) / 4 < 0.05)
    // The weekday weights (mean 1 already) within 0.12; the hour weights within 20%.
    let week = try #require(fit.dayOfWeek)
    for (fitted, truth) in zip(week, [1.2, 1.1, 1.1, 1.1, 1, 0.8, 0.7]) {
      #expect(abs(fitted - truth) < 0.12)
    }
    let hourTruth: [Double] = [1, 1, 1, 1, 1, 1, 1, 1, 2, 3, 3, 2, 1, 2, 3, 3, 2, 1, 1, 1, 1, 1, 1, 1]
    let hourMean = hourTruth.reduce(0, +) / 24
    for (fitted, truth) in zip(try #require(fit.hourOfDay), hourTruth) {
      #expect(abs(fitted - truth / hourMean) / (truth / hourMean) < 0.2)
    }
    // Qingming (April 4-6) is the holiday: 1.5 inside its (wide, three-day) interval.
    let holiday = try #require(fit.dayKind.first { $0.kind == .holiday })
    #expect(holiday.figure.low <= 1.5 && 1.5 <= holiday.figure.high, "\(holiday.figure)")
    // Shares within their intervals.
    for (figure, truth) in zip(try #require(fit.categories), [0.5, 0.3, 0.2]) {
      #expect(figure.low <= truth && truth <= figure.high)
    }
    for (figure, truth) in zip(try #require(fit.channels), [0.7, 0.3]) {
      #expect(figure.low <= truth && truth <= figure.high)
    }
    // Each tier's response and handling means inside their intervals. Above the grid the citizen
    // was answered below, so the log cannot split response from handling: their sum is fitted.
    let truths: [(response: Double, handling: Double, passUp: Double?)] = [
      (20, 120, 0.25), (30, 180, 0.1), (0, 120, nil),
    ]
    for (t, truth) in truths.enumerated() {
      let tier = fit.tiers[t]
      let handling = try #require(tier.handling, "tier \(t)")
      let total = t == 0 ? truth.handling : truth.response + truth.handling
      #expect(tier.combined == (t > 0))
      #expect(handling.meanLow <= total && total <= handling.meanHigh, "tier \(t): \(handling.mean)")
      if let p = truth.passUp {
        let share = try #require(tier.passUp)
        #expect(share.low <= p && p <= share.high, "tier \(t): \(share)")
      }
      if t == 0 {
        let response = try #require(tier.response)
        // Within 5% (times are logged to the minute).
        #expect(abs(response.mean - truth.response) / truth.response < 0.05, "tier \(t): \(response.mean)")
        if case .exponential = response.chosen {
        } else if case .gamma(let shape, _) = response.chosen {
          #expect(abs(shape - 1) < 0.15)
        } else {
          Issue.record("grid response: \(response.chosen)")
        }
      }
    }
    // The complaint's own passUp at the grid is fitted apart, and the tier's from the others.
    let complaint = try #require(fit.tiers[0].categoryPassUp[1])
    #expect(complaint.low <= 0.5 && 0.5 <= complaint.high, "\(complaint)")
    #expect(fit.tiers[0].categoryPassUp.count == 1 && fit.tiers[1].categoryPassUp.isEmpty)
    if case .lognormal = fit.tiers[0].handling?.chosen {
    } else {
      Issue.record("grid handling: \(String(describing: fit.tiers[0].handling?.chosen))")
    }
  }

  @Test("the fitted scenario loads over its base, and simulates what the known one does")
  func fittedScenarioAgrees() async throws {
    let (scenario, model, log, fit) = try Self.fitted()
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gridsim-fit-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try Self.known.write(to: folder.appendingPathComponent("known.json5"), atomically: true, encoding: .utf8)
    let text = FitReport(fit, scenario: scenario, log: log).scenarioText(base: "known.json5")
    let path = folder.appendingPathComponent("fitted.json5").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let loaded = try ScenarioLoader.load(path: path)
    #expect(loaded.warnings.isEmpty)
    #expect(abs(loaded.scenario.demand.perGridPerDay - 4) < 0.2)
    // The known scenario's own log is within the fitted scenario's replications on most measures.
    var fitted = loaded.scenario
    fitted.replications = 12
    let validation = await ModelValidation.run(
      log: log, model: Model(fitted), replications: 12, seed: 99, jobs: 2)
    let judged = validation.rows.filter { $0.within != nil }
    #expect(judged.count >= 15)
    #expect(
      Double(judged.count { $0.within == true }) >= 0.8 * Double(judged.count),
      "\(judged.filter { $0.within == false }.map(\.measure))")
    // And a scenario with twice the handling times is not.
    var slower = scenario
    for t in slower.tiers.indices { slower.tiers[t].rule.handling = .exponential(mean: 600) }
    let off = await ModelValidation.run(log: log, model: Model(slower), replications: 12, seed: 99, jobs: 2)
    #expect(
      off.rows.filter { $0.measure.hasPrefix("resolution") && $0.slice == "whole log" }.allSatisfy {
        $0.within == false
      })
    _ = model
  }

  @Test("a window's arrivals are fitted per channel, and its own dates are written back")
  func windows() throws {
    // A week of the known township in which online items come at twice their rate.
    let text = Self.known.replacingOccurrences(
      of: "  organization:",
      with:
        "  windows: [{ name: \"road-works\", from: \"2026-03-16\", to: \"2026-03-22\", arrivals: { online: 2 } }],\n  organization:"
    )
    #expect(text != Self.known)
    let (scenario, _, log, fit) = try Self.fitted(text)
    let window = try #require(fit.windows.first { $0.name == "road-works" })
    #expect(window.days == 7)
    // Patrol 1, online 2, each inside its Poisson interval.
    for (c, truth) in [(0, 1.0), (1, 2.0)] {
      let f = try #require(window.channels[c], "channel \(c)")
      #expect(f.low <= truth && truth <= f.high, "channel \(c): \(f)")
    }
    let written = FitReport(fit, scenario: scenario, log: log).scenarioText(base: "known.json5")
    #expect(written.contains("name: \"road-works\", from: \"2026-03-16\", to: \"2026-03-22\","), "\(written)")
    // The fitted online multiplier is what the window writes for online.
    let online = try #require(window.channels[1])
    #expect(written.contains("\"online\": \(DataFiles.number(online.value)),"), "\(written)")

    // Without the channel column every item reads as the first channel: no per-channel figure,
    // and the base's windows stand (the overall multiplier is only a comment).
    let (_, _, plainLog, plain) = try Self.fitted(text, dropping: "channel")
    #expect(!plainLog.fieldsRead.contains(.channel))
    let whole = try #require(plain.windows.first { $0.name == "road-works" })
    #expect(whole.channels.allSatisfy { $0 == nil })
    let plainText = FitReport(plain, scenario: scenario, log: plainLog).scenarioText(base: "known.json5")
    #expect(!plainText.contains("windows: ["), "\(plainText)")
    #expect(plainText.contains("// window road-works: "), "\(plainText)")
  }

  @Test("bad rows are listed with their line and reason; the others are used")
  func badRows() throws {
    let scenario = try load(Self.known)
    let model = Model(scenario)
    let csv = """
      工单编号,受理时间,所属网格,诉求类别,网格员签收时间,网格员首次回复时间,网格员办结时间,网格员去向
      1,2026-03-03 09:00,1村1格,咨询,2026-03-03 09:10,2026-03-03 09:30,2026-03-03 11:00,办结
      2,2026-03-03 10:00,9村9格,咨询,,,,
      3,2026/3/3 10:30,1村2格,投诉,2026-03-03 10:20,,,
      4,yesterday,1村2格,投诉,,,,
      5,2026-03-03 11:00,1村2格,投诉,,,,飞走
      """
    let log = try WorkOrderLog.parse(csv, path: "log.csv", encoding: .gb18030, model: model).get()
    #expect(log.rows == 5 && log.entries.count == 1 && log.lines == [2])
    #expect(log.problems.map(\.line) == [3, 4, 5, 6])
    #expect(log.problems[0].message.contains("'9村9格' is not a grid of the scenario"))
    // Picked up at 10:20, detected at 10:30: it arrived at the grid when detected.
    #expect(log.problems[1].message.contains("tier 1: picked up before it arrived"))
    #expect(log.problems[2].message.contains("expected a time such as 2026-10-02 06:30, found 'yesterday'"))
    #expect(log.problems[3].message.contains("expected an outcome"))
    #expect(
      log.entries[0].visits.count == 1
        && log.entries[0].visits[0].responded == log.entries[0].visits[0].started! + 20)
    #expect(
      log.defaulted == ["severity: every item the first severity", "channel: every item the first channel"])
    // A header with no time column is refused.
    guard
      case .failure(.invalid(let d)) = WorkOrderLog.parse(
        "a,b\n1,2\n", path: "x.csv", encoding: .utf8, model: model)
    else {
      Issue.record("accepted")
      return
    }
    #expect(d[0].message.contains("expected a header naming a time column"))
  }

  @Test("columns in any order: a tier's unit is the grid's own at that tier, whichever column comes first")
  func columnOrder() throws {
    let model = Model(try load(Self.known))
    let csv = """
      detected,village_arrived,village_left,village_outcome,grid
      2026-03-03 09:00,2026-03-03 10:00,2026-03-03 11:00,closed,2村3格
      """
    let log = try WorkOrderLog.parse(csv, path: "log.csv", encoding: .utf8, model: model).get()
    let entry = try #require(log.entries.first)
    #expect(model.unitNames[model.unit(leaf: entry.leaf)] == "2村3格")
    #expect(entry.visits.map(\.tier) == [1] && model.unitNames[entry.visits[0].unit] == "2村")
    #expect(entry.visits[0].arrived == 24 * 60 + 10 * 60)
  }

  @Test("the validation is the same for any number of jobs")
  func jobsDoNotMatter() async throws {
    let (scenario, model, log, _) = try Self.fitted()
    let one = await ModelValidation.run(log: log, model: model, replications: 3, seed: scenario.seed, jobs: 1)
    let two = await ModelValidation.run(log: log, model: model, replications: 3, seed: scenario.seed, jobs: 2)
    #expect(one.rows.count > 10)
    #expect(
      one.rows.map { [$0.low, $0.high, $0.simulated?.mean] }
        == two.rows.map { [$0.low, $0.high, $0.simulated?.mean] })
    #expect(one.simulatedBacklog.map(\.mean) == two.simulatedBacklog.map(\.mean))
  }

  @Test("a week is a slice of its own; per tier, the shares answered and closed on time")
  func weeksAndOnTime() throws {
    let model = Model(try load(Self.known))
    // Monday 2 March is day 0. Three items in the week of 2 March (one answered late), one on
    // Monday 9 March.
    func item(_ day: Double, answered: Double, due: Double, closed: Double, closeDue: Double) -> Ledger.Entry
    {
      var e = Ledger.Entry(
        category: 0, severity: 0, channel: 0, leaf: 0, appeared: day * 1440 + 600, detected: day * 1440 + 600,
        counted: true)
      var v = Ledger.Visit(tier: 0, unit: 0, arrived: e.detected!)
      (v.started, v.responded, v.left, v.outcome) = (
        e.detected!, e.detected! + answered, e.detected! + closed, .closed
      )
      (v.responseDue, v.resolutionDue) = (e.detected! + due, e.detected! + closeDue)
      e.visits = [v]
      e.closed = v.left
      return e
    }
    let entries = [
      item(0, answered: 10, due: 30, closed: 60, closeDue: 120),
      item(1, answered: 40, due: 30, closed: 60, closeDue: 120),
      item(6, answered: 10, due: 30, closed: 200, closeDue: 120),
      item(7, answered: 10, due: 30, closed: 60, closeDue: 120),
    ]
    let first = model.scenario.period.start.dayNumber
    let m = ModelValidation.Measures(entries, model: model, days: first...(first + 7))
    func value(_ measure: String, _ slice: String?, tier: Int? = nil) -> Double? {
      m.values.first { $0.key.measure == measure && $0.key.slice == slice && $0.key.tier == tier }?.value
    }
    // Eight days: 4 items; the first week has 7 of them and 3 items, the second 1 day and 1 item.
    #expect(value("arrivals per day", nil) == 4.0 / 8)
    #expect(value("arrivals per day", "week of 2026-03-02") == 3.0 / 7)
    #expect(value("arrivals per day", "week of 2026-03-09") == 1)
    #expect(value("answered on time", nil, tier: 0) == 0.75)
    #expect(value("closed on time", nil, tier: 0) == 0.75)
    #expect(value("first response, mean", "week of 2026-03-02") == 20)
    // A week the days cover with no item in it is a slice too (0 items a day), keyed by its Monday.
    let quiet = ModelValidation.Measures(Array(entries.prefix(3)), model: model, days: first...(first + 7))
    #expect(
      quiet.values.first { $0.key.measure == "arrivals per day" && $0.key.slice == "week of 2026-03-09" }?
        .value
        == 0)
    // A visit due an answer that logged none (answered below, as the ledger writes it) is not
    // judged: one late answer and one without any give 0.
    var unanswered = item(2, answered: 10, due: 30, closed: 60, closeDue: 120)
    unanswered.visits[0].responded = nil
    let judged = ModelValidation.Measures([entries[1], unanswered], model: model, days: first...(first + 7))
    #expect(judged.values.first { $0.key.measure == "answered on time" && $0.key.tier == 0 }?.value == 0)
    // At the very minute of the deadline is on time, a minute later is not (as the engine judges):
    // answered at 30 of 30 and 31 of 30, closed at 120 of 120 and 121 of 120: one of two each.
    let edge = ModelValidation.Measures(
      [
        item(0, answered: 30, due: 30, closed: 120, closeDue: 120),
        item(1, answered: 31, due: 30, closed: 121, closeDue: 120),
      ], model: model, days: first...(first + 7))
    #expect(edge.values.first { $0.key.measure == "answered on time" && $0.key.tier == 0 }?.value == 0.5)
    #expect(edge.values.first { $0.key.measure == "closed on time" && $0.key.tier == 0 }?.value == 0.5)
  }

  @Test(
    "a right model's measure falls outside its range by a known chance; more outside than chance allows is a mismatch"
  )
  func validationRule() {
    // The j-th smallest to the j-th largest of n, j = max(1, floor(0.025 (n + 1))): a new
    // history like them is outside with probability 2j / (n + 1).
    #expect(ModelValidation.rank(20) == 1 && ModelValidation.rank(40) == 1 && ModelValidation.rank(199) == 5)
    #expect(ModelValidation.range([3, 1, 2, 5, 4].sorted()) == (1, 5))
    var v = ModelValidation()
    v.replications = 20
    #expect(abs(v.outsideChance - 2.0 / 21) < 1e-15)
    // Binomial(2, 0.05): P(0) = 0.9025, P(≤ 1) = 0.9975, so the 0.95 quantile is 1; of
    // Binomial(1, 0.05) it is 0 (P(0) = 0.95).
    #expect(ModelValidation.binomialQuantile(n: 2, p: 0.05, q: 0.95) == 1)
    #expect(ModelValidation.binomialQuantile(n: 1, p: 0.05, q: 0.95) == 0)
    // A chance of 1 (one replication): every measure may be outside.
    #expect(ModelValidation.binomialQuantile(n: 5, p: 1, q: 0.95) == 5)
    // Against the cumulative sum of the pmf from lgamma, for a larger n.
    let (n, p) = (84, 2.0 / 41)
    func pmf(_ i: Int) -> Double {
      let logChoose: Double = lgamma(Double(n + 1)) - lgamma(Double(i + 1)) - lgamma(Double(n - i + 1))
      return exp(logChoose + Double(i) * log(p) + Double(n - i) * log(1 - p))
    }
    func cdf(_ k: Int) -> Double { (0...k).map(pmf).reduce(0, +) }
    let k = ModelValidation.binomialQuantile(n: n, p: p, q: 0.95)
    #expect(cdf(k) >= 0.95 && cdf(k - 1) < 0.95, "k = \(k)")
  }

  @Test("a measure some replications have no value for is shown but not judged; the others are")
  func validationMissingValues() throws {
    let model = Model(try load(Self.known))
    let first = model.scenario.period.day(atMinute: 0)
    func measures(_ values: [String: Double]) -> ModelValidation.Measures {
      var m = ModelValidation.Measures([], model: model, days: first...first)
      for (name, v) in values { m.values[.init(measure: name, unit: .minutes)] = v }
      return m
    }
    // "wait" in all 20 replications (1 to 20); "rare" in 19 of them.
    let runs: [ModelValidation.Measures] = (1...20).map { (r: Int) -> ModelValidation.Measures in
      var values: [String: Double] = ["wait": Double(r)]
      if r != 7 { values["rare"] = Double(r) }
      return measures(values)
    }
    let v = ModelValidation(
      observed: measures(["wait": 25, "rare": 25]), runs: runs, model: model, span: first...first)
    let wait = try #require(v.rows.first { $0.measure == "wait" })
    let rare = try #require(v.rows.first { $0.measure == "rare" })
    // 20 replications: j = 1, the range is the smallest to the largest; 25 is above it.
    #expect(wait.low == 1 && wait.high == 20 && wait.within == false)
    #expect(rare.simulated != nil && rare.low == nil && rare.within == nil)
    // The other measures (from no items) are the same in the log and every replication.
    let others = v.rows.filter { $0.measure != "wait" && $0.measure != "rare" }
    #expect(v.judged == 1 + others.count { $0.within != nil } && v.outside == 1)
  }

  @Test("KS distances and the incomplete gamma function match hand values")
  func statistics() {
    // P(1, x) = 1 - e^-x; P(2, 2) = 1 - 3e^-2; P(0.5, x) = erf(√x).
    #expect(abs(DurationFit.regularizedGammaP(1, 0.7) - (1 - exp(-0.7))) < 1e-12)
    #expect(abs(DurationFit.regularizedGammaP(2, 2) - (1 - 3 * exp(-2))) < 1e-12)
    #expect(abs(DurationFit.regularizedGammaP(0.5, 3) - erf(3.0.squareRoot())) < 1e-10)
    // A sample of 0.25, 0.5, 0.75 against the uniform on [0, 1]: D = 0.25.
    #expect(abs(DurationFit.ksDistance([0.25, 0.5, 0.75]) { min(1, max(0, $0)) } - 0.25) < 1e-12)
    // Twenty equal values: a fixed duration.
    #expect(DurationFit(Array(repeating: 12, count: 20))?.chosen == .fixed(12))
  }
}
