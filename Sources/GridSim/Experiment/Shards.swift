import Foundation

/// One slice of a run's replications, for running them on many machines (a Slurm job array, a
/// Kubernetes Indexed Job): slice `index` (1-based) of `count` holds replications
/// `[(index - 1) * R / count, index * R / count)` of R. Replication r draws only from streams
/// derived from (seed, r), so where a slice runs does not change its results, and the merge of all
/// slices is exactly the unsharded run.
package struct Shard: Sendable, Equatable, Codable, CustomStringConvertible {
  package var index: Int
  package var count: Int

  /// Reads `K/N` with 1 ≤ K ≤ N ≤ 100,000.
  package init?(parsing text: String) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, n <= 100_000, k >= 1, k <= n
    else { return nil }
    index = k
    count = n
  }

  package init(index: Int, count: Int) {
    self.index = index
    self.count = count
  }

  /// The replications of this slice.
  package func replications(of total: Int) -> Range<Int> {
    ((index - 1) * total / count)..<(index * total / count)
  }

  package var description: String { "\(index)/\(count)" }
}

/// What a slice of a run writes (`--shard K/N --results FILE.gridsim-slice`) and `gridsim merge`
/// reads: the per-replication results with what identifies the run. Documented in
/// `Reports/README.md` ("Shards and merge"), schema `gridsim-slice` version 1: one line of JSON
/// (everything but the results: `gridsim merge --inspect` prints it), then the results in the
/// flat encoding (``FlatCodable``): the number of replications, then each one's index and
/// figures. It is not JSON as a whole, hence its own extension.
package struct ShardFile: Sendable {
  package static let schema = "gridsim-slice"
  /// The file name extension slices are given (`slice-3.gridsim-slice`).
  package static let fileExtension = "gridsim-slice"
  package static let currentVersion = 2
  /// The most bytes a results file may have when merged.
  package static let maximumSize = 1 << 30

  package var schema = ShardFile.schema
  package var version = ShardFile.currentVersion
  /// The gridsim version that wrote it; a merge takes files of one version only.
  package var gridsim: String
  /// The command that ran (`run` or `check`): the merge prints what it would have printed.
  package var command: String
  /// The scenario file as given on the command line, and the fingerprint of its text and options.
  package var scenario: String
  package var fingerprint: String
  /// The `--set` overrides, in order (the merge loads the scenario with them).
  package var overrides: [String]
  /// The command's arguments without `--shard`, `--results` and `--jobs`: the command line the
  /// merged report names, as an unsharded run would.
  package var arguments: [String]
  package var seed: UInt64
  package var replications: Int
  package var shard: Shard
  /// A sweep's keys and points (nil for run and check): its slices are slices of the points, each
  /// with all its replications.
  package var sweepKeys: [String]?
  package var sweepPoints: [[String]]?
  /// The slice's results, by index: the replication's, or for a sweep point p's replication r,
  /// p × replications + r.
  package var results: [IndexedResult]

  package struct IndexedResult: Sendable {
    package var replication: Int
    package var result: ReplicationResult

    package init(replication: Int, result: ReplicationResult) {
      self.replication = replication
      self.result = result
    }
  }

  package init(
    gridsim: String, command: String, scenario: String, fingerprint: String, overrides: [String],
    arguments: [String], seed: UInt64, replications: Int, shard: Shard, results: [IndexedResult]
  ) {
    self.arguments = arguments
    self.gridsim = gridsim
    self.command = command
    self.scenario = scenario
    self.fingerprint = fingerprint
    self.overrides = overrides
    self.seed = seed
    self.replications = replications
    self.shard = shard
    self.results = results
  }

  /// The indices a slice must hold: its replications, or all replications of its sweep points.
  package var expectedIndices: [Int] {
    guard let points = sweepPoints else { return Array(shard.replications(of: replications)) }
    return shard.replications(of: points.count).flatMap { p in
      (0..<replications).map { p * replications + $0 }
    }
  }

  /// FNV-1a (64-bit) of the scenario's text, the overrides, the seed and the replications: the
  /// merge refuses slices of different runs, and a scenario changed since the slices ran.
  package static func fingerprint(text: String, overrides: [String], seed: UInt64, replications: Int)
    -> String
  {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    func add(_ s: String) {
      for b in s.utf8 {
        hash ^= UInt64(b)
        hash &*= 0x0000_0100_0000_01B3
      }
      hash ^= 0xFF
      hash &*= 0x0000_0100_0000_01B3
    }
    add(text)
    overrides.forEach(add)
    add(String(seed))
    add(String(replications))
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }

  /// The fingerprint of the scenario text `text` with this slice's options (a sweep's keys and
  /// points too): equal to ``fingerprint`` when `text` is what the slice ran.
  package func scenarioFingerprint(text: String) -> String {
    guard command == "sweep", let keys = sweepKeys else {
      return Self.fingerprint(text: text, overrides: overrides, seed: seed, replications: replications)
    }
    return Self.fingerprint(
      text: text, overrides: overrides + ["--"] + keys + (sweepPoints ?? []).flatMap { ["|"] + $0 },
      seed: seed,
      replications: replications)
  }

  /// The header line's fields.
  struct Header: Codable {
    var schema: String?
    var version: Int?
    var gridsim: String
    var command: String
    var scenario: String
    var fingerprint: String
    var overrides: [String]
    var arguments: [String]
    var seed: UInt64
    var replications: Int
    var shard: Shard
    var sweepKeys: [String]?
    var sweepPoints: [[String]]?
    /// FNV-1a (64-bit, hex) of the bytes after the header line: a damaged file is refused.
    var checksum: String?
  }

  /// FNV-1a (64-bit) of some bytes, as 16 hex digits.
  static func hash(_ bytes: some Sequence<UInt8>) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes {
      hash ^= UInt64(b)
      hash &*= 0x0000_0100_0000_01B3
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }

  /// The file: its JSON header line (keys sorted), then the flat results.
  package func encoded() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    var out = FlatWriter()
    out.write(results.count)
    for r in results {
      out.write(r.replication)
      out.write(r.result)
    }
    let header = Header(
      schema: schema, version: version, gridsim: gridsim, command: command, scenario: scenario,
      fingerprint: fingerprint, overrides: overrides, arguments: arguments, seed: seed,
      replications: replications, shard: shard, sweepKeys: sweepKeys, sweepPoints: sweepPoints,
      checksum: Self.hash(out.bytes))
    return try encoder.encode(header) + Data([0x0A]) + Data(out.bytes)
  }

  /// Reads a results file; the reason when it is not one.
  package static func decode(_ bytes: [UInt8]) -> Result<ShardFile, ShardProblem> {
    // The header first: a file of another schema or version says so, not why its body fails.
    struct Tag: Decodable {
      var schema: String?
      var version: Int?
    }
    let end = bytes.firstIndex(of: 0x0A) ?? bytes.count
    let line = Data(bytes[..<end])
    guard let tag = try? JSONDecoder().decode(Tag.self, from: line) else {
      return .failure(.notResults("it does not start with a line of JSON"))
    }
    guard tag.schema == schema else {
      return .failure(
        .notResults("it is not a gridsim results file (schema '\(tag.schema ?? "none")', not '\(schema)')"))
    }
    guard tag.version == currentVersion else {
      return .failure(
        .notResults(
          "it is version \(tag.version.map(String.init) ?? "none") of the format; this gridsim reads version \(currentVersion)"
        ))
    }
    let header: Header
    switch readHeader(line) {
    case .success(let h): header = h
    case .failure(let problem): return .failure(problem)
    }
    guard header.checksum == hash(bytes[min(bytes.count, end + 1)...]) else {
      return .failure(.notResults("it is damaged: its results do not match their checksum"))
    }
    // Bounds before anything is sized by them: a results file may come from anywhere.
    guard (1...100_000).contains(header.replications), (1...100_000).contains(header.shard.count),
      (1...header.shard.count).contains(header.shard.index),
      (header.sweepPoints?.count ?? 1) <= Sweep.maximumPoints,
      header.sweepPoints.map({ $0.allSatisfy { $0.count == header.sweepKeys?.count } }) ?? true
    else {
      return .failure(.notResults("its header is out of range (replications, slice or sweep points)"))
    }
    var input = FlatReader(bytes, from: min(bytes.count, end + 1))
    var results: [IndexedResult] = []
    do throws(FlatReader.Failure) {
      let n = try input.read(Int.self)
      guard n >= 0, n <= header.replications * max(1, header.sweepPoints?.count ?? 1) else {
        throw FlatReader.Failure(offset: end + 1)
      }
      for _ in 0..<n {
        let r = try input.read(Int.self)
        results.append(IndexedResult(replication: r, result: try input.read(ReplicationResult.self)))
      }
      guard input.isAtEnd else { throw FlatReader.Failure(offset: input.offset) }
    } catch {
      return .failure(.notResults("its results are damaged at byte \(error.offset + 1)"))
    }
    var file = ShardFile(
      gridsim: header.gridsim, command: header.command, scenario: header.scenario,
      fingerprint: header.fingerprint, overrides: header.overrides, arguments: header.arguments,
      seed: header.seed, replications: header.replications, shard: header.shard, results: results)
    file.sweepKeys = header.sweepKeys
    file.sweepPoints = header.sweepPoints
    return .success(file)
  }
}

