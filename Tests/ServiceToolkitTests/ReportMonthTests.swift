import RPC
import ServiceToolkit
import Testing

@Suite struct ReportMonthTests {
    @Test func aMonthRunsFromVietnamsMidnightOnTheFirstToTheNextFirst() throws {
        let october = try ReportMonth(checking: "2026-10")
        #expect(october.startMs == 1_790_787_600_000)  // 2026-09-30T17:00:00Z
        #expect(october.endMs == 1_793_466_000_000)    // 2026-10-31T17:00:00Z
        let december = try ReportMonth(checking: "2026-12")
        #expect(december.endMs == 1_798_736_400_000)   // 2026-12-31T17:00:00Z, into the next year
        #expect(october.contains(october.startMs) && !october.contains(october.endMs))
    }

    @Test func theMonthOfAnInstantIsVietnams() {
        // 2027-01-31T23:30:00Z is already 1 February in Vietnam.
        #expect(ReportMonth.of(nowMs: 1_801_438_200_000) == "2027-02")
    }

    @Test func onlyRealMonthsWrittenYYYYMMPass() {
        for text in ["2026-13", "2026-00", "2026-1", "26-10", "2026-10-01", "1899-12", "２０２６-10", ""] {
            #expect(throws: RPCError.self, "\(text)") { try ReportMonth(checking: text, field: "month") }
        }
        #expect((try? ReportMonth(checking: "2026-10", field: "month"))?.text == "2026-10")
    }
}
