import APIContract

/// Renders one page of a HAL collection (docs/api.md §4.3): `_links` with `self`/`first`/`last` (+ `next`/`prev`),
/// `total`, `totalPage`, `currentPage` and `_embedded.<name>`.
package struct CollectionPage {
    /// The API base URL (`https://127.0.0.1:8443/connectedcar/v4`), for links.
    package var baseURL: String
    package var tokenKey: UInt64

    /// Builds the page `query` asks for out of `selection`; `item` renders one item number.
    ///
    /// `total` counts the `indexRange` window, so page arithmetic holds inside it; an empty window is one empty
    /// page. A page past the end is a 400 on `pageToken`.
    package func render(
        _ query: CollectionQuery, selection: IndexRuns, embeddedKey: String, extra: [(String, JSON)] = [],
        item: (Int) -> JSON
    ) throws(SandboxError) -> JSON {
        let available = selection.count
        let windowStart = min(query.lower, available)
        let windowEnd = query.upper.map { min($0, available - 1) + 1 } ?? available
        let total = max(0, windowEnd - windowStart)
        let totalPage = max(1, (total + query.pageSize - 1) / query.pageSize)
        guard query.page <= totalPage else { throw .badParameter("pageToken", "page \(query.page) is past the last page \(totalPage)") }
        let from = windowStart + (query.page - 1) * query.pageSize
        let to = min(from + query.pageSize, windowEnd)
        let items = (from..<max(from, to)).compactMap { selection.item(at: $0) }.map(item)

        func link(_ page: Int) -> JSON {
            var q = query
            q.page = page
            return .obj(["href": .string("\(baseURL)\(query.path)?pageToken=\(q.token(key: tokenKey))")])
        }
        var links: [(String, JSON)] = [("self", link(query.page)), ("first", link(1))]
        if query.page > 1 { links.append(("prev", link(query.page - 1))) }
        if query.page < totalPage { links.append(("next", link(query.page + 1))) }
        links.append(("last", link(totalPage)))
        return .object(
            [
                ("_links", .object(links)), ("total", .int(total)), ("totalPage", .int(totalPage)),
                ("currentPage", .int(query.page)), ("_embedded", .object([(embeddedKey, .array(items))] + extra)),
            ])
    }
}
