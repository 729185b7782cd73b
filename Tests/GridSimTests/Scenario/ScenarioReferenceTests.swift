import Foundation
import Testing

@testable import GridSim

/// The keys a format reference documents: the backticked names in the first column of its key
/// tables, table by table. A key table is a Markdown table whose header's first cell is `key` or
/// `column` (English) or `键` or `列` (Chinese); `shifts[].start`, `end` documents both names.
struct KeyReference: Equatable {
  struct Table: Equatable {
    /// The line of the table's header (1-based), for messages.
    var line: Int
    var keys: Set<String>
  }

  var tables: [Table]

  static let keyHeaders: Set<String> = ["key", "column", "键", "列"]

  init(_ text: String) {
    let lines = text.components(separatedBy: "\n")
    var tables: [Table] = []
    var i = 0
    var inCode = false
    while i < lines.count {
      let line = lines[i]
      if line.hasPrefix("```") { inCode.toggle() }
      if !inCode, line.hasPrefix("|"), i + 1 < lines.count, lines[i + 1].hasPrefix("| ---"),
        Self.keyHeaders.contains(Self.firstCell(line))
      {
        var table = Table(line: i + 1, keys: [])
        var j = i + 2
        while j < lines.count, lines[j].hasPrefix("|") {
          table.keys.formUnion(Self.backticked(Self.firstCell(lines[j])))
          j += 1
        }
        tables.append(table)
        i = j
        continue
      }
      i += 1
    }
    self.tables = tables
  }

  static func firstCell(_ row: String) -> String {
    let cells = row.split(separator: "|", omittingEmptySubsequences: false)
    return cells.count > 1 ? cells[1].trimmingCharacters(in: .whitespaces) : ""
  }

  static func backticked(_ text: String) -> [String] {
    text.split(separator: "`", omittingEmptySubsequences: false).enumerated()
      .filter { $0.offset % 2 == 1 }.map { String($0.element) }
  }

  /// Every documented key, and each name of its path (`shifts[].name` gives `shifts` and `name`,
  /// `posts.hired` gives `posts` and `hired`).
  var names: Set<String> {
    var names: Set<String> = []
    for table in tables {
      for key in table.keys {
        names.insert(key)
        for part in key.replacingOccurrences(of: "[]", with: ".").split(separator: ".") {
          names.insert(String(part))
        }
      }
    }
    return names
  }

  /// What differs from another reference, table by table: "table N (lines a and b): only in the
  /// first: ...; only in the second: ...", or the tables' counts.
  func differences(from other: KeyReference, _ first: String, _ second: String) -> [String] {
    var out: [String] = []
    if tables.count != other.tables.count {
      out.append("\(first) has \(tables.count) key tables, \(second) \(other.tables.count)")
    }
    for (n, (a, b)) in zip(tables, other.tables).enumerated() where a.keys != b.keys {
      let onlyA = a.keys.subtracting(b.keys).sorted()
      let onlyB = b.keys.subtracting(a.keys).sorted()
      out.append(
        "key table \(n + 1) (\(first) line \(a.line), \(second) line \(b.line)): only in \(first): \(onlyA.joined(separator: ", ")); only in \(second): \(onlyB.joined(separator: ", "))"
      )
    }
    return out
  }
}

@Suite("The scenario key reference, in English and Chinese")
struct ScenarioReferenceTests {
  static func text(_ path: String) throws -> String {
    try String(contentsOf: repositoryRoot.appendingPathComponent(path), encoding: .utf8)
  }

  /// The keys the scenario reader accepts, by where they are written.
  static let readerKeys: [(String, [String])] = [
    ("top level", ScenarioReader.topKeys), ("period", ScenarioReader.periodKeys),
    ("tiers[]", ScenarioReader.tierKeys), ("tiers[].categories.ID", ScenarioReader.ruleKeys),
    ("deadlines", ScenarioReader.deadlineKeys), ("roster", ScenarioReader.rosterKeys),
    ("roster.shifts[]", ScenarioReader.shiftKeys), ("stages[]", ScenarioReader.stageKeys),
    ("organization", ScenarioReader.unitKeys), ("demand", ScenarioReader.demandKeys),
    ("windows[]", ScenarioReader.windowKeys), ("calendar", ScenarioReader.calendarKeys),
    ("targets[]", ScenarioReader.targetKeys), ("policy", ScenarioReader.policyKeys),
    ("policy.categories.ID", ScenarioReader.policyCategoryKeys), ("plan", ScenarioReader.planKeys),
    ("rosterRules", ScenarioReader.rosterRuleKeys),
  ]

  @Test("Scenarios/README.zh.md documents the keys Scenarios/README.md does, table by table")
  func sameKeys() throws {
    let en = KeyReference(try Self.text("Scenarios/README.md"))
    let zh = KeyReference(try Self.text("Scenarios/README.zh.md"))
    #expect(en.tables.count >= 20)
    #expect(en.names.count >= 140)
    let differences = en.differences(from: zh, "README.md", "README.zh.md")
    #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
  }

  @Test("every key the scenario reader accepts is documented in both references")
  func readerKeysDocumented() throws {
    for path in ["Scenarios/README.md", "Scenarios/README.zh.md"] {
      let names = KeyReference(try Self.text(path)).names
      for (place, keys) in Self.readerKeys {
        let missing = keys.filter { !names.contains($0) }
        #expect(missing.isEmpty, "\(path) documents no key \(missing.joined(separator: ", ")) of \(place)")
      }
    }
  }

  @Test("a key left out of either reference is found, with its table")
  func canFail() throws {
    let en = try Self.text("Scenarios/README.md")
    let zh = try Self.text("Scenarios/README.zh.md")
    let dropped = zh.components(separatedBy: "\n").filter { !$0.hasPrefix("| `sameDayCutoff` |") }
      .joined(separator: "\n")
    let differences = KeyReference(en).differences(from: KeyReference(dropped), "README.md", "README.zh.md")
    #expect(differences.count == 1)
    #expect(differences.first?.contains("only in README.md: sameDayCutoff;") == true, "\(differences)")
    #expect(!KeyReference(dropped).names.contains("sameDayCutoff"))
    // And a key only the Chinese one has.
    let added = zh.replacingOccurrences(of: "| `builtIn` |", with: "| `builtIn`, `builtin` |")
    let more = KeyReference(en).differences(from: KeyReference(added), "README.md", "README.zh.md")
    #expect(more.first?.hasSuffix("only in README.zh.md: builtin") == true, "\(more)")
  }

  @Test("the reader of key tables takes first cells of key tables only, outside code blocks")
  func reader() {
    let text = """
      | key | type |
      | --- | --- |
      | `a`, `b` | `not-a-key` |
      | `shifts[].name` | x |

      | name | 2025 |
      | --- | --- |
      | `new-year` | Jan 1 |

      ```
      | 键 | x |
      | --- | --- |
      | `inCode` | x |
      ```
      | 列 | 也可写作 |
      | --- | --- |
      | `id` | 编号 |
      """
    let reference = KeyReference(text)
    #expect(reference.tables.map(\.keys) == [["a", "b", "shifts[].name"], ["id"]])
    #expect(reference.tables.map(\.line) == [1, 15])
    #expect(reference.names == ["a", "b", "shifts[].name", "shifts", "name", "id"])
  }
}
