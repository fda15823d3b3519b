import APIContract

/// One HTTP exchange as `--verbose` shows it: method, URL, status or error, time, and headers, with
/// `Authorization`, cookies and any secret value replaced by `***`.
package struct TraceEvent: Sendable, CustomStringConvertible {
    package var method: String
    package var url: String
    package var status: Int?
    package var error: String?
    package var seconds: Double
    package var requestHeaders: [(name: String, value: String)]
    package var responseHeaders: [(name: String, value: String)]

    private static let maskedHeaders: Set<String> = ["authorization", "cookie", "set-cookie", "proxy-authorization"]

    init(request: HTTPRequestData, outcome: Result<HTTPResponseData, ClientError>, secrets: [String]) {
        func mask(_ text: String) -> String { secrets.filter { !$0.isEmpty }.reduce(text) { $0.replacingOccurrences(of: $1, with: Redaction.mark) } }
        func masked(_ headers: [(name: String, value: String)]) -> [(name: String, value: String)] {
            headers.map { ($0.name, Self.maskedHeaders.contains($0.name.lowercased()) ? Redaction.mark : mask($0.value)) }
        }
        method = request.method
        url = mask(request.url)
        requestHeaders = masked(request.headers)
        switch outcome {
        case .success(let response):
            status = response.status
            seconds = response.seconds
            responseHeaders = masked(response.headers)
        case .failure(let failure):
            error = mask(failure.description)
            seconds = 0
            responseHeaders = []
        }
    }

    package var description: String {
        var lines = ["> \(method) \(url)"] + requestHeaders.map { "> \($0.name): \($0.value)" }
        if let status {
            lines.append("< \(status) (\(Int((seconds * 1000).rounded())) ms)")
            lines += responseHeaders.map { "< \($0.name): \($0.value)" }
        } else if let error {
            lines.append("! \(error)")
        }
        return lines.joined(separator: "\n")
    }
}
