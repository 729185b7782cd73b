import Foundation
import Testing

/// The library's folders are layers, and a folder names only types of the folders before it:
/// Input, Calendar, Scenario, Statistics, Model, Engine, Experiment, Planning, DutyRoster, Drill,
/// History, Reports (README, "Layout").
@Suite("Layers")
struct LayerTests {
  static let layers = [
    "Input", "Calendar", "Scenario", "Statistics", "Model", "Engine", "Experiment", "Planning", "DutyRoster",
    "Drill", "History", "Reports",
  ]
  static let library = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Sources/GridSim")

  /// The Swift text of a file without comments and string literals.
  static func code(_ text: String) -> String {
    var out = text
    for pattern in [##"#?"""[\s\S]*?"""#?"##, ##"//[^\n]*"##, ##""(\\.|[^"\\\n])*""##] {
      let regex = try! NSRegularExpression(pattern: pattern)
      out = regex.stringByReplacingMatches(
        in: out, range: NSRange(out.startIndex..., in: out), withTemplate: "\"\"")
    }
    return out
  }

  static func matches(_ pattern: String, in text: String, group: Int = 0) -> [String] {
    let regex = try! NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines])
    return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
      Range($0.range(at: group), in: text).map { String(text[$0]) }
    }
  }

  /// Every Swift file of the library with its layer.
  static func files() throws -> [(path: String, layer: Int, code: String)] {
    var found: [(String, Int, String)] = []
    let top = try FileManager.default.contentsOfDirectory(atPath: library.path).sorted()
    for folder in top {
      let layer = try #require(
        layers.firstIndex(of: folder), "Sources/GridSim/\(folder) is not a known layer")
      let directory = library.appendingPathComponent(folder)
      let enumerator = try #require(FileManager.default.enumerator(atPath: directory.path))
      while let name = enumerator.nextObject() as? String {
        guard name.hasSuffix(".swift") else { continue }
        let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        found.append(("\(folder)/\(name)", layer, code(text)))
      }
    }
    return found
  }

  @Test("no file names a type declared in a later layer")
  func oneWay() throws {
    let files = try Self.files()
    var declaredIn: [String: Int] = [:]
    for file in files {
      let declaration =
        #"^(?:public |package |private |fileprivate |internal )?(?:final )?(?:struct|enum|class|protocol|typealias|actor) +([A-Za-z_]\w*)"#
      for name in Self.matches(declaration, in: file.code, group: 1) where declaredIn[name] == nil {
        declaredIn[name] = file.layer
      }
    }
    #expect(declaredIn["Simulation"] == Self.layers.firstIndex(of: "Engine"))
    var violations: [String] = []
    for file in files {
      for name in Set(Self.matches(#"\b[A-Z]\w*"#, in: file.code)) {
        if let layer = declaredIn[name], layer > file.layer {
          violations.append("\(file.path) names \(name) (\(Self.layers[layer]))")
        }
      }
    }
    #expect(violations.sorted() == [])
  }

  @Test("the check finds a type of a later layer")
  func detects() {
    let code = Self.code("let s = Simulation() // Summary\nlet t = \"Recorder\"")
    #expect(Set(Self.matches(#"\b[A-Z]\w*"#, in: code)) == ["Simulation"])
  }
}
