import Testing
import ServiceToolkit

@Suite struct ISODateTests {
    @Test func onlyRealCalendarDatesPass() throws {
        #expect(refusedField { _ = try ISODate.checked("1990-02-31", field: "birth_date", required: true) } == "birth_date")
        #expect(refusedField { _ = try ISODate.checked("1990-13-01", field: "birth_date", required: true) } == "birth_date")
        #expect(refusedField { _ = try ISODate.checked("1900-02-29", field: "d", required: true) } == "d")
        #expect(refusedField { _ = try ISODate.checked("1990-2-03", field: "d", required: true) } == "d")
        #expect(refusedField { _ = try ISODate.checked("１９９０-02-03", field: "d", required: true) } == "d")
        #expect(try ISODate.checked("2000-02-29", field: "d", required: true) == "2000-02-29")
    }

    @Test func anEmptyDateIsRefusedOnlyWhenRequired() throws {
        #expect(try ISODate.checked("", field: "official_on", required: false) == "")
        #expect(refusedField { _ = try ISODate.checked("", field: "birth_date", required: true) } == "birth_date")
    }

    @Test func aDateAfterTheLatestAllowedIsRefused() throws {
        #expect(refusedField {
            _ = try ISODate.checked("2030-01-01", field: "birth_date", required: true, notAfter: "2026-12-01")
        } == "birth_date")
        #expect(try ISODate.checked("2026-12-01", field: "d", required: true, notAfter: "2026-12-01") == "2026-12-01")
    }

    @Test func orderedDatesNameTheLaterField() throws {
        #expect(refusedField {
            try ISODate.requireOrder(("admitted_on", "2010-05-01"), ("official_on", "2009-05-01"))
        } == "official_on")
        try ISODate.requireOrder(("admitted_on", "2010-05-01"), ("official_on", ""))
        try ISODate.requireOrder(("admitted_on", "2010-05-01"), ("official_on", "2011-05-01"))
    }

    @Test func todayIsVietnamsDate() {
        // 2026-01-01 18:00 UTC is already 2 January in Hà Nội.
        #expect(ISODate.today(nowMs: 1_767_290_400_000) == "2026-01-02")
        #expect(ISODate.today(nowMs: 0) == "1970-01-01")
    }
}
