/// A drill played live in a room: what has been released, what the recorder logged, and what
/// falls due, as a state that `drill play` advances with the drill clock and the lines typed.
///
/// The controller sees the expected actions and an alert when one falls due with nothing logged;
/// the players see only the injects released (``DrillReport/playersPage(_:now:)``). A contingency
/// is released when its trigger comes with the action it waits on not logged (or by hand); with
/// no recorder, contingencies are shown to the controller only, to release by hand.
package struct DrillRoom: Sendable {
  /// What the room should be told after a step.
  package enum Event: Sendable, Equatable {
    /// An inject released (index into the script's releases).
    case released(Int)
    /// A contingency whose trigger came with its action done: not released.
    case notTriggered(Int)
    /// A contingency the controller may release by hand (no recorder).
    case contingencyDue(Int)
    /// An expected action fell due with nothing logged: (release, expectation) indices.
    case overdue(Int, Int)
  }

  /// An action line as logged: the row appended to the team log.
  package struct Logged: Sendable, Equatable {
    package var inject: String
    package var action: DrillAction
    package var time: LocalDateTime
    package var unit: String
    package var tier: Int
  }

  package let pack: DrillPack
  package let scenario: Scenario
  /// The controller's script: every inject with its expected actions (no log).
  package let script: DrillTimeline
  /// True when actions are logged as they happen (`--log`): contingencies then follow the log.
  package let recording: Bool
  /// Releases shown to the players (indices into `script.releases`), in release order.
  package private(set) var released: [Int] = []
  /// Releases whose time has come (released or not).
  package private(set) var passed: Set<Int> = []
  package private(set) var logged: [Logged] = []
  private var alerted: Set<String> = []
  private let units: [String: Int]
  private let tierLabels: Set<String>

  package init(pack: DrillPack, scenario: Scenario, script: DrillTimeline, recording: Bool) {
    self.pack = pack
    self.scenario = scenario
    self.script = script
    self.recording = recording
    units = TeamLog.unitTiers(scenario)
    tierLabels = Set(scenario.tiers.flatMap { [$0.id, $0.name] })
  }

  func id(_ release: Int) -> String { pack.injects[script.releases[release].inject].id }

  /// Advances the clock to `now`: releases what has come, and alerts for what fell due unlogged.
  /// - Complexity: O(releases × expected actions × logged lines).
  package mutating func advance(to now: LocalDateTime) -> [Event] {
    var events: [Event] = []
    for (i, r) in script.releases.enumerated() where !passed.contains(i) && r.time <= now {
      passed.insert(i)
      guard r.conditional else {
        released.append(i)
        events.append(.released(i))
        continue
      }
      guard recording else {
        events.append(.contingencyDue(i))
        continue
      }
      // Released when the action it waits on was not logged by its trigger (and what it follows
      // was released).
      let inject = pack.injects[r.inject]
      var fire = true
      if let c = inject.condition {
        fire = !logged.contains { $0.inject == c.inject && $0.action == c.action && $0.time <= r.time }
      }
      if case .after(_, let follows) = inject.timing,
        let parent = script.releases.firstIndex(where: { pack.injects[$0.inject].id == follows })
      {
        fire = fire && released.contains(parent)
      }
      if fire {
        released.append(i)
        events.append(.released(i))
      } else {
        events.append(.notTriggered(i))
      }
    }
    for i in released {
      for (j, e) in script.releases[i].expectations.enumerated() where e.due <= now {
        let key = "\(i).\(j)"
        guard !alerted.contains(key) else { continue }
        let done = logged.contains {
          $0.inject == e.inject && $0.action == e.action
            && (e.action == .detect || e.action == .report || $0.tier == e.tier)
        }
        if !done {
          alerted.insert(key)
          events.append(.overdue(i, j))
        }
      }
    }
    return events
  }

  /// Marks the releases before `index` as past without releasing them (`drill play --from`).
  package mutating func skip(before index: Int) {
    for i in 0..<min(index, script.releases.count) { passed.insert(i) }
  }

  /// Releases a contingency by hand (the controller's `release ID`); nil when there is no such
  /// inject, or it is out already.
  package mutating func release(_ id: String) -> Int? {
    guard let i = script.releases.firstIndex(where: { pack.injects[$0.inject].id == id }),
      !released.contains(i)
    else { return nil }
    passed.insert(i)
    released.append(i)
    return i
  }

  /// Reads a typed action line, `I1 respond 网格员` or `I1 响应 网格员`, optionally with a time
  /// (`06:35`: the last 06:35 on the drill clock, today's or yesterday's; or `2026-10-02T06:35`);
  /// the time defaults to `now`. Checked
  /// at once against the pack: the inject must be released, the action known, the unit the
  /// inject's grid, a unit above it, or a tier.
  package mutating func log(_ line: String, now: LocalDateTime) -> Result<Logged, LineProblem> {
    let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," || $0 == "，" }).map(
      String.init)
    guard words.count == 3 || words.count == 4 else { return .failure(.form(line)) }
    let ids = pack.injects.map(\.id)
    guard let r = script.releases.firstIndex(where: { pack.injects[$0.inject].id == words[0] }) else {
      return .failure(.unknownInject(words[0], closest: Suggestion.closest(to: words[0], in: ids), all: ids))
    }
    guard released.contains(r) else { return .failure(.notReleased(words[0])) }
    guard let action = DrillAction(name: words[1]) else { return .failure(.unknownAction(words[1])) }
    let release = script.releases[r]
    guard let tier = units[words[2]], release.units.contains(words[2]) || tierLabels.contains(words[2]) else {
      return .failure(.wrongUnit(words[2], choices: release.units + scenario.tiers.map(\.name)))
    }
    var time = now
    if words.count == 4 {
      if let t = LocalDateTime(spreadsheet: now.description.prefix(10) + " " + words[3]), words[3].count <= 5
      {
        // A time of day is the last such time on the drill clock: 22:10 typed at 00:20 is yesterday's.
        time = t > now ? t.adding(minutes: -1440) : t
      } else {
        switch DrillPack.drillTime(words[3]) {
        case .success(let t): time = t
        case .failure: return .failure(.time(words[3]))
        }
      }
      guard time >= release.time else {
        return .failure(.beforeRelease(inject: words[0], time: time, released: release.time))
      }
    }
    let entry = Logged(inject: words[0], action: action, time: time, unit: words[2], tier: tier)
    logged.append(entry)
    return .success(entry)
  }

  /// Why a typed line was not logged (said at once, in the report's language:
  /// ``DrillReport/lineProblem(_:)``).
  package enum LineProblem: Error, Sendable, Equatable {
    /// Not `INJECT ACTION UNIT [TIME]`.
    case form(String)
    case unknownInject(String, closest: String?, all: [String])
    case notReleased(String)
    case unknownAction(String)
    /// Not the inject's grid, a unit above it, or a tier; the units it may be.
    case wrongUnit(String, choices: [String])
    /// Neither a time of day nor a date with a time.
    case time(String)
    case beforeRelease(inject: String, time: LocalDateTime, released: LocalDateTime)
  }

  /// The row a logged line appends to the team log (`inject,action,time,unit,role,note`).
  package static func csvRow(_ l: Logged) -> String {
    CSV.row([l.inject, l.action.rawValue, l.time.description, l.unit, "", ""])
  }

  /// The team log's header.
  package static let csvHeader = CSV.row(["inject", "action", "time", "unit", "role", "note"])
}
