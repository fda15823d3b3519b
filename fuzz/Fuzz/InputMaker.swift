import FuzzSupport
import Shell

/// Makes the fuzz inputs: ccsh text strung together from the language's pieces, JSON documents from random values,
/// and mutations of both and of the corpus (real scripts and documents from the repository).
struct InputMaker {
    /// The largest input made; longer ones are cut (the crash reporter keeps a copy of each input this long).
    static let maxLength = 1 << 16

    var random: WyRand
    let scripts: [[UInt8]]
    let documents: [[UInt8]]

    /// Pieces of ccsh: keywords, commands, flags, operators, strings with escapes and interpolation, numbers at the
    /// edges of their types, comments, and bytes that are not ccsh at all.
    static let scriptPieces: [String] = [
        "let ", "if ", "else ", "for ", " in ", "def ", "try ", "catch ", "e ", "x", "$x", "$it", "$in", "$last", "$args", "$env.HOME",
        "$x.a.0.b", "$nope", "= ", " | ", "|", "; ", "\n", "\r\n", "(", ")", "[", "]", "{", "}", ",", ":", " ", "  ", "\t",
        "# comment\n", "#", "\"", "'", "\"a $x b\"", "\"$(echo 1)\"", "\"$(", "\\", "\\n", "\\u{1F697}", "\\u{110000}", "\\u{",
        "\"\\\"\"", "'raw $x'", "0", "1", "-1", "2.5", "1e308", "1e400", "-0", "9223372036854775807", "9223372036854775808",
        "-9223372036854775808", "0x1F", "1_000", ".5", "5.", "null", "true", "false", "==", "!=", "<", "<=", ">", ">=", "=~", "+", "-",
        "*", "/", "mod", "and", "or", "not ", "--", "--reverse", "--n=3", "-n", "--locale fr-FR", "--", "-", "first", "last", "nth",
        "count", "where", "select", "reject", "get", "sort-by", "reverse", "uniq", "flatten", "each", "enumerate", "group-by", "keys",
        "values", "range 1 5", "math sum", "math avg", "to json", "to csv", "to yaml", "to geojson", "from json", "from csv",
        "from yaml", "echo", "print", "help", "version", "level < 2", "{ $it * 2 }", "{a: 1, b: [2, 3]}", "[1, 2, 3]", "[]", "{}",
        "é", "🚗", "\u{0}", "\u{7}", "\u{FEFF}", "\u{202E}", "𝔵", "a.b.c", "energy.0.level", "fr-FR", "VR3", "*.ccsh",
    ]

    /// Pieces of JSON, good and bad.
    static let documentPieces: [String] = [
        "{", "}", "[", "]", ",", ":", "\"", "\"k\"", "\"k\":", "null", "nul", "true", "tru", "false", "0", "-0", "-", "1e", "1e999",
        "1E-400", "123456789012345678901234567890", "0.1", "01", "+1", ".5", "\"\\u", "\"\\ud800\"", "\"\\udc00\\ud800\"",
        "\"\\u0000\"", "\"\\x\"", "\"\\", " ", "\n", "\t", "\u{0}", "\u{1}", "é", "🚗", "\u{FEFF}", "\"_embedded\"", "\"items\"",
        "\"total\"", "\"_links\":{\"next\":{\"href\":\"/x\"}}", "[[[[[[[[[[", "]]]]]]]]]]", "{\"a\":{\"a\":{\"a\":",
    ]

    /// Bytes that are never valid UTF-8, or only as part of a sequence.
    static let badBytes: [UInt8] = [0x80, 0xBF, 0xC0, 0xC1, 0xC3, 0xE2, 0xED, 0xF0, 0xF4, 0xF5, 0xFE, 0xFF]

    mutating func script() -> [UInt8] {
        switch random.below(10) {
        case 0...2: return strung(Self.scriptPieces, count: 1 + random.below(24))
        case 3:
            if random.chance(50) { return deep() }
            return nested(open: random.pick(["(", "[", "{", "\"$(", "{a: ", "if true { "]), close: "")
        case 4: return splice(random.pick(scripts), random.pick(scripts))
        default: return mutated(random.pick(scripts), pieces: Self.scriptPieces, rounds: 1 + random.below(4))
        }
    }

    mutating func document() -> [UInt8] {
        switch random.below(10) {
        case 0...2: return JSONWriter.bytes(value(depth: 0), pretty: random.chance(30))
        case 3: return nested(open: random.pick(["[", "{\"a\":", "[{\"b\":"]), close: "")
        case 4: return mutated(JSONWriter.bytes(value(depth: 0)), pieces: Self.documentPieces, rounds: 1 + random.below(3))
        default: return mutated(random.pick(documents), pieces: Self.documentPieces, rounds: 1 + random.below(4))
        }
    }

    // MARK: Making

