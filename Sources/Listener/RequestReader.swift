/// Reads HTTP/1.1 requests from the bytes of one connection as they come, by the book (RFC 9112), within limits,
/// without ever scanning a byte twice: the head (request line and headers, at most ``Limits/head`` bytes and
/// ``Limits/headers`` fields), then a body by Content-Length or chunked, at most ``Limits/body`` bytes.
///
/// Every length and chunk size is read digit by digit and held against the body limit before it can grow past it,
/// so no arithmetic can overflow whatever a client sends. Anything whose framing could be read two ways is refused
/// (400): two different Content-Lengths, Content-Length beside Transfer-Encoding, a bare CR or LF, an obsolete
/// folded line, a space before a header's colon, a control character in a field. A request that breaks a rule is
/// refused with the status to answer; the connection is then closed, since where the next request would start is
/// unknown.
struct RequestReader {
    /// The bounds on what one request may be.
    struct Limits {
        var head = 16 * 1024
        var body = 1 << 20
        /// Header fields in a head (and fields in a chunked body's trailer).
        var headers = 100
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
        /// A head was read (once per request, before its body). `expectsContinue`: it asks `Expect: 100-continue`
        /// and none of its body has come yet, so the client waits for a 100 before sending it.
        case head(Head, expectsContinue: Bool)
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
        case trailer(fields: Int)
    }

    let limits: Limits
    private var buffer: [UInt8] = []
    /// Bytes of `buffer` already taken by earlier requests or the current one's decoded parts.
    private var start = 0
    private var phase = Phase.head(scanned: 0)
    private var body: [UInt8] = []
    /// The head just read, not yet handed out as ``Outcome/head(_:expectsContinue:)``.
    private var unannounced: Head?

    init(limits: Limits) { self.limits = limits }

    /// Whether no byte of a next request has come (an idle keep-alive connection).
    var isIdle: Bool {
        if case .head = phase { return start >= buffer.count }
        return false
    }

    /// The bytes this reader holds: what came and is not yet a request, and the body decoded so far.
    var heldBytes: Int { buffer.count - start + body.count }

