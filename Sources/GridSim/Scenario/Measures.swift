// What gridsim measures: the durations and counts that the engine records and that targets and
// reports name.

/// The measures of durations the engine records, per tier (or overall) and category.
package enum Metric: Int, CaseIterable, Sendable {
  /// Minutes from arrival at a tier's unit to a staff member picking the item up (per visit;
  /// overall: summed over the item's visits).
  case wait
  /// Minutes from detection to the first response to the citizen (by the responding tier).
  case response
  /// Minutes from detection to closure (by the closing tier).
  case resolution
  /// Minutes from appearance to closure (by the closing tier).
  case timeInSystem
  /// Minutes from arrival at a tier to leaving it, closed or passed up (per visit; tiers only).
  case timeAtTier
  /// Minutes from appearance to detection (by the entry tier; recorded only when some channel
  /// is monitored in rounds).
  case detection

  /// Key used in reports.
  package var key: String {
    switch self {
    case .wait: "wait"
    case .response: "response"
    case .resolution: "resolution"
    case .timeInSystem: "timeInSystem"
    case .timeAtTier: "timeAtTier"
    case .detection: "detection"
    }
  }
}

/// Counts the engine keeps per tier (or overall) and category.
package enum Counter: Int, CaseIterable, Sendable {
  /// Items that appeared (overall only).
  case appeared
  /// Visits begun at the tier (overall: items that entered).
  case visits
  /// Items closed.
  case closed
  /// Responses within the deadline.
  case responseMet
  /// Response deadlines missed.
  case responseMissed
  /// Resolutions within the deadline.
  case resolutionMet
  /// Resolution deadlines missed.
  case resolutionMissed
  /// Items passed up for lack of authority.
  case escalatedAuthority
  /// Items passed up for other reasons.
  case escalatedReferral
  /// Items taken up on a missed deadline.
  case escalatedDeadline
  /// Major items reported straight past this tier.
  case escalatedMajor
  /// Items taken up because unanswered opinion got worse.
  case escalatedWorsened
  /// Items handled again one tier up after an unsatisfied callback.
  case escalatedReopened
  /// Resolution deadlines extended.
  case extensions
  /// Supervision reminders sent before the resolution deadline.
  case reminders
  /// Resolution deadlines missed with no reply and no extension (the unit is named, 通报).
  case named
  /// Callbacks with a satisfied citizen, and with an unsatisfied one.
  case satisfied
  case unsatisfied
  /// Items handled again after an unsatisfied callback.
  case reopened
  /// Opinion answered within its worsening window, and opinion that got worse.
  case kept
  case worsened
  /// Follow-up posts caused by worsening opinion (overall only).
  case followUps
  /// Skip-level reports made within their deadline, and late.
  case reportMet
  case reportMissed
  /// Items handled by several departments (forked).
  case forked
  /// Items that entered the system at this tier (reported past the tiers below it or not).
  case entered
  /// Visits that waited for an office shift: duty staff (值班) were on and did not take them.
  case waitedForOffice

  static func escalated(_ reason: EscalationReason) -> Counter {
    switch reason {
    case .authority: .escalatedAuthority
    case .referral: .escalatedReferral
    case .deadline: .escalatedDeadline
    case .major: .escalatedMajor
    case .worsened: .escalatedWorsened
    case .reopened: .escalatedReopened
    }
  }
}
