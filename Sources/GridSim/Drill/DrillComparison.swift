/// Several teams that played the same pack, each scored on its own, ranked: by score (higher
/// first), then rating (better first), then total lateness (less first: minutes late summed over
/// the scored actions, each on its deadline's own clock). Teams equal on all three share a rank
/// and keep the order they were given in.
package struct DrillComparison: Sendable {
  package struct Team: Sendable {
    /// The team's name: its log's file name without the extension.
    package var name: String
    package var score: DrillScore
    /// 1 for the best; teams equal on score, rating and lateness share one.
    package var rank: Int
  }

  /// In rank order.
  package var teams: [Team]

  /// The rule `teams` are ranked by, in words.
  package static let rankingRule = "ranked by score, then rating, then total lateness"

  /// Ranks `scores` (each with the team's name).
  /// - Complexity: O(n log n) in the number of teams.
  package init(_ scores: [(name: String, score: DrillScore)]) {
    func key(_ s: DrillScore) -> (Double, Int, Double) {
      (-(s.score * 1000).rounded(), s.rating.rawValue, (s.totalLateness * 1000).rounded())
    }
    let order = scores.indices.sorted { a, b in
      let ka = key(scores[a].score)
      let kb = key(scores[b].score)
      return ka != kb ? ka < kb : a < b
    }
    var teams: [Team] = []
    for (position, i) in order.enumerated() {
      let same = teams.last.map { key($0.score) == key(scores[i].score) } ?? false
      teams.append(
        Team(name: scores[i].name, score: scores[i].score, rank: same ? teams.last!.rank : position + 1))
    }
    self.teams = teams
  }

  /// Nil when the pack sets no pass criteria; else true when every team passed.
  package var allPassed: Bool? {
    let verdicts = teams.compactMap(\.score.passed)
    return verdicts.isEmpty ? nil : verdicts.allSatisfy { $0 }
  }

  /// A team's name from its log's path: the file name without its extension.
  package static func teamName(_ path: String) -> String {
    let file = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = file.lastIndex(of: "."), dot != file.startIndex else { return file }
    return String(file[..<dot])
  }
}