    mutating func append(_ bytes: ArraySlice<UInt8>) {
        if case .refused = phase { return }
        if start > 0, start == buffer.count || start > 64 * 1024 {
            // Drop what earlier requests used: a client pipelining without end must not grow the buffer.
            buffer.removeFirst(start)
            if case .head(let scanned) = phase { phase = .head(scanned: max(0, scanned - start)) }
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// Refuses the request being read (its sender failed a check on its head); what it still sends is ignored.
    mutating func abandon() {
        phase = .refused
        buffer = []
        body = []
        start = 0
    }

    /// What the bytes so far make.
    mutating func next() -> Outcome {
        while true {
            if let head = unannounced {
                unannounced = nil
                let expects = head.header("expect")?.lowercased() == "100-continue" && start >= buffer.count && body.isEmpty
                return .head(head, expectsContinue: expects)
            }
            switch phase {
            case .refused:
                return .incomplete
            case .head(let scanned):
                // RFC 9112 §2.2: empty lines before a request line are ignored (some clients end a body with one).
                while buffer.count - start >= 2, buffer[start] == 13, buffer[start + 1] == 10 { start += 2 }
                if buffer.count - start == 1, buffer[start] == 13 { return .incomplete }
                guard startsLikeARequest else { return refuse(400, "this is not an HTTP request") }
                guard let end = headEnd(from: max(start, scanned)) else {
                    if buffer.count - start > limits.head { return refuse(431, "the request head is longer than \(limits.head) bytes") }
                    phase = .head(scanned: max(start, buffer.count - 3))
                    return .incomplete
                }
                guard end - start <= limits.head else { return refuse(431, "the request head is longer than \(limits.head) bytes") }
                let parsed = Self.head(buffer[start..<end], limits: limits)
                start = end + 4
                body = []
                switch parsed {
                case .failure(let refusal): return refuse(refusal.status, refusal.message)
                case .success(let head):
                    switch Self.framing(head, limits: limits) {
                    case .failure(let refusal): return refuse(refusal.status, refusal.message)
                    case .success(let framing):
                        switch framing {
                        case .length(let length): phase = .body(head, length: length)
                        case .chunked: phase = .chunked(head, .size)
                        }
                        unannounced = head
                    }
                }
            case .body(let head, let length):
                guard buffer.count - start >= length else { return .incomplete }
                let request = Request(head: head, body: Array(buffer[start..<(start + length)]))
                start += length
                phase = .head(scanned: start)
                return .request(request)
            case .chunked(let head, let state):
                switch readChunk(state) {
                case .none: return .incomplete
                case .some(.failure(let status, let message)): return refuse(status, message)
                case .some(.complete):
                    let request = Request(head: head, body: body)
                    body = []
                    phase = .head(scanned: start)
                    return .request(request)
                case .some(.next(let next)): phase = .chunked(head, next)
                }
            }
        }
    }

    // MARK: Framing

    /// How a request's body is delimited.
    private enum Framing {
        case length(Int)
        case chunked
    }

    /// A status and why, for a request refused.
    private struct Refusal: Error {
        var status: Int
        var message: String
    }

    /// The body's framing from the head's Content-Length and Transfer-Encoding fields (RFC 9112 §6).
    private static func framing(_ head: Head, limits: Limits) -> Result<Framing, Refusal> {
        let encodings = head.headers.filter { $0.name == "transfer-encoding" }.map(\.value)
        let lengths = head.headers.filter { $0.name == "content-length" }.map(\.value)
        if !encodings.isEmpty {
            guard lengths.isEmpty else {
                return .failure(Refusal(status: 400, message: "Content-Length and Transfer-Encoding together are ambiguous"))
            }
            guard head.isHTTP11 else { return .failure(Refusal(status: 400, message: "Transfer-Encoding is not HTTP/1.0")) }
            let codings = encodings.joined(separator: ",").split(separator: ",").map { $0.trimmingSpaces.lowercased() }
            guard codings == ["chunked"] else { return .failure(Refusal(status: 501, message: "only chunked transfer encoding is understood")) }
            return .success(.chunked)
        }
        guard let first = lengths.first else {
            if head.method == "POST" || head.method == "PUT" {
                return .failure(Refusal(status: 411, message: "a body needs Content-Length or chunked encoding"))
            }
            return .success(.length(0))
        }
        guard lengths.allSatisfy({ $0 == first }) else {
            return .failure(Refusal(status: 400, message: "the request has two different Content-Lengths"))
        }
        switch decimal(first, atMost: limits.body) {
        case .none: return .failure(Refusal(status: 400, message: "Content-Length '\(printable(first))' is not a number"))
        case .some(.none):
            return .failure(Refusal(status: 413, message: "the body is over \(limits.body) bytes; at most \(limits.body) are accepted"))
        case .some(.some(let length)): return .success(.length(length))
        }
    }

    /// A non-negative decimal of digits only: nil when it is not one, `.some(nil)` when it is over `limit` (read no
    /// further than that, so nothing overflows).
    private static func decimal(_ text: String, atMost limit: Int) -> Int?? {
        guard !text.isEmpty, text.utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
        var value = 0
        for digit in text.utf8 {
            value = value * 10 + Int(digit - 48)
            if value > limit { return .some(nil) }
        }
        return value
    }

    /// One step of a chunked body (RFC 9112 §7.1); nil when more bytes are needed.
    private enum ChunkStep {
        case next(ChunkState)
        case complete
        case failure(Int, String)
    }

    private mutating func readChunk(_ state: ChunkState) -> ChunkStep? {
        switch state {
        case .size:
            guard let end = lineEnd(from: start) else {
                return buffer.count - start > 1024 ? .failure(400, "a chunk size line is longer than 1024 bytes") : nil
            }
            guard end - start <= 1024 else { return .failure(400, "a chunk size line is longer than 1024 bytes") }
            let line = buffer[start..<end]
            guard let size = chunkSize(line) else {
                return .failure(400, "'\(Self.printable(String(decoding: line, as: UTF8.self)))' is not a chunk size")
            }
            guard let size else { return .failure(413, "the body is over \(limits.body) bytes") }
            start = end + 2
            return .next(size == 0 ? .trailer(fields: 0) : .data(remaining: size))
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
        case .trailer(let fields):
            guard let end = lineEnd(from: start) else {
                return buffer.count - start > limits.head ? .failure(431, "the trailer is longer than \(limits.head) bytes") : nil
            }
            if end == start {
                start += 2
                return .complete
            }
            guard fields < limits.headers else { return .failure(431, "the trailer has more than \(limits.headers) fields") }
            if case .failure(let refusal) = Self.field(buffer[start..<end]) { return .failure(refusal.status, refusal.message) }
            start = end + 2
            return .next(.trailer(fields: fields + 1))
        }
    }

    /// A chunk size line's size: hex digits, then optionally spaces and `;` extensions. Nil when it is not one;
    /// `.some(nil)` when the chunk would take the body past its limit (known before any sum can overflow).
    private func chunkSize(_ line: ArraySlice<UInt8>) -> Int?? {
        let room = limits.body - body.count
        var value = 0
        var digits = 0
        var index = line.startIndex
        while index < line.endIndex, let digit = Self.hexDigit(line[index]) {
            value = value * 16 + digit
            if value > room { return .some(nil) }
            digits += 1
            index += 1
        }
        guard digits > 0 else { return nil }
        while index < line.endIndex, line[index] == 32 || line[index] == 9 { index += 1 }
        if index < line.endIndex {
            guard line[index] == UInt8(ascii: ";"), line[index...].allSatisfy(Self.isFieldByte) else { return nil }
        }
        return value
    }

    private static func hexDigit(_ byte: UInt8) -> Int? {
        switch byte {
        case 48...57: Int(byte - 48)
        case 65...70: Int(byte - 55)
        case 97...102: Int(byte - 87)
        default: nil
        }
    }

    private mutating func refuse(_ status: Int, _ message: String) -> Outcome {
        abandon()
        return .refused(status: status, message: message)
    }

    // MARK: Scanning

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

    // MARK: The head

    /// Parses a head (without its final blank line).
    private static func head(_ bytes: ArraySlice<UInt8>, limits: Limits) -> Result<Head, Refusal> {
        var lines: [ArraySlice<UInt8>] = []
        var lineStart = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == 13 {
                guard index + 1 < bytes.endIndex, bytes[index + 1] == 10 else {
                    return .failure(Refusal(status: 400, message: "a CR without LF in the head"))
                }
                lines.append(bytes[lineStart..<index])
                index += 2
                lineStart = index
                continue
            }
            if byte == 10 { return .failure(Refusal(status: 400, message: "a line of the head ends with LF alone; HTTP lines end with CRLF")) }
            index += 1
        }
        lines.append(bytes[lineStart..<bytes.endIndex])
        guard lines.count - 1 <= limits.headers else {
            return .failure(Refusal(status: 431, message: "the head has more than \(limits.headers) fields"))
        }
        let requestLine = lines[0].split(separator: 32, omittingEmptySubsequences: false)
        guard requestLine.count == 3, let method = requestLine.first, !method.isEmpty, method.allSatisfy({ (65...90).contains($0) }),
            !requestLine[1].isEmpty, requestLine[1].allSatisfy({ (33...126).contains($0) })
        else { return .failure(Refusal(status: 400, message: "the request line is not METHOD TARGET HTTP/1.1")) }
        let version = String(decoding: requestLine[2], as: UTF8.self)
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else {
            return .failure(Refusal(status: 400, message: "the request head is not HTTP/1.1"))
        }
        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            switch field(line) {
            case .failure(let refusal): return .failure(refusal)
            case .success(let field): headers.append(field)
            }
        }
        let head = Head(
            method: String(decoding: method, as: UTF8.self), target: String(decoding: requestLine[1], as: UTF8.self), isHTTP11: version == "HTTP/1.1",
            headers: headers)
        if head.isHTTP11, headers.filter({ $0.name == "host" }).count != 1 {
            return .failure(Refusal(status: 400, message: "an HTTP/1.1 request needs exactly one Host field"))
        }
        return .success(head)
    }

