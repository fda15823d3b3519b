/// What a broken gateway or backend sends instead of the API's JSON (`--garble KIND`): every successful API answer
/// is replaced, so that clients can be tested against bodies the API never means to send.
package enum Garble: String, Sendable, CaseIterable {
    /// A gateway's HTML error page, status 502.
    case html
    /// Status 200 with no body at all.
    case empty
    /// The first half of the real JSON, as a complete HTTP message (the server, not the connection, cut it).
    case truncated
    /// 100 MB of valid JSON.
    case huge
    /// The real JSON with a byte that is not UTF-8 inside a string.
    case invalidUTF8 = "invalid-utf8"

    /// The size of the `huge` body.
    static let hugeBytes = 100_000_000

    /// `response`, garbled.
    func apply(to response: SandboxResponse) -> SandboxResponse {
        switch self {
        case .html:
            let page = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>\n"
            return SandboxResponse(status: 502, headers: [("Content-Type", "text/html")], body: Array(page.utf8))
        case .empty:
            return SandboxResponse(status: 200, headers: [("Content-Type", "application/hal+json")])
        case .truncated:
            return SandboxResponse(status: response.status, headers: response.headers, body: Array(response.body.prefix(response.body.count / 2)))
        case .huge:
            var body = Array(#"{"items":["#.utf8)
            body.reserveCapacity(Self.hugeBytes + 16)
            let item = Array(#""0123456789abcdef","#.utf8)
            while body.count < Self.hugeBytes { body += item }
            body += Array(#""end"]}"#.utf8)
            return SandboxResponse(status: 200, headers: [("Content-Type", "application/hal+json")], body: body)
        case .invalidUTF8:
            var body = response.body
            // Inside the first string value: after the first `":"` and its opening quote.
            if let colon = body.firstIndex(of: UInt8(ascii: ":")), let quote = body[colon...].firstIndex(of: UInt8(ascii: "\"")) {
                body.insert(0xFF, at: quote + 1)
            }
            return SandboxResponse(status: response.status, headers: response.headers, body: body)
        }
    }
}
