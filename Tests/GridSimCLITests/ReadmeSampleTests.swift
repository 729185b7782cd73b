import Foundation
import GridSimTestSupport
import Testing

/// A sample in the README: a marker naming the command, then a fenced block with the command and
/// what it prints.
///
///     <!-- sample: gridsim run Scenarios/township-baseline.json5 | lines 1-8 -->
///     ```
///     $ gridsim run Scenarios/township-baseline.json5
///     (its first 8 lines of output, stdout then stderr, and "..." when lines were left out)
///     ```
struct ReadmeSample {
  var arguments: [String]
  var lines: ClosedRange<Int>?
  /// The line range of the block's contents in the README (0-based, exclusive end).
  var block: Range<Int>

  /// The samples of a README text.
  static func all(in text: String) -> [ReadmeSample] {
    let lines = text.components(separatedBy: "\n")
    var samples: [ReadmeSample] = []
    for (i, line) in lines.enumerated() where line.hasPrefix("<!-- sample: gridsim ") {
      var spec = line.dropFirst("<!-- sample: gridsim ".count).replacingOccurrences(of: " -->", with: "")
      var range: ClosedRange<Int>?
      if let bar = spec.range(of: " | lines ") {
        let bounds = spec[bar.upperBound...].split(separator: "-").compactMap { Int($0) }
        if bounds.count == 2 { range = bounds[0]...bounds[1] }
        spec = String(spec[..<bar.lowerBound])
      }
      guard i + 1 < lines.count, lines[i + 1].hasPrefix("```"),
        let end = lines[(i + 2)...].firstIndex(where: { $0.hasPrefix("```") })
      else { continue }
      samples.append(ReadmeSample(arguments: words(spec), lines: range, block: (i + 2)..<end))
    }
    return samples
  }

  /// Splits a command line into words: spaces separate, single or double quotes group.
  static func words(_ text: String) -> [String] {
    var words: [String] = []
    var word = ""
    var quote: Character?
    var started = false
    for c in text {
      if let q = quote {
        if c == q { quote = nil } else { word.append(c) }
      } else if c == "\"" || c == "'" {
        quote = c
        started = true
      } else if c == " " {
        if started || !word.isEmpty { words.append(word) }
        word = ""
        started = false
      } else {
        word.append(c)
      }
    }
    if started || !word.isEmpty { words.append(word) }
    return words
  }

  /// The block as it should read: the command, then the chosen lines of its output.
  func expected(_ r: Invocation, command: String) -> [String] {
    var output = (r.stdout + r.stderr).components(separatedBy: "\n")
    if output.last == "" { output.removeLast() }
    var shown = output
    if let lines {
      shown = Array(output[min(lines.lowerBound - 1, output.count)..<min(lines.upperBound, output.count)])
      if lines.upperBound < output.count { shown.append("...") }
    }
    return ["$ gridsim " + command] + shown
  }

  /// A new folder holding a copy of the package's Scenarios/ and Reports/, where a guide's
  /// samples run.
  static func scratchFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gridsim-guide-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for name in ["Scenarios", "Reports"] {
      try FileManager.default.copyItem(
        at: packageRoot.appendingPathComponent(name), to: folder.appendingPathComponent(name))
    }
    return folder
  }
}

@Suite("README samples")
struct ReadmeSampleTests {
  /// The guides whose samples are generated and checked: the English README and the Chinese guide
  /// (README.zh.md, its commands run with `--lang zh`).
  static let guides = ["README.md", "README.zh.md"]

  @Test("every sample in a guide is what gridsim prints today", arguments: guides)
  func samplesMatch(guide: String) throws {
    let url = packageRoot.appendingPathComponent(guide)
    let text = try String(contentsOf: url, encoding: .utf8)
    var lines = text.components(separatedBy: "\n")
    let samples = ReadmeSample.all(in: text)
    #expect(samples.count >= 4)
    let record = ProcessInfo.processInfo.environment["GRIDSIM_RECORD"] == "1"
    // The samples run in order, as a new user types them, in a new folder holding a copy of
    // Scenarios/: a sample may use what an earlier one wrote (`init`'s folder, a plan's `--out`),
    // and nothing is written into the repository.
    let folder = try ReadmeSample.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    var blocks: [(sample: ReadmeSample, expected: [String])] = []
    for sample in samples {
      let command = lines[sample.block.lowerBound].dropFirst("$ gridsim ".count)
      let r = try gridsimArgs(sample.arguments, in: folder)
      // A report's "written to" line names the folder whole; the scratch folder's own path, which
      // changes from run to run, is left out, so the guide shows the path from where it ran.
      let shown = sample.expected(r, command: String(command)).map {
        $0.replacingOccurrences(of: folder.path + "/", with: "")
      }
      blocks.append((sample, shown))
    }
    // From the last, so that rewriting a block leaves the earlier ones' line numbers alone.
    for (sample, expected) in blocks.reversed() {
      if record {
        lines.replaceSubrange(sample.block, with: expected)
      } else {
        #expect(
          Array(lines[sample.block]) == expected,
          "\(guide) sample 'gridsim \(sample.arguments.joined(separator: " "))' is stale; re-record with GRIDSIM_RECORD=1 swift test --filter ReadmeSampleTests"
        )
      }
    }
    if record { try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8) }
  }

  @Test("the Chinese guide's samples run in Chinese, and the two guides link each other")
  func chineseGuide() throws {
    let zh = try String(contentsOf: packageRoot.appendingPathComponent("README.zh.md"), encoding: .utf8)
    let en = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
    let samples = ReadmeSample.all(in: zh)
    // A sample of a command that prints words of ours names the language, so that what the guide
    // shows is the Chinese output, whatever the scenario's own `language` or the machine's LANG.
    for sample in samples where !(sample.arguments.starts(with: ["calendar", "due"])) {
      #expect(
        zip(sample.arguments, sample.arguments.dropFirst()).contains { $0 == "--lang" && $1 == "zh" },
        "README.zh.md sample 'gridsim \(sample.arguments.joined(separator: " "))' does not run with --lang zh"
      )
    }
    // Every step of the guide is shown: the first scenario, the plan, the roster, the drill, the gate.
    let commands = Set(samples.map { $0.arguments.prefix(2).joined(separator: " ") })
    for step in ["init", "plan", "roster", "drill script", "drill score", "check", "compare"] {
      #expect(
        commands.contains { $0 == step || $0.hasPrefix(step + " ") },
        "README.zh.md shows no sample of gridsim \(step)")
    }
    #expect(en.components(separatedBy: "\n").prefix(5).contains { $0.contains("(README.zh.md)") })
    #expect(zh.components(separatedBy: "\n").prefix(5).contains { $0.contains("(README.md)") })
  }

  @Test("the sample reader splits quoted words and reads line ranges")
  func reader() {
    #expect(
      ReadmeSample.words(#"calendar due 2026-09-30T10:00 "3 working days" --set 'rosterFiles=[]'"#)
        == ["calendar", "due", "2026-09-30T10:00", "3 working days", "--set", "rosterFiles=[]"])
    let samples = ReadmeSample.all(
      in: "a\n<!-- sample: gridsim run x.json5 | lines 2-3 -->\n```\n$ gridsim run x.json5\nold\n```\n")
    #expect(samples.count == 1)
    #expect(samples.first?.arguments == ["run", "x.json5"])
    #expect(samples.first?.lines == 2...3)
    #expect(samples.first?.block == 3..<5)
  }
}
