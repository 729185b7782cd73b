/// A drill: injects (scripted items) played against a scenario's policy, calendar and
/// organization, with the objectives they test and what a team must do to pass. Written as a JSON5
/// file (`Scenarios/drills/`, every key in `Scenarios/README.md`, "Drill packs") and read by
/// ``DrillLoader``.
package struct DrillPack: Sendable {
  /// The format version; this build reads version 1.
  package var version = 1
  package var name: String
  package var description = ""
  /// The scenario file it runs against, as resolved from the pack's folder.
  package var scenarioPath: String
  /// The language of its reports, unless `--lang` says otherwise (default: the scenario's).
  package var language: Scenario.Language?
  /// Who takes part.
  package var roles: [Role] = []
  package var objectives: [Objective] = []
  /// In the file's order.
  package var injects: [Inject] = []
  /// What `drill score` requires; nil: it scores without a verdict.
  package var pass: PassCriteria?
  /// Replications of the simulated policy that `drill score` compares the team with.
  package var replications = 20
  /// When the drill ends (`ends`, or `drill score --ends`): expected actions due after it are
  /// "beyond the drill", listed but left out of the score. Nil: every expected action is scored.
  package var ends: LocalDateTime?

  /// A role taking part (网格员, 村两委, 领导小组, 宣传网信, ...): an id used in team logs, its name
  /// and the tier it sits at, if any.
  package struct Role: Sendable {
    package var id: String
    package var name: String
    package var tier: Int?
  }

  /// What the drill sets out to test, tied to the policy rule behind it, and the expected actions
  /// that show whether it was met.
  package struct Objective: Sendable {
    package var id: String
    package var text: String
    /// The rule it tests, as people name it ("舆情4小时内首次回应", "国办2016: 5 h").
    package var rule: String?
    package var tests: [ActionReference]
  }

  /// `I1` (all of an inject's expected actions), `I1.respond` (that action at every tier) or
  /// `I1.respond.village` (at one tier).
  package struct ActionReference: Sendable, Hashable, CustomStringConvertible {
    package var inject: String
    package var action: DrillAction?
    /// The tier's id.
    package var tier: String?

    package var description: String {
      [inject, action?.rawValue, tier].compactMap { $0 }.joined(separator: ".")
    }

    /// True when it names this expected action.
    package func names(inject id: String, action a: DrillAction, tier t: String) -> Bool {
      inject == id && (action == nil || action == a) && (tier == nil || tier == t)
    }
  }

  /// One inject: a scripted item, the text handed to the players, and what the team must do.
  package struct Inject: Sendable {
    package var id: String
    package var title: String
    package var text: String
    package var timing: Timing
    /// Index of the grid (a leaf of the organization, in order) it appears in.
    package var grid: Int
    package var channel: String?
    package var category: String
    package var severity: String
    /// Stated expectations, on top of the policy's (``DrillTimeline``): each with `within` replaces
    /// the policy's for the same action and tier.
    package var expect: [Expected]?
    /// A contingency inject fires only when this expected action is missing by then.
    package var condition: Condition?
  }

  /// When an inject is released.
  package enum Timing: Sendable {
    /// At a local date-time.
    case at(LocalDateTime)
    /// This long after another inject (which may itself be a contingency).
    case after(TimeSpan, follows: String)
    /// When its condition fires (a contingency with no time of its own).
    case onTrigger
  }

  /// A stated expected action: `within` counts from the inject's release on the tier's office
  /// hours; nil requires the policy's deadline for the same action at the same tier.
  package struct Expected: Sendable {
    package var action: DrillAction
    /// Tier index; nil: the tier the policy expects it of (the entry tier when none).
    package var tier: Int?
    package var within: DeadlineSpec?
  }

  /// A contingency's trigger: `inject`'s expected `action` is not done `by` this long after the
  /// inject (nil: by the action's due time).
  package struct Condition: Sendable {
    package var inject: String
    package var action: DrillAction
    package var by: TimeSpan?
  }

  /// `drill score` exits 1 unless the overall score is at least `score` and every objective is
  /// rated at least `rating`.
  package struct PassCriteria: Sendable {
    package var score: Double?
    package var rating: DrillRating?
  }

  /// The inject with this id.
  package func inject(_ id: String) -> Inject? { injects.first { $0.id == id } }

  /// A time that a drill's clock reads as written (a log's `time`, a pack's `ends`, `--ends`):
  /// a date with a time of day, as ``LocalDateTime/init(spreadsheet:)`` reads it. A date alone is
  /// refused: a drill is scored to the minute, and `2026-10-02` read as 00:00 would move the
  /// time by hours without a word.
  package struct TimeProblem: Error, Sendable, Equatable {
    package var message: String
    package var fix: String
  }

  /// The drill time written `text`, or why it is not one.
  package static func drillTime(_ text: String) -> Result<LocalDateTime, TimeProblem> {
    let t = text.stripped()
    if !t.contains(":"), let day = LocalDateTime(spreadsheet: t + " 00:00") {
      let d = String(day.description.prefix(10))
      return .failure(
        TimeProblem(
          message: "expected a date and a time of day, found the date '\(Diagnostic.shown(t))' alone",
          fix: "write the time too: \(d)T17:30 (\(d)T00:00 for the start of the day)"))
    }
    guard let time = LocalDateTime(spreadsheet: t) else {
      return .failure(
        TimeProblem(
          message: "expected a local date-time such as 2026-10-02T09:30, found '\(Diagnostic.shown(t))'",
          fix: "write the date and time as YYYY-MM-DDTHH:MM"))
    }
    return .success(time)
  }
}

