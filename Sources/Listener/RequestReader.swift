import Foundation

/// Reads HTTP/1.1 requests from the bytes of one connection as they come, within limits, without ever scanning a
/// byte twice: the head (request line and headers, at most ``Limits/head`` bytes), then a body by Content-Length or
/// chunked, at most ``Limits/body`` bytes. A request that breaks a rule is refused with the status to answer; the
/// connection is then closed, since where the next request would start is unknown.
struct RequestReader {
    /// The bounds on what one request may be.
    struct Limits {
        var head = 16 * 1024
        var body = 1 << 20
    }

    /// A request's head.
    struct Head {
        var method: String
        var target: String
        var isHTTP11: Bool
        /// Names lowercased, in order.
        var headers: [(name: String, value: String)]

        func header(_ name: String) -> String? { headers.first { $0.name == name }?.value }

        /// Whether the connection stays open after the answer.
        var keepsAlive: Bool {
            let connection = header("connection")?.lowercased() ?? ""
            return isHTTP11 ? !connection.contains("close") : connection.contains("keep-alive")
        }
    }

    /// A whole request.
    struct Request {
        var head: Head
        var body: [UInt8]
    }

    enum Outcome {
        case incomplete
        /// The head is read and asks `Expect: 100-continue`: answer 100 (once) for the body to come.
        case head(Head)
        case request(Request)
        case refused(status: Int, message: String)
    }

    private enum Phase {
        case head(scanned: Int)
        case body(Head, length: Int)
        case chunked(Head, ChunkState)
        case refused
    }

    private enum ChunkState {
        case size
        case data(remaining: Int)
        case dataEnd
        case trailer
    }

    let limits: Limits
    private var buffer: [UInt8] = []
    /// Bytes of `buffer` already taken by earlier requests or the current one's decoded parts.
    private var start = 0
    private var phase = Phase.head(scanned: 0)
    private var body: [UInt8] = []
    private var announcedHead = false

    init(limits: Limits) { self.limits = limits }

    /// Whether no byte of a next request has come (an idle keep-alive connection).
    var isIdle: Bool {
        if case .head = phase { return start >= buffer.count }
        return false
    }