    private mutating func strung(_ pieces: [String], count: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        for _ in 0..<count { bytes += Array(random.pick(pieces).utf8) }
        return bytes
    }

    /// Shapes that nest without brackets: long flat chains of operators, long pipelines, and commands that call
    /// themselves through a block (the evaluator's depth budget ends each with an error).
    private mutating func deep() -> [UInt8] {
        let count = random.pick([50, 199, 200, 201, 1_000, 5_000])
        let text: String
        switch random.below(6) {
        case 0: text = Array(repeating: "1", count: count).joined(separator: random.pick([" + ", " * ", "-", " mod "]))
        case 1: text = Array(repeating: random.pick(["true", "$x", "(1 == 1)"]), count: count).joined(separator: random.pick([" and ", " or "]))
        case 2: text = "[1]" + String(repeating: random.pick([" | each { $it }", " | where $it > 0", " | first", "|count"]), count: count)
        case 3: text = "def f [] { [1] | \(random.pick(["each { f }", "where { f }", "where (f)", "each { [(f)] }"])) }; f"
        case 4: text = "def f [n] { if $n == 0 { 0 } else { 1 + (f ($n - 1)) } }; f \(count)"
        default: text = "def f [] { for x in [1] { f } }; " + String(repeating: "not ", count: random.below(5)) + "f"
        }
        return Array(text.utf8.prefix(Self.maxLength))
    }

    /// An opener repeated up to a few thousand times (past every depth limit), sometimes closed again.
    private mutating func nested(open: String, close: String) -> [UInt8] {
        let depth = random.pick([10, 100, 511, 512, 513, 1_000, 5_000])
        var bytes = Array(String(repeating: open, count: depth).utf8)
        if random.chance(50) { bytes += Array("1".utf8) + Array(String(repeating: closer(of: open), count: depth).utf8) }
        return Array(bytes.prefix(Self.maxLength))
    }

    private func closer(of opener: String) -> String {
        switch opener {
        case "(", "\"$(": ")"
        case "[": "]"
        case "{\"a\":", "{a: ", "if true { ": "}"
        case "[{\"b\":": "}]"
        default: "{"
        }
    }

    /// A random JSON-shaped value: every kind, strings with escapes and characters outside the BMP.
    private mutating func value(depth: Int) -> Value {
        switch random.below(depth > 3 ? 5 : 7) {
        case 0: return .null
        case 1: return .bool(random.chance(50))
        case 2: return .int(random.pick([0, -1, 1, 42, Int.max, Int.min, random.below(1_000_000) - 500_000]))
        case 3: return .double(random.pick([0.5, -0.0, 1e-300, 1.7976931348623157e308, Double(random.below(100_000)) / 7]))
        case 4:
            return .string(
                String(decoding: strung(["a", "é", "🚗", "\"", "\\", "\n", "\u{0}", "\u{1F}", "/", " "], count: random.below(8)), as: UTF8.self))
        case 5: return .list((0..<random.below(5)).map { _ in value(depth: depth + 1) })
        default:
            let keys = ["id", "vin", "_embedded", "items", "level", "", "é", "a b"]
            return .record(Record(keys.prefix(random.below(5)).map { Record.Field(name: $0, value: value(depth: depth + 1)) }))
        }
    }

    // MARK: Mutating

    /// `bytes` changed `rounds` times: bytes and ranges deleted, repeated, swapped or overwritten, pieces inserted,
    /// bad UTF-8 dropped in, the end cut off.
    private mutating func mutated(_ original: [UInt8], pieces: [String], rounds: Int) -> [UInt8] {
        var bytes = original
        for _ in 0..<rounds {
            let at = random.below(bytes.count + 1)
            let length = min(bytes.count - at, 1 + random.below(16))
            switch random.below(8) {
            case 0: bytes.removeSubrange(at..<(at + length))
            case 1: bytes.insert(contentsOf: bytes[at..<(at + length)], at: at)
            case 2: bytes.insert(contentsOf: Array(random.pick(pieces).utf8), at: at)
            case 3: if at < bytes.count { bytes[at] = UInt8(truncatingIfNeeded: random.next()) }
            case 4: bytes.insert(random.pick(Self.badBytes), at: at)
            case 5: bytes = Array(bytes.prefix(at))
            case 6:
                let other = random.below(bytes.count + 1)
                let piece = Array(bytes[min(other, bytes.count - length)...].prefix(length))
                bytes.insert(contentsOf: piece, at: at)
            default: bytes.insert(contentsOf: Array(random.pick(pieces).utf8), at: at)
            }
        }
        return Array(bytes.prefix(Self.maxLength))
    }

    /// The start of one input joined to the end of another.
    private mutating func splice(_ first: [UInt8], _ second: [UInt8]) -> [UInt8] {
        Array((first.prefix(random.below(first.count + 1)) + second.suffix(random.below(second.count + 1))).prefix(Self.maxLength))
    }
}
