import ContentContracts
import RPC
import ServiceTestSupport
import ServiceToolkit
import TestSupport
import Testing

/// An item published by unit U reaches U's subtree, and nobody else: they never see,
/// find, count or get cited an item they may not see.
@Suite struct VisibilityTests {
    @Test func anItemReachesItsUnitsSubtreeAndTheProvincesReachesEveryone() async throws {
        try await withContent("visibility") { world in
            let communeItem = try await world.published(
                .guidance, in: world.tree.commune,
                document("Hướng dẫn riêng của xã Khe Hóp", number: "07-HD/ĐU", body: "Điều 1. Chè shan tuyết của xã."))
            let provinceItem = try await world.published(
                .resolution, in: world.tree.province,
                document("Nghị quyết của tỉnh", number: "51-NQ/TU", body: "Điều 1. Chuyển đổi số toàn tỉnh."))
            let lan = try world.member("Lan")    // cell A, under the commune
            let hoa = try world.member("Hoa")    // cell C, under the bloc

            #expect(try await world.content.listFeed(ListFeedRequest(), options: lan).items.map(\.id)
                == [provinceItem.id, communeItem.id])
            #expect(try await world.content.listFeed(ListFeedRequest(), options: hoa).items.map(\.id) == [provinceItem.id])
            _ = try await world.content.getItem(world.get(communeItem.id), options: lan)
            // Hoa gets the answer she would get for an id that does not exist.
            #expect(await statusCode { _ = try await world.content.getItem(world.get(communeItem.id), options: hoa) }
                == .notFound)
            #expect(await statusCode {
                _ = try await world.content.getItem(world.get("ci_01JAAAAAAAAAAAAAAAAAAAAAAA"), options: hoa)
            } == .notFound)
            #expect(await statusCode {
                var read = ItemRequest()
                read.itemID = communeItem.id
                _ = try await world.content.markRead(read, options: hoa)
            } == .notFound)
            // Not found by search, not in the library, not in a batch, not cited.
            #expect(try await world.content.search(world.search("che shan tuyet"), options: lan).hits.count == 1)
            #expect(try await world.content.search(world.search("che shan tuyet"), options: hoa).hits.isEmpty)
            #expect(try await world.content.listLibrary(ListLibraryRequest(), options: hoa).items.map(\.id) == [provinceItem.id])
            var batch = BatchGetItemsRequest()
            batch.itemIDs = [communeItem.id, provinceItem.id]
            #expect(try await world.content.batchGetItems(batch, options: hoa).items.map(\.id) == [provinceItem.id])
            #expect(try await world.content.batchGetItems(batch, options: lan).items.map(\.id)
                == [communeItem.id, provinceItem.id])
            #expect(try await world.content.ask(world.ask("chè shan tuyết của xã"), options: lan).passages.first?.itemID
                == communeItem.id)
            #expect(try await world.content.ask(world.ask("chè shan tuyết của xã"), options: hoa).passages.isEmpty)
            // The meeting service, calling for itself, gets the documents of any meeting.
            #expect(try await world.content.batchGetItems(batch, options: world.environment.tokens.asService("meeting"))
                .items.count == 2)
        }
    }

    @Test func aMemberOfAnotherSubtreeNeverCountsInTheReadingOfAnItem() async throws {
        try await withContent("visibility-counts") { world in
            let item = try await world.published(.news, in: world.tree.commune, document("Tin xã"))
            var read = ItemRequest()
            read.itemID = item.id
            _ = try await world.content.markRead(read, options: world.member("Lan"))
            #expect(await statusCode { _ = try await world.content.markRead(read, options: world.member("Binh")) } == .notFound)
            var counts = GetReadingCountsRequest()
            counts.unitID = world.tree.province
            counts.month = String(ISODate.today(nowMs: world.environment.clock.now).prefix(7))
            let province = try await world.content.getReadingCounts(counts, options: world.leader(of: world.tree.province))
            #expect(province.reads == 1)
            #expect(province.activeMembers == 1)
        }
    }
}
