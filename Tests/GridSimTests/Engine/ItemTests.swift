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
      appeared: 90, detected: 100, leaf: 0, category: 0, severity: 0, counted: counted, channel: 0, dayKind: 0
    )
    item.beginVisit(
      tier: 0, unit: 3, at: 100, stage: 0, clockStart: 100, responseDue: 160, resolutionDue: 400)
    return item
  }

  @Test("a new visit clears the visit's state, keeps the item's, and makes old events stale")
  func beginVisit() {
    var item = visiting()
    _ = item.startStage(at: 110, dutyEpoch: 0)  // in service, picked up
    _ = item.responseDeadlinePassed(at: 160)  // settled, and breached (unanswered)
    item.extend(to: 500)
    #expect(item.marks.isSuperset(of: [.pickedUp, .responseSettled, .responseBreached, .extended]))
    let stamp = item.stamp
    item.beginVisit(
      tier: 1, unit: 7, at: 200, stage: 4, clockStart: 200, responseDue: .infinity, resolutionDue: .infinity)
    #expect(item.marks == [.counted, .responseBreached, .hadResolutionDeadline])
    #expect(item.phase == .waiting)
    #expect(item.stamp == stamp &+ 1)
    #expect((item.tier, item.unit, item.tierArrival, item.stage) == (1, 7, 200, 4))
  }

  @Test("a response exactly at its deadline is in time; one a minute later is not")
  func responseTie() {
    var onTime = visiting()
    let r1 = onTime.respond(at: 160, tierHasDeadline: true)
    #expect(r1 == .init(metAtTier: true, isFirst: true, metOverall: true))
    #expect(onTime.marks.contains(.responseSettled))
    var late = visiting()
    let r2 = late.respond(at: 161, tierHasDeadline: true)
    #expect(r2 == .init(metAtTier: false, isFirst: true, metOverall: false))
    #expect(!late.marks.contains(.responseSettled))
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
    #expect(unanswered.marks.contains(.responseBreached))
    let r5 = unanswered.responseDeadlinePassed(at: 160)
    #expect(r5 == nil)  // settled: nothing more

    var answeredBelow = visiting()
    answeredBelow.firstResponse = 150
    let r6 = answeredBelow.responseDeadlinePassed(at: 160)
    #expect(r6 == Item.Miss(countsForSystem: false))
    #expect(!answeredBelow.marks.contains(.responseBreached))

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
    _ = inHand.startStage(at: 300, dutyEpoch: 0)
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
    #expect(extensible.marks.isSuperset(of: [.resolutionSettled, .resolutionBreached, .extended]))
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
      appeared: 0, detected: 0, leaf: 0, category: 0, severity: 0, counted: false, channel: 0, dayKind: 0)
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
      appeared: 0, detected: 0, leaf: 0, category: 0, severity: 0, counted: false, channel: 0, dayKind: 0)
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

  @Test("the first pick-up at a visit gives its wait, later stages nothing; a new visit waits anew")
  func pickUp() {
    var item = Item(
      appeared: 0, detected: 0, leaf: 0, category: 0, severity: 0, counted: false, channel: 0, dayKind: 0)
    item.beginVisit(tier: 0, unit: 0, at: 10, stage: 0, clockStart: 10, responseDue: 60, resolutionDue: 600)
    let first = item.startStage(at: 25, dutyEpoch: 3)
    #expect(item.phase == .inService && item.dutyEpoch == 3)
    #expect(item.endStage(tasks: true) == .next)
    item.nextStage()
    let again = item.startStage(at: 40, dutyEpoch: 3)
    #expect(first == 15)
    #expect(again == nil)
    _ = item.endStage(tasks: false)
    item.beginVisit(tier: 1, unit: 1, at: 50, stage: 0, clockStart: 50, responseDue: 99, resolutionDue: 999)
    let next = item.startStage(at: 57, dutyEpoch: 0)
    #expect(next == 7)
    #expect(item.totalWait == 22)
  }
}

/// The item's life (phase and kind) as transitions, each computed by hand, and the transitions
/// that cannot happen, which stop a debug build.
@Suite("An item's life, transition by transition")
struct ItemLifeTests {
  /// A counted item at tier 0 since minute 100, watched when asked.
  func visiting(watched: Bool = false) -> Item {
    var item = Item(
      appeared: 100, detected: 100, leaf: 2, category: 0, severity: 0, counted: true, watched: watched,
      channel: 0, dayKind: 0)
    item.beginVisit(
      tier: 0, unit: 3, at: 100, stage: 5, clockStart: 100, responseDue: 160, resolutionDue: 400)
    return item
  }

  @Test("a fork: the item waits for its parts after its own, and goes on when the last is done")
  func forkAndJoin() {
    var item = visiting()
    _ = item.startStage(at: 110, dutyEpoch: 0)
    item.fork(parts: 2)
    let part = item.part(of: 7, at: 110)
    #expect(part.kind == .part && part.phase == .waiting && part.marks == [.counted])
    #expect((part.parent, part.parentStamp, part.tierArrival, part.stage) == (7, item.stamp, 110, 5))
    let r1 = item.endStage(tasks: true)
    #expect(r1 == .awaitParts)
    #expect(item.phase == .awaitingParts)
    let r2 = item.partDone()
    #expect(!r2)
    #expect(item.phase == .awaitingParts)
    let r3 = item.partDone()
    #expect(r3)
    #expect(item.phase == .waiting)
    // The parts done before the item's own part: the item goes straight on.
    var quick = visiting()
    _ = quick.startStage(at: 110, dutyEpoch: 0)
    quick.fork(parts: 1)
    let r4 = quick.partDone()
    #expect(!r4)
    let r5 = quick.endStage(tasks: true)
    #expect(r5 == .next)
    // A task's end is a task done; where the model has no tasks, nothing is checked.
    var task = part
    _ = task.startStage(at: 120, dutyEpoch: 0)
    let r6 = task.endStage(tasks: true)
    #expect(r6 == .taskDone)
  }

