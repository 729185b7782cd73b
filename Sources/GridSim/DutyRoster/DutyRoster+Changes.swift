/// A swap or replacement (换班, 替班): who takes whose shift, and why.
package struct DutySwap: Sendable, Equatable {
  package var slot: Int
  /// Indices into the problem's people: the one who gives the shift up, and the one who takes it.
  package var from: Int
  package var to: Int
  package var reason: String
  package var line: Int
  /// The rule the swap breaks (refused), nil when applied.
  package var refused: DutyRosterRule?
}

extension DutyRosterProblem {
  /// The columns of a roster file (`duty-roster.csv`) that a re-plan reads back, with the headers
  /// each is known by.
  static let rosterColumns: [String: [String]] = [
    "date": ["date", "日期"], "unit": ["unit", "单位"], "shift": ["shift", "班次"], "role": ["role", "角色"],
    "id": ["id", "编号"], "from": ["from", "被替换人", "原值班人"], "to": ["to", "替班人", "接替人"],
    "reason": ["reason", "原因", "事由"],
  ]

  /// The rows of a CSV text as cells by column key; the problems with their lines.
  static func table(_ text: String, path: String, needs: [String]) -> (
    [(line: Int, cells: [String: String])], [Diagnostic]
  ) {
    var problems: [Diagnostic] = []
    guard case .success(let rows) = CSV.parseLines(text) else {
      return ([], [Diagnostic(.error, file: path, message: "a quoted field is not closed")])
    }
    let kept = rows.filter { !$0.fields.allSatisfy { $0.stripped().isEmpty } }
    guard let header = kept.first else {
      return ([], [Diagnostic(.error, file: path, message: "the file is empty")])
    }
    var keys: [String?] = []
    for field in header.fields {
      let name = field.stripped().lowercased()
      keys.append(rosterColumns.first { $0.value.contains { $0.lowercased() == name } }?.key)
    }
    for key in needs where !keys.contains(key) {
      problems.append(
        Diagnostic(
          .error, file: path, line: header.line, keyPath: key,
          message: "missing the column '\(key)' (or '\(rosterColumns[key]![1])')",
          fix: "add it to the header row"))
    }
    let table: [(line: Int, cells: [String: String])] = kept.dropFirst().map { row in
      var cells: [String: String] = [:]
      for (i, key) in keys.enumerated() where i < row.fields.count {
        if let key { cells[key] = row.fields[i].stripped() }
      }
      return (line: row.line, cells: cells)
    }
    return (table, problems)
  }

