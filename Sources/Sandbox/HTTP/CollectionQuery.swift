import Foundation

/// The paging state of one collection request: which page of which window, with which filters.
///
/// It round-trips through the opaque `pageToken` of `_links` (docs/api.md §4.4: the token carries all the context,
/// the server keeps no session), so following `next` continues with the same filters.
package struct CollectionQuery: Sendable, Equatable {
    /// The collection's path below the API base (`/user/vehicles/…/alerts`): a token only works where it was made.
    package var path: String
    /// 1-based.
    package var page: Int
    package var pageSize: Int
    /// Inclusive 0-based window of the filtered results; `upper` nil means "to the end".
    package var lower: Int
    package var upper: Int?
    /// The filters (`timestamps`, `locale`, `type`…) in request order.
    package var filters: [Filter]

    /// One filter parameter and its value.
    package struct Filter: Sendable, Equatable {
        package var name: String
        package var value: String
    }

    /// The limits of one collection's `pageSize` (docs/api.md §4.4: 1…60, telemetry 1…2000).
    package struct Limits: Sendable {
        package var maxPageSize = 60
        package var defaultPageSize = 60
        package static let standard = Limits()
        package static let telemetry = Limits(maxPageSize: 2000)
    }

    /// Reads `pageToken`, or else `indexRange`/`pageSize`, plus the listed filter parameters.
    package static func from(
        _ request: SandboxRequest, path: String, filters names: Set<String>, limits: Limits, tokenKey: UInt64
    ) throws(SandboxError) -> CollectionQuery {
        if let token = request.queryValue("pageToken") {
            guard let query = decode(token, path: path, key: tokenKey) else {
                throw .badParameter("pageToken", "not a page token of this collection; follow the _links of a response")
            }
            return query
        }
        var query = CollectionQuery(
            path: path, page: 1, pageSize: limits.defaultPageSize, lower: 0, upper: nil,
            filters: request.query.filter { names.contains($0.name) }.map { Filter(name: $0.name, value: $0.value) })
        if let text = request.queryValue("pageSize") {
            guard let size = Int(text), (1...limits.maxPageSize).contains(size) else {
                throw .badParameter("pageSize", "'\(text)' is not an integer between 1 and \(limits.maxPageSize)")
            }
            query.pageSize = size
        }
        if let text = request.queryValue("indexRange") {
            let parts = text.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
            guard let first = parts.first, let lower = Int(first), lower >= 0, first.allSatisfy(\.isASCII) else {
                throw .badParameter("indexRange", "'\(text)' does not match \\d+(-\\d*)? (e.g. 0-, 0-9, 5-)")
            }
            query.lower = lower
            if parts.count == 1 {
                query.upper = lower
            } else if !parts[1].isEmpty {
                guard let upper = Int(parts[1]), parts[1].allSatisfy(\.isASCII) else {
                    throw .badParameter("indexRange", "'\(text)' does not match \\d+(-\\d*)? (e.g. 0-, 0-9, 5-)")
                }
                guard upper >= lower else {
                    throw .badParameter("indexRange", "the last index \(upper) is before the first \(lower)")
                }
                query.upper = upper
            }
        }
        return query
    }

    /// The values of one filter, in order.
    package func values(_ name: String) -> [String] { filters.filter { $0.name == name }.map(\.value) }

    // MARK: Tokens

    /// An opaque, tamper-evident token: base64url of the fields plus a keyed check value. The collection's path
    /// is not stored, only bound into the check value, which keeps tokens near production's ~50 characters.
    package func token(key: UInt64) -> String {
        var fields = [String(page), String(pageSize), String(lower), upper.map(String.init) ?? ""]
        for filter in filters { fields += [filter.name, filter.value] }
        let payload = fields.joined(separator: "\u{1F}")
        let check = String(Self.check(path + "\u{1F}" + payload, key: key), radix: 36)
        let data = Data((check + "\u{1E}" + payload).utf8)
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The query a token encodes, or nil when it was not made by this sandbox for the collection at `path`.
    static func decode(_ token: String, path: String, key: UInt64) -> CollectionQuery? {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard token.count < 4096, let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8),
            let separator = text.firstIndex(of: "\u{1E}")
        else { return nil }
        let payload = String(text[text.index(after: separator)...])
        guard String(Self.check(path + "\u{1F}" + payload, key: key), radix: 36) == text[..<separator] else { return nil }
        let fields = payload.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
        guard fields.count >= 4, fields.count % 2 == 0, let page = Int(fields[0]), page >= 1, let size = Int(fields[1]),
            size >= 1, let lower = Int(fields[2]), lower >= 0
        else { return nil }
        let filters = stride(from: 4, to: fields.count, by: 2).map { Filter(name: fields[$0], value: fields[$0 + 1]) }
        return CollectionQuery(
            path: path, page: page, pageSize: size, lower: lower, upper: fields[3].isEmpty ? nil : Int(fields[3]),
            filters: filters)
    }

    private static func check(_ payload: String, key: UInt64) -> UInt64 {
        var h = SeededRandom.mix(key ^ 0x7061_6765)
        for byte in payload.utf8 { h = SeededRandom.mix(h ^ UInt64(byte)) }
        return h
    }
}
