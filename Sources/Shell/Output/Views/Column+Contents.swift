/// The usual columns, by what they read: `.instant("startedAt")`, `.number("distance", unit: "km", digits: 1)`.
/// A path is a cell path into the document (`energy.0.level`).
extension Column.Content {
    /// Text as it is (prose is cut at its end).
    package static func text(_ path: String) -> Self {
        let reader = ViewPath(path)
        return Self(field: path) { record, _ in reader.value(in: record).flatMap(Self.plain).map { Cell($0) } }
    }

    /// Text never cut (a VIN): the column keeps its width or is dropped.
    package static func code(_ path: String) -> Self {
        var content = text(path)
        content.cut = .never
        return content
    }

    /// An id, shortened in the middle as far as it stays unique in the table.
    package static func identifier(_ path: String) -> Self {
        let reader = ViewPath(path)
        return Self(cut: .identifier, field: path) { record, _ in reader.value(in: record).flatMap(Self.plain).map { Cell($0) } }
    }

    /// An instant as local time and age (`14:22 · 3 h ago`), or as written with `set time iso`.
    package static func instant(_ path: String) -> Self {
        let reader = ViewPath(path)
        return Self(cut: .never, field: path) { record, presentation in
            guard case .string(let text)? = reader.value(in: record) else { return nil }
            return Cell(Instant(text)?.text(presentation) ?? text)
        }
    }

    /// A duration (ISO 8601 or seconds) as `2 h 10 min`.
    package static func duration(_ path: String) -> Self {
        let reader = ViewPath(path)
        return Self(alignsRight: true, cut: .never, field: path) { record, _ in
            guard let value = reader.value(in: record) else { return nil }
            return Cell(Units.duration(value) ?? value.text)
        }
    }

    /// A number with its unit, right-aligned: `30.5 km`.
    package static func number(_ path: String, unit: String? = nil, digits: Int = 0) -> Self {
        let reader = ViewPath(path)
        return Self(alignsRight: true, cut: .never, field: path) { record, _ in
            guard let number = reader.value(in: record)?.number else { return nil }
            return Cell(Units.number(number, digits: digits, unit: unit))
        }
    }

    /// A level out of 100 (`48 %`), in the alarm color under 20 %.
    package static func percent(_ path: String) -> Self {
        let reader = ViewPath(path)
        return Self(alignsRight: true, cut: .never, field: path) { record, _ in
            guard let level = reader.value(in: record)?.number else { return nil }
            return Cell(Units.number(level, digits: 0, unit: "%"), level < 20 ? .alarm : nil)
        }
    }

    /// A boolean in words: `yes` or nothing by default.
    package static func yesNo(_ path: String, yes: String = "yes", no: String = "", emphasis: Emphasis? = nil) -> Self {
        let reader = ViewPath(path)
        return Self(cut: .never, field: path) { record, _ in
            guard case .bool(let flag)? = reader.value(in: record) else { return nil }
            return Cell(flag ? yes : no, flag ? emphasis : nil)
        }
    }

    /// A GeoJSON Feature's point as `45.07812, 7.69873` (latitude first).
    package static func point(_ path: String) -> Self {
        let reader = ViewPath(path)
        return Self(cut: .never, field: path) { record, _ in
            guard let point = reader.value(in: record).flatMap(GeoPoint.init(feature:)) else { return nil }
            return Cell(Units.coordinates(longitude: point.longitude, latitude: point.latitude))
        }
    }

    /// Any cell a closure makes.
    package static func custom(alignsRight: Bool = false, cut: Cut = .end, _ cell: @escaping @Sendable (Record, Presentation) -> Cell?) -> Self {
        Self(alignsRight: alignsRight, cut: cut, cell)
    }

    /// A scalar as text; nil for null, nested values as compact text.
    static func plain(_ value: Value) -> String? {
        switch value {
        case .null: nil
        case .string(let text): text
        case .list, .record: InlineText.text(value, limit: 200)
        default: value.text
        }
    }
}

/// A view column's path into a document, read for every row of a table: one field by name directly (most columns),
/// a longer path walked in place by ``Record/at(_:)``.
struct ViewPath: Sendable {
    private let text: String
    private let isOneField: Bool

    init(_ text: String) {
        self.text = text
        isOneField = !text.utf8.contains(UInt8(ascii: "."))
    }

    func value(in record: Record) -> Value? { isOneField ? record[text] : record.at(text) }
}