    /// One `name: value` field line (RFC 9110 §5): a token, a colon right after it, then visible characters,
    /// spaces and tabs.
    private static func field(_ line: ArraySlice<UInt8>) -> Result<(name: String, value: String), Refusal> {
        guard let first = line.first, first != 32, first != 9 else {
            return .failure(Refusal(status: 400, message: "a folded header line (obsolete, RFC 9112 §5.2)"))
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex, line[..<colon].allSatisfy(isTokenByte) else {
            return .failure(Refusal(status: 400, message: "a header line is not `name: value`"))
        }
        let value = line[(colon + 1)...]
        guard value.allSatisfy(isFieldByte) else { return .failure(Refusal(status: 400, message: "a header value holds a control character")) }
        return .success((String(decoding: line[..<colon], as: UTF8.self).lowercased(), String(decoding: value, as: UTF8.self).trimmingSpaces))
    }

    /// RFC 9110's tchar.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 48...57, 65...90, 97...122: true
        default: Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }

    /// What a field value may hold: tab, space, visible ASCII and obs-text.
    private static func isFieldByte(_ byte: UInt8) -> Bool { byte == 9 || (32...126).contains(byte) || byte >= 128 }

    /// `text` cut to 40 characters of printable ASCII, for a message.
    private static func printable(_ text: String) -> String {
        String(text.unicodeScalars.prefix(40).map { $0.isASCII && $0.value >= 32 && $0.value < 127 ? Character($0) : "?" })
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs (HTTP's optional whitespace).
    fileprivate var trimmingSpaces: String {
        let scalars = unicodeScalars.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed()
        return String(String.UnicodeScalarView(scalars))
    }
}
