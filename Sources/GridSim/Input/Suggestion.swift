/// "Did you mean" suggestions from edit distance.
package enum Suggestion {
  /// The closest candidate to `word`, when it is close enough to be a likely typo.
  ///
  /// Close enough: at most 2 edits, and fewer than half the letters of the word. Case is ignored.
  package static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
    let target = Array(word.lowercased())
    var best: (String, Int)?
    for candidate in candidates {
      let d = distance(target, Array(candidate.lowercased()))
      if d <= 2, d * 2 < max(target.count, 2) || d == 1, best == nil || d < best!.1 {
        best = (candidate, d)
      }
    }
    return best?.0
  }

  /// Levenshtein distance with transpositions counted as one edit (optimal string alignment).
  static func distance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous2 = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          current[j] = min(current[j], previous2[j - 2] + 1)
        }
      }
      (previous2, previous, current) = (previous, current, previous2)
    }
    return previous[b.count]
  }
}
