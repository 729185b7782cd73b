import Foundation
import Synchronization

/// Why a scenario could not be loaded.
public enum ScenarioError: Error, Sendable {
  /// The file is missing or cannot be read (exit 66).
  case unreadable(path: String, reason: String)
  /// The file was read but has problems (exit 65); every problem found, warnings included.
  case invalid([Diagnostic])
}

/// What every input file shares: the size cap and JSON5 parsing with positions.
extension ScenarioError {
  /// Why, in a few words, for a message about the file that named this one.
  var reason: String {
    switch self {
    case .unreadable(_, let reason): reason
    case .invalid(let diagnostics): diagnostics.first?.message ?? "it cannot be read"
    }
  }
}

package enum InputFile {
  /// The largest input file read: 16 MiB.
  package static let maximumSize = 16 << 20

  /// Parses JSON5 text; a syntax error becomes a diagnostic with its line and column.
  static func parseJSON5(_ source: SourceFile) -> Result<JSON5Value, ScenarioError> {
    do {
      return .success(try JSON5Parser.parse(source.text))
    } catch {
      let (line, column) = source.position(ofOffset: error.offset)
      return .failure(
        .invalid([Diagnostic(.error, file: source.path, line: line, column: column, message: error.message)]))
    }
  }

  /// The folder that files named by a scenario (extends, presets, rosters, calendars) must be in,
  /// after links are followed; nil: anywhere. The command line sets it (the working folder, or the
  /// scenario's own when the scenario is outside it; `GRIDSIM_ROOT` names another), so that a
  /// scenario from a pull request cannot make gridsim read `/etc/passwd` or `~/.ssh`.
  @TaskLocal package static var projectRoot: String?

  /// Why a file cannot be read, in a few words; nil when it can be read as text. Nothing of the
  /// file's content is ever quoted.
  package enum ReadProblem: Error, Sendable, Equatable {
    case missing
    case notAFile(String)
    case outsideProject(root: String)
    case tooLarge(Int)
    case notUTF8(line: Int, byte: Int)
    /// Neither UTF-8 nor GB18030 (spreadsheet files).
    case notText(line: Int, byte: Int)
    case failed(String)

    package var reason: String {
      switch self {
      case .missing: "no such file"
      case .notAFile(let kind): "it is \(kind), not a file"
      case .outsideProject(let root):
        "it is outside the project folder \(root); files a scenario names must be inside it (set GRIDSIM_ROOT to allow a wider folder)"
      case .tooLarge(let size):
        "it is \(size) bytes; input files are at most \(InputFile.maximumSize) bytes (16 MiB)"
      case .notUTF8(let line, let byte):
        "it is not UTF-8 text: line \(line), byte \(byte) of the file is not part of a UTF-8 character (save it as UTF-8)"
      case .notText(let line, let byte):
        "it is neither UTF-8 nor GB18030 text: line \(line), byte \(byte) of the file is not part of a character in either (save it as CSV UTF-8)"
      case .failed(let reason): reason
      }
    }
  }

  /// Every file this process has read (real paths): an output never replaces one
  /// (``wasRead(_:)``).
  private static let filesRead = Mutex<Set<String>>([])

  /// Forgets that `path` was read: the command holds its text, so an output may replace it (a
  /// re-plan reading the roster it then rewrites).
  package static func release(_ path: String) {
    let real = realPath(path)
    filesRead.withLock { _ = $0.remove(real) }
  }

  /// True when this process has read the file at `path` (an input of the running command).
  package static func wasRead(_ path: String) -> Bool {
    let real = realPath(path)
    return filesRead.withLock { $0.contains(real) }
  }

  /// The bytes of the regular file at `path`: at most ``maximumSize``, never more read; a folder,
  /// device, pipe or socket is named for what it is. With `checkRoot`, the file must be inside
  /// ``projectRoot``. `limit` raises the cap for files that are not written by people (results of
  /// shards).
  package static func readBytes(_ path: String, checkRoot: Bool = false, limit: Int = maximumSize) -> Result<
    [UInt8], ReadProblem
  > {
    var info = stat()
    guard stat(path, &info) == 0 else {
      return .failure(
        errno == ENOENT || errno == ENOTDIR ? .missing : .failed(String(cString: strerror(errno))))
    }
    switch info.st_mode & S_IFMT {
    case S_IFREG: break
    case S_IFDIR: return .failure(.notAFile("a folder"))
    case S_IFCHR, S_IFBLK: return .failure(.notAFile("a device"))
    case S_IFIFO: return .failure(.notAFile("a pipe (FIFO)"))
    case S_IFSOCK: return .failure(.notAFile("a socket"))
    default: return .failure(.notAFile("not a regular file"))
    }
    if checkRoot, let root = projectRoot {
      let real = realPath(path)
      guard real == root || real.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
        return .failure(.outsideProject(root: root))
      }
    }
    if info.st_size > limit { return .failure(.tooLarge(Int(info.st_size))) }
    let fd = open(path, O_RDONLY | O_NONBLOCK)
    guard fd >= 0 else { return .failure(.failed(String(cString: strerror(errno)))) }
    defer { close(fd) }
    // Read to the end, never more than one byte past the cap (files in /proc report no size, and
    // a file may grow while it is read).
    var bytes = [UInt8](repeating: 0, count: min(limit, max(Int(info.st_size), 1 << 16)) + 1)
    var count = 0
    while true {
      if count == bytes.count {
        guard bytes.count <= limit else { break }
        bytes += repeatElement(0, count: min(bytes.count, limit + 1 - bytes.count))
      }
      let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + count, $0.count - count) }
      if n > 0 {
        count += n
      } else if n == 0 {
        break
      } else if errno != EINTR {
        return .failure(.failed(String(cString: strerror(errno))))
      }
    }
    if count > limit { return .failure(.tooLarge(count)) }
    bytes.removeSubrange(count...)
    filesRead.withLock { _ = $0.insert(realPath(path)) }
    return .success(bytes)
  }

  /// The UTF-8 text of the regular file at `path` (a leading byte-order mark dropped).
  package static func readUTF8(_ path: String, checkRoot: Bool = false) -> Result<String, ReadProblem> {
    switch readBytes(path, checkRoot: checkRoot) {
    case .failure(let problem): return .failure(problem)
    case .success(var bytes):
      if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
      if let bad = firstInvalidUTF8(bytes) {
        let line = bytes[..<bad].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        return .failure(.notUTF8(line: line, byte: bad + 1))
      }
      return .success(String(decoding: bytes, as: UTF8.self))
    }
  }

  /// The offset of the first byte that does not decode as UTF-8; nil when all do.
  static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
    var iterator = bytes.makeIterator()
    var decoder = Unicode.UTF8()
    var offset = 0
    while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar): offset += UTF8.width(scalar)
      case .emptyInput: return nil
      case .error: return offset
      }
    }
  }

  /// The path with links and `..` resolved (the path itself when it cannot be).
  package static func realPath(_ path: String) -> String {
    guard let resolved = realpath(path, nil) else { return path }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// The UTF-8 text of the file at `path`, at most ``maximumSize`` bytes (a scenario, or a file
  /// it names when `checkRoot`).
  static func readText(_ path: String, checkRoot: Bool = false) throws(ScenarioError) -> String {
    switch readUTF8(path, checkRoot: checkRoot) {
    case .success(let text): return text
    case .failure(.notUTF8(let line, let byte)):
      throw .invalid([
        Diagnostic(
          .error, file: path, line: line,
          message: "expected UTF-8 text, found a byte that is not UTF-8 (byte \(byte) of the file)",
          fix: "save the file as UTF-8")
      ])
    case .failure(.tooLarge(let size)):
      throw .invalid([Diagnostic(.error, file: path, message: InputFile.ReadProblem.tooLarge(size).reason)])
    case .failure(let problem):
      throw .unreadable(path: path, reason: problem.reason)
    }
  }
}
