/// The words and number formats of the written reports (`report.html`, `report.md`), in English or
/// Chinese. Tier, unit, category and channel names appear as the scenario gives them; the data
/// files (CSV, JSON) keep English keys and plain numbers in every language.
public struct ReportLanguage: Sendable {
  /// The languages reports are written in.
  public typealias Code = Scenario.Language

  /// Which language: `en` or `zh`.
  public let code: Code

  /// English, which the text reports use too.
  public static let english = ReportLanguage(.en)

  /// The language with this code.
  public init(_ code: Code) { self.code = code }

  /// `en` in English, `zh` in Chinese.
  package func pick(_ en: String, _ zh: String) -> String { code == .en ? en : zh }

  // MARK: numbers, durations and dates

  /// `97.3%`.
  package func percent(_ share: Double?) -> String {
    guard let share else { return "-" }
    return String(format2: share * 100, digits: 1) + "%"
  }

  /// A share estimate with ± half its interval.
  package func percent(_ e: Estimate?) -> String {
    guard let e else { return "-" }
    var text = percent(e.mean)
    if e.halfWidth > 0.0005 { text += " ±" + String(format2: e.halfWidth * 100, digits: 1) }
    return text
  }

  /// A number of minutes in the unit that suits it (or suits `scale`, so that figures shown
  /// together share a unit): `45 min`, `3.2 h`, `4.5 days` (分钟, 小时, 天).
  package func duration(_ minutes: Double?, scale: Double? = nil) -> String {
    guard let minutes else { return "-" }
    guard minutes.isFinite else { return pick("never", "无") }
    let unit = NumberText.unit(forMinutes: abs(scale ?? minutes))
    return NumberText.decimal(minutes / unit.minutes, digits: 1) + " " + durationUnit(unit.name)
  }

  /// A duration estimate with ± half its interval.
  package func duration(_ e: Estimate?) -> String {
    guard let e else { return "-" }
    let unit = NumberText.unit(forMinutes: abs(e.mean))
    var text = NumberText.decimal(e.mean / unit.minutes, digits: 1) + " " + durationUnit(unit.name)
    if e.halfWidth > 0 { text += " ±" + NumberText.decimal(e.halfWidth / unit.minutes, digits: 1) }
    return text
  }

  private func durationUnit(_ name: String) -> String {
    switch (code, name) {
    case (.zh, "min"): "分钟"
    case (.zh, "h"): "小时"
    case (.zh, _): "天"
    default: name
    }
  }

