import Glibc

/// The POSIX sockets the listener needs, as plain Swift: a non-blocking TCP listening socket on an IPv4 or IPv6
/// address, accepted connections, reads and writes that say "would block" instead of blocking, and `poll`. The only
/// file that touches socket structures (Linux, like the rest of ccsh).
enum Socket {
    /// Why a socket call failed: what was tried and `strerror`.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// What a read or write did.
    enum Transfer: Equatable {
        case bytes(Int)
        case wouldBlock
        case closed
    }

    /// A listening socket bound to `address:port` (port 0: any free one); returns the fd and the port bound.
    static func listen(address: String, port: UInt16, backlog: Int32) throws -> (fd: Int32, port: UInt16) {
        var v4 = sockaddr_in()
        var v6 = sockaddr_in6()
        let isV6 = address.contains(":")
        if isV6 {
            v6.sin6_family = sa_family_t(AF_INET6)
            v6.sin6_port = port.bigEndian
            guard inet_pton(AF_INET6, address, &v6.sin6_addr) == 1 else { throw Failure(description: "'\(address)' is not an IP address") }
        } else {
            v4.sin_family = sa_family_t(AF_INET)
            v4.sin_port = port.bigEndian
            guard inet_pton(AF_INET, address, &v4.sin_addr) == 1 else { throw Failure(description: "'\(address)' is not an IP address") }
        }
        let fd = socket(isV6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw failure("socket") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        let bound =
            isV6
            ? withUnsafePointer(to: &v6) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
            : withUnsafePointer(to: &v4) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        guard bound == 0 else {
            let error = failure("bind \(address):\(port)")
            close(fd)
            throw error
        }
        guard Glibc.listen(fd, backlog) == 0, setNonBlocking(fd) else {
            let error = failure("listen")
            close(fd)
            throw error
        }
        return (fd, boundPort(fd, isV6: isV6))
    }

    /// The next pending connection, non-blocking; nil when none waits (or it vanished before being accepted).
    static func accept(_ fd: Int32) -> Int32? {
        let connection = Glibc.accept(fd, nil, nil)
        guard connection >= 0 else { return nil }
        guard setNonBlocking(connection), fcntl(connection, F_SETFD, FD_CLOEXEC) == 0 else {
            close(connection)
            return nil
        }
        var yes: Int32 = 1
        setsockopt(connection, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
        return connection
    }

    /// Reads what is there into `buffer` (from its start, up to its size).
    static func read(_ fd: Int32, into buffer: inout [UInt8]) -> Transfer {
        let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        if count > 0 { return .bytes(count) }
        if count == 0 { return .closed }
        return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? .wouldBlock : .closed
    }

    static func write(_ fd: Int32, _ bytes: ArraySlice<UInt8>) -> Transfer {
        let count = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        if count >= 0 { return .bytes(count) }
        return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? .wouldBlock : .closed
    }

    static func close(_ fd: Int32) { _ = Glibc.close(fd) }

    /// Blocks SIGPIPE on the calling thread: a write to a client that went away (OpenSSL's own writes too, which
    /// cannot pass MSG_NOSIGNAL) fails with EPIPE there instead of ending the process.
    static func blockBrokenPipeOnThisThread() {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// Ends the sending side only: the client reads the answer and an end of stream, while what it still sends can
    /// be read and dropped (closing with unread bytes would reset the connection and lose the answer).
    static func shutdownWrite(_ fd: Int32) { _ = shutdown(fd, Int32(SHUT_WR)) }

    /// A pipe whose write end wakes a `poll` on its read end.
    static func wakePipe() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw failure("pipe") }
        _ = setNonBlocking(fds[0])
        _ = setNonBlocking(fds[1])
        return (fds[0], fds[1])
    }

    static func wake(_ fd: Int32) {
        var byte: UInt8 = 1
        _ = Glibc.write(fd, &byte, 1)
    }

    static func drain(_ fd: Int32) {
        var bytes = [UInt8](repeating: 0, count: 64)
        while Glibc.read(fd, &bytes, 64) > 0 {}
    }

    /// What `poll` asks and answers for one fd.
    struct Interest {
        var fd: Int32
        var read: Bool
        var write: Bool
        var readable = false
        var writable = false
        /// Hung up or in error.
        var failed = false
    }

    /// Waits up to `milliseconds` for any of `interests`, and fills in what each can do.
    static func poll(_ interests: inout [Interest], milliseconds: Int32) {
        var fds = interests.map { pollfd(fd: $0.fd, events: Int16(($0.read ? POLLIN : 0) | ($0.write ? POLLOUT : 0)), revents: 0) }
        let ready = Glibc.poll(&fds, nfds_t(fds.count), milliseconds)
        guard ready > 0 else { return }
        for index in fds.indices {
            let events = Int32(fds[index].revents)
            interests[index].readable = events & Int32(POLLIN) != 0
            interests[index].writable = events & Int32(POLLOUT) != 0
            interests[index].failed =
                events & (Int32(POLLERR) | Int32(POLLNVAL)) != 0 || (events & Int32(POLLHUP) != 0 && events & Int32(POLLIN) == 0)
        }
    }

    private static func setNonBlocking(_ fd: Int32) -> Bool { fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) == 0 }

    private static func boundPort(_ fd: Int32, isV6: Bool) -> UInt16 {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &storage) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return withUnsafePointer(to: &storage) { pointer in
            isV6
                ? pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) }
                : pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) }
        }
    }

    private static func failure(_ what: String) -> Failure { Failure(description: "\(what): \(String(cString: strerror(errno)))") }
}
