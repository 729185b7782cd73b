import Testing

@testable import GridSim

/// The item's deadline rules as transitions, without running a scenario: each returns what the
/// engine must do, computed here by hand.
@Suite("An item's deadlines, transition by transition")
struct ItemTests {
  /// An item at tier 0 since minute 100, with a response deadline at 160 and a resolution
  /// deadline at 400.
  func visiting(counted: Bool = true) -> Item {
    var item = Item(
      appeared: 90, detected: 100, tierArrival: 100, leaf: 0, category: 0, severity: 0,
      flags: counted ? .counted : [], channel: 0, dayKind: 0)
    item.beginVisit(
      tier: 0, unit: 3, at: 100, stage: 0, clockStart: 100, responseDue: 160, resolutionDue: 400)
    return item
  }

  @Test("a new visit clears the visit's state, keeps the item's, and makes old events stale")
  func beginVisit() {
    var item = visiting()
    item.flags.formUnion([.inService, .responseSettled, .extended, .pickedUp, .responseBreached])
    let stamp = item.stamp
    item.beginVisit(
      tier: 1, unit: 7, at: 200, stage: 4, clockStart: 200, responseDue: .infinity, resolutionDue: .infinity)
    #expect(item.flags == [.counted, .responseBreached, .hadResolutionDeadline])
    #expect(item.stamp == stamp &+ 1)
    #expect((item.tier, item.unit, item.tierArrival, item.stage) == (1, 7, 200, 4))
  }

  @Test("a response exactly at its deadline is in time; one a minute later is not")
  func responseTie() {
    var onTime = visiting()
    let r1 = onTime.respond(at: 160, tierHasDeadline: true)
    #expect(r1 == .init(metAtTier: true, isFirst: true, metOverall: true))
    #expect(onTime.flags.contains(.responseSettled))
    var late = visiting()
    let r2 = late.respond(at: 161, tierHasDeadline: true)
    #expect(r2 == .init(metAtTier: false, isFirst: true, metOverall: false))
    #expect(!late.flags.contains(.responseSettled))
  }

  @Test("only the first response answers the citizen; a later tier's response is met at its tier only")
  func laterResponse() {
    var item = visiting()
    _ = item.respond(at: 120, tierHasDeadline: true)
    item.beginVisit(
      tier: 1, unit: 9, at: 130, stage: 0, clockStart: 130, responseDue: 190, resolutionDue: 500)
    let r3 = item.respond(at: 150, tierHasDeadline: true)
    #expect(r3 == .init(metAtTier: true, isFirst: false, metOverall: false))
    #expect(item.firstResponse == 120)
  }

  @Test("a response deadline that passes: missed at the tier, and for the system only when unanswered")
  func responseDeadline() {
    var unanswered = visiting()
    let r4 = unanswered.responseDeadlinePassed(at: 160)
    #expect(r4 == Item.Miss(countsForSystem: true))
    #expect(unanswered.flags.contains(.responseBreached))
    let r5 = unanswered.responseDeadlinePassed(at: 160)
    #expect(r5 == nil)  // settled: nothing more

    var answeredBelow = visiting()
    answeredBelow.firstResponse = 150
    let r6 = answeredBelow.responseDeadlinePassed(at: 160)
    #expect(r6 == Item.Miss(countsForSystem: false))
    #expect(!answeredBelow.flags.contains(.responseBreached))

    // A second miss at the next tier counts at that tier, not again for the system.
    var twice = visiting()
    _ = twice.responseDeadlinePassed(at: 160)
    twice.beginVisit(
      tier: 1, unit: 9, at: 160, stage: 0, clockStart: 160, responseDue: 220, resolutionDue: 500)
    let r7 = twice.responseDeadlinePassed(at: 220)
    #expect(r7 == Item.Miss(countsForSystem: false))
  }

  @Test("stages stop at the deadline they would miss when a miss escalates; a tie is in time")
  func stageStop() {
    let item = visiting()
    // A response at 170 misses 160: the stage stops at 160.
    #expect(item.stageStop(responseAt: 170, end: 300, responds: true, escalates: true) == 160)
    // A response at 160 is in time; the stage ends at 300.
    #expect(item.stageStop(responseAt: 160, end: 300, responds: true, escalates: true) == 300)
    // An end past 400 stops at 400; an end at 400 is in time.
    #expect(item.stageStop(responseAt: 150, end: 450, responds: true, escalates: true) == 400)
    #expect(item.stageStop(responseAt: 150, end: 400, responds: true, escalates: true) == 400)
    // A stage that does not respond ignores the response deadline; without escalation nothing stops.
    #expect(item.stageStop(responseAt: 170, end: 300, responds: false, escalates: true) == 300)
    #expect(item.stageStop(responseAt: 170, end: 450, responds: true, escalates: false) == 450)
  }

