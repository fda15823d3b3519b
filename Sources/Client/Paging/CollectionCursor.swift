/// A lazy walk over a HAL collection (api-notes §4.3–4.4): yields the items of `_embedded.<key>` — whatever the
/// key (`vehicles`, `Vehicles`, `Collisions`…) — one at a time, fetching the next page through `_links.next`
/// only when the consumer asks for an item past the current page. `alerts | first 3` therefore costs one request.
package final class CollectionCursor {
    private let session: Session
    private var nextRequest: APIRequest?
    private var buffer: [[UInt8]] = []
    private var position = 0
    /// From the first page on: the collection's `total` and `totalPage`.
    package private(set) var total: Int?
    package private(set) var totalPage: Int?
    package private(set) var pagesFetched = 0
    /// The `_embedded` key the items came under.
    package private(set) var embeddedKey: String?
    /// Called after each page with (pages fetched, total pages if known).
    package var onPage: ((Int, Int?) -> Void)?

    package init(session: Session, request: APIRequest) {
        self.session = session
        nextRequest = request
    }

    /// The next item's JSON bytes, or nil at the end.
    package func next() throws(ClientError) -> [UInt8]? {
        while position >= buffer.count {
            guard let request = nextRequest else { return nil }
            try fetch(request)
        }
        defer { position += 1 }
        return buffer[position]
    }

    /// Fetches pages until the first one is in, so that `total` is known; yields nothing.
    package func prime() throws(ClientError) {
        if pagesFetched == 0, let request = nextRequest { try fetch(request) }
    }

    private func fetch(_ request: APIRequest) throws(ClientError) {
        let response = try session.send(request)
        guard let page = JSONScanner.scan(response.body) else {
            throw ClientError(code: .decoding, request: "\(request.method) \(request.path)", message: "the page is not JSON")
        }
        let embedded = page["_embedded"]?.members?.first { $0.value.elements != nil }
        embeddedKey = embeddedKey ?? embedded?.key
        buffer = (embedded?.value.elements ?? []).map { Array(response.body[$0.range]) }
        position = 0
        pagesFetched += 1
        total = total ?? page["total"]?.int
        totalPage = page["totalPage"]?.int ?? totalPage
        nextRequest = page["_links"]?["next"]?["href"]?.string.map { APIRequest.get($0) }
        onPage?(pagesFetched, totalPage)
    }
}
