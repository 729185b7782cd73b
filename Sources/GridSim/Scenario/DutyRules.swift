/// The `rosterRules` key: the rules a named duty roster (值班表, `gridsim roster`) keeps, and the
/// weights of what it tries to even out. Every figure has a default with its source; a scenario
/// changes any of them.
package struct DutyRules: Sendable, Equatable {
  /// The kinds of post people hold: the rules on hours and pay differ between them.
  package enum Post: String, Sendable, CaseIterable, Hashable {
    /// 公务员: civil servants (the Civil Servants Law; duty on days off is given back as 补休).
    case civilServant = "civil-servant"
    /// 村干部: village cadres (elected, not employees; 补休 or an allowance by local rule).
    case villageCadre = "village-cadre"
    /// 聘用人员 / 编外: hired staff, employees under the Labour Law.
    case hired

    /// 公务员, 村干部, 聘用人员.
    package var chineseName: String {
      switch self {
      case .civilServant: "公务员"
      case .villageCadre: "村干部"
      case .hired: "聘用人员"
      }
    }

    /// The post `text` names: its id, its Chinese name, or a common other name.
    package init?(named text: String) {
      let t = text.lowercased()
      if let p = Post(rawValue: t) ?? Post.allCases.first(where: { $0.chineseName == text }) {
        self = p
        return
      }
      switch t {
      case "civil servant", "cadre", "干部", "公务员/参公", "参公": self = .civilServant
      case "village cadre", "村两委", "村两委干部": self = .villageCadre
      case "hired staff", "staff", "contract", "编外", "编外人员", "合同工", "协管员": self = .hired
      default: return nil
      }
    }
  }

  /// Limits and compensation for one kind of post.
  package struct PostRules: Sendable, Equatable {
    /// Most duty hours counted in any 7 consecutive days; nil: no limit.
    package var hoursPerWeek: Double?
    /// Most duty hours counted in a calendar month (duty on days off is overtime); nil: no limit.
    package var hoursPerMonth: Double?
    /// Duty on a rest day or a statutory holiday is given back as time off (补休) rather than paid.
    package var timeOff: Bool

    package init(hoursPerWeek: Double? = nil, hoursPerMonth: Double? = nil, timeOff: Bool) {
      self.hoursPerWeek = hoursPerWeek
      self.hoursPerMonth = hoursPerMonth
      self.timeOff = timeOff
    }
  }

  /// Days off after a night duty (a shift that runs past midnight): no shift starts on them.
  /// Default 1 (no shift the next day: offices' practice of 下夜班休息).
  package var restAfterNight = 1
  /// Most duty days in a row. Default 6: the Labour Law, art. 38, guarantees a day of rest a week.
  package var maxConsecutiveDays = 6
  /// Most shifts a person starts on one day. Default 1.
  package var maxShiftsPerDay = 1
  /// The share of a night duty's length that counts toward the hours limits: 1 counts it in full;
  /// the default 0.5 counts a night with a place to sleep as on-call time (OURS: a setting, so that
  /// a 15-hour night is not illegal by construction).
  package var nightShare = 0.5
  /// Per kind of post. Defaults: hired staff 40 h a week (art. 36) and 36 h of overtime a month
  /// (art. 41), paid; civil servants and village cadres are not under those articles and are
  /// given 补休.
  package var posts: [Post: PostRules] = [
    .civilServant: PostRules(timeOff: true),
    .villageCadre: PostRules(timeOff: true),
    .hired: PostRules(hoursPerWeek: 40, hoursPerMonth: 36, timeOff: false),
  ]
  /// Pay as a multiple of a day's wage, by day kind (art. 44): statutory holiday 3, rest day 2
  /// (when no time off is given), a workday's duty after hours 1.5.
  package var payStatutory = 3.0
  package var payRestDay = 2.0
  package var payWorkday = 1.5

  /// A unit's shift that its own people cannot cover may be taken by people of another unit of
  /// the same tier (借调). Default false: each unit covers its own shifts.
  package var borrow = false

  /// The weights of the soft goals (all whole numbers; the solver minimises their sum).
  package struct Weights: Sendable, Equatable {
    /// Duties spread evenly within each unit (sum of squares of each person's count).
    package var duties = 1
    /// Night duties spread evenly.
    package var nights = 2
    /// Duties on holidays (statutory or not) spread evenly.
    package var holidays = 1
    /// Hard days (除夕, 初一, 1 October) spread evenly.
    package var hardDays = 4
    /// A hard day given to someone who had hard days last year, per such day and per hard day
    /// they had.
    package var rotation = 6
    /// A hard day given to someone who had that same hard day last year (除夕 again), on top of
    /// ``rotation``.
    package var sameHardDay = 12
    /// A duty on a shift or day a person would rather not take, or (where they named shifts or days
    /// they prefer) on none of those.
    package var preference = 3
    /// A seat given to another person than in the previous roster (`--previous`).
    package var changes = 20
    /// A seat taken by someone of another unit (with ``DutyRules/borrow``).
    package var borrowed = 10
    package init() {}
  }
  package var weights = Weights()

  /// The documented defaults.
  package init() {}

  /// The rules of a kind of post (the defaults when a scenario sets none).
  package func rules(for post: Post) -> PostRules { posts[post] ?? PostRules(timeOff: post != .hired) }
}
