import Client
import Testing

/// The PKCE S256 challenge, now hashed by the system's libcrypto: RFC 7636's own example, and a fresh pair.
struct PKCETests {
    @Test("RFC 7636 appendix B: the verifier's S256 challenge")
    func rfcExample() {
        #expect(OAuthClient.challenge(for: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
        #expect(LibCrypto.sha256(Array("abc".utf8)).prefix(4) == [0xba, 0x78, 0x16, 0xbf], "FIPS 180-2's abc")
    }

    @Test("a fresh pair: an 86-character verifier (64 random bytes) and its challenge")
    func freshPair() {
        let (verifier, challenge) = OAuthClient.makePKCE()
        #expect(verifier.count == 86 && challenge == OAuthClient.challenge(for: verifier))
        #expect(OAuthClient.makePKCE().verifier != verifier)
    }
}
