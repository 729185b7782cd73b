import Testing

@testable import GridSimCLI

@Suite("Argument parser")
struct ArgumentParserTests {
  let spec = CommandSpec(
    name: "run", abstract: "", arguments: "SCENARIO", minimumPositionals: 1, maximumPositionals: 1,
    options: [
      .value("seed", "S", ""), .repeated("set", "K=V", ""), .flag("allow-large", ""),
    ])

  @Test("repeatable options keep every value in order; others may be given once")
  func repeated() throws {
    let a = try spec.parse(["x", "--set", "a=1", "--set=b=2", "--seed", "3", "--set", "c=x y"])
    #expect(a.positionals == ["x"])
    #expect(a.all("set") == ["a=1", "b=2", "c=x y"])
    #expect(a.value("seed") == "3")
    #expect(a.all("seed").isEmpty)
    #expect(throws: UsageError("The option '--seed' is given twice.", command: "run")) {
      try spec.parse(["x", "--seed", "1", "--seed", "2"])
    }
    #expect(spec.usage == "gridsim run SCENARIO [--seed S] [--set K=V]... [--allow-large]")
  }

  @Test("flags, missing values, unknown options and extra arguments")
  func errors() throws {
    #expect(try spec.parse(["x", "--allow-large"]).flag("allow-large"))
    #expect(throws: UsageError("The flag '--allow-large' takes no value.", command: "run")) {
      try spec.parse(["x", "--allow-large=yes"])
    }
    #expect(throws: UsageError("Missing value for '--set K=V'.", command: "run")) {
      try spec.parse(["x", "--set"])
    }
    #expect(throws: UsageError("Unknown option '--sat'. Did you mean '--set'?", command: "run")) {
      try spec.parse(["x", "--sat", "a=1"])
    }
    #expect(throws: UsageError("Unexpected argument 'y'.", command: "run")) { try spec.parse(["x", "y"]) }
    #expect(try spec.parse(["--", "--seed"]).positionals == ["--seed"])
  }
}
