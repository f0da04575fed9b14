import ContentContracts
import RPC
import ServiceTestSupport
import TestSupport
import Testing

/// Read marks, bookmarks, notes, and the month's counts per subtree for the report.
@Suite struct ReadingTests {
    static let january15 = Int64(1_799_982_000_000)    // 2027-01-15 03:00 UTC
    /// 2027-01-31 18:00 UTC is 1 February 01:00 in Vietnam: it counts for February.
    static let lateJanuaryUTC = Int64(1_801_418_400_000)

    @Test func readsAndActiveMembersAreCountedPerMonthAndSubtree() async throws {
        try await withContent("counts") { world in
            world.environment.clock.set(toMs: Self.january15)
            let first = try await world.published(.news, in: world.tree.province, document("Tin tháng một"))
            let second = try await world.published(.news, in: world.tree.province, document("Tin thứ hai"))
            func read(_ item: Item, as name: String) async throws {
                var request = ItemRequest()
                request.itemID = item.id
                let marked = try await world.content.markRead(request, options: world.member(name))
                #expect(marked.read)
            }
            try await read(first, as: "Lan")
            try await read(first, as: "Lan")      // the same member and month counts once
            try await read(second, as: "Lan")
            try await read(first, as: "Hung")
            try await read(first, as: "Hoa")
            world.environment.clock.set(toMs: Self.lateJanuaryUTC)
            try await read(first, as: "Tuan")

            func counts(_ unitID: String, _ month: String) async throws -> ReadingCounts {
                var request = GetReadingCountsRequest()
                request.unitID = unitID
                request.month = month
                return try await world.content.getReadingCounts(request, options: world.leader(of: world.tree.province))
            }
            let province = try await counts(world.tree.province, "2027-01")
            #expect(province.reads == 4)
            #expect(province.activeMembers == 3)
            #expect(province.items.map(\.itemID) == [first.id, second.id])
            #expect(province.items.map(\.readers) == [3, 1])
            let commune = try await counts(world.tree.commune, "2027-01")
            #expect(commune.reads == 3)
            #expect(commune.activeMembers == 2)
            let february = try await counts(world.tree.commune, "2027-02")
            #expect(february.reads == 1)
            #expect(february.activeMembers == 1)
            // Members do not see the unit's counts; a bad month names the field.
            var denied = GetReadingCountsRequest()
            denied.unitID = world.tree.commune
            denied.month = "2027-01"
            #expect(await statusCode { _ = try await world.content.getReadingCounts(denied, options: world.member("Lan")) }
                == .permissionDenied)
            denied.month = "2027-13"
            #expect(await statusCode {
                _ = try await world.content.getReadingCounts(denied, options: world.leader(of: world.tree.province))
            } == .invalidArgument)
        }
    }

    @Test func theFeedShowsReadAndUnreadAndBookmarksAndNotesArePersonal() async throws {
        try await withContent("records") { world in
            let older = try await world.published(.news, in: world.tree.province, document("Tin cũ"))
            let newer = try await world.published(.event, in: world.tree.province, document("Sự kiện mới"))
            let lan = try world.member("Lan")
            var read = ItemRequest()
            read.itemID = older.id
            _ = try await world.content.markRead(read, options: lan)
            let feed = try await world.content.listFeed(ListFeedRequest(), options: lan)
            #expect(feed.items.map(\.id) == [newer.id, older.id])
            #expect(feed.items.map(\.read) == [false, true])
            var unread = ListFeedRequest()
            unread.unreadOnly = true
            #expect(try await world.content.listFeed(unread, options: lan).items.map(\.id) == [newer.id])
            var events = ListFeedRequest()
            events.kinds = [.event]
            #expect(try await world.content.listFeed(events, options: lan).items.map(\.id) == [newer.id])

            var bookmark = SetBookmarkRequest()
            bookmark.itemID = older.id
            bookmark.bookmarked = true
            _ = try await world.content.setBookmark(bookmark, options: lan)
            var note = SetNoteRequest()
            note.itemID = older.id
            note.text = "Ghi chú của tôi:\nđọc lại trước buổi sinh hoạt."
            let noted = try await world.content.setNote(note, options: lan)
            #expect(noted.bookmarked)
            #expect(noted.note == note.text)
            #expect(try await world.content.listBookmarks(ListBookmarksRequest(), options: lan).items.map(\.id) == [older.id])
            let hung = try world.member("Hung")
            #expect(try await world.content.listBookmarks(ListBookmarksRequest(), options: hung).items.isEmpty)
            #expect(try await world.content.getItem(world.get(older.id), options: hung).note == "")
            #expect(try await world.content.getItem(world.get(older.id), options: lan).note == note.text)
        }
    }
}
