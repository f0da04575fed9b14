import Testing
@testable import ServiceKit

@Suite struct CryptoTests {
    @Test func hmacMatchesRFC4231TestCase2() throws {
        let code = try HMACSHA256.authenticationCode(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        #expect(hex(code) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func sha256MatchesTheFIPSExample() throws {
        #expect(hex(try SHA256Digest.hash("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func constantTimeEqualsComparesContentAndLength() {
        #expect(HMACSHA256.constantTimeEquals([1, 2, 3], [1, 2, 3]))
        #expect(!HMACSHA256.constantTimeEquals([1, 2, 3], [1, 2, 4]))
        #expect(!HMACSHA256.constantTimeEquals([1, 2, 3], [1, 2]))
    }

    @Test func aesGCMRoundTripsAndRejectsTampering() throws {
        let cipher = try AESGCM(key: try SecureRandom.bytes(32))
        let secret = Array("001234567890".utf8)
        let box = try cipher.seal(secret, associatedData: Array("member-1".utf8))
        #expect(try cipher.open(box, associatedData: Array("member-1".utf8)) == secret)
        var altered = box
        altered[14] ^= 1
        #expect(throws: CryptoError.self) { try cipher.open(altered, associatedData: Array("member-1".utf8)) }
        #expect(throws: CryptoError.self) { try cipher.open(box, associatedData: Array("member-2".utf8)) }
        let otherKey = try AESGCM(key: try SecureRandom.bytes(32))
        #expect(throws: CryptoError.self) { try otherKey.open(box, associatedData: Array("member-1".utf8)) }
    }

    @Test func aesGCMSealsTheSameValueDifferentlyEachTime() throws {
        let cipher = try AESGCM(key: try SecureRandom.bytes(32))
        #expect(try cipher.seal([1, 2, 3]) != cipher.seal([1, 2, 3]))
        #expect(try cipher.open(cipher.seal([])) == [])
    }

    @Test func aesGCMRefusesAShortKey() {
        #expect(throws: CryptoError.self) { try AESGCM(key: [1, 2, 3]) }
    }

    @Test func uniformRandomStaysBelowItsBound() throws {
        for _ in 0..<1_000 {
            #expect(try SecureRandom.uniform(below: 10) < 10)
        }
    }

    @Test func base64URLRoundTripsEveryLength() {
        for length in 0..<40 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 37 + 250) }
            let text = Base64URL.encode(bytes)
            #expect(!text.contains("=") && !text.contains("+") && !text.contains("/"))
            #expect(Base64URL.decode(Substring(text)) == bytes)
        }
        #expect(Base64URL.decode("a") == nil)
        #expect(Base64URL.decode("ab==") == nil)
        #expect(Base64URL.decode("a+b/") == nil)
    }
}
