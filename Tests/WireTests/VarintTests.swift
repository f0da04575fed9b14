import Testing
@testable import Wire

@Suite struct VarintTests {
    @Test func sizesMatchTheEncodingSpec() {
        #expect(WireSize.varint(UInt64(0)) == 1)
        #expect(WireSize.varint(UInt64(127)) == 1)
        #expect(WireSize.varint(UInt64(128)) == 2)
        #expect(WireSize.varint(UInt64.max) == 10)
    }
}