extension ShardFile {
  /// The header line read key by key, so that a missing or wrong key is named in the user's terms.
  static func readHeader(_ line: Data) -> Result<Header, ShardProblem> {
    guard let object = (try? JSONSerialization.jsonObject(with: line)) as? [String: Any] else {
      return .failure(.notResults("its first line is not a JSON object"))
    }
    let meanings: [(key: String, meaning: String)] = [
      ("gridsim", "the gridsim version that wrote it"), ("command", "the command that ran"),
      ("scenario", "the scenario's path"), ("fingerprint", "the scenario's fingerprint"),
      ("overrides", "the --set values"), ("arguments", "the command line"), ("seed", "the run's seed"),
      ("replications", "the run's replications"), ("shard", "which slice it is"),
    ]
    let missing = meanings.filter { object[$0.key] == nil }
    if !missing.isEmpty {
      let list = missing.map { "'\($0.key)' (\($0.meaning))" }.joined(separator: ", ")
      return .failure(.notResults("its header has no \(list): a damaged file, or not a slice"))
    }
    do {
      return .success(try JSONDecoder().decode(Header.self, from: line))
    } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
      let key = context.codingPath.map(\.stringValue).joined(separator: ".")
      return .failure(.notResults("its header's '\(key)' is not what a slice holds there: a damaged file"))
    } catch {
      return .failure(.notResults("its header cannot be read: a damaged file"))
    }
  }

  /// The header line as pretty JSON, with the number of results: what `gridsim merge --inspect`
  /// prints.
  package static func inspect(_ bytes: [UInt8]) -> Result<String, ShardProblem> {
    switch decode(bytes) {
    case .failure(let problem): return .failure(problem)
    case .success(let file):
      let end = bytes.firstIndex(of: 0x0A) ?? bytes.count
      guard var object = (try? JSONSerialization.jsonObject(with: Data(bytes[..<end]))) as? [String: Any]
      else { return .failure(.notResults("its first line is not a JSON object")) }
      object["results"] = file.results.count
      object["replicationsHeld"] =
        file.results.first.map { first in
          "\(first.replication + 1)-\(file.results.last!.replication + 1)"
        } ?? "none"
      guard
        let data = try? JSONSerialization.data(
          withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
      else { return .failure(.notResults("its header cannot be shown")) }
      return .success(String(decoding: data, as: UTF8.self) + "\n")
    }
  }
}

/// Why a results file cannot be merged.
package enum ShardProblem: Error, Sendable, Equatable {
  case notResults(String)
}
