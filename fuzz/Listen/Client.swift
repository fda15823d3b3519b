import Foundation

/// One client connection to the listener over loopback, on plain POSIX sockets so that it can misbehave: write a
/// request in pieces, slowly, close its sending side early.
struct Client {
    let fd: Int32

    init?(port: UInt16) {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            Foundation.close(fd)
            return nil
        }
    }

    /// Sends `bytes` in pieces of the given sizes (the rest at once), pausing a millisecond between pieces when
    /// `slowly`; false when the listener closed first (it may refuse before the end).
    func send(_ bytes: [UInt8], pieces: [Int], slowly: Bool) -> Bool {
        var offset = 0
        var sizes = pieces[...]
        while offset < bytes.count {
            let size = min(bytes.count - offset, sizes.popFirst() ?? bytes.count)
            let sent = bytes[offset..<(offset + size)].withUnsafeBytes { Foundation.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent < 0, errno == EINTR { continue }
            guard sent > 0 else { return false }
            offset += sent
            if slowly { usleep(1_000) }
        }
        return true
    }

    /// Closes the sending side: the listener answers what was complete, then closes.
    func finish() { shutdown(fd, Int32(SHUT_WR)) }

    /// Everything the listener sends until it closes; nil when it neither answered nor closed within the timeout.
    func readAll() -> [UInt8]? {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count > 0 {
                received += buffer[..<count]
            } else if count == 0 || errno == ECONNRESET {
                return received
            } else if errno != EINTR {
                return nil
            }
        }
    }

    func close() { _ = Foundation.close(fd) }

    /// The statuses of the responses in `bytes`, in order (each head read, its Content-Length body skipped); a
    /// response that does not parse ends the list with -1.
    static func statuses(_ bytes: [UInt8]) -> [Int] {
        var statuses: [Int] = []
        var rest = bytes[...]
        while !rest.isEmpty {
            guard let end = rest.firstRange(of: Array("\r\n\r\n".utf8)) else { return statuses + [-1] }
            let head = String(decoding: rest[..<end.lowerBound], as: UTF8.self)
            let lines = head.split(separator: "\r\n")
            guard let first = lines.first, first.hasPrefix("HTTP/1.1 "), let status = Int(first.dropFirst(9).prefix(3)) else {
                return statuses + [-1]
            }
            statuses.append(status)
            let length =
                lines.first { $0.lowercased().hasPrefix("content-length:") }.flatMap { Int($0.dropFirst(15).trimmingCharacters(in: .whitespaces)) }
                ?? 0
            rest = rest[end.upperBound...].dropFirst(length)
        }
        return statuses
    }
}
