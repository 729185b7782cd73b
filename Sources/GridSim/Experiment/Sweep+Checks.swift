/// A sweep's input checked: a key varied twice, where each point's values came from, and the
/// warnings of its points said once.
extension Sweep {
  /// The first key that two `--vary` name (the second would silently replace the first), or nil
  /// when every key is varied once.
  package static func repeatedKey(_ axes: [Axis]) -> String? {
    var seen: Set<String> = []
    for axis in axes where !seen.insert(axis.key).inserted { return axis.key }
    return nil
  }

  /// The message for a key varied twice: the key, and the one `--vary` that gives all its values.
  package static func repeatedKeyMessage(_ key: String, axes: [Axis]) -> String {
    var values: [String] = []
    for axis in axes where axis.key == key {
      for v in axis.values where !values.contains(v) { values.append(v) }
    }
    return
      "'--vary \(key)' is given twice, and the second would replace the first; vary a key once with all its values: --vary \(key)=\(values.joined(separator: ","))"
  }

  /// Where key `k` of the sweep comes from, as a message names it: `--vary KEY`, or its header
  /// cell in the rows file (`FILE:LINE:COLUMN`).
  package func origin(ofKey k: Int) -> String {
    k < keyCells.count ? keyCells[k] : "--vary \(keys[k])"
  }

  /// The overrides that make point `p`, each naming where it came from: `--vary KEY=VALUE`, or for
  /// a rows file the cell of its value (and, for a problem with the key, the header cell).
  package func overrides(point p: Int) -> Result<[ScenarioOverride], OverrideSyntaxError> {
    var list: [ScenarioOverride] = []
    for (k, assignment) in assignments(points[p]).enumerated() {
      switch ScenarioOverride.parse(assignment: assignment) {
      case .success(var o):
        if p < valueCells.count, k < valueCells[p].count {
          o.origin = valueCells[p][k]
          o.keyOrigin = keyCells[k]
        } else {
          o.origin = "--vary \(ScenarioOverride.shortened(assignment))"
        }
        list.append(o)
      case .failure(let e): return .failure(e)
      }
    }
    return .success(list)
  }

  /// A point's problems, each blamed where it can be fixed: a problem with a key read from a rows
  /// file (an unknown key on its path) on the key's header cell, one with its value on the value's
  /// cell.
  package func located(_ diagnostics: [Diagnostic], overrides: [ScenarioOverride], scenario path: String)
    -> [Diagnostic]
  {
    diagnostics.map { d in
      var d = d
      if let o = overrides.first(where: { d.file == "\(path) (\($0.origin))" }), let key = o.keyOrigin,
        d.keyPath != o.keyPath
      {
        d.file = "\(path) (\(key))"
      }
      return d
    }
  }

  /// The warnings of every point, each said once: a warning about a varied value names the key
  /// (`SCENARIO (--vary KEY)` or its header cell), not each point's value; the scenario's own
  /// warnings once.
  ///
  /// - Parameters:
  ///   - perPoint: each point's warnings, as loading it gave them.
  ///   - overrides: each point's overrides (`overrides(point:)`).
  ///   - path: the scenario's path, as the warnings name it.
  /// - Complexity: O(w log w) for w warnings in all.
  package func warnings(
    _ perPoint: [[Diagnostic]], overrides: [[ScenarioOverride]], scenario path: String
  ) -> [Diagnostic] {
    var said: Set<String> = []
    var out: [Diagnostic] = []
    for (p, warnings) in perPoint.enumerated() {
      for var w in warnings {
        let point = p < overrides.count ? overrides[p] : []
        if let k = point.indices.first(where: { w.file == "\(path) (\(point[$0].origin))" }),
          k < keys.count
        {
          w.file = "\(path) (\(origin(ofKey: k)))"
        }
        if said.insert(w.description).inserted { out.append(w) }
      }
    }
    return out
  }
}
