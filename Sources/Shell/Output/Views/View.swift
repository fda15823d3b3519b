import Foundation

/// How a terminal shows one kind of document — a trip, an alert, a status: the columns of a table of them (title,
/// formatting, which go first when the width runs out) and the card of one. Declared once, next to the command that
/// returns the document (as its `Signature` is), and found again from the document itself, so a view follows the
/// value through `first`, `where`, `sort-by` or a variable without the value carrying anything but the API's JSON.
///
///     View("trip", matching: .link("trips/*"))
///         .column("started", .instant("startedAt"))
///         .column("distance", .number("distance", unit: "km", digits: 1))
///
/// A view is presentation only: `get`, `to json` and every other command see the document as the API sent it.
package struct View: Sendable {
    /// How a view recognizes its documents.
    package enum Match: Sendable {
        /// `_links.self.href` ends with these path segments (`*` is any one segment): `vehicles/*/trips/*`.
        case link(String)
        /// `_links.self.href` ends with any one of these.
        case links([String])
        /// The record has all these fields.
        case fields([String])
        /// Anything else.
        case test(@Sendable (Record) -> Bool)
    }

    /// One line of a card: a title and its value (which may be several lines, shown under one another).
    package struct Line: Sendable, Equatable {
        package var title: String
        package var value: String
        package var emphasis: Emphasis?

        package init(_ title: String, _ value: String, _ emphasis: Emphasis? = nil) {
            self.title = title
            self.value = value
            self.emphasis = emphasis
        }
    }

    package typealias Card = @Sendable (Record, Presentation) -> [Line]

    package let name: String
    package let match: Match
    package private(set) var columns: [Column] = []
    /// The card of one document; without it, a card lists the columns.
    package private(set) var card: Card?
    /// The document's id, as commands take it back: a table of documents with ids is noted in
    /// ``Presentation/shown``.
    package private(set) var identity: (@Sendable (Record) -> String?)?

    package init(_ name: String, matching match: Match) {
        self.name = name
        self.match = match
    }

    /// Adds a column; `priority` 1 is kept longest, higher numbers are dropped first when the width runs out.
    /// `field` names the document's field a custom column shows (the path constructors know theirs).
    package func column(_ title: String, _ content: Column.Content, priority: Int = 1, field: String? = nil) -> View {
        var copy = self
        var content = content
        if let field { content.field = field }
        copy.columns.append(Column(title: title, content: content, priority: priority))
        return copy
    }

    /// The field path the column titled `title` shows, when it has one.
    package func field(forColumn title: String) -> String? { columns.first { $0.title == title }?.content.field }

    /// Sets the card of one document.
    package func card(_ card: @escaping Card) -> View {
        var copy = self
        copy.card = card
        return copy
    }

    /// Sets how a document's id is read.
    package func identified(by identity: @escaping @Sendable (Record) -> String?) -> View {
        var copy = self
        copy.identity = identity
        return copy
    }

    /// Whether `record` is one of this view's documents.
    package func matches(_ record: Record) -> Bool {
        switch match {
        case .link(let pattern): Self.selfLink(of: record, endsWith: pattern)
        case .links(let patterns): patterns.contains { Self.selfLink(of: record, endsWith: $0) }
        case .fields(let names): names.allSatisfy { record[$0] != nil }
        case .test(let test): test(record)
        }
    }

    /// The lines of `record`'s card.
    package func lines(_ record: Record, _ presentation: Presentation) -> [Line] {
        if let card { return card(record, presentation) }
        return columns.compactMap { column in
            guard let cell = column.content.cell(record, presentation), !cell.text.isEmpty else { return nil }
            return Line(column.title, cell.text, cell.emphasis)
        }
    }

    /// `_links.self.href`.
    package static func selfLink(of record: Record) -> String? {
        guard case .record(let links)? = record["_links"], case .record(let link)? = links["self"], case .string(let href)? = link["href"]
        else { return nil }
        return href
    }

    /// Whether the path of `record`'s `_links.self.href` (query left out) ends with `pattern`'s segments, compared
    /// from the end in place (a table of 10 000 documents asks it for every row).
    package static func selfLink(of record: Record, endsWith pattern: String) -> Bool {
        guard var href = selfLink(of: record) else { return false }
        var wanted = pattern
        let matches = href.withUTF8 { path in wanted.withUTF8 { pattern in path.endsWithSegments(pattern) } }
        return matches
    }
}

/// One column of a view's table.
package struct Column: Sendable {
    /// What a column shows and how it is laid out: its cell for a record, its alignment, how a long cell is cut.
    package struct Content: Sendable {
        package enum Cut: Sendable {
            /// Prose: cut at the end.
            case end
            /// Ids: as short as the table allows while each stays unique (`227b04…f816`).
            case identifier
            /// Never cut (numbers, instants): the column keeps its width or is dropped.
            case never
        }

        package var cell: @Sendable (Record, Presentation) -> Cell?
        package var alignsRight = false
        package var cut = Cut.end
        /// The document's field the column shows (a cell path), when it shows one: `select`, `where`, `sort-by` and
        /// `get` take the column's title for it (``Presentation/aliased(_:in:)``).
        package var field: String?

        package init(
            alignsRight: Bool = false, cut: Cut = .end, field: String? = nil, _ cell: @escaping @Sendable (Record, Presentation) -> Cell?
        ) {
            self.cell = cell
            self.alignsRight = alignsRight
            self.cut = cut
            self.field = field
        }
    }

    package var title: String
    package var content: Content
    package var priority: Int
}

/// A formatted cell: its text (one line) and how it may be emphasized.
package struct Cell: Sendable, Equatable {
    package let text: String
    package var emphasis: Emphasis?
    /// Columns the text takes, measured once when the cell is made: a long table's cells are made on every core,
    /// while the text is still in the core's cache, and the fitting reads the widths of all of them.
    package let width: Int

    package init(_ text: String, _ emphasis: Emphasis? = nil) {
        self.text = text
        self.emphasis = emphasis
        width = text.terminalWidth
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether this URL's path (the query left out) ends with `pattern`'s `/`-separated segments, `*` matching any
    /// one segment; compared on bytes from the end.
    fileprivate func endsWithSegments(_ pattern: UnsafeBufferPointer<UInt8>) -> Bool {
        let slash = UInt8(ascii: "/")
        guard let base = baseAddress else { return pattern.isEmpty }
        // memchr: a trip's link holds two ids of 129 characters and more.
        var end = count
        if let question = memchr(base, Int32(UInt8(ascii: "?")), count) { end = UnsafeRawPointer(question) - UnsafeRawPointer(base) }
        var wantEnd = pattern.count
        while wantEnd > 0 {
            var wantStart = wantEnd
            while wantStart > 0, pattern[wantStart - 1] != slash { wantStart -= 1 }
            while end > 0, self[end - 1] == slash { end -= 1 }
            guard end > 0 else { return false }
            var start = end
            while start > 0, base[start - 1] != slash { start -= 1 }
            let isWildcard = wantEnd - wantStart == 1 && pattern[wantStart] == UInt8(ascii: "*")
            if !isWildcard {
                guard end - start == wantEnd - wantStart else { return false }
                for offset in 0..<(end - start) where self[start + offset] != pattern[wantStart + offset] { return false }
            }
            end = start
            wantEnd = Swift.max(0, wantStart - 1)
        }
        return true
    }
}