  /// Reads a previous roster (`--previous`, a `duty-roster.csv` this command wrote): who was on
  /// each shift-day. Rows dated in the 31 days before the first day are duties already done: the
  /// rest after a night, the days in a row and the hours count them (``earlier``). Rows for days,
  /// units or shifts this problem does not have, or people no longer in the people file, are
  /// warnings: the new roster simply does not keep them.
  package mutating func readPrevious(_ text: String, path: String) -> [Diagnostic] {
    let (rows, problems) = Self.table(text, path: path, needs: ["date", "unit", "shift", "id"])
    if problems.hasErrors { return problems }
    var out: [Diagnostic] = []
    let ids = Dictionary(people.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    let year = LocalDateTime.civil(fromDays: days.lowerBound).year
    for row in rows {
      let c = row.cells
      guard let day = DutyPeople.day(c["date"] ?? "", year: year) else {
        out.append(
          Diagnostic(
            .error, file: path, line: row.line, keyPath: "date",
            message: "expected a date, found '\(Diagnostic.shown(c["date"] ?? ""))'"))
        continue
      }
      let role = (c["role"] ?? "").lowercased()
      let leader = role == "leader" || role == "带班领导"
      if day < days.lowerBound, day >= days.lowerBound - 31, let p = ids[c["id"] ?? ""],
        let template = slots.first(where: {
          units[$0.unit].name == c["unit"] && ($0.shift == c["shift"] || $0.shiftShown == c["shift"])
            && $0.leader == leader
        })
      {
        if earlier.isEmpty { earlier = Array(repeating: [], count: people.count) }
        let duty = DutyTime(day: day, start: template.start, length: template.length, night: template.night)
        if !earlier[p].contains(duty) { earlier[p].append(duty) }
        continue
      }
      guard let s = slot(unit: c["unit"] ?? "", day: day, shift: c["shift"] ?? "", leader: leader),
        let p = ids[c["id"] ?? ""]
      else {
        if out.count < Diagnostic.cap {
          out.append(
            Diagnostic(
              .warning, file: path, line: row.line,
              message:
                "no such shift-day or person now (\(Diagnostic.shown(c["date"] ?? "")), \(Diagnostic.shown(c["unit"] ?? "")), \(Diagnostic.shown(c["shift"] ?? "")), \(Diagnostic.shown(c["id"] ?? "")))"
            ))
        }
        continue
      }
      if !previous[s].contains(p) { previous[s].append(p) }
    }
    return out
  }

  /// Reads a swaps file (换班/替班: `date,unit,shift,from,to,reason`; `unit` may be left out when
  /// `from`'s unit is meant) against the previous roster: each swap is checked against the rules at
  /// once and refused with the rule it breaks, else made binding (whom it replaces is barred from
  /// the shift, who replaces them is put on it). The swaps, applied or refused, and the problems.
  package mutating func readSwaps(_ text: String, path: String) -> ([DutySwap], [Diagnostic]) {
    let (rows, problems) = Self.table(text, path: path, needs: ["date", "shift", "from", "to"])
    if problems.hasErrors { return ([], problems) }
    var out: [Diagnostic] = []
    var swaps: [DutySwap] = []
    let ids = Dictionary(people.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    let year = LocalDateTime.civil(fromDays: days.lowerBound).year
    // The roster the swaps change: the previous one, as far as it fits today's rules.
    var base = DutyRosterSolver(problem: self)
    for s in previous.indices { for p in previous[s] where base.violation(p, s) == nil { base.put(p, s) } }
    for row in rows {
      let c = row.cells
      func bad(_ key: String, _ message: String) {
        out.append(Diagnostic(.error, file: path, line: row.line, keyPath: key, message: message))
      }
      guard let from = ids[c["from"] ?? ""] else {
        bad("from", "no one in the people file has the id '\(Diagnostic.shown(c["from"] ?? ""))'")
        continue
      }
      guard let to = ids[c["to"] ?? ""] else {
        bad("to", "no one in the people file has the id '\(Diagnostic.shown(c["to"] ?? ""))'")
        continue
      }
      guard let day = DutyPeople.day(c["date"] ?? "", year: year) else {
        bad("date", "expected a date, found '\(Diagnostic.shown(c["date"] ?? ""))'")
        continue
      }
      let unit = (c["unit"]?.isEmpty == false ? c["unit"] : nil) ?? people[from].unit
      let leader = people[from].role == .leader
      guard let s = slot(unit: unit, day: day, shift: c["shift"] ?? "", leader: leader) else {
        bad("shift", "\(unit) has no shift '\(Diagnostic.shown(c["shift"] ?? ""))' on \(c["date"] ?? "")")
        continue
      }
      guard base.seats[s].contains(from) else {
        bad("from", "\(people[from].name) (\(people[from].id)) is not on that shift in the previous roster")
        continue
      }
      base.take(from, s)
      var swap = DutySwap(slot: s, from: from, to: to, reason: c["reason"] ?? "", line: row.line)
      if let rule = base.violation(to, s) {
        swap.refused = rule
        base.put(from, s)
      } else {
        base.put(to, s)
        barred[s].append(from)
        forced[s].append(to)
      }
      swaps.append(swap)
    }
    return (swaps, out)
  }
}

extension DutyRosterSolver {
  /// Puts `p` on slot `s` without checking the rules.
  package mutating func put(_ p: Int, _ s: Int) { place(p, s) }
  /// Takes `p` off slot `s`.
  package mutating func take(_ p: Int, _ s: Int) { unplace(p, s) }
}
