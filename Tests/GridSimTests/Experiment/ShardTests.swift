import Foundation
import Testing

@testable import GridSim

@Suite("Shards")
struct ShardTests {
  @Test("the slices of a run cover every replication once, in order, whatever R and N")
  func partition() {
    for total in [0, 1, 3, 10, 100, 997] {
      for count in [1, 2, 3, 7, 100, 1000] {
        let ranges = (1...count).map { Shard(index: $0, count: count).replications(of: total) }
        #expect(ranges.flatMap { Array($0) } == Array(0..<total), "R \(total), N \(count)")
        // Sizes differ by at most one.
        let sizes = ranges.map(\.count)
        #expect((sizes.max() ?? 0) - (sizes.min() ?? 0) <= 1)
      }
    }
  }

  @Test("K/N is read with 1 ≤ K ≤ N")
  func parsing() {
    #expect(Shard(parsing: "3/8") == Shard(index: 3, count: 8))
    for bad in ["0/3", "4/3", "3", "/3", "1/0", "a/b", "1/3/5", "-1/3", "1/100001"] {
      #expect(Shard(parsing: bad) == nil, "\(bad)")
    }
  }

  @Test("a replication's results read back exactly (infinite and missing figures included)")
  func roundTrip() throws {
    let scenario = try load(
      """
      { version: 1, name: "t", period: { start: "2026-03-02T00:00", end: "2026-03-04T00:00" },
        tiers: [{ id: "grid", name: "g", response: { exponential: "20 min" }, handling: "10 min", deadlines: { response: "1 h" } }],
        organization: { name: "g1", staff: 1 } }
      """)
    let (model, results) = simulate(scenario, replications: 2)
    let file = ShardFile(
      gridsim: "test", command: "run", scenario: "t", fingerprint: "0", overrides: [], arguments: [], seed: 1,
      replications: 2, shard: Shard(index: 1, count: 1),
      results: results.enumerated().map { .init(replication: $0, result: $1) })
    let data = try file.encoded()
    let back = try ShardFile.decode(Array(data)).get()
    #expect(try back.encoded() == data)
    // Every stored property is written: one added later must be added to the encoding too.
    #expect(Mirror(reflecting: results[0]).children.count == ReplicationResult.flatFieldCount)
    // A file cut short, or with bytes added, is refused with where.
    for damaged in [Array(data.dropLast(9)), Array(data) + [0]] {
      guard case .failure(.notResults(let why)) = ShardFile.decode(damaged) else {
        Issue.record("a damaged file was read")
        continue
      }
      #expect(why.contains("damaged"))
    }
    let a = Summary(model: model, results: results, seed: 1)
    let b = Summary(model: model, results: back.results.map(\.result), seed: 1)
    #expect(
      SummaryJSON.document(a, source: "t").rendered() == SummaryJSON.document(b, source: "t").rendered())
  }

  @Test("the fingerprint changes with the text, the overrides, the seed and the replications")
  func fingerprint() {
    let base = ShardFile.fingerprint(text: "a", overrides: [], seed: 1, replications: 2)
    #expect(base.count == 16)
    #expect(ShardFile.fingerprint(text: "b", overrides: [], seed: 1, replications: 2) != base)
    #expect(ShardFile.fingerprint(text: "a", overrides: ["x=1"], seed: 1, replications: 2) != base)
    #expect(ShardFile.fingerprint(text: "a", overrides: [], seed: 2, replications: 2) != base)
    #expect(ShardFile.fingerprint(text: "a", overrides: [], seed: 1, replications: 3) != base)
    #expect(ShardFile.fingerprint(text: "a", overrides: [], seed: 1, replications: 2) == base)
  }
}
