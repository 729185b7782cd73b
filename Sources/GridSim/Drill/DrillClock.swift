import Foundation

/// What a line typed in the drill room asks for (`gridsim drill play`): a word of the room's own,
/// in English or Chinese, or an action for the team log.
package enum DrillRoomCommand: Sendable, Equatable {
  /// `pause` (暂停): the scenario clock stops.
  case pause
  /// `resume`, `go` (继续): it runs on from where it stopped.
  case resume
  /// `end` (结束): the drill is over.
  case end
  /// `speed N` (倍速 N): scenario minutes per real minute from now on, above 0 and at most 10⁶;
  /// with N as typed.
  case speed(Double, typed: String)
  /// `speed` with what is not such a number, as typed.
  case badSpeed(String)
  /// `jump ID` (跳至 ID): the clock moves forward to that inject's time.
  case jump(String)
  /// `release ID` (发布 ID): a contingency inject released by hand.
  case release(String)
  /// Anything else: an action to log (`ACTION [ID] [TIER] [text]`).
  case log(String)

  /// The fastest speed the room runs at: a million scenario minutes a real minute.
  package static let maximumSpeed = 1_000_000.0

  /// Reads a typed line; nil for a blank one.
  package init?(_ raw: String) {
    let line = raw.trimmingCharacters(in: .whitespaces)
    guard !line.isEmpty else { return nil }
    let words = line.split(separator: " ").map(String.init)
    let first = words[0].lowercased()
    let argument = words.dropFirst().first ?? ""
    // The room's words stand alone (`release` takes one id); a longer line is an action.
    switch (first, words.count) {
    case ("pause", 1), ("暂停", 1): self = .pause
    case ("resume", 1), ("go", 1), ("继续", 1): self = .resume
    case ("end", 1), ("结束", 1): self = .end
    case ("speed", _), ("倍速", _):
      if let n = Double(argument), n.isFinite, n > 0, n <= Self.maximumSpeed {
        self = .speed(n, typed: argument)
      } else {
        self = .badSpeed(argument)
      }
    case ("jump", _), ("跳至", _): self = .jump(argument)
    case ("release", 2), ("发布", 2): self = .release(argument)
    default: self = .log(line)
    }
  }
}

/// The drill room's clock: scenario time runs at `speed` scenario minutes per real minute from an
/// anchor, and can be paused, sped up or jumped forward. A value: the caller passes real time in,
/// so tests need no waiting.
package struct DrillClock: Sendable, Equatable {
  /// Scenario minutes per real minute.
  package private(set) var speed: Double
  package private(set) var paused = false
  /// The scenario time (minutes since 1970) at `began`, or where the clock stopped.
  private var anchor: Double
  private var began: Date

  /// A clock showing `start` at real time `now`, running at `speed`.
  package init(start: LocalDateTime, speed: Double, now: Date) {
    self.speed = speed
    anchor = Double(start.minutes)
    began = now
  }

  /// The scenario time at real time `now`, to the minute (rounded down).
  package func time(at now: Date) -> LocalDateTime {
    let minutes = paused ? anchor : anchor + now.timeIntervalSince(began) * speed / 60
    return LocalDateTime(minutes: Int64(minutes.rounded(.down)))
  }

  /// Stops the clock at the minute it shows; false when it was stopped already.
  package mutating func pause(at now: Date) -> Bool {
    guard !paused else { return false }
    anchor = Double(time(at: now).minutes)
    paused = true
    return true
  }

  /// Runs the clock on from where it stopped; false when it was running.
  package mutating func resume(at now: Date) -> Bool {
    guard paused else { return false }
    paused = false
    began = now
    return true
  }

  /// Runs on from the minute it shows at the new speed.
  package mutating func setSpeed(_ newSpeed: Double, at now: Date) {
    anchor = Double(time(at: now).minutes)
    began = now
    speed = newSpeed
  }

  /// Moves to `target` (a pause stays a pause).
  package mutating func jump(to target: LocalDateTime, at now: Date) {
    anchor = Double(target.minutes)
    began = now
  }

  /// Real seconds until the clock shows `target` (0 when it does already; infinite when paused).
  package func seconds(until target: LocalDateTime, at now: Date) -> Double {
    guard !paused else { return .infinity }
    return max(0, Double(target.minutes - time(at: now).minutes) * 60 / speed)
  }
}
