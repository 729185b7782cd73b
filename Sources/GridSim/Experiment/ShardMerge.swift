import Foundation

/// The merge of slices (`gridsim merge`): the files read and checked to be one run, every slice
/// once, the scenario they name still the one they ran, and the results in replication order,
/// exactly as one unsharded run returns them. Every problem is said in the user's terms (which
/// file, which slice, which option differs), never as a decoder's.
package enum ShardMerge {
  /// Why the slices cannot be merged: what to tell the user, and what kind of failure it is.
  package struct Problem: Error, Sendable, CustomStringConvertible {
    package enum Kind: Sendable { case missingInput, invalid }
    package var description: String
    package var kind: Kind

    package init(_ description: String, _ kind: Kind = .invalid) {
      self.description = description
      self.kind = kind
    }
  }

  /// Every problem found, at once.
  package struct Problems: Error, Sendable {
    package var all: [Problem]
  }

  /// Slices that are one run, with the scenario they name checked.
  package struct Merged: Sendable {
    /// The first slice's header (every slice has the same).
    package var header: ShardFile
    /// Every replication's results, in replication order (a sweep's: point by point).
    package var results: [ReplicationResult]
    /// The files, as read.
    package var files: [(path: String, file: ShardFile)]
    /// The slices' `--set` values.
    package var overrides: [ScenarioOverride]
  }

  /// Reads the slices at `paths` and checks them: every file read (and every problem found)
  /// before any is merged, then that they are one run of `version` (the running gridsim's) of a
  /// command it merges, that every slice is there once, and that the scenario they name is inside
  /// `root` with the text they ran.
  package static func load(paths: [String], root: String, version: String) -> Result<Merged, Problems> {
    var files: [(path: String, file: ShardFile)] = []
    var problems: [Problem] = []
    for path in paths {
      switch InputFile.readBytes(path, limit: ShardFile.maximumSize) {
      case .failure(.tooLarge(let size)):
        problems.append(
          Problem("'\(path)' is \(size) bytes; a slice is at most \(ShardFile.maximumSize) bytes"))
      case .failure(let problem):
        problems.append(Problem("cannot read '\(path)': \(problem.reason)", .missingInput))
      case .success(let bytes):
        switch ShardFile.decode(bytes) {
        case .success(let file): files.append((path, file))
        case .failure(.notResults(let why)):
          problems.append(Problem("'\(path)' cannot be merged: \(why); give the files that --results wrote"))
        }
      }
    }
    guard problems.isEmpty else { return .failure(Problems(all: problems)) }
    let header: ShardFile
    let results: [ReplicationResult]
    switch merge(files) {
    case .success(let merged): (header, results) = merged
    case .failure(let problem): return .failure(Problems(all: [problem]))
    }
    guard header.gridsim == version else {
      return .failure(
        Problems(all: [
          Problem(
            "the slices were written by \(header.gridsim); this is \(version): merge them with the gridsim that wrote them"
          )
        ]))
    }
    guard ["run", "check", "sweep"].contains(header.command) else {
      return .failure(
        Problems(all: [
          Problem("the slices are of 'gridsim \(header.command)', which this gridsim cannot merge")
        ]))
    }
    var overrides: [ScenarioOverride] = []
    for assignment in header.overrides {
      switch ScenarioOverride.parse(assignment: assignment) {
      case .success(let o): overrides.append(o)
      case .failure(let e):
        return .failure(Problems(all: [Problem("the slices' --set '\(assignment)': \(e.message)")]))
      }
    }
    // The scenario a slice names must be inside the working folder (or GRIDSIM_ROOT), and its text
    // must still have the slices' fingerprint, before it is read as a scenario: slices may come
    // from anywhere.
    let path = header.scenario
    let text: String
    switch InputFile.$projectRoot.withValue(root, operation: { InputFile.readUTF8(path, checkRoot: true) }) {
    case .success(let t): text = t
    case .failure(.outsideProject):
      return .failure(
        Problems(all: [
          Problem(
            "the slices name the scenario '\(path)', outside this folder \(root); run merge from the folder the slices ran in (or set GRIDSIM_ROOT)"
          )
        ]))
    case .failure(let problem):
      return .failure(
        Problems(all: [
          Problem(
            "cannot read the scenario the slices name, '\(path)': \(problem.reason); run merge from the folder the slices ran in",
            .missingInput)
        ]))
    }
    guard header.scenarioFingerprint(text: text) == header.fingerprint else {
      return .failure(
        Problems(all: [
          Problem(
            "\(path) has changed since the slices ran: its text is not the one they ran; run the slices again, or merge with the scenario they ran"
          )
        ]))
    }
    return .success(Merged(header: header, results: results, files: files, overrides: overrides))
  }

  /// The first file's header and all results in replication order; every problem at once.
  package static func merge(_ files: [(path: String, file: ShardFile)]) -> Result<
    (ShardFile, [ReplicationResult]), Problem
  > {
    guard let (firstPath, first) = files.first else {
      return .failure(Problem("no slices given"))
    }
    var problems: [String] = []
    for (path, f) in files.dropFirst() {
      var differs: [String] = []
      if f.gridsim != first.gridsim { differs.append("gridsim version (\(f.gridsim), not \(first.gridsim))") }
      if f.command != first.command { differs.append("command (\(f.command), not \(first.command))") }
      if f.scenario != first.scenario { differs.append("scenario (\(f.scenario), not \(first.scenario))") }
      if f.overrides != first.overrides {
        differs.append("--set values (\(shown(f.overrides)), not \(shown(first.overrides)))")
      }
      if f.seed != first.seed { differs.append("seed (\(f.seed), not \(first.seed))") }
      if f.replications != first.replications {
        differs.append("replications (\(f.replications), not \(first.replications))")
      }
      if f.sweepKeys != first.sweepKeys || f.sweepPoints != first.sweepPoints {
        differs.append("sweep points")
      }
      if f.shard.count != first.shard.count {
        differs.append("number of slices (\(f.shard.count), not \(first.shard.count))")
      }
      // The same path and options, yet another fingerprint: the scenario's text changed between them.
      if differs.isEmpty, f.fingerprint != first.fingerprint {
        differs.append("scenario's text (\(f.scenario) was changed between the two slices' runs)")
      }
      if !differs.isEmpty {
        problems.append(
          "\(path) is from another run than \(firstPath): its \(differs.joined(separator: ", ")) differ\(differs.count == 1 ? "s" : "")"
        )
      }
    }
    if !problems.isEmpty { return .failure(Problem(problems.joined(separator: "\n"))) }
    var byIndex: [Int: String] = [:]
    for (path, f) in files {
      if let other = byIndex[f.shard.index] {
        problems.append("slice \(f.shard) is given twice: \(other) and \(path)")
      }
      byIndex[f.shard.index] = path
      if f.results.map(\.replication) != f.expectedIndices {
        problems.append("\(path) does not hold the results slice \(f.shard) should: a damaged file")
      }
    }
    let missing = (1...first.shard.count).filter { byIndex[$0] == nil }
    if !missing.isEmpty {
      let shown = missing.prefix(20).map { "\($0)/\(first.shard.count)" }.joined(separator: ", ")
      problems.append(
        "slice\(missing.count == 1 ? "" : "s") \(shown)\(missing.count > 20 ? " and \(missing.count - 20) more" : "") \(missing.count == 1 ? "is" : "are") missing"
      )
    }
    if !problems.isEmpty { return .failure(Problem(problems.joined(separator: "\n"))) }
    let results = files.sorted { $0.file.shard.index < $1.file.shard.index }.flatMap {
      $0.file.results.map(\.result)
    }
    return .success((first, results))
  }

  /// The files a scenario names (extends, presets, rosters, calendars) are not in the fingerprint:
  /// one replication is run again with `model` and must give, bit for bit, what its slice holds.
  /// `index` is its place in the results (a sweep point's replication r: p × replications + r).
  package static func checkRerun(_ model: Model, merged: Merged, index: Int, replication: Int) -> Problem? {
    guard
      let (path, file) = merged.files.first(where: { $0.file.results.contains { $0.replication == index } }),
      let stored = file.results.first(where: { $0.replication == index })
    else { return nil }
    var simulation = Simulation(model: model, seed: model.scenario.seed, replication: replication)
    var now = FlatWriter()
    now.write(simulation.run())
    var then = FlatWriter()
    then.write(stored.result)
    guard now.bytes != then.bytes else { return nil }
    return Problem(
      "replication \(replication + 1) run again does not give what \(path) holds: the scenario or a file it names (extends, preset, roster, calendar) has changed since the slices ran, or they ran with another gridsim; run the slices again"
    )
  }

  private static func shown(_ overrides: [String]) -> String {
    overrides.isEmpty ? "none" : overrides.map { "--set \($0)" }.joined(separator: " ")
  }
}
