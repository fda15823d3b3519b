import Testing

@testable import Listener

/// The listener's request reader on byte streams cut anywhere: heads, Content-Length and chunked bodies,
/// pipelining, `Expect: 100-continue`, and every limit.
@Suite struct RequestReaderTests {
    /// Feeds `text` in pieces of `step` bytes and collects what the reader makes.
    func read(_ text: String, step: Int = 1, limits: RequestReader.Limits = .init()) -> [String] {
        var reader = RequestReader(limits: limits)
        var seen: [String] = []
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            reader.append(bytes[index..<min(bytes.count, index + step)])
            index += step
            loop: while true {
                switch reader.next() {
                case .incomplete: break loop
                case .head(let head, let expectsContinue): if expectsContinue { seen.append("continue \(head.method)") }
                case .request(let request): seen.append("\(request.head.method) \(String(decoding: request.body, as: UTF8.self))")
                case .refused(let status, _):
                    seen.append("refused \(status)")
                    break loop
                }
            }
        }
        return seen
    }

    @Test("a body by Content-Length, fed a byte at a time or all at once; two pipelined requests")
    func contentLength() {
        let one = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 7\r\n\r\n{\"a\":1}"
        #expect(read(one) == [#"POST {"a":1}"#])
        #expect(read(one + one, step: 1000) == [#"POST {"a":1}"#, #"POST {"a":1}"#])
    }

    @Test("a chunked body with extensions and a trailer")
    func chunked() {
        let text = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\n{\"a\r\n4\r\n\":1}\r\n0\r\nX-Trailer: 1\r\n\r\n"
        #expect(read(text) == [#"POST {"a":1}"#])
        #expect(read(text, step: 7) == [#"POST {"a":1}"#])
    }

    @Test("Expect: 100-continue is announced once, before the body")
    func expectContinue() {
        var reader = RequestReader(limits: .init())
        reader.append(Array("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n".utf8)[...])
        guard case .head(_, expectsContinue: true) = reader.next() else {
            Issue.record("no 100-continue")
            return
        }
        guard case .incomplete = reader.next() else {
            Issue.record("announced twice")
            return
        }
        reader.append(Array("{}".utf8)[...])
        guard case .request(let request) = reader.next() else {
            Issue.record("no request")
            return
        }
        #expect(request.body == Array("{}".utf8))
    }

    @Test("limits and malformed input are refused with their status")
    func refusals() {
        let small = RequestReader.Limits(head: 64, body: 10)
        #expect(read("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\n", limits: small) == ["refused 413"])
        #expect(read("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nb\r\n", limits: small) == ["refused 413"])
        #expect(read("POST / HTTP/1.1\r\nHost: x\r\nX-Long: " + String(repeating: "a", count: 100), limits: small) == ["refused 431"])
        #expect(read("POST / HTTP/1.1\r\nHost: x\r\n\r\n") == ["refused 411"])
        #expect(read("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n") == ["refused 400"])
        #expect(read("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n") == ["refused 501"])
        #expect(read("\u{0}garbage") == ["refused 400"])
        #expect(read("post / HTTP/1.1\r\n\r\n") == ["refused 400"])
        #expect(read("POST / HTTP/2\r\nHost: x\r\nContent-Length: 0\r\n\r\n") == ["refused 400"])
        #expect(read("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n") == ["refused 400"])
    }

    @Test(
        "chunk sizes and lengths that do not fit any arithmetic are refused before any sum: 413 over the limit, 400 not a number",
        arguments: [
            ("7fffffffffffffff", 413), ("ffffffffffffffff", 413), ("10000000000000000000000000000000", 413), ("0000000000000000000001", 200),
            ("-1", 400), ("+5", 400), (" 5", 400), ("5 x", 400), ("0x5", 400), ("", 400), ("5;a\u{1}", 400),
        ])
    func chunkSizes(size: String, status: Int) {
        let chunked = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        let body = status == 200 ? "\(size)\r\n{\r\n0\r\n\r\n" : "\(size)\r\n"
        #expect(read(chunked + body, step: 1000) == [status == 200 ? "POST {" : "refused \(status)"])
        // After one good chunk too: the room left is what counts.
        #expect(read(chunked + "1\r\n{\r\n" + body, step: 3).last == (status == 200 ? "POST {{" : "refused \(status)"))
    }

    @Test(
        "framing that could be read two ways is refused with 400 (RFC 9112): lengths, encodings, bare CR or LF, folding, fields",
        arguments: [
            "Content-Length: 5\r\nContent-Length: 6", "Content-Length: 5\r\nTransfer-Encoding: chunked", "Content-Length: +5",
            "Content-Length: 5, 5", "Content-Length:", "Content-Length: 0x5", "X-A: 1\nContent-Length: 0",
            "X-A: 1\rContent-Length: 0", "X-A: 1\r\n folded\r\nContent-Length: 0", "X-A : 1\r\nContent-Length: 0",
            "X-\u{7F}: 1\r\nContent-Length: 0", "X-A: \u{1}\r\nContent-Length: 0", "Host: y\r\nContent-Length: 0",
            ": empty\r\nContent-Length: 0",
        ])
    func ambiguousFraming(headers: String) {
        #expect(read("POST / HTTP/1.1\r\nHost: x\r\n\(headers)\r\n\r\n12345", step: 1000) == ["refused 400"])
    }

    @Test("identical Content-Lengths are one; HTTP/1.1 without Host, a chunked HTTP/1.0 body and a double space are 400")
    func fieldRules() {
        #expect(read("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n{}") == ["POST {}"])
        #expect(read("POST / HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}") == ["refused 400"])
        #expect(read("POST / HTTP/1.0\r\nContent-Length: 2\r\n\r\n{}") == ["POST {}"])
        #expect(read("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n") == ["refused 400"])
        #expect(read("POST  / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n") == ["refused 400"])
        #expect(read("\r\nPOST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n") == ["POST "], "one empty line before a request is ignored")
    }

    @Test("a header flood is refused with 431: more fields than the limit, in the head or in a trailer")
    func headerFlood() {
        let fields = (0..<101).map { "X-\($0): 1\r\n" }.joined()
        #expect(read("POST / HTTP/1.1\r\nHost: x\r\n\(fields)Content-Length: 0\r\n\r\n", step: 4096) == ["refused 431"])
        let trailer = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\(fields)\r\n"
        #expect(read(trailer, step: 4096) == ["refused 431"])
    }

    @Test("every head is handed out once before its body; 100-continue only when none of the body came with it")
    func headsAnnounced() {
        var reader = RequestReader(limits: .init())
        reader.append(Array("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n{}".utf8)[...])
        guard case .head(_, expectsContinue: false) = reader.next(), case .request = reader.next() else {
            Issue.record("a head with its body asks no 100")
            return
        }
        reader.abandon()
        reader.append(Array("POST / HTTP/1.1\r\n".utf8)[...])
        guard case .incomplete = reader.next() else {
            Issue.record("an abandoned reader reads nothing more")
            return
        }
    }

    @Test("an idle connection is idle; one with half a request is not")
    func idle() {
        var reader = RequestReader(limits: .init())
        #expect(reader.isIdle)
        reader.append(Array("POST / HT".utf8)[...])
        _ = reader.next()
        #expect(!reader.isIdle)
    }
}
