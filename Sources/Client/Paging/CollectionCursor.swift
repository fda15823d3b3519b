/// A lazy walk over a HAL collection (docs/api.md §4.3–4.4): yields the items of `_embedded.<key>` — whatever the
/// key (`vehicles`, `Vehicles`, `Collisions`…) — one at a time, fetching the next page through `_links.next`
/// only when the consumer asks for an item past the current page. `alerts | first 3` therefore costs one request.
///
/// A consumer that reads past the first page is walking the whole collection: from the second page on, pages are
/// fetched on a worker session (same tokens and connections) by a ``PageReadAhead`` while the current one is read,
/// so the network and the reading overlap and the server is never idle. `first 60` over pages of 60 fetches one
/// page; `first 61` up to four (pages 1 and 2, one read ahead, one in flight). A failed page ends the walk.
package final class CollectionCursor {
    private let session: Session
    private var nextRequest: APIRequest?
    private var readAhead: PageReadAhead?
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
            guard try takeNextPage() else { return nil }
        }
        defer { position += 1 }
        return buffer[position]
    }

    /// Fetches pages until the first one is in, so that `total` is known; yields nothing.
    package func prime() throws(ClientError) {
        if pagesFetched == 0 { _ = try takeNextPage() }
    }

    /// Makes the next page current (the read-ahead's, or one fetched now); false at the end of the collection.
    private func takeNextPage() throws(ClientError) -> Bool {
        let page: CollectionPage
        if let readAhead {
            do {
                page = try readAhead.next()
            } catch {
                self.readAhead = nil
                nextRequest = nil
                throw error
            }
        } else if let request = nextRequest {
            page = try CollectionPage.fetch(request, on: session)
        } else {
            return false
        }
        embeddedKey = embeddedKey ?? page.embeddedKey
        buffer = page.items
        position = 0
        pagesFetched += 1
        total = total ?? page.total
        totalPage = page.totalPage ?? totalPage
        nextRequest = page.next
        // (When no worker session can be made, pages are fetched one by one on `session`.)
        if nextRequest == nil {
            readAhead = nil
        } else if readAhead == nil, pagesFetched >= 2, let request = nextRequest, let worker = try? session.makeWorker() {
            readAhead = PageReadAhead(from: request, on: worker)
        }
        onPage?(pagesFetched, totalPage)
        return true
    }

    deinit { readAhead?.stop() }
}
