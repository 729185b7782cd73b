import Foundation
import Testing

@testable import GridSimCLI

/// Shell completions and the man page come from the command descriptions: every command and
/// option is in each, and each shell reads its script.
@Suite("completions and manual")
struct CompletionCLITests {
  /// Runs a shell on a script when the shell is installed (CI installs zsh and fish).
  static func shell(_ name: String, _ arguments: [String]) throws -> Invocation? {
    guard let path = ["/usr/bin/" + name, "/bin/" + name].first(where: FileManager.default.fileExists) else {
      return nil
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Invocation(
      stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self),
      status: process.terminationStatus)
  }

  @Test("each script and the man page name every command and option, and the shells read them")
  func everyOption() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gridsim-comp-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let commands = Commands.all.map(\.spec.name)
    #expect(Set(Completions.specs.map { String($0.name.split(separator: " ")[0]) }) == Set(commands))
    for shell in Completions.shells {
      let r = try gridsim("--generate-completion-script", shell)
      #expect(r.status == 0)
      for c in commands { #expect(r.stdout.contains(c), "\(shell): \(c)") }
      for spec in Completions.specs {
        for o in spec.options {
          let written = shell == "fish" ? "-l \(o.name) " : "--\(o.name)"
          #expect(r.stdout.contains(written), "\(shell): \(spec.name) --\(o.name)")
        }
      }
      let file = folder.appendingPathComponent("gridsim.\(shell)")
      try r.stdout.write(to: file, atomically: true, encoding: .utf8)
      if let check = try Self.shell(shell, ["-n", file.path]) {
        #expect(check.status == 0, "\(shell): \(check.stderr)")
      }
    }
    let man = try gridsim("--generate-manual")
    for spec in Completions.specs {
      #expect(man.stdout.contains(".SS \"gridsim \(spec.name.replacingOccurrences(of: "-", with: "\\-"))"))
      for o in spec.options {
        #expect(
          man.stdout.contains(".B \\-\\-\(o.name.replacingOccurrences(of: "-", with: "\\-"))"), "\(o.name)")
      }
    }
    #expect(try gridsim("--generate-completion-script", "tcsh").status == 64)
  }

  @Test("bash completes commands, subcommands, options and their values")
  func bash() throws {
    let script = Completions.bash
    func complete(_ words: [String]) throws -> String? {
      let line = words.map { "'\($0)'" }.joined(separator: " ")
      return try Self.shell(
        "bash",
        [
          "-c",
          script
            + "\nCOMP_WORDS=(\(line)); COMP_CWORD=\(words.count - 1); _gridsim; echo \"${COMPREPLY[*]}\"",
        ]
      )?.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    #expect(try complete(["gridsim", "dr"]) == "drill")
    #expect(try complete(["gridsim", "drill", "sc"]) == "script score")
    #expect(try complete(["gridsim", "drill", "score", "p", "--f"]) == "--format")
    #expect(try complete(["gridsim", "drill", "score", "p", "--format", ""]) == "text json")
    #expect(try complete(["gridsim", "calendar", "2026", "--format", ""]) == "text csv")
  }
}
