import Foundation

/// Scenario composition: `extends: "township-baseline.json5"` takes a parent scenario and lays the
/// file's own keys over it.
///
/// Merge rules: objects merge key by key (recursively); lists whose items all have an `id` (tiers,
/// categories, severities, channels) merge item by item, by id, with new ids appended; any other
/// value (numbers, strings, other lists such as weights, windows, targets or entry rules)
/// replaces the parent's. Values keep the position in the file they came from: the file's own at
/// their offset, the k-th parent's at `offset + k << 40` (see ``ValueReader``).
enum Extends {
  /// The offset stride of one file in a chain.
  static let fileStride = 1 << 40

  /// Resolves the chain of parents of a parsed file: the merged tree, and the files it came from
  /// (this one first).
  static func resolve(_ root: JSON5Value, source: SourceFile, chain: [String] = []) throws(ScenarioError)
    -> (JSON5Value, [SourceFile])
  {
    guard case .object(let members) = root.kind, let i = members.firstIndex(where: { $0.key == "extends" })
    else { return (root, [source]) }
    let value = members[i].value
    let here = URL(fileURLWithPath: source.path).standardizedFileURL.path
    let chain = chain + [here]
    func problem(_ message: String, fix: String) -> ScenarioError {
      let (line, column) = source.position(ofOffset: value.offset)
      return .invalid([
        Diagnostic(
          .error, file: source.path, line: line, column: column, keyPath: "extends", message: message,
          fix: fix)
      ])
    }
    guard case .string(let name) = value.kind else {
      throw problem(
        "expected the parent scenario's file name in quotes, found \(value.summary)",
        fix: "write extends: \"township-baseline.json5\" (relative to this file's folder)")
    }
    let folder = URL(fileURLWithPath: source.path).deletingLastPathComponent()
    let parentPath = name.hasPrefix("/") ? name : folder.appendingPathComponent(name).path
    let canonical = URL(fileURLWithPath: parentPath).standardizedFileURL.path
    let shown = (chain + [canonical]).map { ($0 as NSString).lastPathComponent }.joined(separator: " → ")
    if chain.contains(canonical) {
      throw problem("extends makes a cycle: \(shown)", fix: "remove 'extends' from one of these files")
    }
    let text: String
    do {
      text = try InputFile.readText(parentPath, checkRoot: true)
    } catch {
      throw problem(
        "cannot read the parent scenario '\(name)' (\(error.reason)); chain: \(shown)",
        fix: "paths are relative to the folder of the file that names them")
    }
    let parentSource = SourceFile(path: parentPath, text: text)
    var (parent, sources) = try resolve(
      try InputFile.parseJSON5(parentSource).get(), source: parentSource, chain: chain)
    parent.shiftOffsets(by: fileStride)
    var own = root
    own.kind = .object(members.filter { $0.key != "extends" })
    return (merge(parent, own), [source] + sources)
  }

