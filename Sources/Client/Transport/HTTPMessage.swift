/// One HTTP request as the transport sends it. Header values may hold secrets (`Authorization`); nothing here is
/// ever printed — see ``redactedDescription``.
package struct HTTPRequestData: Sendable {
    package var method: String
    package var url: String
    package var headers: [(name: String, value: String)]
    package var body: [UInt8]?

    package init(method: String, url: String, headers: [(name: String, value: String)] = [], body: [UInt8]? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// `GET /connectedcar/v4/user` — the request line without host, query or headers, safe for error messages.
    package var redactedDescription: String {
        let afterScheme = url.range(of: "://").map { url[$0.upperBound...] } ?? Substring(url)
        let path = afterScheme.drop { $0 != "/" }.prefix { $0 != "?" }
        return "\(method) \(path.isEmpty ? "/" : path)"
    }
}

/// What came back: status, headers in order, body bytes, and whether a new connection had to be opened.
package struct HTTPResponseData: Sendable {
    package var status: Int
    package var headers: [(name: String, value: String)]
    package var body: [UInt8]
    /// Connections libcurl opened for this transfer (0 when an existing one was reused).
    package var newConnections: Int
    /// Wall time of the transfer.
    package var seconds: Double

    package init(status: Int, headers: [(name: String, value: String)], body: [UInt8], newConnections: Int = 0, seconds: Double = 0) {
        self.status = status
        self.headers = headers
        self.body = body
        self.newConnections = newConnections
        self.seconds = seconds
    }

    /// The first header of that name, compared case-insensitively.
    package func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The body as UTF-8 text.
    package var text: String { String(decoding: body, as: UTF8.self) }
}
