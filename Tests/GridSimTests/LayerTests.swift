import Foundation
import GridSim
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

  @Test("every public symbol of the library has a doc comment; the rest is package")
  func publicFace() throws {
    var public_: [String] = []
    var undocumented: [String] = []
    for file in try Self.files() {
      let text = try String(
        contentsOf: Self.library.appendingPathComponent(file.path), encoding: .utf8)
      let lines = text.components(separatedBy: "\n")
      for (i, line) in lines.enumerated()
      where line.range(of: #"^\s*(@\w+\s+)*public "#, options: .regularExpression) != nil {
        public_.append("\(file.path):\(i + 1)")
        var j = i - 1
        while j >= 0, lines[j].trimmingCharacters(in: .whitespaces).hasPrefix("@") { j -= 1 }
        if j < 0 || !lines[j].trimmingCharacters(in: .whitespaces).hasPrefix("///") {
          undocumented.append("\(file.path):\(i + 1)")
        }
      }
    }
    #expect(undocumented.isEmpty, "public without a doc comment: \(undocumented)")
    // The face is the pipeline of README's "The library", and the heap, ring buffer and random
    // stream the bench's bare loop shares with the engine; a new public symbol is a decision.
    #expect((60...80).contains(public_.count), "\(public_.count) public declarations")
  }

  @Test("README's library example runs: load, reduce, summarize, render")
  func libraryExample() async throws {
    let loaded = try ScenarioLoader.load(
      path: repositoryRoot.appendingPathComponent("Scenarios/township-baseline.json5").path)
    let model = Model(loaded.scenario)
    let reduction = await Experiment.reduce(
      model: model, replications: 0..<2, seed: loaded.scenario.seed, jobs: 2)
    let summary = Summary(model: model, reduction: reduction, seed: loaded.scenario.seed)
    let text = TextReport.render(summary, language: ReportLanguage(.zh))
    #expect(text.contains("重复 2 次") && text.contains("事项：出现"), "\(text.prefix(300))")
    let json = SummaryJSON.document(summary).rendered()
    #expect(json.hasPrefix("{") && json.contains("\"replications\": 2"))
    guard case .failure(let error) = ScenarioOverride.parse(assignment: "no-equals-sign") else {
      Issue.record("an assignment without '=' was read")
      return
    }
    #expect(!error.message.isEmpty)
  }
}
