/// One change to a scenario made from outside its file: `--set key.path=value` on the command line,
/// or one entry of an overrides file.
///
/// Overrides are applied to the parsed JSON5 tree before the scenario is read, so an overridden value
/// is checked exactly like one written in the file, and a problem with it names where it came from.
public struct ScenarioOverride: Sendable, Equatable {
  /// One step of a key path.
  package enum Step: Sendable, Equatable {
    /// An object member, or the item of a list whose `id` is this.
    case key(String)
    /// A list item by position, from 0.
    case index(Int)
  }

  /// The path as written, such as `tiers.grid.deadlines.response` or `tiers[0].passUp`.
  package var keyPath: String
  package var steps: [Step]
  /// The new value.
  package var value: JSON5Value
  /// Where the override came from, for messages: `--set a.b=1` or `ci/short.json5:4:5`.
  package var origin: String
  /// Where the key came from when that is not where the value did (a rows file's header cell);
  /// a problem with the key path names it. Nil: the key is named by `origin` too.
  package var keyOrigin: String?

  /// Creates an override; nil when the key path is malformed.
  package init?(keyPath: String, value: JSON5Value, origin: String) {
    guard let steps = Self.steps(keyPath) else { return nil }
    self.keyPath = keyPath
    self.steps = steps
    self.value = value
    self.origin = origin
  }

  /// Parses `key.path=value`. The value is read as JSON5 (`3`, `0.2`, `"2 h"`, `[1, 2]`, `{ ... }`);
  /// text that is not JSON5 is taken as a string, so `--set tiers.grid.deadlines.response=2h` works
  /// without quotes.
  public static func parse(assignment: String) -> Result<ScenarioOverride, OverrideSyntaxError> {
    guard let eq = assignment.firstIndex(of: "=") else {
      return .failure(
        OverrideSyntaxError(
          "'\(Self.shortened(assignment))' is not key.path=value, for example tiers.grid.deadlines.response=\"2 h\""
        ))
    }
    let path = String(assignment[..<eq]).trimmingSpaces
    let text = String(assignment[assignment.index(after: eq)...])
    var value: JSON5Value
    if let parsed = try? JSON5Parser.parse(text) {
      value = parsed
    } else {
      value = JSON5Value(kind: .string(text.trimmingSpaces), offset: 0)
    }
    value.setOffsets(-1)
    guard let o = ScenarioOverride(keyPath: path, value: value, origin: "--set \(Self.shortened(assignment))")
    else {
      return .failure(
        OverrideSyntaxError(
          "'\(Self.shortened(path))' is not a key path (at most 1,000 characters); write keys joined by dots, ids or [n] for list items, for example tiers.grid.passUp"
        ))
    }
    return .success(o)
  }

  /// Text shown in a message: at most 80 characters, with how many more there were.
  static func shortened(_ text: String) -> String {
    text.count <= 80 ? text : "\(text.prefix(80))… (\(text.count - 80) more characters)"
  }

  /// Splits `a.b[2].c` into steps; nil when empty or malformed.
  static func steps(_ path: String) -> [Step]? {
    // No scenario is deeper than this; a longer path is a mistake (or an attack on the stack).
    guard path.utf8.count <= 1000 else { return nil }
    var steps: [Step] = []
    for part in path.split(separator: ".", omittingEmptySubsequences: false) {
      var rest = Substring(part)
      if let bracket = rest.firstIndex(of: "[") {
        let key = rest[..<bracket]
        if !key.isEmpty { steps.append(.key(String(key))) }
        rest = rest[bracket...]
        while !rest.isEmpty {
          guard rest.first == "[", let close = rest.firstIndex(of: "]"),
            let n = Int(rest[rest.index(after: rest.startIndex)..<close]), n >= 0
          else { return nil }
          steps.append(.index(n))
          rest = rest[rest.index(after: close)...]
        }
        if key.isEmpty, steps.isEmpty { return nil }
      } else {
        guard !rest.isEmpty else { return nil }
        steps.append(.key(String(rest)))
      }
    }
    return steps.isEmpty ? nil : steps
  }
}

/// Why a `--set` argument is not a `key.path=value` assignment (a usage error, exit 64).
public struct OverrideSyntaxError: Error, Sendable, Equatable {
  /// What is wrong with the assignment, and how to write it.
  public var message: String
  init(_ message: String) { self.message = message }
}

extension String {
  fileprivate var trimmingSpaces: String {
    String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
  }
}

extension JSON5Value {
  /// Gives this value and everything inside it one offset (a negative one marks an override).
  mutating func setOffsets(_ offset: Int) {
    self.offset = offset
    switch kind {
    case .array(var items):
      for i in items.indices { items[i].setOffsets(offset) }
      kind = .array(items)
    case .object(var members):
      for i in members.indices {
        members[i].keyOffset = offset
        members[i].value.setOffsets(offset)
      }
      kind = .object(members)
    default: break
    }
  }

  /// Sets the value at `steps`, creating object members on the way; a message when the path leads
  /// nowhere (through a number, past the end of a list, to a list item with no such id).
  mutating func set(_ steps: ArraySlice<ScenarioOverride.Step>, to newValue: JSON5Value, path: String)
    -> String?
  {
    guard let step = steps.first else {
      self = newValue
      return nil
    }
    let rest = steps.dropFirst()
    switch (kind, step) {
    case (.object(var members), .key(let key)):
      if let i = members.firstIndex(where: { $0.key == key }) {
        let problem = members[i].value.set(rest, to: newValue, path: path)
        kind = .object(members)
        return problem
      }
      var fresh = JSON5Value(kind: .object([]), offset: newValue.offset)
      let problem = fresh.set(rest, to: newValue, path: path)
      members.append(Member(key: key, keyOffset: newValue.offset, value: fresh))
      kind = .object(members)
      return problem
    case (.array(var items), .index(let n)):
      guard n < items.count else {
        return "'\(path)' asks for item \(n) of a list of \(items.count) (items count from 0)"
      }
      let problem = items[n].set(rest, to: newValue, path: path)
      kind = .array(items)
      return problem
    case (.array(var items), .key(let id)):
      // An item by its id, its name (a tier's 网格员; roster shifts and windows are named, not given
      // ids) or its title (a shift's 值班).
      func name(_ item: JSON5Value) -> String? {
        if case .string(let s)? = item["id"]?.kind { return s }
        if case .string(let s)? = item["name"]?.kind { return s }
        return nil
      }
      func names(_ item: JSON5Value) -> [String] {
        ["id", "name", "title"].compactMap { key in
          if case .string(let s)? = item[key]?.kind { return s }
          return nil
        }
      }
      guard
        let i = items.firstIndex(where: { name($0) == id })
          ?? items.firstIndex(where: { names($0).contains(id) })
      else {
        let ids = items.compactMap(name)
        let known =
          ids.isEmpty ? "its items have no ids or names" : "ids here: \(ids.joined(separator: ", "))"
        return "'\(path)' names '\(id)', but no item of that list has that id or name; \(known)"
      }
      let problem = items[i].set(rest, to: newValue, path: path)
      kind = .array(items)
      return problem
    case (.object, .index(let n)):
      return "'\(path)' asks for item [\(n)] of an object; use a key"
    default:
      return "'\(path)' goes through \(summary), which has no keys"
    }
  }
}
