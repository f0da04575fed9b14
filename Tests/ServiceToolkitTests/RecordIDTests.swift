import Testing
import ServiceToolkit

@Suite struct RecordIDTests {
    @Test func madeIdsPassTheirOwnCheckAndSortByTime() throws {
        let early = RecordID.make("u", nowMs: 1_000)
        let late = RecordID.make("u", nowMs: 2_000)
        #expect(try RecordID.checked(early, prefix: "u", field: "unit_id") == early)
        #expect(early < late)
    }

    @Test func idsOfAnotherKindOrShapeAreRefusedNamingTheField() {
        let member = RecordID.make("m", nowMs: 1)
        #expect(refusedField { _ = try RecordID.checked(member, prefix: "u", field: "unit_id") } == "unit_id")
        #expect(refusedField { _ = try RecordID.checked("u_", prefix: "u", field: "unit_id") } == "unit_id")
        #expect(refusedField { _ = try RecordID.checked("u_a b", prefix: "u", field: "unit_id") } == "unit_id")
        #expect(refusedField { _ = try RecordID.checked("u_" + String(repeating: "A", count: 100), prefix: "u",
                                                        field: "unit_id") } == "unit_id")
        #expect(refusedField { _ = try RecordID.checked("", prefix: "u", field: "unit_id") } == "unit_id")
    }

    @Test func anEmptyOptionalIdPasses() throws {
        #expect(try RecordID.checked("", prefix: "u", field: "within_unit_id", required: false) == "")
    }
}
