import Foundation
import Synchronization

/// Writes files whole or not at all: to a temporary file in the same folder, then renamed over the
/// target, so a reader never sees half a report and a failed write leaves the old file in place.
public enum AtomicFile {
  /// Temporary files being written now, so that an interrupted run can remove them.
  private static let inFlight = Mutex<Set<String>>([])

  /// Removes the temporary files of writes still in progress (on SIGINT or SIGTERM): an
  /// interrupted run leaves the old files, and nothing half-written.
  public static func removeTemporaryFiles() {
    let paths = inFlight.withLock { paths in
      defer { paths.removeAll() }
      return paths
    }
    for path in paths { unlink(path) }
  }

  /// Why a file could not be written (exit 73).
  public struct WriteError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot write '\(path)': \(reason)" }
  }

  /// Writes several files, all or none: every one goes to a temporary file first, and only when
  /// all are written are they renamed into place. `creating` names a folder to make (with its
  /// parents) when missing; `.csv` files are written in the given style.
  public static func writeAll(
    _ files: [(path: String, text: String)], creating folder: String? = nil, csv: CSVStyle = .plain
  ) throws(WriteError) {
    let files = csv.apply(files)
    if let folder {
      do {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      } catch {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory)
        let reason =
          exists && !isDirectory.boolValue
          ? "'\(folder)' is a file, not a folder"
          : "the folder '\(folder)' cannot be made (\(describe(error)))"
        throw WriteError(path: folder, reason: reason)
      }
    }
    // Every target is checked before any is replaced: a folder or a device where a report file goes
    // stops the write with nothing changed.
    for file in files { try checkReplaceable(file.path) }
    var written: [(temporary: String, path: String)] = []
    defer { inFlight.withLock { paths in for w in written { paths.remove(w.temporary) } } }
    do throws(WriteError) {
      for file in files { written.append((try writeTemporary(file.text, for: file.path), file.path)) }
    } catch {
      for w in written { try? FileManager.default.removeItem(atPath: w.temporary) }
      throw error
    }
    for (i, w) in written.enumerated() where rename(w.temporary, w.path) != 0 {
      let reason = String(cString: strerror(errno))
      for rest in written[i...] { try? FileManager.default.removeItem(atPath: rest.temporary) }
      throw WriteError(path: w.path, reason: reason)
    }
  }

  private static func describe(_ error: any Error) -> String {
    (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
  }

  /// Writes `text` to `path` atomically.
  public static func write(_ text: String, to path: String) throws(WriteError) {
    try write(Data(text.utf8), to: path)
  }

  /// Writes `data` to `path` atomically.
  public static func write(_ data: Data, to path: String) throws(WriteError) {
    try checkReplaceable(path)
    let temporary = try writeTemporary(data, for: path)
    defer { inFlight.withLock { _ = $0.remove(temporary) } }
    if rename(temporary, path) != 0 {
      let reason = String(cString: strerror(errno))
      try? FileManager.default.removeItem(atPath: temporary)
      throw WriteError(path: path, reason: reason)
    }
  }

  /// Only a regular file (or nothing) is replaced: never a folder, a device, a pipe or a socket.
  static func checkReplaceable(_ path: String) throws(WriteError) {
    guard !path.isEmpty else { throw WriteError(path: path, reason: "the path is empty") }
    var info = stat()
    guard lstat(path, &info) == 0 else { return }
    let kind: String? =
      switch info.st_mode & S_IFMT {
      case S_IFREG, S_IFLNK: nil
      case S_IFDIR: "a folder"
      case S_IFCHR, S_IFBLK: "a device"
      case S_IFIFO: "a pipe (FIFO)"
      default: "not a regular file"
      }
    if let kind {
      throw WriteError(
        path: path, reason: "it is \(kind); gridsim only replaces regular files, so nothing was written")
    }
  }

  /// Writes `text` to a new temporary file beside `path` and returns its path.
  private static func writeTemporary(_ text: String, for path: String) throws(WriteError) -> String {
    try writeTemporary(Data(text.utf8), for: path)
  }

  /// Writes `data` to a new temporary file beside `path` and returns its path.
  private static func writeTemporary(_ data: Data, for path: String) throws(WriteError) -> String {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent().path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue
    else {
      throw WriteError(path: path, reason: "the folder '\(folder)' does not exist")
    }
    let temporary =
      folder + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    inFlight.withLock { _ = $0.insert(temporary) }
    guard FileManager.default.createFile(atPath: temporary, contents: data) else {
      inFlight.withLock { _ = $0.remove(temporary) }
      let reason =
        FileManager.default.isWritableFile(atPath: folder)
        ? "writing a temporary file there failed (is the disk full?)"
        : "the folder '\(folder)' is not writable"
      throw WriteError(path: path, reason: reason)
    }
    return temporary
  }
}
