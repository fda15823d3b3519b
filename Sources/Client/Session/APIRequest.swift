/// One API call before authentication is attached: method, path below the API base (or a full `_links` href),
/// query and body.
package struct APIRequest: Sendable {
    package var method: String
    /// `/user/vehicles` or `https://…/connectedcar/v4/user/vehicles?pageToken=…`.
    package var path: String
    package var query: [(name: String, value: String)]
    package var body: [UInt8]?
    /// `application/hal+json`, or `application/vnd.geo+json` for lastPosition.
    package var accept: String

    package init(_ method: String = "GET", _ path: String, query: [(name: String, value: String?)] = [], body: [UInt8]? = nil) {
        self.method = method
        self.path = path
        self.query = query.compactMap { item in item.value.map { (item.name, $0) } }
        self.body = body
        accept = path.hasSuffix("/lastPosition") ? "application/vnd.geo+json" : "application/hal+json"
    }

    package static func get(_ path: String, query: [(name: String, value: String?)] = []) -> APIRequest { APIRequest("GET", path, query: query) }
}

/// A successful API answer.
package struct APIResponse: Sendable {
    package var status: Int
    package var headers: [(name: String, value: String)]
    package var body: [UInt8]

    package func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
}
