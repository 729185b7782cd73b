/// The rule book: what the policy says happens to an item, read from the compiled tables. The
/// engine asks it as items move (``Replication``); a drill asks it to work out what a team must
/// do and by when (``DrillTimeline``). A rule is decided here once, so the two cannot differ.
///
/// Times are simulation minutes: minutes since the start of the period.
extension Model {
  /// The tier an item of `category` and `severity` enters at (the first matching `entry` rule;
  /// the first tier when none matches).
  @inline(__always)
  func entryTier(category: Int, severity: Int) -> Int { entryTiers[category, severity] }

  /// True when `tier` may close an item of `category` and `severity` (its authority); the top tier
  /// closes everything.
  @inline(__always)
  func mayClose(tier: Int, category: Int, severity: Int) -> Bool { severity < closable[tier, category] }

  /// The skip-level report an item of `category` and `severity` is filed when it is seen (the first
  /// matching `policy.skipLevel` rule): its tier and its time in minutes. Filed only when that tier
  /// is above the one the item enters.
  @inline(__always)
  func skipLevelReport(category: Int, severity: Int) -> (rule: Int, tier: Int, within: Double)? {
    guard let r = workflow.reportRule[category, severity] else { return nil }
    let report = workflow.reports[Int(r)]
    return (Int(r), Int(report.tier), report.within)
  }

  /// True when items that appear on `day` (from the period's first, 0) by `channel` wait for a
  /// monitoring round to be seen (not on a 24-hour-watch day, not on a channel watched
  /// continuously).
  func waitsForRound(channel: Int, day: Int) -> Bool { checkTimes[channel] != nil && !watchDay[day] }

  /// When an item that appears at `time` (on `day`) by a channel is seen: at once under watch or
  /// without monitoring rounds, else at the channel's next check, a 24-hour-watch day's midnight
  /// included (infinity: not within the tables).
  /// - Complexity: O(log rounds).
  @inline(__always)
  func detectionTime(channel: Int, day: Int, at time: Double) -> Double {
    guard let checks = checkTimes[channel], !watchDay[day] else { return time }
    var lo = 0
    var hi = checks.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if checks[mid] < time { lo = mid + 1 } else { hi = mid }
    }
    return lo < checks.count ? checks[lo] : .infinity
  }

  /// The deadlines of `tier` for `category`, and when their clock starts.
  @inline(__always)
  func deadlines(tier: Int, category: Int) -> (
    response: DeadlineSpec?, resolution: DeadlineSpec?, clock: DeadlineClock
  ) {
    let rule = rules[tier, category]
    return (rule.responseDeadline, rule.resolutionDeadline, rule.clock)
  }

  /// When a deadline started at `start` falls due at `tier` (infinity without one, or past the
  /// working-time tables). Calendar deadlines are an addition; working-time ones a lookup in the
  /// tier's tables.
  @inline(__always)
  func due(_ spec: DeadlineSpec?, from start: Double, tier: Int) -> Double {
    guard let spec else { return .infinity }
    if case .elapsed(let span) = spec { return start + span.minutes }
    let offset = Double(startMinuteOfDay)
    return workTime.due(spec, from: start + offset, schedule: tier) - offset
  }

  /// Office minutes of `tier`'s hours from `a` to `b` (negative when `b` is earlier).
  func workingMinutes(from a: Double, to b: Double, tier: Int) -> Double {
    let offset = Double(startMinuteOfDay)
    return workTime.workingMinutes(from: a + offset, to: b + offset, schedule: tier)
  }

  /// How long opinion of `category` may stay unanswered before it worsens (nil: it does not).
  func worseningWindow(category: Int) -> Double? { workflow.worsening[category]?.within.minutes }

  /// The last simulation minute the working-time tables cover: deadlines past it are infinite.
  var tablesEnd: Double { Double(workTime.kinds.count * 1440 - startMinuteOfDay) }
}
