import RPCContracts
import Testing
@testable import ServiceKit

@Suite struct AccessTokenTests {
    static let now: Int64 = 1_795_000_000_000

    static func keyRing(_ lines: String...) throws -> TokenKeyRing {
        try TokenKeyRing(fileContents: lines.joined(separator: "\n"))
    }

    static func claims(expiresInMs: Int64 = 600_000) -> AccessTokenClaims {
        var claims = AccessTokenClaims()
        claims.memberID = "m-1"
        claims.unitID = "u-cell"
        claims.ancestorUnitIDs = ["u-province", "u-commune"]
        var grant = Grant()
        grant.role = .cellSecretary
        grant.unitID = "u-cell"
        claims.grants = [grant]
        claims.sessionID = "s-1"
        claims.issuedAtMS = now
        claims.expiresAtMS = now + expiresInMs
        return claims
    }

    @Test func aSignedTokenVerifiesToItsClaims() throws {
        let codec = AccessTokenCodec(keyRing: try Self.keyRing(try TokenKeyRing.newKeyLine(id: "k1")))
        let token = try codec.sign(Self.claims())
        #expect(try codec.verify(token, nowMs: Self.now + 1_000) == Self.claims())
    }

    @Test func aTamperedTokenIsRejected() throws {
        let codec = AccessTokenCodec(keyRing: try Self.keyRing(try TokenKeyRing.newKeyLine(id: "k1")))
        let token = try codec.sign(Self.claims())
        // Claim somebody else's member id, keeping the old signature.
        var forged = Self.claims()
        forged.memberID = "m-2"
        let parts = token.split(separator: ".")
        let tampered = "\(parts[0]).\(parts[1]).\(Base64URL.encode(forged.wireEncoded())).\(parts[3])"
        #expect(throws: TokenError.badSignature) { try codec.verify(tampered, nowMs: Self.now) }
    }

    @Test func aTokenSignedWithAnotherKeyOfTheSameIDIsRejected() throws {
        let ours = AccessTokenCodec(keyRing: try Self.keyRing(try TokenKeyRing.newKeyLine(id: "k1")))
        let theirs = AccessTokenCodec(keyRing: try Self.keyRing(try TokenKeyRing.newKeyLine(id: "k1")))
        #expect(throws: TokenError.badSignature) { try ours.verify(try theirs.sign(Self.claims()), nowMs: Self.now) }
    }

    @Test func anExpiredTokenIsRejectedAfterTheClockSkew() throws {
        let codec = AccessTokenCodec(keyRing: try Self.keyRing(try TokenKeyRing.newKeyLine(id: "k1")))
        let token = try codec.sign(Self.claims(expiresInMs: 60_000))
        #expect(try codec.verify(token, nowMs: Self.now + 60_000 + AccessTokenCodec.allowedClockSkewMs - 1).memberID == "m-1")
        #expect(throws: TokenError.expired) {
            try codec.verify(token, nowMs: Self.now + 60_000 + AccessTokenCodec.allowedClockSkewMs)
        }
    }

    @Test func aTokenFromTheFutureIsRejected() throws {
        let codec = AccessTokenCodec(keyRing: try Self.keyRing(try TokenKeyRing.newKeyLine(id: "k1")))
        let token = try codec.sign(Self.claims())
        #expect(throws: TokenError.notYetValid) {
            try codec.verify(token, nowMs: Self.now - AccessTokenCodec.allowedClockSkewMs - 1)
        }
    }

    @Test func anUnknownKeyIDIsRejected() throws {
        let signer = AccessTokenCodec(keyRing: try Self.keyRing(try TokenKeyRing.newKeyLine(id: "k2")))
        let verifier = AccessTokenCodec(keyRing: try Self.keyRing(try TokenKeyRing.newKeyLine(id: "k1")))
        #expect(throws: TokenError.unknownKey) { try verifier.verify(try signer.sign(Self.claims()), nowMs: Self.now) }
    }

    @Test(arguments: ["", "v1", "v1.k1.a.b.c", "v2.k1.AAAA.AAAA", "v1.k1.!!!.AAAA", "v1.k1.AAAA.***"])
    func malformedTokensAreRejected(_ token: String) throws {
        let codec = AccessTokenCodec(keyRing: try Self.keyRing(try TokenKeyRing.newKeyLine(id: "k1")))
        #expect(throws: TokenError.self) { try codec.verify(token, nowMs: Self.now) }
    }

    @Test func rotationSignsWithTheNewKeyAndStillVerifiesTheOld() throws {
        let oldLine = try TokenKeyRing.newKeyLine(id: "k1")
        let newLine = try TokenKeyRing.newKeyLine(id: "k2")
        let before = AccessTokenCodec(keyRing: try Self.keyRing(oldLine))
        let after = AccessTokenCodec(keyRing: try Self.keyRing(newLine, oldLine))
        let oldToken = try before.sign(Self.claims())
        let newToken = try after.sign(Self.claims())
        #expect(newToken.hasPrefix("v1.k2."))
        #expect(try after.verify(oldToken, nowMs: Self.now).memberID == "m-1")
        let retired = AccessTokenCodec(keyRing: try Self.keyRing(newLine))
        #expect(throws: TokenError.unknownKey) { try retired.verify(oldToken, nowMs: Self.now) }
    }

    @Test(arguments: ["", "# only a comment", "k1", "k1 c2hvcnQ", "k/1 AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"])
    func aBadKeyFileNamesTheVariable(_ contents: String) {
        #expect {
            _ = try TokenKeyRing(fileContents: contents)
        } throws: { error in
            (error as? ConfigError)?.variable == "SOTAY_TOKEN_KEY_FILE"
        }
    }
}
