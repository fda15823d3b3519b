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
                case .head(let head): seen.append("continue \(head.method)")
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
        let one = "POST / HTTP/1.1\r\nContent-Length: 7\r\n\r\n{\"a\":1}"
        #expect(read(one) == [#"POST {"a":1}"#])
        #expect(read(one + one, step: 1000) == [#"POST {"a":1}"#, #"POST {"a":1}"#])
    }

    @Test("a chunked body with extensions and a trailer")
    func chunked() {
        let text = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\n{\"a\r\n4\r\n\":1}\r\n0\r\nX-Trailer: 1\r\n\r\n"
        #expect(read(text) == [#"POST {"a":1}"#])
        #expect(read(text, step: 7) == [#"POST {"a":1}"#])
    }

    @Test("Expect: 100-continue is announced once, before the body")
    func expectContinue() {
        var reader = RequestReader(limits: .init())
        reader.append(Array("POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n".utf8)[...])
        guard case .head = reader.next() else {
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
        #expect(read("POST / HTTP/1.1\r\nContent-Length: 11\r\n\r\n", limits: small) == ["refused 413"])
        #expect(read("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nb\r\n", limits: small) == ["refused 413"])
        #expect(read("POST / HTTP/1.1\r\nX-Long: " + String(repeating: "a", count: 100), limits: small) == ["refused 431"])
        #expect(read("POST / HTTP/1.1\r\n\r\n") == ["refused 411"])
        #expect(read("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n") == ["refused 400"])
        #expect(read("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n") == ["refused 501"])
        #expect(read("\u{0}garbage") == ["refused 400"])
        #expect(read("post / HTTP/1.1\r\n\r\n") == ["refused 400"])
        #expect(read("POST / HTTP/2\r\nContent-Length: 0\r\n\r\n") == ["refused 400"])
        #expect(read("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n") == ["refused 400"])
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
