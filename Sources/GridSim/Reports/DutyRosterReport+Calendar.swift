import Foundation

/// The per-person iCalendar files of a duty roster (`people/ID.ics`), importable into a phone's
/// calendar: each duty an event at its local times, in the scenario's time zone, the phone whole.
extension DutyRosterReport {
  /// `people/ID.ics`: one iCalendar file per person with duties, their phone whole.
  package func calendars() -> [(name: String, contents: String)] {
    var files: [(name: String, contents: String)] = []
    var used: Set<String> = []
    for (p, person) in problem.people.enumerated() {
      let mine = roster.seats.indices.filter { roster.seats[$0].contains(p) }
      guard !mine.isEmpty else { continue }
      var base = String(person.id.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
      if base.isEmpty || base.hasPrefix(".") { base = "person" }
      var name = base
      var k = 2
      while used.contains(name) {
        name = "\(base)-\(k)"
        k += 1
      }
      used.insert(name)
      var out =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//gridsim//duty roster//EN\r\nCALSCALE:GREGORIAN\r\n"
      out += timeZoneComponent
      out += Self.fold("X-WR-CALNAME:" + Self.icsText(l.pick("Duty: ", "值班：") + person.name)) + "\r\n"
      for s in mine {
        let slot = problem.slots[s]
        let unit = problem.units[slot.unit]
        let start = LocalDateTime(minutes: Int64(slot.day) * 1440 + Int64(slot.start))
        let end = LocalDateTime(minutes: Int64(slot.day) * 1440 + Int64(slot.start + slot.length))
        let what =
          slot.leader ? l.pick("Leader on duty", "带班领导") : l.pick("Duty", "值班") + " " + slot.shiftShown
        let others = roster.seats[s].filter { $0 != p }.map { problem.people[$0].name }
        var description = "\(unit.tierName) \(unit.name)"
        if let phone = person.phone { description += l.pick("; your phone: ", "；本人电话：") + phone }
        if !others.isEmpty {
          description += l.pick("; with ", "；同班：") + others.joined(separator: l.pick(", ", "、"))
        }
        out += "BEGIN:VEVENT\r\n"
        out +=
          Self.fold(
            "UID:"
              + Self.icsText(
                "\(Self.iso(slot.day))-\(slot.shift)-\(slot.leader ? "leader" : "staff")-\(person.id)@gridsim"
              )) + "\r\n"
        out += "DTSTAMP:\(Self.icsStamp(start.adding(minutes: -Double(offsetMinutes))))Z\r\n"
        out += "DTSTART;TZID=\(timeZone):\(Self.icsStamp(start))\r\n"
        out += "DTEND;TZID=\(timeZone):\(Self.icsStamp(end))\r\n"
        out += Self.fold("SUMMARY:" + Self.icsText("\(what) (\(unit.name))")) + "\r\n"
        out += Self.fold("DESCRIPTION:" + Self.icsText(description)) + "\r\n"
        out += "END:VEVENT\r\n"
      }
      out += "END:VCALENDAR\r\n"
      files.append(("people/\(name).ics", out))
    }
    return files
  }

  /// The zone's offset from UTC in minutes (at the roster's first day; +480 for Asia/Shanghai).
  var offsetMinutes: Int {
    let date = Date(timeIntervalSince1970: Double(problem.days.lowerBound) * 86_400)
    return (TimeZone(identifier: timeZone)?.secondsFromGMT(for: date) ?? 8 * 3600) / 60
  }

  /// The VTIMEZONE the events' TZID names (RFC 5545 3.6.5): the zone's offset at the roster's
  /// first day (China keeps one offset all year).
  var timeZoneComponent: String {
    let m = offsetMinutes
    let offset = String(format: "%@%02d%02d", m < 0 ? "-" : "+", abs(m) / 60, abs(m) % 60)
    return "BEGIN:VTIMEZONE\r\nTZID:\(timeZone)\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
      + "TZOFFSETFROM:\(offset)\r\nTZOFFSETTO:\(offset)\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
  }

  /// `20260216T083000`.
  static func icsStamp(_ t: LocalDateTime) -> String {
    let d = t.date
    let m = t.minuteOfDay
    return String(format: "%04d%02d%02dT%02d%02d00", d.year, d.month, d.day, m / 60, m % 60)
  }

  /// Text escaped for an iCalendar value (RFC 5545 3.3.11); control characters dropped.
  static func icsText(_ s: String) -> String {
    var out = ""
    for c in s {
      switch c {
      case "\\": out += "\\\\"
      case ";": out += "\\;"
      case ",": out += "\\,"
      case "\n", "\r\n", "\r": out += "\\n"
      default: if !(c.isASCII && (c.asciiValue ?? 32) < 32) { out.append(c) }
      }
    }
    return out
  }

  /// A content line folded at 75 octets (RFC 5545 3.1), never inside a character.
  static func fold(_ line: String) -> String {
    var out = ""
    var count = 0
    for c in line {
      let n = String(c).utf8.count
      if count + n > 75 {
        out += "\r\n "
        count = 1
      }
      out.append(c)
      count += n
    }
    return out
  }
}
