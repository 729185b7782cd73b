/// The deadline outcomes counted per day and tier.
package enum DailyOutcome: Int, CaseIterable, Sendable {
  case responseMet, responseMissed, resolutionMet, resolutionMissed
  /// The response outcomes of what duty takes (models with duty shifts only).
  case dutyResponseMet, dutyResponseMissed
}

/// The deadline outcomes of one day and tier, counted by ``DailyOutcome``.
package struct OnTimeCounts: Sendable, Equatable {
  package var responseMet = 0
  package var responseMissed = 0
  package var resolutionMet = 0
  package var resolutionMissed = 0
  package var dutyResponseMet = 0
  package var dutyResponseMissed = 0

  package init() {}

  /// The count of one outcome.
  package subscript(outcome: DailyOutcome) -> Int {
    @inline(__always) get {
      switch outcome {
      case .responseMet: responseMet
      case .responseMissed: responseMissed
      case .resolutionMet: resolutionMet
      case .resolutionMissed: resolutionMissed
      case .dutyResponseMet: dutyResponseMet
      case .dutyResponseMissed: dutyResponseMissed
      }
    }
    @inline(__always) set {
      switch outcome {
      case .responseMet: responseMet = newValue
      case .responseMissed: responseMissed = newValue
      case .resolutionMet: resolutionMet = newValue
      case .resolutionMissed: resolutionMissed = newValue
      case .dutyResponseMet: dutyResponseMet = newValue
      case .dutyResponseMissed: dutyResponseMissed = newValue
      }
    }
  }
}
