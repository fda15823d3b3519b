/// One HTTP request as the sandbox's handlers see it: method, decoded path segments, ordered query and headers.
package struct SandboxRequest: Sendable {
    package var method: String
    /// The path as sent, without the query (for logs and links).
    package var path: String
    /// Percent-decoded path segments, without empty ones.
    package var segments: [String]
    /// Query parameters in order, percent- and `+`-decoded; repeated keys stay repeated (`collectionFormat: multi`).
    package var query: [(name: String, value: String)]
    /// Header names lower-cased.
    package var headers: [String: String]
    package var body: [UInt8]

    package init(method: String, target: String, headers: [String: String], body: [UInt8]) {
        self.method = method
        let pathPart = target.prefix { $0 != "?" }
        path = String(pathPart)
        segments = pathPart.split(separator: "/").map { FormEncoding.decode($0) }
        query = target.contains("?") ? FormEncoding.parse(target.drop { $0 != "?" }.dropFirst()) : []
        self.headers = headers
        self.body = body
    }

    /// The first value of a query parameter.
    package func queryValue(_ name: String) -> String? { query.first { $0.name == name }?.value }

    /// Every value of a repeated query parameter.
    package func queryValues(_ name: String) -> [String] { query.filter { $0.name == name }.map(\.value) }
}

/// `application/x-www-form-urlencoded` and query-string decoding.
package enum FormEncoding {
    /// `a=1&b=x%20y&b=z` → [(a,1),(b,"x y"),(b,z)].
    package static func parse<S: StringProtocol>(_ text: S) -> [(name: String, value: String)] {
        text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let name = pair.prefix { $0 != "=" }
            let value = pair.contains("=") ? pair.drop { $0 != "=" }.dropFirst() : ""
            return (decode(name, plusIsSpace: true), decode(value, plusIsSpace: true))
        }
    }

    /// Percent-decoding; invalid escapes are kept literally.
    package static func decode<S: StringProtocol>(_ text: S, plusIsSpace: Bool = false) -> String {
        var out: [UInt8] = []
        var bytes = Array(text.utf8)[...]
        while let byte = bytes.popFirst() {
            if byte == UInt8(ascii: "%"), bytes.count >= 2,
                let value = UInt8(String(decoding: bytes.prefix(2), as: UTF8.self), radix: 16)
            {
                out.append(value)
                bytes = bytes.dropFirst(2)
            } else {
                out.append(plusIsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Percent-encodes a query value (RFC 3986 unreserved characters stay as they are).
    package static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out
    }
}