  @Test("the resolution deadline: ends in hand at that minute are in time; an extension is offered once")
  func resolutionDeadline() {
    var inHand = visiting()
    inHand.flags.insert(.inService)
    inHand.serviceEnd = 400
    let r8 = inHand.resolutionDeadlinePassed(at: 400, extensible: true)
    #expect(r8 == .nothing)

    var extensible = visiting()
    let r9 = extensible.resolutionDeadlinePassed(at: 400, extensible: true)
    #expect(r9 == .offerExtension)
    extensible.extend(to: 700)
    #expect(extensible.resolutionDue == 700)
    let r10 = extensible.resolutionDeadlinePassed(at: 700, extensible: true)
    #expect(r10 == .missed(Item.Miss(countsForSystem: true)))
    #expect(extensible.flags.isSuperset(of: [.resolutionSettled, .resolutionBreached, .extended]))
    let r11 = extensible.resolutionDeadlinePassed(at: 700, extensible: true)
    #expect(r11 == .nothing)

    var plain = visiting()
    let r12 = plain.resolutionDeadlinePassed(at: 400, extensible: false)
    #expect(r12 == .missed(Item.Miss(countsForSystem: true)))
    #expect(!plain.resolutionMetOverall)
  }

  @Test("resolution settled in time once; met overall only without a breach")
  func settleAndResolve() {
    var item = visiting()
    let r13 = item.settleResolutionInTime()
    #expect(r13)
    let r14 = item.settleResolutionInTime()
    #expect(!r14)
    #expect(item.resolutionMetOverall)

    var noDeadline = Item(
      appeared: 0, detected: 0, tierArrival: 0, leaf: 0, category: 0, severity: 0, flags: [], channel: 0,
      dayKind: 0)
    noDeadline.beginVisit(
      tier: 0, unit: 0, at: 0, stage: 0, clockStart: 0, responseDue: .infinity, resolutionDue: .infinity)
    let r17 = noDeadline.settleResolutionInTime()
    #expect(!r17)
    #expect(!noDeadline.resolutionMetOverall)
  }
}

@Suite("An item's replies and reminders")
struct ItemReplyTests {
  func visiting() -> Item {
    var item = Item(
      appeared: 0, detected: 0, tierArrival: 0, leaf: 0, category: 0, severity: 0, flags: [], channel: 0,
      dayKind: 0)
    item.beginVisit(tier: 0, unit: 0, at: 0, stage: 0, clockStart: 0, responseDue: 60, resolutionDue: 240)
    return item
  }

  @Test("the resolution is the last reply, or the closure without one; lateness from the visit's deadline")
  func replies() {
    var item = visiting()
    #expect(item.resolution(closingAt: 300) == 300)
    item.reply(at: 100)
    #expect(item.daysLate == 0)
    item.reply(at: 240 + 720)
    #expect(item.resolution(closingAt: 2000) == 960)
    #expect(item.daysLate == 0.5)
  }

  @Test("reminders at fractions of the deadline in force: before and after an extension, none twice")
  func reminders() {
    var item = visiting()
    // Fractions 1/2 and 3/4 of 240: at 120 and 180.
    #expect(item.remindersSent(before: 100, fractions: [0.5, 0.75]) == 0)
    #expect(item.remindersSent(before: 150, fractions: [0.5, 0.75]) == 1)
    #expect(item.remindersSent(before: 240, fractions: [0.5, 0.75]) == 2)
    // Extended at 240 to 400: its reminders fall at 200 (before the extension: not sent) and 300.
    item.extend(to: 400)
    #expect(item.remindersSent(before: 250, fractions: [0.5, 0.75]) == 2)
    #expect(item.remindersSent(before: 301, fractions: [0.5, 0.75]) == 3)
    #expect(item.remindersSent(before: 400, fractions: [0.5, 0.75]) == 3)
    // A new visit forgets the extension.
    item.beginVisit(
      tier: 1, unit: 1, at: 400, stage: 0, clockStart: 400, responseDue: 500, resolutionDue: 600)
    #expect(item.remindersSent(before: 600, fractions: [0.5]) == 1)
  }
}

@Suite("An item's storage")
struct ItemLayoutTests {
  @Test("an item is 136 bytes, as the engine's slab assumes")
  func layout() {
    #expect(MemoryLayout<Item>.stride == 136)
  }

  @Test("the first pick-up at a visit gives its wait, later ones nothing")
  func pickUp() {
    var item = Item(
      appeared: 0, detected: 0, tierArrival: 0, leaf: 0, category: 0, severity: 0, flags: [], channel: 0,
      dayKind: 0)
    item.beginVisit(tier: 0, unit: 0, at: 10, stage: 0, clockStart: 10, responseDue: 60, resolutionDue: 600)
    let first = item.pickUp(at: 25)
    let again = item.pickUp(at: 40)
    #expect(first == 15)
    #expect(again == nil)
    item.beginVisit(tier: 1, unit: 1, at: 50, stage: 0, clockStart: 50, responseDue: 99, resolutionDue: 999)
    let next = item.pickUp(at: 57)
    #expect(next == 7)
    #expect(item.totalWait == 22)
  }
}