  @Test("a task's pick-up records no wait; a report is due where the rule says")
  func tasks() {
    var item = visiting()
    let report = item.report(tier: 2, unit: 9, stage: 11, at: 130, due: 190)
    #expect(report.kind == .report && report.isTask && report.marks == [.counted])
    #expect((report.tier, report.unit, report.stage, report.tierArrival) == (2, 9, 11, 130))
    #expect((report.responseDue, report.resolutionDue) == (.infinity, 190))
    var started = report
    let r7 = started.startStage(at: 150, dutyEpoch: 0)
    #expect(r7 == nil)
    #expect(started.totalWait == 0)
    let r8 = item.startStage(at: 150, dutyEpoch: 0)
    #expect(r8 == 50)
  }

  @Test("taken off its tier: from a staff member, from its parts, or from the line with its wait")
  func handOver() {
    var inService = visiting()
    _ = inService.startStage(at: 120, dutyEpoch: 0)
    let r9 = inService.handOver(at: 130)
    #expect(r9 == .inService)
    #expect(inService.phase == .waiting)

    var waitingForParts = visiting()
    _ = waitingForParts.startStage(at: 120, dutyEpoch: 0)
    waitingForParts.fork(parts: 1)
    _ = waitingForParts.endStage(tasks: true)
    let r10 = waitingForParts.handOver(at: 130)
    #expect(r10 == .awaitingParts)
    #expect(waitingForParts.phase == .waiting)

    var neverPickedUp = visiting()
    let r11 = neverPickedUp.handOver(at: 160)
    #expect(r11 == .queued(wait: 60, officeLine: false))
    #expect(neverPickedUp.totalWait == 60)

    var pickedUpBefore = visiting()
    _ = pickedUpBefore.startStage(at: 110, dutyEpoch: 0)
    _ = pickedUpBefore.endStage(tasks: false)
    pickedUpBefore.nextStage()
    let r12 = pickedUpBefore.handOver(at: 160)
    #expect(r12 == .queued(wait: nil, officeLine: false))
    #expect(pickedUpBefore.totalWait == 10)
  }

  @Test("closing: a watched item holds its slot until its window closes; the window finds how it went")
  func closeAndWatch() {
    var plain = visiting()
    let r13 = plain.close(watching: true)
    #expect(r13 == .freeSlot)

    var watched = visiting(watched: true)
    let stamp = watched.stamp
    let r14 = watched.close(watching: true)
    #expect(r14 == .holdSlot)
    #expect(watched.phase == .finished && watched.stamp == stamp &+ 1)
    let r15 = watched.watchEnds(at: 500)
    #expect(r15 == .closed)
    #expect(!watched.isWatched)
    // Where the model has no worsening, nothing is held.
    var unwatchedModel = visiting(watched: true)
    let r16 = unwatchedModel.close(watching: false)
    #expect(r16 == .freeSlot)

    var answered = visiting(watched: true)
    _ = answered.respond(at: 130, tierHasDeadline: true)
    let r17 = answered.watchEnds(at: 200)
    #expect(r17 == .answered)
    var unanswered = visiting(watched: true)
    let r18 = unanswered.watchEnds(at: 200)
    #expect(r18 == .unanswered)
    unanswered.worsen(to: 2)
    #expect(unanswered.severity == 2)
    unanswered.reopen()
    #expect(unanswered.reopenings == 1)
  }

  @Test("impossible transitions stop a debug build")
  func impossible() async {
    // A stage that ends while the item waits.
    await #expect(processExitsWith: .failure) {
      var item = Item(
        appeared: 0, detected: 0, leaf: 0, category: 0, severity: 0, counted: true, channel: 0, dayKind: 0)
      _ = item.endStage(tasks: true)
    }
    // A second start while in service.
    await #expect(processExitsWith: .failure) {
      var item = Item(
        appeared: 0, detected: 0, leaf: 0, category: 0, severity: 0, counted: true, channel: 0, dayKind: 0)
      _ = item.startStage(at: 0, dutyEpoch: 0)
      _ = item.startStage(at: 1, dutyEpoch: 0)
    }
    // A part done with none out.
    await #expect(processExitsWith: .failure) {
      var item = Item(
        appeared: 0, detected: 0, leaf: 0, category: 0, severity: 0, counted: true, channel: 0, dayKind: 0)
      _ = item.partDone()
    }
    // Closing in a staff member's hands.
    await #expect(processExitsWith: .failure) {
      var item = Item(
        appeared: 0, detected: 0, leaf: 0, category: 0, severity: 0, counted: true, channel: 0, dayKind: 0)
      _ = item.startStage(at: 0, dutyEpoch: 0)
      _ = item.close(watching: true)
    }
    // The window of an item that was never watched.
    await #expect(processExitsWith: .failure) {
      var item = Item(
        appeared: 0, detected: 0, leaf: 0, category: 0, severity: 0, counted: true, channel: 0, dayKind: 0)
      _ = item.watchEnds(at: 10)
    }
    // A task that forks.
    await #expect(processExitsWith: .failure) {
      let item = Item(
        appeared: 0, detected: 0, leaf: 0, category: 0, severity: 0, counted: true, channel: 0, dayKind: 0)
      var part = item.part(of: 0, at: 0)
      part.fork(parts: 1)
    }
  }
}