  private static let months = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]

  /// `4 Mar 2026` or `2026年3月4日` from `2026-03-04`.
  package func date(_ iso: String) -> String {
    let parts = iso.split(separator: "-").compactMap { Int($0) }
    guard parts.count == 3 else { return iso }
    return code == .en
      ? "\(parts[2]) \(Self.months[parts[1] - 1]) \(parts[0])" : "\(parts[0])年\(parts[1])月\(parts[2])日"
  }

  /// `4 Mar` or `3月4日`, for axes.
  package func shortDate(_ iso: String) -> String {
    let parts = iso.split(separator: "-").compactMap { Int($0) }
    guard parts.count == 3 else { return iso }
    return code == .en ? "\(parts[2]) \(Self.months[parts[1] - 1])" : "\(parts[1])月\(parts[2])日"
  }

  /// A measure figure in its unit.
  package func measure(_ value: Double?, _ unit: Measure.Unit, scale: Double? = nil) -> String {
    guard let value else { return "-" }
    switch unit {
    case .share: return percent(value)
    case .minutes: return duration(value, scale: scale)
    case .items: return NumberText.decimal(value, digits: 1)
    }
  }

  /// An estimate of a measure with its 95% interval: `97.1% (96.5% to 97.7%)`; durations in the
  /// unit that suits `scale` (default: the mean).
  package func interval(_ e: Estimate?, _ unit: Measure.Unit, scale: Double? = nil) -> String {
    guard let e else { return "-" }
    let s = scale ?? e.mean
    guard e.halfWidth > 0 else { return measure(e.mean, unit, scale: s) }
    return
      "\(measure(e.mean, unit, scale: s)) (\(measure(e.low, unit, scale: s)) \(pick("to", "至")) \(measure(e.high, unit, scale: s)))"
  }

  /// A signed difference: `+1.5 pt`, `-2.0 h`.
  package func difference(_ value: Double, _ unit: Measure.Unit, scale: Double? = nil) -> String {
    let magnitude =
      switch unit {
      case .share: String(format2: abs(value) * 100, digits: 1) + pick(" pt", " 个百分点")
      case .minutes, .items: measure(abs(value), unit, scale: scale.map(abs))
      }
    // A difference that rounds to zero is shown as ±0, never as -0.
    let zero = !magnitude.contains { "123456789".contains($0) }
    return (zero ? "±" : value > 0 ? "+" : "-") + magnitude
  }

  /// Separates parts of a line: `; ` or `；`.
  package var separator: String { pick("; ", "；") }

  // MARK: names

  /// A deadline rule: `3 working days`, `3个工作日`.
  package func rule(_ spec: DeadlineSpec) -> String {
    switch (code, spec) {
    case (.en, _): spec.description
    case (.zh, .sameDay): "当日"
    case (.zh, .workingDays(let n)): "\(n)个工作日"
    case (.zh, .workingHours(let span)): NumberText.decimal(span.minutes / 60, digits: 1) + " 工作小时"
    case (.zh, .elapsed(let span)): duration(span.minutes)
    }
  }

  /// A day kind's name.
  package func dayKind(_ kind: DayKind) -> String {
    switch kind {
    case .workday: pick("workday", "工作日")
    case .weekend: pick("weekend", "周末")
    case .holiday: pick("holiday", "节假日")
    case .makeupWorkday: pick("make-up workday", "调休工作日")
    }
  }

  /// A holiday or make-up workday's name: the built-in calendar's names translated (`National Day
  /// make-up workday`: 国庆节调休上班), others as given.
  package func holiday(_ name: String) -> String {
    guard code == .zh else { return name }
    let names = [
      "New Year's Day": "元旦", "Spring Festival": "春节", "Qingming": "清明节", "Labour Day": "劳动节",
      "Dragon Boat Festival": "端午节", "Mid-Autumn": "中秋节", "National Day": "国庆节",
      "National Day and Mid-Autumn": "国庆节、中秋节", "holiday": "节假日", "make-up workday": "调休上班",
    ]
    if let known = names[name] { return known }
    let suffix = " make-up workday"
    if name.hasSuffix(suffix), let holiday = names[String(name.dropLast(suffix.count))] {
      return holiday + "调休上班"
    }
    return name
  }

  /// A key-date window's name: the built-in names translated, others as the scenario gives them.
  package func window(_ name: String) -> String {
    guard code == .zh else { return name }
    let names = [
      "new-year": "元旦", "spring-festival": "春节", "two-sessions": "全国两会", "qingming": "清明",
      "labour-day": "劳动节", "dragon-boat": "端午", "july-1": "七一", "mid-autumn": "中秋",
      "national-day": "国庆",
    ]
    if let known = names[name] { return known }
    // The days before and after a key date, as the shipped scenarios name them (national-day-eve).
    for (suffix, word) in [("-eve", "前"), ("-before", "前"), ("-after", "后")] where name.hasSuffix(suffix) {
      if let known = names[String(name.dropLast(suffix.count))] { return known + word }
    }
    return name
  }

  /// A slice's name: a day kind or a window.
  package func slice(_ name: String) -> String {
    if let kind = DayKind(rawValue: name) { return dayKind(kind) }
    return window(name)
  }

  /// Why items went up a tier.
  package func reason(_ reason: EscalationReason) -> String {
    switch reason {
    case .authority: pick("authority", "超出权限")
    case .referral: pick("referral", "转办")
    case .deadline: pick("deadline missed", "超时督办")
    case .major: pick("skip-level (major)", "越级上报")
    case .worsened: pick("opinion worsened", "舆情恶化")
    case .reopened: pick("reopened", "不满意重办")
    }
  }

  /// A measure in words: `response on time at village during national-day`.
  package func measure(_ m: Measure, tierName: (String) -> String, categoryName: (String) -> String) -> String
  {
    var text: String
    switch m.kind {
    case .responseOnTime: text = pick("response on time", "按时回复率")
    case .resolutionOnTime: text = pick("resolution on time", "按时办结率")
    case .utilization: text = pick("utilization", "利用率")
    case .backlogMean: text = pick("mean end-of-day backlog", "日末平均积压")
    case .backlogMax: text = pick("largest end-of-day backlog", "日末最大积压")
    case .openAtEnd: text = pick("open at the end", "期末未结")
    case .satisfaction: text = pick("satisfaction", "满意率")
    case .keptFromWorsening: text = pick("kept from worsening", "未恶化率")
    case .reportOnTime: text = pick("skip-level reports on time", "越级上报及时率")
    case .resolutionRate: text = pick("resolution rate", "解决率")
    case .extensions: text = pick("extensions", "延期次数")
    case .reopenings: text = pick("reopenings", "重办次数")
    case .named: text = pick("deadlines missed without reply or extension", "通报次数")
    case .duration(let metric, let statistic):
      let what =
        switch metric {
        case .wait: pick("wait", "等待时间")
        case .response: pick("response time", "回复时间")
        case .resolution: pick("resolution time", "办结时间")
        case .timeInSystem: pick("time in system", "总时长")
        case .timeAtTier: pick("time at tier", "层级停留时间")
        case .detection: pick("detection delay", "发现时延")
        }
      let stat =
        switch statistic {
        case .mean: pick("mean", "平均")
        case .p50: pick("median", "中位数")
        case .p90: "P90"
        case .p95: "P95"
        case .max: pick("max", "最大")
        }
      text = code == .en ? "\(what) \(stat)" : "\(what)\(stat)"
    }
    if code == .en {
      if let tier = m.tier { text += " at \(tierName(tier))" }
      if let category = m.category { text += " for \(categoryName(category))" }
      if let channel = m.channel { text += " via \(channel)" }
      if let window = m.window { text += " during \(slice(window))" }
      return text
    }
    var prefix = ""
    if let window = m.window { prefix += slice(window) + "期间" }
    if let tier = m.tier { prefix += tierName(tier) }
    if let category = m.category { prefix += categoryName(category) }
    if let channel = m.channel { prefix += "经" + channel }
    return prefix.isEmpty ? text : prefix + " " + text
  }

  // MARK: headings and labels

  package var htmlLang: String { pick("en", "zh-CN") }
  package var comparisonTitle: String { pick("Comparison", "方案对比") }
  package var checkTitle: String { pick("Target check", "目标检查") }
  package var atAGlance: String { pick("At a glance", "要点") }
  package var targets: String { pick("Targets", "目标") }
  package var loadAndCapacity: String { pick("Load and capacity", "负荷与处理能力") }
  package var deadlines: String { pick("Deadlines", "时限") }
  package var escalations: String { pick("Escalations", "上报流向") }
  package var details: String { pick("Details", "明细") }
  package var period: String { pick("Period", "时段") }
  package var to: String { pick("to", "至") }
  package var file: String { pick("File", "文件") }

  /// `10 replications, seed 7; intervals are 95%`.
  package func runs(_ replications: Int, seed: UInt64) -> String {
    code == .en
      ? "\(replications) replication\(replications == 1 ? "" : "s"), seed \(seed)"
        + (replications > 1 ? "; ± and intervals are 95%" : "")
      : "重复 \(replications) 次，随机种子 \(seed)" + (replications > 1 ? "；± 与区间均为 95% 置信区间" : "")
  }

  /// `warm-up 7 days (not measured)`.
  package func warmUp(_ minutes: Double) -> String {
    code == .en ? "warm-up \(duration(minutes)) (not measured)" : "预热 \(duration(minutes))（不计入统计）"
  }

  // Findings.
  package func itemsLine(appeared: String, closed: String, open: String) -> String {
    code == .en
      ? "\(appeared) items appeared and \(closed) were closed; \(open) still open at the end."
      : "共出现 \(appeared) 件，办结 \(closed) 件，期末未结 \(open) 件。"
  }
  package func onTimeLine(response: String, resolution: String) -> String {
    code == .en
      ? "Responses on time: **\(response)**; resolutions on time: **\(resolution)**."
      : "按时回复率 **\(response)**，按时办结率 **\(resolution)**。"
  }
  package func busiestLine(tier: String, utilization: String, wait: String) -> String {
    code == .en
      ? "The busiest tier is **\(tier)**: its staff were busy \(utilization) of their time on duty, and items waited \(wait) there on average."
      : "最繁忙的层级是**\(tier)**：在岗时间中 \(utilization) 处于忙碌，事项在此平均等待 \(wait)。"
  }
  package func backlogLine(items: String, tier: String, date: String) -> String {
    code == .en
      ? "The largest end-of-day backlog was \(items) items at \(tier), on \(date)."
      : "日末积压最多为 \(items) 件（\(tier)，\(date)）。"
  }
  package func worstDayLine(rate: String, tier: String, date: String) -> String {
    code == .en
      ? "The lowest daily response on-time rate was \(rate), at \(tier) for visits begun on \(date)."
      : "每日按时回复率最低为 \(rate)（\(tier)，\(date) 受理的事项）。"
  }
  package func ratesLine(response: String, resolution: String, satisfaction: String, kept: String) -> String {
    code == .en
      ? "The three rates: response \(response), resolution \(resolution) (closed of appeared), satisfaction \(satisfaction). The three standards: timely \(response), well received \(satisfaction), kept from worsening \(kept)."
      : "三率：回复率 \(response)，解决率 \(resolution)（办结占出现），满意率 \(satisfaction)。三项标准：及时 \(response)，满意 \(satisfaction)，未恶化 \(kept)。"
  }
  package func namedLine(_ units: [String], more: Int) -> String {
    let rest = more > 0 ? (code == .en ? " and \(more) more" : " 等另外 \(more) 个") : ""
    return units.isEmpty
      ? pick(
        "Named units (通报): none missed a deadline without reply or extension.", "通报：没有单位在无答复、无延期的情况下超时。")
      : code == .en
        ? "Named units (通报, a resolution deadline missed with no reply or extension): \(units.joined(separator: ", "))\(rest)."
        : "通报单位（超过办结时限且无答复、无延期）：\(units.joined(separator: "、"))\(rest)。"
  }
  package func overDutyLine(tier: String, days: Int, peak: String, date: String) -> String {
    code == .en
      ? "\(tier) was busy for more than its on-duty staff-time on \(days) day\(days == 1 ? "" : "s") (up to \(peak), on \(date)): staff finished items after their shifts and items waited for the next shift. Put more people on duty on those days, or add a later shift."
      : "\(tier) 有 \(days) 天的忙碌时间超过在岗时间（最高 \(peak)，\(date)）：人员在下班后继续办理，事项等到下一班。请在这些日期增加在岗人员或安排晚班。"
  }
  package func workingTimeLine(window: String, onTime: String, response: String, detection: String?) -> String
  {
    let seen = detection.map { code == .en ? " (seen after \($0))" : "（发现用时 \($0)）" } ?? ""
    return code == .en
      ? "Over \(window), deadlines in working time pause on days off: \(onTime) of first responses were on time, while 1 item in 10 waited more than \(response) on the clock for its first response\(seen)."
      : "\(window)期间，按工作日计算的时限在休息日暂停：首次回复按时率 \(onTime)，但一成事项的首次回复按日历时间超过 \(response)\(seen)。"
  }
  package func targetsMet(_ n: Int) -> String {
    code == .en ? "All \(n) target\(n == 1 ? "" : "s") met." : "全部 \(n) 项目标均已达成。"
  }
  package func targetsMissed(_ missed: Int, of n: Int, names: String) -> String {
    code == .en
      ? "**\(missed) of \(n) target\(n == 1 ? "" : "s") missed:** \(names)."
      : "**\(n) 项目标中 \(missed) 项未达成：**\(names)。"
  }
  package var met: String { pick("met", "达成") }
  package var missed: String { pick("MISSED", "未达成") }
  package var undecided: String { pick("the mean meets it; run more replications", "均值达标，需增加重复次数") }
  package var neverObserved: String { pick("never observed", "未观测到") }
  package func comparisonVerdict(worse: Int, flipped: Int) -> String {
    if worse == 0 && flipped == 0 { return nothingWorse }
    return code == .en
      ? "\(worse) measure\(worse == 1 ? "" : "s") significantly worse; \(flipped) target\(flipped == 1 ? "" : "s") went from met to missed."
      : "\(worse) 项指标显著变差；\(flipped) 项目标由达成变为未达成。"
  }
  package var nothingWorse: String { pick("Nothing got significantly worse.", "没有指标显著变差。") }
  package func worse(_ names: String) -> String {
    code == .en ? "Significantly worse: \(names)." : "显著变差：\(names)。"
  }
  package var noTargetFlipped: String { pick("No target went from met to missed.", "没有目标由达成变为未达成。") }
  package func flipped(_ names: String) -> String {
    code == .en ? "Went from met to missed: \(names)." : "由达成变为未达成：\(names)。"
  }

  // Charts.
  package var arrivalsChart: String { pick("Daily arrivals against capacity", "每日到达量与处理能力") }
  package var arrivalsCaption: String {
    pick(
      "Bars: visits begun each day. Line: the visits the staff on duty could finish at the tier's observed pace. Shaded: holidays; hatched: key-date windows; dotted: the warm-up.",
      "柱：每日受理量。线：在岗人员按该层级实际处理速度每日可办结的件数。灰底：节假日；斜线：重点时段；点状：预热期。")
  }
  package var itemsPerDay: String { pick("items per day", "件/天") }
  package var arrivals: String { pick("arrivals", "到达") }
  package var capacity: String { pick("capacity", "处理能力") }
  package var backlogChart: String { pick("Backlog at the end of each day", "每日日末积压") }
  package var backlogCaption: String {
    pick("Items present at each tier at the end of the day, waiting or in hand.", "每日结束时各层级在办与待办的事项数。")
  }
  package var items: String { pick("items", "件") }
  package var responseChart: String { pick("Response time per tier", "各层级回复时间分布") }
  package var responseCaption: String {
    pick(
      "Share of responses by time from detection to first response (log scale). The solid line is the tier's deadline; for a working-time deadline it is the typical length, and the shaded band runs from its shortest to its longest.",
      "按从发现到首次回复的时间统计的回复占比（对数刻度）。实线为该层级时限；按工作时间计算的时限取通常长度，阴影为其最短至最长范围。")
  }
  package var responseAxis: String {
    pick("time from detection to first response (log scale)", "从发现到首次回复的时间（对数刻度）")
  }
  package var shareOfResponses: String { pick("share of responses", "回复占比") }
  package var deadline: String { pick("deadline", "时限") }
  package func ownDeadlines(_ list: String) -> String {
    code == .en ? "own deadlines: \(list)" : "另有时限：\(list)"
  }
  package var heatMapChart: String { pick("On-time rate by day and tier", "各层级每日按时率") }
  package var heatMapCaption: String {
    pick(
      "Share of deadlines met, by the day the visit began; darker is worse, hatched means no deadline fell due.",
      "按受理日期统计的时限达成率，颜色越深越差，斜线表示当日无到期时限。")
  }
  package var noDeadlineDue: String { pick("no deadline due", "无到期时限") }
  package var response: String { pick("response", "回复") }
  package var resolution: String { pick("resolution", "办结") }
  package var flowChart: String { pick("Flow of items between tiers", "事项在层级间的流向") }
  package var flowCaption: String {
    pick(
      "Items per replication after the warm-up: where they entered, why they went up, where they were closed.",
      "预热期后每次重复的平均件数：从哪里进入、为何上报、在哪里办结。")
  }
  package var appeared: String { pick("appeared", "出现") }
  package var closedHere: String { pick("closed here", "在此办结") }
  package var openAtEnd: String { pick("open at the end", "期末未结") }
  package var targetChart: String { pick("Targets with their 95% intervals", "目标及其 95% 区间") }
  package var targetCaption: String {
    pick(
      "Each target on its own scale: the dot is the estimate, the whiskers its 95% interval, the bar the bound.",
      "每项目标各自刻度：圆点为估计值，须线为 95% 区间，竖线为标准。")
  }

  // Tables.
  package var tier: String { pick("Tier", "层级") }
  package var staff: String { pick("Staff", "人员") }
  package var utilization: String { pick("Utilization", "利用率") }
  package var role: String { pick("Role", "角色") }
  package var roleShare: String { pick("Share of the tier's on-duty time", "占层级在岗时间") }
  package var roleBusy: String { pick("Its people busy", "本角色人员忙碌") }
  package var allRoles: String { pick("all roles", "全部角色") }
  package var rolesNote: String {
    pick(
      "A role's share of the tier's on-duty time adds up, over the roles, to the tier's utilization; its people busy is the share of its own staff's time spent on its items (where a unit has fewer people than roles, its people take the roles in turn, so all of them are the role's). Neither is above 100%.",
      "各角色占层级在岗时间之和即该层级利用率；本角色人员忙碌为该角色人员用于本角色事项的时间占比（单位人数少于角色数时，全体人员轮流承担各角色）。两者均不超过 100%。")
  }
  package var visits: String { pick("Visits", "受理量") }
  package var waitMean: String { pick("Wait mean", "平均等待") }
  package var waitP90: String { pick("Wait P90", "等待 P90") }
  package var responseOnTime: String { pick("Response on time", "按时回复率") }
  package var resolutionOnTime: String { pick("Resolution on time", "按时办结率") }
  package var backlogPerDay: String { pick("Backlog/day", "日均积压") }
  package var passedUpFrom: String { pick("Passed up from", "上报自") }
  package var closed: String { pick("Closed here", "在此办结") }
  package var category: String { pick("Category", "类别") }
  package var itemsHeader: String { pick("Items", "件数") }
  package var responseMean: String { pick("Response mean", "平均回复时间") }
  package var responseP90: String { pick("Response P90", "回复时间 P90") }
  package var resolutionMean: String { pick("Resolution mean", "平均办结时间") }
  package var resolutionP90: String { pick("Resolution P90", "办结时间 P90") }
  package var byDay: String { pick("By the day items appeared (measured days)", "按事项出现日期（统计期内）") }
  package var daysAppeared: String { pick("Days appeared", "出现日期") }
  package var days: String { pick("Days", "天数") }
  package var detection: String { pick("Detection (appearance to being seen)", "发现时延（出现到被发现）") }
  package var channel: String { pick("Channel", "渠道") }
  package var checked: String { pick("Checked", "巡查时间") }
  package var continuously: String { pick("continuously", "实时") }
  package var detectionMean: String { pick("Detection mean", "平均发现时延") }
  package var target: String { pick("Target", "目标") }
  package var measureHeader: String { pick("Measure", "指标") }
  package var estimate: String { pick("Estimate (95% interval)", "估计值（95% 区间）") }
  package var bound: String { pick("Bound", "标准") }
  package var margin: String { pick("Margin", "余量") }
  package var result: String { pick("Result", "结果") }
  package var base: String { pick("Base", "基准") }
  package var changed: String { pick("Changed", "调整后") }
  package var differenceHeader: String { pick("Difference (95% interval)", "差值（95% 区间）") }
  package var worseWord: String { pick("worse", "变差") }
  package var betterWord: String { pick("better", "改善") }
  package var changedWord: String { pick("changed", "有变化") }
  package var commonRandomNumbers: String {
    pick(
      "Both run on the same random numbers; differences are changed − base, paired by replication.",
      "两方案使用相同随机数；差值为调整后减基准，按重复配对计算。")
  }
  package var generatedBy: String { pick("Written by gridsim from", "由 gridsim 生成，命令：") }
}
