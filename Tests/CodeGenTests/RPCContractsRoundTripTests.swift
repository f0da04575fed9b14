import RPCContracts
import Testing
import Wire

@Suite struct RPCContractsRoundTripTests {
    /// A response frame with every field set, and its bytes worked out by hand from the
    /// encoding spec; libprotobuf-c writes the same (fields in number order).
    static let goldenFrame: (frame: Frame, bytes: [UInt8]) = {
        var frame = Frame()
        frame.callID = 1
        frame.kind = .response
        frame.method = "/a/B"
        frame.metadata = ["k": "v"]
        frame.timeoutMS = 300
        frame.payload = [1, 2]
        var status = Status()
        status.code = .notFound
        status.message = "x"
        frame.status = status
        frame.lastCallID = 2
        let bytes: [UInt8] = [
            0x08, 0x01,                                      // 1 call_id: 1
            0x10, 0x02,                                      // 2 kind: RESPONSE
            0x1A, 0x04, 0x2F, 0x61, 0x2F, 0x42,              // 3 method: "/a/B"
            0x22, 0x06, 0x0A, 0x01, 0x6B, 0x12, 0x01, 0x76,  // 4 metadata: {k: v}
            0x28, 0xAC, 0x02,                                // 5 timeout_ms: 300
            0x32, 0x02, 0x01, 0x02,                          // 6 payload
            0x3A, 0x05, 0x08, 0x05, 0x12, 0x01, 0x78,        // 7 status: NOT_FOUND, "x"
            0x40, 0x02,                                      // 8 last_call_id: 2
        ]
        return (frame, bytes)
    }()

    @Test func aFrameEncodesToItsGoldenBytesAndBack() throws {
        #expect(Self.goldenFrame.frame.wireEncoded() == Self.goldenFrame.bytes)
        #expect(try Frame(wireEncoded: Self.goldenFrame.bytes) == Self.goldenFrame.frame)
    }

    @Test func anEmptyFrameIsZeroBytes() {
        #expect(Frame().wireEncoded().isEmpty)
    }

    @Test func anEmptyStatusIsStillWrittenBecauseMessagesHavePresence() throws {
        var frame = Frame()
        frame.status = Status()
        #expect(frame.wireEncoded() == [0x3A, 0x00])
        #expect(try Frame(wireEncoded: [0x3A, 0x00]).status == Status())
        #expect(try Frame(wireEncoded: []).status == nil)
    }

    @Test func aStatusMessageSeenTwiceIsMerged() throws {
        // Two occurrences of field 7: the first sets code, the second the message.
        let decoded = try Frame(wireEncoded: [0x3A, 0x02, 0x08, 0x03, 0x3A, 0x03, 0x12, 0x01, 0x79])
        #expect(decoded.status?.code == .invalidArgument)
        #expect(decoded.status?.message == "y")
    }

    @Test func unknownFieldsAreKeptAndWrittenBackAfterTheKnownOnes() throws {
        // Field 99 (varint 7) is unknown to AccessTokenClaims, followed by member_id "m".
        let bytes: [UInt8] = [0x98, 0x06, 0x07, 0x0A, 0x01, 0x6D]
        let claims = try AccessTokenClaims(wireEncoded: bytes)
        #expect(claims.memberID == "m")
        #expect(claims.unknownFields.bytes == [0x98, 0x06, 0x07])
        #expect(claims.wireEncoded() == [0x0A, 0x01, 0x6D, 0x98, 0x06, 0x07])
    }

    @Test func anUnrecognizedEnumNumberIsKeptAndWrittenBack() throws {
        let decoded = try HealthCheckResponse(wireEncoded: [0x08, 0x07])
        #expect(decoded.status == .unrecognized(7))
        #expect(decoded.wireEncoded() == [0x08, 0x07])
    }

    @Test func aNegativeEnumNumberTakesTenBytes() throws {
        var grant = Grant()
        grant.role = Role(rawValue: -1)
        let bytes = grant.wireEncoded()
        #expect(bytes == [0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01])
        #expect(try Grant(wireEncoded: bytes).role == .unrecognized(-1))
    }

    @Test func enumCasesFollowTheNamingRules() {
        #expect(StatusCode.allCases.count == 17)
        #expect(StatusCode.unauthenticated.rawValue == 16)
        #expect(Role.cellSecretary.rawValue == 2)
        #expect(FrameKind() == .unspecified)
        #expect(HealthCheckResponse.ServingStatus.notServing.rawValue == 2)
    }

    @Test func claimsWithRepeatedFieldsRoundTrip() throws {
        var claims = AccessTokenClaims()
        claims.memberID = "đảng-viên-1"
        claims.unitID = "chi-bo-3"
        claims.ancestorUnitIDs = ["tinh", "huyen", "xa"]
        var grant = Grant()
        grant.role = .editor
        grant.unitID = "huyen"
        claims.grants = [grant, Grant()]
        claims.sessionID = "s"
        claims.issuedAtMS = 1_700_000_000_000
        claims.expiresAtMS = -1
        #expect(try AccessTokenClaims(wireEncoded: claims.wireEncoded()) == claims)
    }

    @Test func fieldViolationsRoundTripInsideAStatus() throws {
        var status = Status()
        status.code = .invalidArgument
        var violation = FieldViolation()
        violation.field = "member.phone"
        violation.description = "không hợp lệ"
        status.fieldViolations = [violation]
        #expect(try Status(wireEncoded: status.wireEncoded()) == status)
        #expect(HealthCheckRequest().wireEncoded().isEmpty)
    }
}
