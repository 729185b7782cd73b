import Foundation
import Testing

/// The package's root folder (the one holding `Package.swift`).
public let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent()
  .deletingLastPathComponent()

/// Compares text with a golden file, `folder/name` under the package root; `GRIDSIM_RECORD=1`
/// rewrites the file instead. The one golden-file helper of both test targets.
public func expectGolden(
  _ text: String, _ name: String, in folder: String, sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let url = packageRoot.appendingPathComponent(folder).appendingPathComponent(name)
  if ProcessInfo.processInfo.environment["GRIDSIM_RECORD"] == "1" {
    try text.write(to: url, atomically: true, encoding: .utf8)
    return
  }
  guard let golden = try? String(contentsOf: url, encoding: .utf8) else {
    Issue.record(
      "no golden file \(folder)/\(name); record it with GRIDSIM_RECORD=1 swift test",
      sourceLocation: sourceLocation)
    return
  }
  #expect(
    text == golden,
    "\(name) differs from its golden file; if the change is meant, re-record with GRIDSIM_RECORD=1 swift test",
    sourceLocation: sourceLocation)
}
