import Foundation
import Testing

@testable import GridSim

/// The drill and the engine read one rule book: every shipped pack is played through the engine,
/// and what the drill expects of each inject, followed along what the engine did, names the tiers
/// the engine visited and the due times the engine set, to the minute's fraction.
@Suite("One rule book for the engine and the drill")
struct RuleBookTests {
  static let packs = ["national-day-flood.json5", "two-sessions-dangerous-building.json5"]

  static func loadShipped(_ name: String) throws -> LoadedDrill {
    let path = repositoryRoot.appendingPathComponent("Scenarios/drills/\(name)").path
    return try InputFile.$projectRoot.withValue(InputFile.realPath(repositoryRoot.path)) {
      try DrillLoader.load(path: path)
    }
  }

  @Test(
    "each expected action's tier and each policy due time agree with the engine's ledger", arguments: packs)
  func agreement(pack name: String) throws {
    let drill = try Self.loadShipped(name)
    let played = DrillSimulation.scenario(for: drill.pack, drill.scenario, script: drill.script)
    let engineModel = Model(played)
    let rules = DrillTimeline.model(pack: drill.pack, scenario: drill.scenario, log: nil)
    var checked = 0
    for replication in 0..<3 {
      var simulation = Simulation(
        model: engineModel, seed: played.seed, replication: replication, ledger: true)
      _ = simulation.run()
      let kept = simulation.ledger
      let ledger = try #require(kept)
      for entry in ledger.entries {
        guard let j = entry.inject, let id = played.demand.injects[j].id else { continue }
        // Worsening changes an item's severity, and so its tiers: a drill plays that with its
        // contingencies instead.
        if entry.notes.contains(where: { if case .worsened = $0.note { true } else { false } }) { continue }
        let done = DrillSimulation.actions(entry)
        let actions: DrillTimeline.Actions = { inject, action, tier, notBefore, _ in
          guard inject == id else { return nil }
          return done.filter { $0.0 == action && (tier == nil || $0.1 == tier) && $0.2 >= notBefore }.map(\.2)
            .min()
        }
        let timeline = DrillTimeline(pack: drill.pack, model: rules, actions: actions)
        let release = try #require(timeline.releases.first { drill.pack.injects[$0.inject].id == id })
        #expect(release.tierEntered == entry.visits.first?.tier, "\(name) \(id): entry tier")
        // The first visit to each tier.
        var visits: [Int: Ledger.Visit] = [:]
        for v in entry.visits where visits[v.tier] == nil { visits[v.tier] = v }
        for e in release.expectations {
          switch e.basis {
          case .monitoring:
            #expect(e.dueTime == entry.detected, "\(name) \(id): detection")
          case .skipLevel:
            let report = entry.tasks.first { $0.isReport }
            #expect(e.tier == report?.tier, "\(name) \(id): report tier")
            #expect(e.dueTime == report?.due, "\(name) \(id): report due")
          case .policy(let key, _):
            // A pack's stated escalation takes the item up where the engine may have closed it:
            // the tiers past it are the drill's, not the engine's.
            guard let visit = visits[e.tier] else {
              let stated = drill.pack.injects.first { $0.id == id }?.expect?.contains {
                $0.action == .escalate
              }
              #expect(
                stated == true,
                "\(name) \(id): \(e.action.rawValue) at tier \(e.tier) the engine never visited")
              continue
            }
            let due = key == "response" ? visit.responseDue : visit.resolutionDue
            #expect(e.dueTime == due, "\(name) \(id): \(e.action.rawValue) at tier \(e.tier) (\(key))")
            switch visit.outcome {
            case .closed?:
              #expect(e.action != .escalate, "\(name) \(id): the engine closed at tier \(e.tier)")
            case .authority?, .referral?, .deadline?:
              #expect(e.action != .reply, "\(name) \(id): the engine passed it up at tier \(e.tier)")
            default: break
            }
            checked += 1
          case .stated: break
          }
        }
        // Every tier the engine visited with a deadline is expected of the team.
        for (tier, visit) in visits where visit.responseDue != nil || visit.resolutionDue != nil {
          #expect(
            release.expectations.contains { $0.tier == tier }, "\(name) \(id): tier \(tier) expects nothing")
        }
      }
    }
    #expect(checked > 0)
  }

  static let watchScenario = """
    { version: 1, name: "watch",
      period: { start: "2026-09-28T00:00", end: "2026-10-20T00:00" },
      demand: { perGridPerDay: 0,
        channels: [{ id: "online", name: "online", share: 1, monitoring: { workday: ["09:00"] } }] },
      windows: [{ name: "watch", from: "2026-10-03", to: "2026-10-04", watch: true }],
      tiers: [{ id: "grid", name: "grid", response: "10 min", handling: "20 min",
        deadlines: { response: "2 h" } }],
      organization: { name: "g", staff: 1 } }
    """

  @Test("detection follows the model: a later 24-hour-watch day is seen at its midnight")
  func watchDayMidnight() throws {
    // Monitoring at 09:00 on workdays; 3 October is a watched day (a window with watch), so a
    // post on Friday 2 October at 20:00 (a holiday: no round) is seen at midnight of 3 October,
    // not at the next workday's round.
    let scenario = try load(Self.watchScenario)
    let drill = try DrillTests.loadPack(
      """
      { version: 1, name: "watch", scenario: "s.json5",
        injects: [{ id: "I1", at: "2026-10-02T20:00", channel: "online", title: "post" }] }
      """, scenario: Self.watchScenario)
    let detect = try #require(drill.script.releases[0].expectations.first { $0.action == .detect })
    #expect(detect.due.description == "2026-10-03T00:00")
    let model = Model(scenario)
    let posted = Double((4 * 24 + 20) * 60)  // 2 October 20:00
    let seen = model.detectionTime(channel: 0, day: model.day(of: posted), at: posted)
    #expect(seen == Double(5 * 1440))  // 3 October 00:00
    #expect(model.waitsForRound(channel: 0, day: model.day(of: posted)))
    #expect(!model.waitsForRound(channel: 0, day: 5))
  }
}
