/// A scenario as written by the user, after reading and checking: plain values, names not indices.
///
/// `Scenario` is what ``ScenarioLoader`` produces and what ``Model/init(_:)`` compiles. Every key of
/// the file format is documented in `Scenarios/README.md`.
public struct Scenario: Sendable {
  /// The format version; this build reads version 1.
  package var version: Int = 1
  /// A short name for reports.
  public var name: String = "unnamed scenario"
  /// Free text for reports.
  public var description: String = ""
  /// The language of the written reports unless `--lang` says otherwise.
  public var language = Language.en

  /// The languages reports are written in.
  public enum Language: String, Sendable, CaseIterable {
    case en, zh
  }
  /// The simulated period.
  package var period: Period = Period()
  /// The master seed; replication `r` draws from streams derived from (seed, r).
  public var seed: UInt64 = 1
  /// How many independent replications to run.
  public var replications: Int = 10
  /// The tiers, from the one where items enter (grid workers) to the top (leadership group).
  package var tiers: [Tier] = []
  /// The root units of the organization (usually one township), each a tree down to the grids.
  package var organization: [Unit] = []
  /// Where and how often items arrive.
  package var demand: Demand = Demand()
  /// What `gridsim plan` decides, if the scenario says.
  package var plan: PlanSpec?
  /// What `gridsim roster` keeps: rest, hours, pay and the weights of its soft goals.
  package var rosterRules = DutyRules()
  /// Named bounds the results must meet (judged by `gridsim check`).
  package var targets: [Target] = []
  /// The working calendar and office hours.
  package var calendar = CalendarSettings()
  /// Key-date windows: their own demand and staffing, and a slice of every measure.
  package var windows: [KeyDateWindow] = []
  /// The rules around deadlines every tier follows unless it sets its own (see ``Policy``).
  package var policy = Policy()
  /// The spreadsheet files (roster and calendar CSVs) read, each with the encoding it was read in.
  package var spreadsheets: [SpreadsheetFile] = []

  /// A CSV file a scenario named, as the user named it, and the encoding detected.
  package struct SpreadsheetFile: Sendable, Equatable {
    package var path: String
    package var encoding: TextEncoding
  }

  /// Holidays, make-up workdays and office hours.
  package struct CalendarSettings: Sendable {
    /// Day kinds: the built-in years plus what the scenario adds.
    package var days = WorkCalendar.china
    /// Office hours of every tier that does not set its own.
    package var officeHours = OfficeHours.standard
    /// Minute of the day from which a `same day` clock counts as the next working day (default:
    /// the close of office hours).
    package var sameDayCutoff: Int?
    package init() {}
  }

  /// Creates an empty scenario; the loader fills it in.
  package init() {}

  /// The simulated period.
  package struct Period: Sendable {
    /// Local date-time the simulation starts at.
    package var start = LocalDateTime(year: 2026, month: 1, day: 5)!
    /// Local date-time it ends at (exclusive).
    package var end = LocalDateTime(year: 2026, month: 2, day: 2)!
    /// The time at the start whose observations are discarded (the system fills up).
    package var warmUp = TimeSpan(minutes: 0)
    /// IANA time zone of every local date-time in the file.
    package var timeZone = "Asia/Shanghai"

    /// The local day (day number since 1970) of a time given in minutes after the start.
    package func day(atMinute minutes: Double) -> Int {
      Int(((Double(start.minutes) + minutes) / 1440).rounded(.down))
    }
    /// The length of the period.
    package var length: TimeSpan { TimeSpan(minutes: Double(end.minutes - start.minutes)) }
  }

  /// One tier of the grid system.
  package struct Tier: Sendable {
    /// Identifier used in references (`entry`, targets).
    package var id: String
    /// Display name, in any language.
    package var name: String
    /// The order in which waiting items are taken.
    package var discipline: QueueDiscipline = .fifo
    /// What applies to every category unless the category overrides it.
    package var rule = Rule()
    /// Per-category overrides, by category id.
    package var categoryRules: [String: Rule] = [:]
    /// Category ids this tier may close; nil means all.
    package var authorityCategories: Set<String>? = nil
    /// Highest severity id this tier may close; nil means all.
    package var authorityMaxSeverity: String? = nil
    /// Office hours for this tier's working-time deadlines; nil means the calendar's.
    package var officeHours: OfficeHours? = nil
    /// When staff are on duty; nil: around the clock with every unit's full staff.
    package var roster: Roster? = nil
    /// Roles within each unit; empty: one role, `staff`, with all of the unit's staff.
    package var roles: [Role] = []
    /// The workflow stages in order; empty: one stage in which a staff member answers after the
    /// `response` time and is done after the `handling` time.
    package var stages: [Stage] = []

    /// Creates a tier.
    package init(id: String, name: String) {
      self.id = id
      self.name = name
    }
  }

  /// Service times, onward passing and deadlines at a tier; nil fields fall back to the tier's.
  package struct Rule: Sendable {
    /// Staff time from pick-up to the first response to the citizen.
    package var response: DistributionSpec?
    /// Staff time from the first response to done.
    package var handling: DistributionSpec?
    /// Probability of passing the item up for reasons other than authority (referral).
    package var passUp: Double?
    /// Time allowed from the clock's start to the tier's first response.
    package var responseDeadline: DeadlineSpec?
    /// Time allowed from the clock's start to the tier being done with the item.
    package var resolutionDeadline: DeadlineSpec?
    /// When the deadlines' clock starts (default: arrival at the tier).
    package var deadlineClock: DeadlineClock?
    /// What a missed deadline does.
    package var onBreach: BreachAction?
    /// Extension of the resolution deadline.
    package var `extension`: Extension?
    /// The follow-up call after the reply (with a `callback` stage).
    package var callback: Callback?

    /// Creates an empty rule.
    package init() {}
  }

