/// The handling workflow of the source documents (see `Scenarios/README.md`, "The workflow"):
/// the stages an item goes through at a tier, the roles that do them, and the rules around
/// deadlines (extensions, supervision, callbacks and reopening, worsening opinion, skip-level
/// reports).

/// One step of the written procedure. The order of a tier's `stages` list is the order they run in.
package enum StageKind: String, Sendable, CaseIterable {
  /// 受理: register the item and answer the citizen at once (the tier's first response).
  case accept
  /// 批办: a leader reviews it and assigns it, naming a lead department when several are involved.
  case assign
  /// 办理: investigate and resolve; may fork to several departments; after it the tier decides to
  /// go on or pass the item up.
  case handle
  /// 审定: the unit head or a leader approves the reply.
  case approve
  /// 回复: the reply is posted where the citizen wrote (the tier's resolution).
  case reply
  /// 回访: the follow-up call; an unsatisfied citizen reopens the item.
  case callback
  /// 立卷归档: the item is archived and closed.
  case archive

  /// Stages that come after the decision to pass an item up: only the closing tier does them.
  package var isClosing: Bool {
    switch self {
    case .accept, .assign, .handle: false
    case .approve, .reply, .callback, .archive: true
    }
  }
}

extension Scenario {
  /// A role within a tier's units (the office, the leaders, the departments), with its share of
  /// each unit's on-duty staff.
  package struct Role: Sendable, Equatable {
    package var id: String
    package var share: Double
  }

  /// One stage of a tier's workflow.
  package struct Stage: Sendable {
    package var kind: StageKind
    /// The role that does it (an index into the tier's roles).
    package var role: Int
    /// Staff time; nil for accept and handle means the tier's `response` and `handling`.
    package var time: DistributionSpec?
    /// Categories that skip this stage.
    package var skip: Set<String> = []
    /// Handle only: the chance that an item involves n departments (n ≥ 2), one part each, the
    /// first (the lead) done by the item itself.
    package var departments: [(count: Int, probability: Double)] = []
  }

  /// An extension of the resolution deadline: requested with `probability` when the deadline is
  /// reached without a reply, granted up to `limit` from the deadline clock's start.
  package struct Extension: Sendable, Equatable {
    package var probability: Double
    package var limit: DeadlineSpec
  }

  /// The follow-up call after a reply: how often the citizen is unsatisfied (rising with each day
  /// the reply was late), and where the item is handled again.
  package struct Callback: Sendable, Equatable {
    package var unsatisfied: Double
    package var perDayLate: Double = 0
    package var reopenAt: ReopenTier = .same
    package var maxReopenings: Int = 2
  }

  /// Where a reopened item is handled again.
  package enum ReopenTier: String, Sendable, CaseIterable {
    case same, up
  }

  /// Opinion that gets worse (恶化) when nobody answers it within `within` of its appearance:
  /// its severity rises, follow-up posts appear, and it may go straight to a higher tier.
  package struct Worsening: Sendable, Equatable {
    package var within: TimeSpan
    package var severityRise: Int = 1
    package var followUps: Int = 0
  }

  /// Skip-level reporting (越级上报): matching items are reported to `tier` within `within` while
  /// the lower tiers go on acting; the report takes `time` of the role's staff.
  package struct SkipLevelReport: Sendable {
    package var category: String?
    package var severity: String?
    package var tier: String
    package var role: String?
    package var within: TimeSpan
    package var time: DistributionSpec
  }

  /// What staff on a duty shift (值班, a shift with `duty: true`) take at once: the rest waits for
  /// the next office shift. The State Council's yearly holiday notice asks every locality to keep
  /// duty and to report and handle major emergencies at once; routine matters are registered for
  /// the next working day.
  package struct DutyRule: Sendable, Equatable {
    /// Category ids duty takes whatever their severity.
    package var categories: [String] = []
    /// Severity ids duty takes; nil: every severity above the lowest.
    package var severities: [String]? = nil
    /// True: duty also takes opinion whose worsening window is still open (it would worsen by the
    /// morning).
    package var opinion = true

    package init() {}
  }

  /// The rules around deadlines that apply to every tier unless a tier says otherwise, usually
  /// taken from a preset in `Scenarios/policies/`.
  package struct Policy: Sendable {
    /// The preset file named, its name and its stated source.
    package var preset: String?
    package var name: String?
    package var source: String?
    /// Deadlines, extension and callback of every tier (below the tier's own).
    package var rule = Rule()
    package var categoryRules: [String: Rule] = [:]
    /// Supervision reminders, as fractions of the time to the resolution deadline.
    package var reminders: [Double] = []
    /// Worsening of unanswered opinion, by category id.
    package var worsening: [String: Worsening] = [:]
    /// Skip-level reporting rules, first match wins.
    package var skipLevel: [SkipLevelReport] = []
    /// What duty shifts take (only where a tier has one).
    package var duty = DutyRule()

    package init() {}
  }
}