    mutating func append(_ bytes: ArraySlice<UInt8>) {
        if start > 0, start == buffer.count || start > 64 * 1024 {
            // Drop what earlier requests used: a client pipelining without end must not grow the buffer.
            buffer.removeFirst(start)
            if case .head(let scanned) = phase { phase = .head(scanned: max(0, scanned - start)) }
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// What the bytes so far make.
    mutating func next() -> Outcome {
        while true {
            switch phase {
            case .refused:
                return .incomplete
            case .head(let scanned):
                guard startsLikeARequest else { return refuse(400, "this is not an HTTP request") }
                guard let end = headEnd(from: max(start, scanned)) else {
                    if buffer.count - start > limits.head { return refuse(431, "the request head is longer than \(limits.head) bytes") }
                    phase = .head(scanned: max(start, buffer.count - 3))
                    return .incomplete
                }
                guard end - start <= limits.head else { return refuse(431, "the request head is longer than \(limits.head) bytes") }
                guard let head = Self.head(buffer[start..<end]) else { return refuse(400, "the request head is not HTTP/1.1") }
                start = end + 4
                body = []
                announcedHead = false
                if let encoding = head.header("transfer-encoding") {
                    guard encoding.lowercased() == "chunked", head.header("content-length") == nil else {
                        return refuse(501, "only chunked transfer encoding is understood")
                    }
                    phase = .chunked(head, .size)
                } else if let text = head.header("content-length") {
                    guard let length = Int(text), length >= 0, text.allSatisfy(\.isASCII) else {
                        return refuse(400, "Content-Length '\(text)' is not a number")
                    }
                    guard length <= limits.body else { return refuse(413, "the body is \(length) bytes; at most \(limits.body) are accepted") }
                    phase = .body(head, length: length)
                } else if head.method == "POST" || head.method == "PUT" {
                    return refuse(411, "a body needs Content-Length or chunked encoding")
                } else {
                    phase = .body(head, length: 0)
                }
            case .body(let head, let length):
                let available = buffer.count - start
                if available < length {
                    if !announcedHead, head.header("expect")?.lowercased() == "100-continue" {
                        announcedHead = true
                        return .head(head)
                    }
                    return .incomplete
                }
                let request = Request(head: head, body: Array(buffer[start..<(start + length)]))
                start += length
                phase = .head(scanned: start)
                return .request(request)
            case .chunked(let head, let state):
                if !announcedHead, head.header("expect")?.lowercased() == "100-continue", start >= buffer.count {
                    announcedHead = true
                    return .head(head)
                }
                switch readChunk(state) {
                case .none: return .incomplete
                case .some(.failure(let status, let message)): return refuse(status, message)
                case .some(.next(let next)):
                    if case .size = next, case .trailer = state {
                        let request = Request(head: head, body: body)
                        phase = .head(scanned: start)
                        return .request(request)
                    }
                    phase = .chunked(head, next)
                }
            }
        }
    }

    private enum ChunkStep {
        case next(ChunkState)
        case failure(Int, String)
    }

    /// One step of a chunked body; nil when more bytes are needed. After the trailer it answers `.size` again,
    /// which the caller reads as "the body is complete".
    private mutating func readChunk(_ state: ChunkState) -> ChunkStep? {
        switch state {
        case .size:
            guard let end = lineEnd(from: start) else { return buffer.count - start > 1024 ? .failure(400, "a chunk size line is too long") : nil }
            let line = String(decoding: buffer[start..<end], as: UTF8.self)
            let digits = line.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            guard let size = Int(digits, radix: 16), size >= 0 else { return .failure(400, "'\(line)' is not a chunk size") }
            start = end + 2
            if size == 0 { return .next(.trailer) }
            guard body.count + size <= limits.body else { return .failure(413, "the body is more than \(limits.body) bytes") }
            return .next(.data(remaining: size))
        case .data(let remaining):
            let take = min(remaining, buffer.count - start)
            guard take > 0 else { return nil }
            body.append(contentsOf: buffer[start..<(start + take)])
            start += take
            return .next(remaining == take ? .dataEnd : .data(remaining: remaining - take))
        case .dataEnd:
            guard buffer.count - start >= 2 else { return nil }
            guard buffer[start] == 13, buffer[start + 1] == 10 else { return .failure(400, "a chunk does not end with CRLF") }
            start += 2
            return .next(.size)
        case .trailer:
            guard let end = lineEnd(from: start) else { return buffer.count - start > limits.head ? .failure(431, "the trailer is too long") : nil }
            let empty = end == start
            start = end + 2
            return .next(empty ? .size : .trailer)
        }
    }

    private mutating func refuse(_ status: Int, _ message: String) -> Outcome {
        phase = .refused
        return .refused(status: status, message: message)
    }

    /// Whether the bytes so far can begin a request line: a method in capitals, then a space (garbage is refused at
    /// once instead of waiting for a head that never ends).
    private var startsLikeARequest: Bool {
        for (offset, byte) in buffer[start...].prefix(16).enumerated() {
            if byte == UInt8(ascii: " ") { return offset > 0 }
            guard (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) else { return false }
        }
        return true
    }

    /// The offset of `\r\n\r\n` at or after `from`.
    private func headEnd(from: Int) -> Int? {
        var index = from
        while index + 3 < buffer.count {
            if buffer[index] == 13, buffer[index + 1] == 10, buffer[index + 2] == 13, buffer[index + 3] == 10 { return index }
            index += 1
        }
        return nil
    }

    /// The offset of the next `\r\n` at or after `from`.
    private func lineEnd(from: Int) -> Int? {
        var index = from
        while index + 1 < buffer.count {
            if buffer[index] == 13, buffer[index + 1] == 10 { return index }
            index += 1
        }
        return nil
    }

    /// Parses a head (without its final blank line); nil when it is not an HTTP/1.x request.
    private static func head(_ bytes: ArraySlice<UInt8>) -> Head? {
        guard bytes.allSatisfy({ $0 != 0 }) else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = text.split(separator: "\r\n", omittingEmptySubsequences: false)[...]
        guard let requestLine = lines.popFirst() else { return nil }
        let parts = requestLine.split(separator: " ")
        guard parts.count == 3, parts[0].allSatisfy({ $0.isUppercase }), parts[2] == "HTTP/1.1" || parts[2] == "HTTP/1.0" else { return nil }
        var headers: [(name: String, value: String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else { return nil }
            let name = line[..<colon]
            guard !name.contains(" ") else { return nil }
            headers.append((name.lowercased(), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        return Head(method: String(parts[0]), target: String(parts[1]), isHTTP11: parts[2] == "HTTP/1.1", headers: headers)
    }
}
