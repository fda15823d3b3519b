import Client
import Testing

/// Percent-encoding of ids and query values, and its inverse.
@Suite("URLEncoding")
struct URLEncodingTests {
    @Test("unreserved characters stay, everything else is %XX of its UTF-8 bytes, and decoding undoes it")
    func roundTrip() {
        #expect(URLEncoding.encode("VXKUHZKXZL4123456-a.b_c~") == "VXKUHZKXZL4123456-a.b_c~")
        #expect(URLEncoding.encode("a b/c?d=e&f%") == "a%20b%2Fc%3Fd%3De%26f%25")
        #expect(URLEncoding.encode("Garé ✓") == "Gar%C3%A9%20%E2%9C%93")
        #expect(URLEncoding.encode("\n") == "%0A")
        for text in ["a b/c?d=e&f%", "Garé ✓", "", "~"] { #expect(URLEncoding.decode(Substring(URLEncoding.encode(text))) == text) }
    }
}
