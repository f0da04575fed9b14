import ContentContracts
import RPC
import ServiceTestSupport
import TestSupport
import Testing

/// Content's part of the home screen: what the member may read and has not opened.
@Suite struct HomeSummaryTests {
    @Test func unreadCountsOnlyWhatTheMemberMaySeeAndHasNotOpened() async throws {
        try await withContent("home") { world in
            let read = try await world.published(.news, in: world.tree.province, document("Tin đã đọc"))
            let unread = try await world.published(.resolution, in: world.tree.commune, document("Nghị quyết mới", number: "07-NQ/ĐU"))
            // Cell C's item is not Lan's to read: it must not be counted for her.
            _ = try await world.published(.news, in: world.tree.cellC, document("Tin của chi bộ khác"))
            let lan = try world.member("Lan")
            var mark = ItemRequest()
            mark.itemID = read.id
            _ = try await world.content.markRead(mark, options: lan)

            let home = ContentHomeServiceClient(channel: world.content.channel)
            let summary = try await home.getHomeSummary(GetHomeSummaryRequest(), options: lan)
            #expect(summary.unread == 1)
            #expect(summary.unreadWindow == 50)
            #expect(summary.newestUnread.map(\.id) == [unread.id])
            #expect(summary.newestUnread.first?.number == "07-NQ/ĐU" && summary.newestUnread.first?.kind == .resolution)

            // Hoa, in cell C, has read nothing: the province's item and her cell's, not the
            // commune's (the commune is not above cell C).
            let hoa = try await home.getHomeSummary(GetHomeSummaryRequest(), options: world.member("Hoa"))
            #expect(hoa.unread == 2)
            #expect(await statusCode { _ = try await home.getHomeSummary(GetHomeSummaryRequest()) } == .unauthenticated)
        }
    }
}
