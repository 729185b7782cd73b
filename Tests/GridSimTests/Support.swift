import Foundation
import GridSim
import GridSimTestSupport
import Testing

/// Loads scenario text, failing the test with every diagnostic when it does not load.
func load(_ text: String, path: String = "test.json5", sourceLocation: SourceLocation = #_sourceLocation)
  throws -> Scenario
{
  do {
    return try ScenarioLoader.parse(text, path: path).scenario
  } catch {
    if case .invalid(let diagnostics) = error {
      let text = diagnostics.map(\.description).joined(separator: "\n")
      Issue.record("scenario did not load:\n\(text)", sourceLocation: sourceLocation)
    }
    throw error
  }
}

/// The diagnostics of scenario text that should not load.
func problems(_ text: String, path: String = "bad.json5") -> [Diagnostic] {
  do {
    _ = try ScenarioLoader.parse(text, path: path)
    return []
  } catch {
    if case .invalid(let diagnostics) = error { return diagnostics }
    return []
  }
}

/// The repository root (for the shipped scenarios).
let repositoryRoot = packageRoot

/// Runs a scenario's replications serially.
func simulate(_ scenario: Scenario, replications: Int? = nil) -> (Model, [ReplicationResult]) {
  let model = Model(scenario)
  return (
    model,
    Experiment.runSerially(
      model: model, replications: replications ?? scenario.replications, seed: scenario.seed)
  )
}