  /// A unit of the organization: a township, a village, a grid.
  package struct Unit: Sendable {
    /// Display name.
    package var name: String
    /// Number of staff who handle items at this unit.
    package var staff: Int
    /// Relative arrival weight of a grid (leaf unit); 1 is the scenario's per-grid rate.
    package var demandWeight: Double = 1
    /// Units below this one.
    package var children: [Unit] = []
    /// Creates a unit.
    package init(name: String, staff: Int, demandWeight: Double = 1, children: [Unit] = []) {
      self.name = name
      self.staff = staff
      self.demandWeight = demandWeight
      self.children = children
    }
  }

  /// Arrivals: how many, when, of which kinds, entering at which tier.
  package struct Demand: Sendable {
    /// Mean arrivals per grid per day before the hour and weekday profiles.
    package var perGridPerDay: Double = 1
    /// 24 relative weights, hour 0 first; normalised to mean 1.
    package var hourOfDay: [Double] = Array(repeating: 1, count: 24)
    /// 7 relative weights, Monday first; normalised to mean 1.
    package var dayOfWeek: [Double] = Array(repeating: 1, count: 7)
    /// 12 relative weights, January first; normalised to mean 1.
    package var monthOfYear: [Double] = Array(repeating: 1, count: 12)
    /// Multipliers per day kind (absolute; 1 when not given).
    package var dayKind: [DayKind: Double] = [:]
    /// Where items come from and how they are seen (one channel seen at once by default).
    package var channels: [Channel] = [Channel(id: "direct", name: "direct", share: 1)]
    /// Item categories with their shares.
    package var categories: [Category] = [Category(id: "issue", name: "issue", share: 1)]
    /// Severity levels, lowest first, with their shares.
    package var severities: [Severity] = [Severity(id: "routine", name: "routine", share: 1)]
    /// Entry rules, first match wins; no match enters at the first tier.
    package var entry: [EntryRule] = []
    /// Scripted items (drill injects) that arrive at set times, on top of the random arrivals.
    package var injects: [Inject] = []
  }

  /// One scripted item: when, where and what.
  package struct Inject: Sendable {
    /// The drill's name for it (`trace --inject ID`); nil when the scenario gives none.
    package var id: String? = nil
    /// Minutes after the start of the period.
    package var minutesAfterStart: Double
    /// Name of the grid it appears in.
    package var grid: String?
    /// Category id.
    package var category: String
    /// Severity id.
    package var severity: String
    /// Channel id; nil: seen at once.
    package var channel: String? = nil

    package init(
      id: String? = nil, minutesAfterStart: Double, grid: String?, category: String, severity: String,
      channel: String? = nil
    ) {
      self.id = id
      self.minutesAfterStart = minutesAfterStart
      self.grid = grid
      self.category = category
      self.severity = severity
      self.channel = channel
    }
  }

  /// An item category (consultation, complaint, ...).
  package struct Category: Sendable {
    /// Identifier.
    package var id: String
    /// Display name.
    package var name: String
    /// Relative share of arrivals.
    package var share: Double
    /// Severity shares for this category, by severity id; nil uses the scenario's.
    package var severityShares: [String: Double]? = nil
  }

  /// A severity level.
  package struct Severity: Sendable {
    /// Identifier.
    package var id: String
    /// Display name.
    package var name: String
    /// Relative share of arrivals (unless a category sets its own).
    package var share: Double
  }

  /// Items matching `category` and `severity` (nil matches any) enter at `tier`.
  package struct EntryRule: Sendable {
    /// Category id, or nil for any.
    package var category: String?
    /// Severity id, or nil for any.
    package var severity: String?
    /// Tier id the item enters at.
    package var tier: String
  }
}

/// The order in which a unit's waiting items are taken.
package enum QueueDiscipline: String, Sendable, CaseIterable {
  /// First come, first served.
  case fifo
  /// Highest severity first, then first come.
  case severity
  /// Earliest deadline at this tier first, then first come (no deadline counts as latest).
  case deadline
}

/// What a missed deadline does.
package enum BreachAction: String, Sendable, CaseIterable {
  /// Supervision (督办): the item is taken up to the parent unit at the next tier at once.
  case escalate
  /// The miss is counted; the item stays where it is.
  case record
}

/// Why an item went up a tier.
package enum EscalationReason: Int, Sendable, CaseIterable {
  /// The tier may not close this category or severity.
  case authority
  /// Passed up for other reasons (the tier's `passUp` probability).
  case referral
  /// A deadline at the tier was missed and the breach escalates.
  case deadline
  /// A major item entered above the first tier (skip-level reporting).
  case major
  /// Unanswered opinion got worse and now belongs to a higher tier.
  case worsened
  /// The citizen was unsatisfied and the item is handled again one tier up.
  case reopened

  /// The name used in reports.
  package var name: String {
    switch self {
    case .authority: "authority"
    case .referral: "referral"
    case .deadline: "deadline"
    case .major: "major"
    case .worsened: "worsened"
    case .reopened: "reopened"
    }
  }
}
