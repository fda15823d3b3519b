import Foundation

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// An advisory lock (flock(2)) around a read-modify-write of a file several processes share (config.toml, the
/// vehicle cache, the sandbox's state): two `profile add` at once both land. The lock is on a companion file,
/// `.NAME.lock` beside it, since the file itself is replaced by a rename at every write. The kernel drops the lock
/// when its holder exits, however it exits.
package final class FileLock {
    private let descriptor: Int32

    /// Takes the lock of `path` (exclusive), waiting for another holder; `shared` for readers only.
    package init(for path: String, shared: Bool = false) throws(SafeFileError) {
        let lockPath = FileLock.lockPath(for: path)
        descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw SafeFileError(path: lockPath, message: String(cString: strerror(errno))) }
        while flock(descriptor, shared ? LOCK_SH : LOCK_EX) != 0 {
            guard errno == EINTR else {
                let code = errno
                close(descriptor)
                throw SafeFileError(path: lockPath, message: String(cString: strerror(code)))
            }
        }
    }

    /// Takes the lock of `path` only if nobody holds it; nil when somebody does.
    package init?(tryingFor path: String) throws(SafeFileError) {
        let lockPath = FileLock.lockPath(for: path)
        descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw SafeFileError(path: lockPath, message: String(cString: strerror(errno))) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(descriptor)
            if code == EWOULDBLOCK { return nil }
            throw SafeFileError(path: lockPath, message: String(cString: strerror(code)))
        }
    }

    deinit { close(descriptor) }

    /// `DIR/.NAME.lock`.
    package static func lockPath(for path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        return (directory.isEmpty ? "" : directory + "/") + ".\((path as NSString).lastPathComponent).lock"
    }
}
