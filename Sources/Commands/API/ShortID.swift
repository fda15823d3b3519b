/// How ids are written back: whole, as the short form a table shows (`f46b25…fba4`, or with three dots where `…`
/// is hard to type), or as a prefix at least as long as that form's head.
enum ShortID {
    /// The shortest prefix accepted: the head of the short form tables show.
    static let minimumPrefix = 6

    /// Whether `text` is written as a short form (`head…tail`, `head...tail`).
    static func isShortForm(_ text: String) -> Bool { text.contains("…") || text.contains("...") }

    /// The ids `text` names: the one equal to it; else those matching its short form; else those it is a prefix
    /// of, when it is at least ``minimumPrefix`` long.
    static func matches(_ text: String, in ids: [String]) -> [String] {
        if ids.contains(text) { return [text] }
        let written = text.replacingOccurrences(of: "...", with: "…")
        if let ellipsis = written.firstIndex(of: "…") {
            let (head, tail) = (String(written[..<ellipsis]), String(written[written.index(after: ellipsis)...]))
            guard head.count >= minimumPrefix else { return [] }
            return unique(ids.filter { $0.hasPrefix(head) && $0.hasSuffix(tail) && $0.count >= head.count + tail.count })
        }
        guard text.count >= minimumPrefix else { return [] }
        return unique(ids.filter { $0.hasPrefix(text) })
    }

    /// `id` as tables show it when it is long: six characters, an ellipsis, the last four.
    static func short(_ id: String) -> String { id.count > 12 ? id.prefix(6) + "…" + id.suffix(4) : id }

    private static func unique(_ ids: [String]) -> [String] {
        var seen = Set<String>()
        return ids.filter { seen.insert($0).inserted }
    }
}