/// What the team does with an item, as a drill pack expects it and a team log records it.
package enum DrillAction: String, Sendable, CaseIterable, Comparable {
  /// 发现: the item is seen (a monitored channel's round).
  case detect
  /// 响应: the first response to the citizen at a tier.
  case respond
  /// 上报: a skip-level report (越级上报) to a higher tier.
  case report
  /// 转办: passed up to the next tier.
  case escalate
  /// 答复: the reply that settles the tier's resolution.
  case reply
  /// 办结: closed.
  case close
  /// 回访: the follow-up call.
  case callback

  /// The action named `name`, in English or Chinese (`发现`, `响应`/`回应`, `上报`, `转办`/`上交`,
  /// `答复`/`回复`, `办结`, `回访`).
  package init?(name: String) {
    let t = name.stripped().lowercased()
    if let a = DrillAction(rawValue: t) {
      self = a
      return
    }
    guard let a = Self.chinese[t] else { return nil }
    self = a
  }

  static let chinese: [String: DrillAction] = [
    "发现": .detect, "响应": .respond, "回应": .respond, "首次回应": .respond, "上报": .report, "越级上报": .report,
    "报告": .report, "转办": .escalate, "上交": .escalate, "提级": .escalate, "答复": .reply, "回复": .reply,
    "办结": .close, "关闭": .close, "回访": .callback,
  ]

  /// The Chinese name used in reports.
  package var chineseName: String {
    switch self {
    case .detect: "发现"
    case .respond: "响应"
    case .report: "上报"
    case .escalate: "转办"
    case .reply: "答复"
    case .close: "办结"
    case .callback: "回访"
    }
  }

  package static func < (a: DrillAction, b: DrillAction) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}

/// How well an objective was met, on the HSEEP scale (and GB/T 46792's 选择项结论).
package enum DrillRating: Int, Sendable, CaseIterable, Comparable {
  /// P: performed without challenges: every expected action on time.
  case performed
  /// S: performed with some challenges: every action done, none late by more than a quarter of
  /// the time it allowed.
  case someChallenges
  /// M: performed with major challenges: at least half of the actions done.
  case majorChallenges
  /// U: unable to be performed: fewer than half done.
  case unable

  /// `P`, `S`, `M`, `U`.
  package var code: String { ["P", "S", "M", "U"][rawValue] }

  /// The rating with this code or name.
  package init?(code: String) {
    let t = code.stripped().lowercased()
    guard
      let r = Self.allCases.first(where: {
        $0.code.lowercased() == t || $0.name(.en).lowercased() == t || $0.name(.zh) == t
      })
    else { return nil }
    self = r
  }

  package func name(_ language: Scenario.Language) -> String {
    switch (self, language) {
    case (.performed, .en): "performed without challenges"
    case (.someChallenges, .en): "performed with some challenges"
    case (.majorChallenges, .en): "performed with major challenges"
    case (.unable, .en): "unable to be performed"
    case (.performed, .zh): "完成良好"
    case (.someChallenges, .zh): "基本完成，存在一些问题"
    case (.majorChallenges, .zh): "部分完成，存在较大问题"
    case (.unable, .zh): "未能完成"
    }
  }

  package static func < (a: DrillRating, b: DrillRating) -> Bool { a.rawValue < b.rawValue }
}
