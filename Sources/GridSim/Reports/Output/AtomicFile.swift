import Foundation
import Synchronization

/// Writes files and report folders whole or not at all, under signals and under a second writer.
///
/// A folder is built beside its target under a name of ours (`.NAME.gridsim-PID-N`) and swapped
/// into place in one step: renamed when the target does not exist, exchanged with it
/// (`renameat2(RENAME_EXCHANGE)`) when the target is a folder holding only files gridsim writes,
/// whose old copy is then removed. A folder holding anything else (`--out .`) keeps it: each new
/// file is renamed over its old one, and files we did not write are never touched. A single file
/// goes to `.NAME.gridsim-PID-N.tmp` beside it, then is renamed over it. Writers to the same place
/// take turns (a lock on the parent folder), so a folder is one writer's, never a mix.
///
/// Our temporary files are ours alone (never Foundation's `.atomic` ones, which it cannot tell us
/// about): an interrupted run removes them (``removeTemporaryFiles()``, from the signal handler,
/// which waits for a swap in progress to finish), and those a SIGKILL left (a cluster's time
/// limit, the OOM killer) carry their process id, so the next write to the same place removes
/// them once that process is gone.
package enum AtomicFile {
  /// Temporary files and folders of writes in progress; a swap holds the lock while it runs, so
  /// an interrupt waits for it (the target is then the old folder or the new one, never neither).
  private static let inFlight = Mutex<Set<String>>([])

  /// The names of every file and folder gridsim writes into an output folder: a folder holding
  /// only these is one of ours, and is replaced whole.
  package static let outputNames: Set<String> = [
    "report.html", "report.md", "summary.json", "daily.csv", "tiers.csv", "ledger.csv",
    "plan.json", "roster.csv", "script.csv", "script.md", "script.html", "team-log.csv", "cards.html",
    "score.json", "score.csv", "score.md", "score.html", "improvement-plan.csv", "comparison.csv",
    "comparison.md", "comparison.html", "sweep.csv", "sweep.html", "whatif.html", "validation.csv",
    "validation.md", "validation.html", "duty-roster.csv", "duty-roster.md", "duty-roster.html",
    "fairness.csv", "swaps.csv", "people", "play.html", "play.json", "comparison.json", "teams",
  ]

  /// Removes the temporary files of writes still in progress (on SIGINT or SIGTERM), after a swap
  /// in progress has finished: an interrupted run leaves the old files or the new ones, and
  /// nothing half-written.
  package static func removeTemporaryFiles() {
    interrupted.store(true, ordering: .sequentiallyConsistent)
    inFlight.withLock { paths in
      for path in paths { removeOurs(path) }
      paths.removeAll()
    }
  }

  /// Set once the run is interrupted: a write that then fails (its temporary folder removed under
  /// it) waits for the process to exit with the signal's code rather than report an error.
  private static let interrupted = Atomic<Bool>(false)

  /// Waits for the exit an interrupt is making, if one is.
  private static func yieldToInterrupt() {
    guard interrupted.load(ordering: .sequentiallyConsistent) else { return }
    while true { pause() }
  }

  /// Why a file could not be written (exit 73).
  package struct WriteError: Error, Sendable, CustomStringConvertible {
    package var path: String
    package var reason: String
    package var description: String { "cannot write '\(path)': \(reason)" }
  }

  // MARK: folders

  /// Writes `files` (names inside the folder; `people/a.ics` makes a folder `people`) as the
  /// folder `folder`, whole or not at all; `.csv` files in `csv`'s style. The folder's parents are
  /// made when missing. `report` is false for files that are not a report (`gridsim init`'s):
  /// an existing folder then keeps what it holds.
  package static func writeFolder(
    _ files: [(name: String, text: String)], to folder: String, csv: CSVStyle = .plain, report: Bool = true
  ) throws(WriteError) {
    let files = csv.apply(files.map { (path: $0.name, text: $0.text) })
    assert(
      !report || files.allSatisfy { outputNames.contains(String($0.path.split(separator: "/")[0])) },
      "every name of a report is in AtomicFile.outputNames")
    let target = URL(fileURLWithPath: folder).standardizedFileURL.path
    guard target != "/" else { throw WriteError(path: folder, reason: "'/' cannot be a report folder") }
    let parent = (target as NSString).deletingLastPathComponent
    let base = (target as NSString).lastPathComponent
    try makeFolder(parent, shown: folder)
    var kind = stat()
    if lstat(target, &kind) == 0, kind.st_mode & S_IFMT != S_IFDIR {
      throw WriteError(path: folder, reason: "'\(folder)' is a file, not a folder")
    }
    // Build the new folder beside the target.
    let staging = parent + "/" + ourName(base)
    try inFlight.withLock { paths throws(WriteError) in
      guard mkdir(staging, 0o755) == 0 else {
        throw WriteError(path: folder, reason: "the folder '\(parent)' is not writable (\(errorText()))")
      }
      paths.insert(staging)
    }
    do throws(WriteError) {
      for file in files {
        let path = staging + "/" + file.path
        let inner = (path as NSString).deletingLastPathComponent
        try inFlight.withLock { _ throws(WriteError) in
          // Each folder on the way (`teams/A/score.html` makes `teams`, then `teams/A`).
          var made = staging
          for part in file.path.split(separator: "/").dropLast() {
            made += "/" + part
            if mkdir(made, 0o755) != 0, errno != EEXIST {
              throw WriteError(path: folder, reason: "a folder inside it cannot be made (\(errorText()))")
            }
          }
          _ = inner
          try writeNew(Data(file.text.utf8), to: path, shown: folder + "/" + file.path)
        }
      }
      try withLock(on: parent, shown: folder) { () throws(WriteError) in
        removeStale(in: parent, base: base)
        try inFlight.withLock { paths throws(WriteError) in
          try commit(staging: staging, to: target, shown: folder, files: files.map(\.path), report: report)
          paths.remove(staging)
        }
      }
    } catch {
      yieldToInterrupt()
      inFlight.withLock { paths in
        removeOurs(staging)
        paths.remove(staging)
      }
      throw error
    }
  }

  /// Puts the built folder `staging` in place of `target` (with the inFlight lock held).
  private static func commit(
    staging: String, to target: String, shown: String, files: [String], report: Bool
  ) throws(WriteError) {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: target)) ?? []
    let exists = access(target, F_OK) == 0
    let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
    let holdsWorkingFolder = cwd == target || cwd.hasPrefix(target + "/")
    let whole = report && !holdsWorkingFolder && entries.allSatisfy { isOurs(target + "/" + $0) }
    // What the write replaces: the whole folder, or the files of the same names.
    let replaced = whole ? entries : files.filter { entries.contains(String($0.split(separator: "/")[0])) }
    for name in replaced where InputFile.wasRead(target + "/" + name) {
      throw WriteError(
        path: shown + "/" + name,
        reason:
          "it is an input of this command, and the report would replace it; give another folder with --out")
    }
    if !exists || (entries.isEmpty && !holdsWorkingFolder) {
      // A new folder (or an empty one, which rename replaces): one rename.
      guard rename(staging, target) == 0 else {
        throw WriteError(path: shown, reason: errorText())
      }
      return
    }
    if whole {
      // A folder of ours: swapped whole, then the old copy (now at the staging name) removed.
      if exchange(staging, target) {
        removeOurs(staging)
        return
      }
      // No exchange on this file system: the old folder steps aside for a moment.
      let old = staging + "-old"
      guard rename(target, old) == 0 else { throw WriteError(path: shown, reason: errorText()) }
      guard rename(staging, target) == 0 else {
        let reason = errorText()
        _ = rename(old, target)
        throw WriteError(path: shown, reason: reason)
      }
      removeOurs(old)
      return
    }
    // A folder holding files we did not write: each new file replaces its old one; nothing else
    // is touched.
    for name in Set(files.map { String($0.split(separator: "/")[0]) }) {
      var info = stat()
      if lstat(target + "/" + name, &info) == 0, info.st_mode & S_IFMT == S_IFDIR,
        !FileManager.default.fileExists(atPath: staging + "/" + name + "/.")
      {
        throw WriteError(
          path: shown + "/" + name,
          reason: "it is a folder; gridsim only replaces regular files, so nothing was written")
      }
    }
    for file in files {
      let from = staging + "/" + file
      let to = target + "/" + file
      let inner = (to as NSString).deletingLastPathComponent
      if inner != target { mkdir(inner, 0o755) }
      guard rename(from, to) == 0 else { throw WriteError(path: shown + "/" + file, reason: errorText()) }
    }
    removeOurs(staging)
  }

  /// True for a file gridsim writes into report folders: a regular file of one of
  /// ``outputNames``, the `people` folder of regular files, or the `teams` folder of folders of
  /// report files.
  private static func isOurs(_ path: String) -> Bool {
    let name = (path as NSString).lastPathComponent
    guard outputNames.contains(name) else { return false }
    var info = stat()
    guard lstat(path, &info) == 0 else { return false }
    if info.st_mode & S_IFMT == S_IFREG { return true }
    if info.st_mode & S_IFMT == S_IFDIR, name == "teams" {
      // `drill score`'s teams compared: a folder per team, each of report files.
      return ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).allSatisfy { team in
        var teamInfo = stat()
        guard lstat(path + "/" + team, &teamInfo) == 0, teamInfo.st_mode & S_IFMT == S_IFDIR else {
          return false
        }
        return ((try? FileManager.default.contentsOfDirectory(atPath: path + "/" + team)) ?? []).allSatisfy {
          isOurs(path + "/" + team + "/" + $0)
        }
      }
    }
    guard info.st_mode & S_IFMT == S_IFDIR, name == "people" else { return false }
    return ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).allSatisfy { inner in
      var innerInfo = stat()
      return lstat(path + "/" + inner, &innerInfo) == 0 && innerInfo.st_mode & S_IFMT == S_IFREG
    }
  }

  // MARK: single files

  /// Writes `text` to `path` whole or not at all.
  package static func write(_ text: String, to path: String) throws(WriteError) {
    try write(Data(text.utf8), to: path)
  }

  /// Writes `data` to `path` whole or not at all: to a temporary file of ours beside it, then
  /// renamed over it.
  package static func write(_ data: Data, to path: String) throws(WriteError) {
    try checkReplaceable(path)
    if InputFile.wasRead(path) {
      throw WriteError(
        path: path,
        reason: "it is an input of this command; gridsim never replaces what it reads, so give another file")
    }
    let url = URL(fileURLWithPath: path).standardizedFileURL
    let folder = url.deletingLastPathComponent().path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue
    else {
      throw WriteError(path: path, reason: "the folder '\(folder)' does not exist")
    }
    let temporary = folder + "/" + ourName(url.lastPathComponent) + ".tmp"
    try inFlight.withLock { paths throws(WriteError) in
      paths.insert(temporary)
      do throws(WriteError) {
        try writeNew(data, to: temporary, shown: path)
      } catch {
        yieldToInterrupt()
        unlink(temporary)
        paths.remove(temporary)
        throw error
      }
    }
    try withLock(on: folder, shown: path) { () throws(WriteError) in
      removeStale(in: folder, base: url.lastPathComponent)
      try inFlight.withLock { paths throws(WriteError) in
        defer { paths.remove(temporary) }
        guard rename(temporary, path) == 0 else {
          let reason = errorText()
          unlink(temporary)
          throw WriteError(path: path, reason: reason)
        }
      }
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

  // MARK: the parts

  /// `.BASE.gridsim-PID-N`: a name of ours beside `base`, with our process id, so that a later
  /// run can tell a leftover of a killed run.
  static func ourName(_ base: String) -> String {
    ".\(base).gridsim-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
  }

  /// The process id in one of our temporary names for `base`, if it is one.
  static func ownerOfTemporary(_ name: String, base: String) -> pid_t? {
    let prefix = ".\(base).gridsim-"
    guard name.hasPrefix(prefix) else { return nil }
    let rest = name.dropFirst(prefix.count)
    guard let dash = rest.firstIndex(of: "-"), let pid = pid_t(rest[..<dash]), pid > 0 else { return nil }
    return pid
  }

  /// Removes the temporary files and folders of ours for `base` in `folder` whose process is gone.
  static func removeStale(in folder: String, base: String) {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
    for name in names {
      guard let pid = ownerOfTemporary(name, base: base), pid != getpid() else { continue }
      if kill(pid, 0) == -1, errno == ESRCH { removeOurs(folder + "/" + name) }
    }
  }

  /// Removes a temporary file or folder of ours (a folder holds files and at most one level of
  /// folders, all ours).
  static func removeOurs(_ path: String) {
    var info = stat()
    guard lstat(path, &info) == 0 else { return }
    guard info.st_mode & S_IFMT == S_IFDIR else {
      unlink(path)
      return
    }
    for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
      let inner = path + "/" + name
      var innerInfo = stat()
      if lstat(inner, &innerInfo) == 0, innerInfo.st_mode & S_IFMT == S_IFDIR {
        // Folders in folders too (teams/NAME/); links are removed, never followed.
        removeOurs(inner)
      } else {
        unlink(inner)
      }
    }
    rmdir(path)
  }

  /// Creates `path` (it must not exist) holding `data`.
  private static func writeNew(_ data: Data, to path: String, shown: String) throws(WriteError) {
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      let folder = (path as NSString).deletingLastPathComponent
      throw WriteError(
        path: shown,
        reason: access(folder, W_OK) == 0 ? errorText() : "the folder '\(folder)' is not writable")
    }
    defer { close(fd) }
    let failure: String? = data.withUnsafeBytes { buffer -> String? in
      var offset = 0
      while offset < buffer.count {
        let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          return errno == ENOSPC ? "the disk is full" : errorText()
        }
        offset += n
      }
      return nil
    }
    if let failure { throw WriteError(path: shown, reason: failure) }
  }

  /// Makes `folder` and its parents when missing.
  private static func makeFolder(_ folder: String, shown: String) throws(WriteError) {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue {
      return
    }
    // The first part of the path that is a file, not a folder, if one is.
    var prefix = ""
    for part in folder.split(separator: "/") {
      prefix += "/" + part
      if FileManager.default.fileExists(atPath: prefix, isDirectory: &isDirectory), !isDirectory.boolValue {
        throw WriteError(path: shown, reason: "the folder '\(folder)' cannot be made: '\(prefix)' is a file")
      }
    }
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
      throw WriteError(
        path: shown,
        reason:
          "the folder '\(folder)' cannot be made (\((error as NSError).localizedFailureReason ?? "\(error)"))"
      )
    }
  }

  /// Runs `body` holding an exclusive lock on `folder` (the parent of what is written), so that
  /// writers to the same place take turns; tells the user when it waits.
  private static func withLock(on folder: String, shown: String, _ body: () throws(WriteError) -> Void)
    throws(WriteError)
  {
    let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else {
      throw WriteError(path: shown, reason: "its folder cannot be opened (\(errorText()))")
    }
    defer { close(fd) }
    if flock(fd, LOCK_EX | LOCK_NB) != 0 {
      let message = "gridsim: another gridsim is writing in '\(folder)'; waiting for it to finish\n"
      _ = message.withCString { Glibc.write(2, $0, strlen($0)) }
      while flock(fd, LOCK_EX) != 0, errno == EINTR {}
    }
    defer { flock(fd, LOCK_UN) }
    try body()
  }

  /// Exchanges two folders in one step (Linux's `renameat2` with `RENAME_EXCHANGE`); false where
  /// the C library or the file system cannot.
  private static func exchange(_ a: String, _ b: String) -> Bool {
    guard let function = renameat2 else { return false }
    return function(AT_FDCWD, a, AT_FDCWD, b, 2) == 0  // RENAME_EXCHANGE
  }

  private typealias RenameAt2 =
    @convention(c) (
      Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32
    ) -> Int32

  /// `renameat2` from the C library (glibc 2.28 and later; Swift's Glibc module does not declare it).
  private static let renameat2: RenameAt2? = {
    guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "renameat2") else { return nil }
    return unsafeBitCast(symbol, to: RenameAt2.self)
  }()

  private static func errorText() -> String { String(cString: strerror(errno)) }
}
