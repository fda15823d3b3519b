import Foundation
import Glibc

/// A test client that speaks HTTP/1.1 over plain POSIX sockets, so that it can also misbehave: send garbage, stop
/// half-way, trickle bytes, or hold a thousand connections open at once.
final class RawHTTP: Sendable {
    let fd: Int32

    /// Connects to 127.0.0.1:`port` (blocking).
    init(port: UInt16) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw CocoaError(.fileReadNoPermission, userInfo: [NSLocalizedDescriptionKey: "connect: \(String(cString: strerror(errno)))"])
        }
    }

    deinit { close(fd) }

    /// A port for a listener under test: below the kernel's ephemeral range (32768 and up, where this machine's own
    /// outgoing connections take theirs, and a random pick in it once collided), and free when asked.
    static func freePort() -> UInt16 {
        for _ in 0..<100 {
            let port = UInt16.random(in: 20000..<32768)
            let probe = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(probe, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            close(probe)
            if bound == 0 { return port }
        }
        return UInt16.random(in: 20000..<32768)
    }

    /// Sends bytes; false when the server closed the connection.
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            sent += count
        }
        return true
    }

    /// One `recv`, again when a signal interrupted it (the test process gets SIGCHLD from its children).
    private func receive(_ buffer: inout [UInt8]) -> Int {
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count < 0, errno == EINTR { continue }
            return count
        }
    }

    @discardableResult
    func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    /// A POST request with a JSON body.
    static func post(_ body: String, headers: [String] = [], keepAlive: Bool = false) -> String {
        "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n"
            + headers.map { $0 + "\r\n" }.joined() + (keepAlive ? "" : "Connection: close\r\n") + "\r\n" + body
    }

    /// The status of the next response (its head and body read); nil when the connection closed first.
    func status() -> Int? {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            if let end = received.firstRange(of: Array("\r\n\r\n".utf8)) {
                let head = String(decoding: received[..<end.lowerBound], as: UTF8.self)
                let status = head.split(separator: " ").dropFirst().first.flatMap { Int($0) }
                let length =
                    head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
                    .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
                while received.count < end.upperBound + length {
                    let count = receive(&buffer)
                    guard count > 0 else { break }
                    received += buffer[..<count]
                }
                return status
            }
            let count = receive(&buffer)
            guard count > 0 else { return nil }
            received += buffer[..<count]
        }
    }

    /// The status and body of the next response; nil status when the connection closed first.
    func response() -> (status: Int?, body: String) {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = receive(&buffer)
            guard count > 0 else { break }
            received += buffer[..<count]
        }
        guard let end = received.firstRange(of: Array("\r\n\r\n".utf8)) else { return (nil, "") }
        let head = String(decoding: received[..<end.lowerBound], as: UTF8.self)
        return (head.split(separator: " ").dropFirst().first.flatMap { Int($0) }, String(decoding: received[end.upperBound...], as: UTF8.self))
    }

    /// Sends `request` on a new connection and returns the whole answer (read until the server closes).
    static func exchange(_ request: String, port: UInt16) throws -> (status: Int?, body: String) {
        let client = try RawHTTP(port: port)
        client.send(request)
        return client.response()
    }

    /// POSTs one body on a new connection and returns the status.
    static func postOnce(_ body: String, port: UInt16, headers: [String] = []) throws -> Int? {
        let client = try RawHTTP(port: port)
        client.send(post(body, headers: headers))
        return client.status()
    }
}
