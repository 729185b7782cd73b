import Foundation

extension ScenarioReader {
  static let targetKeys = [
    "name", "metric", "tier", "category", "channel", "window", "atLeast", "atMost", "judge",
  ]

  /// Reads `targets`: named bounds that `gridsim check` judges.
  mutating func readTargets(_ value: JSON5Value) -> [Target] {
    guard let items = values.array(value, "targets") else { return [] }
    var targets: [Target] = []
    var names: [String: Int] = [:]
    for (i, item) in items.enumerated() {
      let path = "targets[\(i)]"
      guard let o = values.object(item, path, known: Self.targetKeys) else { continue }
      guard let metricValue = o["metric"] else {
        values.error(
          path, at: item.offset, "missing key 'metric'",
          fix: "name what is measured, for example metric: \"responseOnTime\"")
        continue
      }
      guard let metricName = values.string(metricValue, path + ".metric") else { continue }
      guard let kind = Measure.Kind(name: metricName) else {
        let names = Measure.Kind.all.map(\.name)
        let guess = Suggestion.closest(to: metricName, in: names)
        values.error(
          path + ".metric", at: metricValue.offset, "unknown metric \(metricValue.summary)",
          fix: guess.map { "did you mean '\($0)'?" }
            ?? "metrics: responseOnTime, resolutionOnTime, <wait|response|resolution|timeInSystem|timeAtTier>.<mean|p50|p90|p95|max>, utilization, backlog.mean, backlog.max, openAtEnd"
        )
        continue
      }
      var ok = true
      var tier: String?
      if let v = o["tier"] {
        tier = reference(v, path + ".tier", tierIDs, "tier")
        if tier == nil { ok = false }
      } else if kind.needsTier {
        values.error(
          path, at: item.offset, "'\(kind.name)' is measured per tier, and no tier is given",
          fix: "add tier: \"\(tierIDs.first ?? "grid")\"")
        ok = false
      }
      var category: String?
      if let v = o["category"] {
        if kind.needsTier {
          values.error(
            path + ".category", at: v.offset, "'\(kind.name)' is not measured per category",
            fix: "remove 'category'")
          ok = false
        }
        category = reference(v, path + ".category", categoryIDs, "category")
        if category == nil { ok = false }
      }
      var channel: String?
      if let v = o["channel"] {
        channel = reference(v, path + ".channel", channelIDs, "channel")
        if channel == nil { ok = false }
        if !kind.byChannel {
          values.error(
            path + ".channel", at: v.offset, "'\(kind.name)' is not kept per channel",
            fix: "remove 'channel' (detection.* and response.* are kept per channel)")
          ok = false
        } else if o["tier"] != nil || o["category"] != nil {
          values.error(
            path + ".channel", at: v.offset,
            "figures per channel are kept for the whole system and all categories",
            fix: "remove 'tier' and 'category', or 'channel'")
          ok = false
        }
      }
      var window: String?
      if let v = o["window"] {
        window = reference(
          v, path + ".window", windowNames + DayKind.allCases.map(\.rawValue), "window or day kind")
        if window == nil { ok = false }
        if kind == .openAtEnd {
          values.error(
            path + ".window", at: v.offset, "'openAtEnd' is a figure of the period's end, not of a window",
            fix: "remove 'window', or use backlog.mean or backlog.max")
          ok = false
        } else if o["category"] != nil, o["channel"] == nil {
          values.error(
            path + ".window", at: v.offset,
            "figures per window and day kind are kept for all categories together",
            fix: "remove 'category' or 'window'")
          ok = false
        } else if o["tier"] != nil, !kind.needsTier, o["channel"] == nil {
          values.error(
            path + ".window", at: v.offset,
            "'\(kind.name)' per window and day kind is kept for the whole system, not per tier",
            fix: "remove 'tier' (utilization and backlog per tier can be read per window)")
          ok = false
        }
      }
      var bound: Target.Bound?
      switch (o["atLeast"], o["atMost"]) {
      case (nil, nil):
        values.error(
          path, at: item.offset, "missing the bound: 'atLeast' or 'atMost'",
          fix: kind.unit == .share
            ? "add atLeast: \"95%\"" : "add atMost: \(kind.unit == .minutes ? "\"24 h\"" : "50")")
      case (let v?, nil): bound = readBound(v, path + ".atLeast", kind: kind).map { .atLeast($0) }
      case (nil, let v?): bound = readBound(v, path + ".atMost", kind: kind).map { .atMost($0) }
      case (_, let v?):
        values.error(path + ".atMost", at: v.offset, "'atLeast' and 'atMost' are both given", fix: "keep one")
      }
      var judge = Target.Judge.interval
      if let v = o["judge"] {
        if let j = values.choice(v, path + ".judge", Target.Judge.self) { judge = j } else { ok = false }
      }
      let measure = Measure(kind, tier: tier, category: category, window: window, channel: channel)
      var name = measure.description
      if let v = o["name"], let s = values.string(v, path + ".name") {
        name = s
      } else if let bound {
        name += " " + bound.text(kind.unit)
      }
      // A target whose bound did not read has no full name yet; it is reported already.
      if o["name"] != nil || bound != nil, let first = names[name] {
        values.error(
          path + ".name", at: (o["name"] ?? item).offset,
          "the name '\(name)' is already used by targets[\(first)]", fix: "give each target its own name")
        ok = false
      }
      names[name] = names[name] ?? i
      if ok, let bound {
        targets.append(Target(name: name, measure: measure, bound: bound, judge: judge))
      }
    }
    return targets
  }

  /// A bound in the measure's unit: a share as 0.95 or "95%", a duration with a unit, or a count.
  private mutating func readBound(_ v: JSON5Value, _ path: String, kind: Measure.Kind) -> Double? {
    switch kind.unit {
    case .share:
      if case .string(let s) = v.kind {
        let digits = s.hasSuffix("%") ? String(s.dropLast()).trimmingCharacters(in: .whitespaces) : ""
        if let p = Double(digits), p >= 0, p <= 100 { return p / 100 }
        values.expected("a share such as 0.95 or \"95%\"", v, path)
        return nil
      }
      return values.number(v, path, in: 0...1, what: "a share such as 0.95 or \"95%\"")
    case .minutes:
      return values.span(v, path)?.minutes
    case .items:
      return values.number(v, path, in: 0...1e12, what: "a number of items")
    }
  }
}
