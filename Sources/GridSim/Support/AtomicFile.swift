import Foundation

/// Writes files whole or not at all: to a temporary file in the same folder, then renamed over the
/// target, so a reader never sees half a report and a failed write leaves the old file in place.
public enum AtomicFile {
  /// Why a file could not be written (exit 73).
  public struct WriteError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot write '\(path)': \(reason)" }
  }

  /// Writes `text` to `path` atomically.
  public static func write(_ text: String, to path: String) throws(WriteError) {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent().path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue
    else {
      throw WriteError(path: path, reason: "the folder '\(folder)' does not exist")
    }
    let temporary =
      folder + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else {
      let reason =
        FileManager.default.isWritableFile(atPath: folder)
        ? "writing a temporary file there failed (is the disk full?)"
        : "the folder '\(folder)' is not writable"
      throw WriteError(path: path, reason: reason)
    }
    if rename(temporary, path) != 0 {
      let reason = String(cString: strerror(errno))
      try? FileManager.default.removeItem(atPath: temporary)
      throw WriteError(path: path, reason: reason)
    }
  }
}
