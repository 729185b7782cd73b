/// The states an item's life moves through (``Item``'s phase, kind and marks), apart from the
/// stored fields and the transitions that change them (those must share `Item.swift`, where the
/// fields are `private(set)`).
extension Item {
  /// Where the item is in its life.
  enum Phase: UInt8, Sendable {
    /// Ready for its current stage: waiting in a station's line, or about to be picked up.
    case waiting
    /// A staff member is working on its current stage.
    case inService
    /// Its own part of a forked stage is done; it waits for the departments' parts.
    case awaitingParts
    /// Closed while its worsening window is still open: the slot is held until the window closes.
    case finished
  }

  /// What the slot holds.
  enum Kind: UInt8, Sendable {
    /// A citizen's issue or an online post: measured, moved up the tiers, closed.
    case item
    /// A department's part of a forked item's handle stage.
    case part
    /// A skip-level report to a higher tier.
    case report
  }

  /// What has happened to the item, at this visit or over its life (the deadline rules' state).
  struct Marks: OptionSet, Sendable {
    let rawValue: UInt16

    /// It appeared after the warm-up: its figures are recorded.
    static let counted = Marks(rawValue: 1 << 0)
    /// The visit's response deadline is settled (met, or missed and counted).
    static let responseSettled = Marks(rawValue: 1 << 1)
    /// The visit's resolution deadline is settled.
    static let resolutionSettled = Marks(rawValue: 1 << 2)
    /// Some visit had a resolution deadline.
    static let hadResolutionDeadline = Marks(rawValue: 1 << 3)
    /// A response deadline was missed with the citizen still unanswered (at any visit).
    static let responseBreached = Marks(rawValue: 1 << 4)
    /// A resolution deadline was missed (at any visit).
    static let resolutionBreached = Marks(rawValue: 1 << 5)
    /// Its worsening window is still open.
    static let watched = Marks(rawValue: 1 << 6)
    /// The visit's resolution deadline was extended.
    static let extended = Marks(rawValue: 1 << 7)
    /// A staff member has picked it up at this visit (its wait at the tier is recorded).
    static let pickedUp = Marks(rawValue: 1 << 8)
    /// It waits in the office line: duty staff do not take it.
    static let inOfficeLine = Marks(rawValue: 1 << 9)
    /// It waited for an office shift at this visit.
    static let waitedForOffice = Marks(rawValue: 1 << 10)

    /// What a new visit starts without.
    static let perVisit: Marks = [
      .responseSettled, .resolutionSettled, .extended, .pickedUp, .inOfficeLine, .waitedForOffice,
    ]
  }
}
