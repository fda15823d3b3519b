import Foundation

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// The one writer of every file ccsh and the sandbox keep (config, tokens, caches, history, state files, `save`):
/// a file is replaced whole or not at all, and never readable by others on the way.
///
/// A write goes to a uniquely named temporary file in the target's directory (so the rename stays on one file
/// system), created exclusively with its final mode, written fully, synced, renamed over the target, and the
/// directory synced so that the rename itself survives a crash. Two processes writing the same file never share a
/// temporary name; a process killed half-way leaves at most a temporary file with the final mode, never a
/// half-written target.
package enum SafeFile {
    /// Writes `bytes` to `path` with `mode` (0600 for anything under config, state and cache directories).
    package static func write(_ bytes: [UInt8], to path: String, mode: mode_t) throws(SafeFileError) {
        try write(to: path, mode: mode) { descriptor, _ throws(SafeFileError) in try writeAll(bytes, to: descriptor, for: path) }
    }

    /// Writes every byte to `descriptor` (again after a short write or a signal).
    package static func writeAll(_ bytes: [UInt8], to descriptor: Int32, for path: String) throws(SafeFileError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written > 0 {
                offset += written
            } else if errno != EINTR {
                throw SafeFileError(path: path, errno: errno)
            }
        }
    }

    /// Like ``write(_:to:mode:)``, but `fill` writes the temporary file (by its open descriptor, or by its path for a
    /// library that opens files itself, such as libedit's history).
    package static func write(
        to path: String, mode: mode_t, owner: (uid: uid_t, gid: gid_t)? = nil,
        _ fill: (_ descriptor: Int32, _ temporaryPath: String) throws(SafeFileError) -> Void
    ) throws(SafeFileError) {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = temporaryPath(for: path)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw SafeFileError(path: path, errno: errno) }
        var isRenamed = false
        defer {
            close(descriptor)
            if !isRenamed { unlink(temporary) }
        }
        // The creation mode passes through the umask: set it exactly.
        guard fchmod(descriptor, mode) == 0 else { throw SafeFileError(path: path, errno: errno) }
        if let owner, fchown(descriptor, owner.uid, owner.gid) != 0 {
            throw SafeFileError(path: path, message: "it belongs to another user, whom a new file could not keep as its owner")
        }
        try fill(descriptor, temporary)
        guard fsync(descriptor) == 0 else { throw SafeFileError(path: path, errno: errno) }
        guard rename(temporary, path) == 0 else { throw SafeFileError(path: path, errno: errno) }
        isRenamed = true
        syncDirectory(directory.isEmpty ? "." : directory)
    }

    /// `save --force`: writes `bytes` to what `path` names — through a symbolic link to its target — keeping an
    /// existing target's mode and owner; a new file gets `newFileMode`. Anything that is not a regular file (a
    /// FIFO, a device, a socket, a directory) is refused and nothing is written.
    package static func replace(_ bytes: [UInt8], at path: String, newFileMode: mode_t = 0o644) throws(SafeFileError) {
        var target = path
        var info = stat()
        if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
            guard let resolved = realpath(path, nil) else {
                throw SafeFileError(path: path, message: "it is a symbolic link to nothing (\(String(cString: strerror(errno))))")
            }
            target = String(cString: resolved)
            free(resolved)
        }
        guard stat(target, &info) == 0 else {
            guard errno == ENOENT else { throw SafeFileError(path: path, errno: errno) }
            return try write(bytes, to: target, mode: newFileMode)
        }
        guard info.st_mode & S_IFMT == S_IFREG else { throw SafeFileError(path: path, message: "it is \(kind(info.st_mode)), not a regular file") }
        let owner = info.st_uid == geteuid() && info.st_gid == getegid() ? nil : (info.st_uid, info.st_gid)
        try write(to: target, mode: info.st_mode & 0o7777, owner: owner) { descriptor, _ throws(SafeFileError) in
            try writeAll(bytes, to: descriptor, for: path)
        }
    }

    /// What `mode` is, in words, for a file that is not regular.
    static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: "a FIFO"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        case S_IFDIR: "a directory"
        case S_IFLNK: "a symbolic link"
        default: "a special file"
        }
    }

    /// Appends `line` (and a newline) to the log at `path`, made with `mode` when new, in one `write` of at most
    /// `PIPE_BUF` bytes with `O_APPEND`: the lines of processes appending at once never mix, and a crash leaves at
    /// most a last line cut short, which a reader skips. Returns the file's size afterwards. For logs only: a file
    /// that is read as a whole is replaced with ``write(_:to:mode:)``.
    @discardableResult
    package static func appendLine(_ line: String, to path: String, mode: mode_t) throws(SafeFileError) -> Int {
        let bytes = Array((line + "\n").utf8)
        guard bytes.count <= Int(PIPE_BUF) else { throw SafeFileError(path: path, message: "a log line of \(bytes.count) bytes is too long") }
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw SafeFileError(path: path, errno: errno) }
        defer { close(descriptor) }
        var written: Int
        repeat { written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) } } while written < 0 && errno == EINTR
        guard written == bytes.count else { throw SafeFileError(path: path, errno: written < 0 ? errno : EIO) }
        var info = stat()
        return fstat(descriptor, &info) == 0 ? Int(info.st_size) : 0
    }

    /// `DIR/.NAME.PID-RANDOM.tmp`: hidden, beside the target, and never the name another process or thread uses.
    static func temporaryPath(for path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let unique = "\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        return (directory.isEmpty ? "" : directory + "/") + ".\(name).\(unique).tmp"
    }

    /// Makes `path` and its missing parents with `mode` (0700 for ccsh's own directories); an existing directory is
    /// left as it is.
    package static func makeDirectory(_ path: String, mode: mode_t = 0o700) throws(SafeFileError) {
        var info = stat()
        if stat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else { throw SafeFileError(path: path, message: "it is not a directory") }
            return
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path { try makeDirectory(parent, mode: mode) }
        guard mkdir(path, mode) == 0 || errno == EEXIST else { throw SafeFileError(path: path, errno: errno) }
        _ = chmod(path, mode)
    }

    /// fsync(2) on a directory, so that a rename in it is on disk; failures are ignored (some file systems refuse).
    private static func syncDirectory(_ directory: String) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }
}

/// A file that could not be written: which, and why in words.
package struct SafeFileError: Error, CustomStringConvertible {
    package var path: String
    package var message: String

    package init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    init(path: String, errno code: Int32) { self.init(path: path, message: String(cString: strerror(code))) }

    package var description: String { "cannot write \(path): \(message)" }
}
