/// Literals for values in Swift code (signature examples, tests): `1`, `"a"`, `[1, 2]`, `["vin": "A"]` (a
/// record, fields in the order written). No nil literal: `nil` must always mean a missing `Value?`, never null.
extension Value: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    package init(integerLiteral value: Int) { self = .int(value) }
    package init(floatLiteral value: Double) { self = .double(value) }
    package init(stringLiteral value: String) { self = .string(value) }
    package init(booleanLiteral value: Bool) { self = .bool(value) }
    package init(arrayLiteral elements: Value...) { self = .list(elements) }

    package init(dictionaryLiteral elements: (String, Value)...) {
        self = .record(Record(elements.map { Record.Field(name: $0.0, value: $0.1) }))
    }
}
