import FuzzSupport

/// Makes the listen fuzzer's requests from a seed: good notifications, and attacks generated and mutated from them —
/// heads broken every way RFC 9112 names, chunk sizes and lengths at and past every limit, pipelining, and bodies of
/// every JSON shape. Each attack body names its request (`{"attack": N}`) so that one the listener accepts can be
/// found again among what it delivered.
struct Requests {
    var random: WyRand

    /// A whole good request carrying `body`.
    static func good(_ body: String, secret: String?, keepAlive: Bool = false) -> [UInt8] {
        Array(
            ("POST /hook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n"
                + (secret.map { "X-Ccsh-Secret: \($0)\r\n" } ?? "") + (keepAlive ? "" : "Connection: close\r\n") + "\r\n" + body).utf8)
    }

    static let bodies: [String] = [
        "{}", "[]", "[{}]", "null", "1", "\"s\"", "[1]", "{\"a\": [1, {\"b\": null}]}", "{\"deep\": " + String(repeating: "[", count: 600),
        "{\"k\": \"\\ud800\"}", "{\"k\": 1e999}", "{\"k\": 01}", "{\"a\": 1, \"a\": 2}", "\u{FEFF}{}", "{\"é\": \"🚗\"}", "[{}, 1]",
    ]

    static let headLines: [String] = [
        "Host: x\r\n", "Host: y\r\n", "Content-Length: 0\r\n", "Content-Length: 5\r\n", "Content-Length: -1\r\n", "Content-Length: +5\r\n",
        "Content-Length: 99999999999999999999\r\n", "Content-Length: 5, 5\r\n", "Transfer-Encoding: chunked\r\n",
        "Transfer-Encoding: gzip, chunked\r\n", "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", "Expect: 100-continue\r\n",
        "Connection: keep-alive\r\n", "Connection: close\r\n", "X-Ccsh-Secret: wrong\r\n", " folded\r\n", "\tfolded\r\n", "X: a\nY: b\r\n",
        "X: a\rY: b\r\n", "X : 1\r\n", ": 1\r\n", "X-\u{7F}: 1\r\n", "X: \u{1}\r\n", "X: é\r\n",
    ]

    static let chunkSizes: [String] = [
        "0", "1", "5", "a", "A", "ffff", "100000", "100001", "7fffffffffffffff", "ffffffffffffffff", "10000000000000000000", "-1", "+1",
        " 1", "1 ", "1;x=y", "1;\u{1}", "0x1", "", "g",
    ]

    /// One attack: a generated request, mutated, sometimes several pipelined, with `n` in its body. `isSingle`: one
    /// request, not mutated — a 200 to it is a 200 to `{"attack": n}` when that is its body.
    mutating func attack(_ n: Int, secret: String?) -> (bytes: [UInt8], isSingle: Bool) {
        var bytes: [UInt8] = []
        let count = random.chance(20) ? 2 + random.below(3) : 1
        for _ in 0..<count { bytes += generated(n, secret: secret) }
        let isMutated = random.chance(40)
        if isMutated { bytes = mutated(bytes) }
        return (bytes, count == 1 && !isMutated)
    }

    private mutating func generated(_ n: Int, secret: String?) -> [UInt8] {
        let body = random.chance(60) ? "{\"attack\": \(n)}" : random.pick(Self.bodies)
        let method = random.pick(["POST", "POST", "POST", "GET", "PUT", "post", "P0ST", ""])
        let version = random.pick(["HTTP/1.1", "HTTP/1.1", "HTTP/1.1", "HTTP/1.0", "HTTP/2", "HTTP/1.1 x"])
        var head = "\(method) \(random.pick(["/", "/hook", "*", "", "/a b"])) \(version)\r\n"
        if random.chance(85) { head += "Host: 127.0.0.1\r\n" }
        if let secret, random.chance(50) { head += "X-Ccsh-Secret: \(secret)\r\n" }
        for _ in 0..<random.below(4) { head += random.pick(Self.headLines) }
        if random.chance(3) { head += String(repeating: "X-Flood: 1\r\n", count: 50 + random.below(100)) }
        if random.chance(3) { head += "X-Big: " + String(repeating: "a", count: 16_000 + random.below(2_000)) + "\r\n" }
        let chunked = random.chance(35)
        if chunked {
            head += "Transfer-Encoding: chunked\r\n\r\n"
            var rest = Array(body.utf8)[...]
            var text = ""
            while !rest.isEmpty {
                let size = min(rest.count, 1 + random.below(8))
                text +=
                    String(size, radix: 16) + (random.chance(10) ? ";ext=1" : "") + "\r\n" + String(decoding: rest.prefix(size), as: UTF8.self)
                    + "\r\n"
                rest = rest.dropFirst(size)
            }
            if random.chance(15) { text += random.pick(Self.chunkSizes) + "\r\n" }
            text += "0\r\n" + (random.chance(10) ? "X-Trailer: 1\r\n" : "") + "\r\n"
            return Array((head + text).utf8)
        }
        let length = random.chance(90) ? body.utf8.count : random.pick([0, 1, body.utf8.count + 1, 1 << 20, (1 << 20) + 1])
        if random.chance(92) { head += "Content-Length: \(length)\r\n" }
        head += random.chance(97) ? "\r\n" : "\n"
        return Array((head + body).utf8)
    }

    /// Bytes changed a few times: deleted, repeated, overwritten, pieces of heads and chunk sizes dropped in.
    private mutating func mutated(_ original: [UInt8]) -> [UInt8] {
        var bytes = original
        for _ in 0..<(1 + random.below(3)) {
            let at = random.below(bytes.count + 1)
            let length = min(bytes.count - at, 1 + random.below(8))
            switch random.below(6) {
            case 0: bytes.removeSubrange(at..<(at + length))
            case 1: bytes.insert(contentsOf: bytes[at..<(at + length)], at: at)
            case 2: if at < bytes.count { bytes[at] = UInt8(truncatingIfNeeded: random.next()) }
            case 3: bytes.insert(contentsOf: Array(random.pick(Self.headLines).utf8), at: at)
            case 4: bytes.insert(contentsOf: Array((random.pick(Self.chunkSizes) + "\r\n").utf8), at: at)
            default: bytes = Array(bytes.prefix(at))
            }
        }
        return bytes
    }
}
