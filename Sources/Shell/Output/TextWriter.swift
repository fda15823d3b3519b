/// Text written byte by byte into one buffer, then made a string once: one allocation at most for a table cell, where
/// joining pieces (`fixed(lat) + ", " + fixed(lon) + " → " + …`) makes and copies a string per piece. A table of
/// 10 000 trips formats some 100 000 such cells.
package struct TextWriter: ~Copyable {
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private var count = 0

    private init(_ buffer: UnsafeMutableBufferPointer<UInt8>) { self.buffer = buffer }

    /// The text `body` writes, which must fit in `capacity` bytes (callers count their pieces' largest sizes:
    /// ``fixed(_:digits:)`` writes at most ``numberCapacity`` bytes).
    package static func text(capacity: Int, _ body: (inout TextWriter) -> Void) -> String {
        // On the stack first: a short result (`30.5 km`) then becomes a small string, with no allocation at all.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            var writer = TextWriter(buffer)
            body(&writer)
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<writer.count]), as: UTF8.self)
        }
    }

    /// The most bytes one ``fixed(_:digits:)`` writes.
    package static let numberCapacity = 40

    package mutating func write(_ byte: UInt8) {
        precondition(count < buffer.count, "TextWriter: more text than its capacity")
        buffer[count] = byte
        count += 1
    }

    package mutating func write(_ literal: StaticString) {
        literal.withUTF8Buffer { for byte in $0 { write(byte) } }
    }

    package mutating func write(_ text: String) {
        var text = text
        text.withUTF8 { for byte in $0 { write(byte) } }
    }

    /// `value` with exactly `digits` decimals (as ``Units/fixed(_:digits:)``).
    package mutating func fixed(_ value: Double, digits: Int) {
        guard value.isFinite, digits <= 15 else { return write(String(value)) }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e15 else { return write(String(value)) }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { digitsBuffer in
            var number = Int(scaled)
            var at = digitsBuffer.count
            var written = 0
            repeat {
                if written == digits && digits > 0 {
                    at -= 1
                    digitsBuffer[at] = UInt8(ascii: ".")
                }
                at -= 1
                digitsBuffer[at] = UInt8(ascii: "0") + UInt8(number % 10)
                number /= 10
                written += 1
            } while number > 0 || written <= digits
            if value < 0 && scaled > 0 { write(UInt8(ascii: "-")) }
            for byte in digitsBuffer[at...] { write(byte) }
        }
    }

    /// A non-negative integer, with leading zeros up to `width` digits.
    package mutating func integer(_ n: Int, width: Int = 1) {
        let n = max(0, n)
        var digits = 1
        var rest = n / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        for _ in digits..<max(digits, width) { write(UInt8(ascii: "0")) }
        var divisor = 1
        for _ in 1..<digits { divisor *= 10 }
        while divisor > 0 {
            write(UInt8(ascii: "0") + UInt8(n / divisor % 10))
            divisor /= 10
        }
    }

    /// `45.07812, 7.69873`: latitude first (as ``Units/coordinates(longitude:latitude:digits:)``).
    package mutating func coordinates(longitude: Double, latitude: Double, digits: Int) {
        fixed(latitude, digits: digits)
        write(", ")
        fixed(longitude, digits: digits)
    }
}