  /// Lays the policy preset a scenario names (`policy: { preset: "park-procedure", ... }`, built
  /// in, or a file: `"policies/x.json5"`) under the scenario's own `policy` keys. The preset file is an object of policy keys (with `name` and
  /// `source`); its values keep their positions as one more file of the chain.
  static func layPreset(_ root: JSON5Value, sources: [SourceFile]) throws(ScenarioError)
    -> (JSON5Value, [SourceFile])
  {
    guard case .object(var members) = root.kind, let p = members.firstIndex(where: { $0.key == "policy" }),
      let value = members[p].value["preset"], case .string(let name) = value.kind
    else { return (root, sources) }
    let k = value.offset >= 0 ? value.offset / fileStride : 0
    let from = sources[min(k, sources.count - 1)]
    let local = value.offset - k * fileStride
    func problem(_ message: String, fix: String) -> ScenarioError {
      let (line, column) = from.position(ofOffset: local)
      return .invalid([
        Diagnostic(
          .error, file: from.path, line: line, column: column, keyPath: "policy.preset", message: message,
          fix: fix)
      ])
    }
    let path: String
    let text: String
    if !name.contains("/"), !name.hasSuffix(".json5") {
      // A bare name is a built-in preset, the same from any folder.
      guard let builtIn = BuiltInPresets.texts[name] else {
        let names = BuiltInPresets.texts.keys.sorted()
        throw problem(
          "there is no built-in policy preset '\(name)'",
          fix: ((names.first { $0.hasPrefix(name) } ?? Suggestion.closest(to: name, in: names)).map {
            "did you mean '\($0)'? "
          } ?? "")
            + "built-in presets: \(names.joined(separator: ", ")); a preset file of your own is a path ending in .json5"
        )
      }
      (path, text) = ("built-in preset \(name)", builtIn + "\n")
    } else {
      let folder = URL(fileURLWithPath: from.path).deletingLastPathComponent()
      path = name.hasPrefix("/") ? name : folder.appendingPathComponent(name).path
      do {
        text = try InputFile.readText(path, checkRoot: true)
      } catch {
        throw problem(
          "cannot read the policy preset '\(name)' (\(error.reason))",
          fix:
            "a built-in preset is named without a path (preset: \"park-procedure\"); a file's path is relative to the folder of the file that names it"
        )
      }
    }
    let source = SourceFile(path: path, text: text)
    var preset = try InputFile.parseJSON5(source).get()
    guard case .object = preset.kind else {
      throw problem(
        "the policy preset '\(name)' is not an object of policy keys",
        fix: "a preset is { name, source, deadlines, ... } (see Scenarios/README.md)")
    }
    preset.shiftOffsets(by: sources.count * fileStride)
    members[p].value = merge(preset, members[p].value)
    return (JSON5Value(kind: .object(members), offset: root.offset), sources + [source])
  }

  /// Lays `over` on `base` by the merge rules.
  /// Keys whose value is a distribution: replaced whole, never merged key by key.
  static let wholeValueKeys: Set<String> = ["response", "handling", "time"]

  static func merge(_ base: JSON5Value, _ over: JSON5Value) -> JSON5Value {
    switch (base.kind, over.kind) {
    case (.object(var merged), .object(let members)):
      for m in members {
        if let i = merged.firstIndex(where: { $0.key == m.key }) {
          // A distribution is one value: { lognormal: ... } over { exponential: ... } replaces it.
          merged[i].value =
            wholeValueKeys.contains(m.key) ? m.value : merge(merged[i].value, m.value)
          merged[i].keyOffset = m.keyOffset
        } else {
          merged.append(m)
        }
      }
      return JSON5Value(kind: .object(merged), offset: over.offset)
    case (.array(var merged), .array(let items)):
      let baseIDs = merged.map(id)
      let ids = items.map(id)
      guard !baseIDs.isEmpty, !ids.isEmpty, !baseIDs.contains(nil), !ids.contains(nil) else { return over }
      for (item, itemID) in zip(items, ids) {
        if let i = merged.firstIndex(where: { id($0) == itemID }) {
          merged[i] = merge(merged[i], item)
        } else {
          merged.append(item)
        }
      }
      return JSON5Value(kind: .array(merged), offset: over.offset)
    default:
      return over
    }
  }

  private static func id(_ value: JSON5Value) -> String? {
    if case .string(let s)? = value["id"]?.kind { return s }
    return nil
  }
}

extension JSON5Value {
  /// Moves this value and everything inside it to another file's offsets.
  mutating func shiftOffsets(by delta: Int) {
    offset += delta
    switch kind {
    case .array(var items):
      for i in items.indices { items[i].shiftOffsets(by: delta) }
      kind = .array(items)
    case .object(var members):
      for i in members.indices {
        members[i].keyOffset += delta
        members[i].value.shiftOffsets(by: delta)
      }
      kind = .object(members)
    default: break
    }
  }
}
