/// One page of a HAL collection (docs/api.md §4.3–4.4), its items cut out of the body as their exact bytes.
struct CollectionPage: Sendable {
    /// The items of `_embedded.<key>`, whatever the key (`vehicles`, `Vehicles`, `Collisions`…).
    var items: [[UInt8]]
    /// The `_embedded` key the items came under.
    var embeddedKey: String?
    var total: Int?
    var totalPage: Int?
    /// The request for `_links.next`, nil on the last page.
    var next: APIRequest?

    /// Cuts a page out of `body`, the answer to `request`; a body that is not JSON is a decoding error.
    init(body: [UInt8], of request: APIRequest) throws(ClientError) {
        guard let page = JSONScanner.scan(body) else {
            throw ClientError(code: .decoding, request: "\(request.method) \(request.path)", message: "the page is not JSON")
        }
        // The first member of `_embedded` that is an array (the scan noted these levels: no lookup reads again).
        let embedded = page["_embedded"]?.members?.lazy.compactMap { member in member.value.elements.map { (member.key, $0) } }.first
        embeddedKey = embedded?.0
        items = (embedded?.1 ?? []).map { Array(body[$0.range]) }
        total = page["total"]?.int
        totalPage = page["totalPage"]?.int
        next = page["_links"].flatMap(Self.next(inLinks:))
    }

    /// Fetches and cuts the page `request` asks for.
    static func fetch(_ request: APIRequest, on session: Session) throws(ClientError) -> CollectionPage {
        try CollectionPage(body: try session.send(request).body, of: request)
    }

    /// The next page's request, read from the start of `body` only (to send it before the page is cut).
    static func next(in body: [UInt8]) -> APIRequest? {
        JSONScanner.topMember("_links", in: body).flatMap(next(inLinks:))
    }

    private static func next(inLinks links: JSONScanner.Node) -> APIRequest? {
        links["next"]?["href"]?.string.map { APIRequest.get($0) }
    }
}
