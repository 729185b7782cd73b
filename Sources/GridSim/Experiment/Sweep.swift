import Foundation

/// A sweep: the scenario run at every point of a grid of `--set` values, all on the same random
/// numbers, each point's targets judged.
///
/// `--vary KEY=V1,V2,...` lists a key's values; the points are the product of the lists (the first
/// `--vary` changes slowest). Or `--rows FILE` gives the points one by one. Every point runs with the scenario's seed, so differences between
/// points are the change's, not the dice's (common random numbers).
package struct Sweep: Sendable {
  /// One varied key and its values (JSON5 text, as `--set` takes them).
  package struct Axis: Sendable, Equatable {
    package var key: String
    package var values: [String]

    package init(key: String, values: [String]) {
      self.key = key
      self.values = values
    }
  }

  /// The most points a sweep runs.
  package static let maximumPoints = 1_000

  /// The varied keys, and each point's values (one per key), in the order they run.
  package private(set) var keys: [String]
  package private(set) var points: [[String]]
  /// For points read from a rows file: where each key is (its header cell, `FILE:LINE:COLUMN`), and
  /// each point's values; empty for `--vary`.
  package private(set) var keyCells: [String] = []
  package private(set) var valueCells: [[String]] = []

  /// The product of the axes' values, the first axis changing slowest.
  package init(axes: [Axis]) {
    keys = axes.map(\.key)
    points = axes.reduce([[]]) { points, axis in points.flatMap { point in axis.values.map { point + [$0] } }
    }
  }

  /// Points given one by one (`--rows FILE`: a CSV whose header names the keys).
  package init(keys: [String], rows: [[String]]) {
    self.keys = keys
    points = rows
  }

  /// Reads a CSV of points: a header of keys, then one row of values per point. Every problem
  /// with its line.
  package static func rows(csv text: String, file: String? = nil) -> Result<Sweep, RowsProblems> {
    let rows: [(line: Int, fields: [String])]
    switch CSV.parseLines(text) {
    case .success(let r):
      rows = r.filter { !$0.fields.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
    case .failure(let e): return .failure(RowsProblems(list: [(e.line, nil, e.message)]))
    }
    guard let header = rows.first else {
      return .failure(RowsProblems(list: [(1, nil, "the file is empty; expected a header of keys")]))
    }
    let keys = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    func columns(_ line: Int) -> [Int] { line <= lines.count ? fieldColumns(lines[line - 1]) : [] }
    let headerColumns = columns(header.line)
    func column(_ columns: [Int], _ i: Int) -> String { i < columns.count ? ":\(columns[i])" : "" }
    func at(_ columns: [Int], _ i: Int) -> Int? { i < columns.count ? columns[i] : nil }
    var problems: [(line: Int, column: Int?, message: String)] = []
    for (i, key) in keys.enumerated() {
      if key.isEmpty {
        problems.append((header.line, at(headerColumns, i), "this field of the header has no key"))
      } else if let first = keys.firstIndex(of: key), first < i {
        problems.append(
          (
            header.line, at(headerColumns, i),
            "the key '\(Diagnostic.shown(key))' is named twice in the header (fields \(first + 1) and \(i + 1))"
          ))
      }
    }
    if rows.count < 2 {
      problems.append((header.line, nil, "expected at least one row of values after the header"))
    }
    if rows.count - 1 > maximumPoints {
      problems.append((header.line, nil, "expected at most \(maximumPoints) rows, found \(rows.count - 1)"))
    }
    var points: [[String]] = []
    var valueCells: [[String]] = []
    for row in rows.dropFirst().prefix(maximumPoints) {
      let values = row.fields.map { $0.trimmingCharacters(in: .whitespaces) }
      if values.count != keys.count {
        problems.append((row.line, nil, "expected \(keys.count) values (one per key), found \(values.count)"))
      } else if let empty = values.firstIndex(where: \.isEmpty) {
        problems.append(
          (row.line, at(columns(row.line), empty), "the value of '\(Diagnostic.shown(keys[empty]))' is empty")
        )
      } else {
        points.append(values)
        let rowColumns = columns(row.line)
        valueCells.append(values.indices.map { "\(file ?? "rows"):\(row.line)\(column(rowColumns, $0))" })
      }
    }
    if !problems.isEmpty { return .failure(RowsProblems(list: Array(problems.prefix(Diagnostic.cap)))) }
    var sweep = Sweep(keys: keys, rows: points)
    if let file {
      sweep.keyCells = keys.indices.map { "\(file):\(header.line)\(column(headerColumns, $0))" }
      sweep.valueCells = valueCells
    }
    return .success(sweep)
  }

  /// The 1-based character column where each field of one CSV line starts (commas inside quotes
  /// are not separators).
  static func fieldColumns(_ line: Substring) -> [Int] {
    var columns = [1]
    var quoted = false
    for (i, c) in line.enumerated() {
      if c == "\"" {
        quoted.toggle()
      } else if c == ",", !quoted {
        columns.append(i + 2)
      }
    }
    if line.hasPrefix("\u{FEFF}") { columns = columns.map { max(1, $0 - 1) } }
    return columns
  }

  /// Reads `KEY=V1,V2,...`: values are split on commas outside quotes, brackets and braces, so
  /// `organization.staff=4,6` and `x=[1, 2],[3]` both read.
  package static func axis(_ text: String) -> Axis? {
    guard let eq = text.firstIndex(of: "=") else { return nil }
    let key = String(text[..<eq]).trimmingCharacters(in: .whitespaces)
    var values: [String] = []
    var current = ""
    var depth = 0
    var quote: Character?
    for c in text[text.index(after: eq)...] {
      if let q = quote {
        if c == q { quote = nil }
      } else if c == "\"" || c == "'" {
        quote = c
      } else if c == "[" || c == "{" {
        depth += 1
      } else if c == "]" || c == "}" {
        depth -= 1
      } else if c == ",", depth == 0 {
        values.append(current.trimmingCharacters(in: .whitespaces))
        current = ""
        continue
      }
      current.append(c)
    }
    values.append(current.trimmingCharacters(in: .whitespaces))
    guard !key.isEmpty, !values.contains(where: \.isEmpty) else { return nil }
    return Axis(key: key, values: values)
  }

  /// What is wrong with a CSV of points, line by line.
  package struct RowsProblems: Error, Sendable {
    /// Each problem: its line, its 1-based character column when it is one field's, and what is
    /// wrong.
    package var list: [(line: Int, column: Int?, message: String)]
  }

  /// The `--set` assignments that make a point.
  package func assignments(_ values: [String]) -> [String] {
    zip(keys, values).map { "\($0)=\($1)" }
  }

  /// The number of points.
  package var count: Int { points.count }
}

/// One point of a sweep, run.
package struct SweepPoint: Sendable {
  /// The varied values, one per axis.
  package var values: [String]
  package var outcomes: [TargetOutcome]
  /// Staff-hours on duty over the period (the cost of the point's staffing).
  package var staffHours: Double
  package var met: Bool { outcomes.allSatisfy(\.met) }
  /// The point's days (each tier's daily on-time shares and end-of-day backlog), when the sweep
  /// keeps them (``Sweep/keepsDays(points:days:tiers:)``); empty otherwise.
  package var days: [Summary.Day] = []
  /// The day number of the first of `days` (``LocalDateTime/dayNumber``).
  package var firstDay = 0
  /// The tiers' names, in the order of each day's per-tier figures.
  package var tiers: [String] = []

  package init(values: [String], outcomes: [TargetOutcome], staffHours: Double) {
    self.values = values
    self.outcomes = outcomes
    self.staffHours = staffHours
  }

  /// A point run: its targets judged on its replications, its staff-hours, and with `days` its
  /// daily figures.
  package init(values: [String], model: Model, reduction: Reduction, days: Bool) {
    self.init(
      values: values,
      outcomes: model.scenario.targets.enumerated().map { $1.evaluate(reduction, index: $0) },
      staffHours: model.staffHours)
    if days {
      let summary = Summary(model: model, reduction: reduction, seed: model.scenario.seed)
      self.days = summary.days
      firstDay = summary.start.dayNumber
      tiers = summary.tiers.map(\.name)
    }
  }

  /// Per day, the share of the response deadlines of visits begun that day that were met, all
  /// tiers pooled (each tier's share weighted by its deadlines); nil on a day with none due.
  package var dailyResponseOnTime: [Double?] {
    days.map { day in
      var met = 0.0
      var all = 0.0
      for (t, share) in day.responseOnTime.enumerated() {
        guard let share else { continue }
        met += share * day.responseDeadlines[t]
        all += day.responseDeadlines[t]
      }
      return all > 0 ? met / all : nil
    }
  }
}

extension Sweep {
  /// The most daily figures a sweep keeps over all its points (points × days × (tiers + 1)), so
  /// that `whatif.html` stays small enough to open on a phone.
  package static let maximumDailyFigures = 200_000

  /// True when a sweep of `points` points over `days` days and `tiers` tiers keeps each point's
  /// daily figures (at most ``maximumDailyFigures``).
  package static func keepsDays(points: Int, days: Int, tiers: Int) -> Bool {
    points * days * (tiers + 1) <= maximumDailyFigures
  }
}

extension Model {
  /// Staff-hours on duty over the period, all tiers.
  package var staffHours: Double {
    var minutes = 0.0
    for d in 0..<dayCount {
      for t in 0..<tierCount { minutes += onDutyMinutes(day: d, tier: t) }
    }
    return minutes / 60
  }
}
