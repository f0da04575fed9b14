import AuthContracts
import RPC
import RPCContracts
import TestSupport
import Testing
@testable import AuthService

@Suite struct ReportsTests {
    @Test func registrationStatisticsRankTheSubordinatesByTheirRate() async throws {
        try await AuthHarness.with { harness in
            let people = harness.people
            let binh = try await harness.register(people.binh, holding: .administrator, on: harness.tree.province)
            let lan = try await harness.register(people.lan)
            _ = try await harness.register(people.hoa)
            var request = GetRegistrationStatsRequest()
            request.unitID = harness.tree.province

            let stats = try await harness.client.getRegistrationStats(request, options: harness.signedIn(binh))

            // 7 members: Bình and Lan of the commune's 6 registered, Hoa the school's only one.
            #expect(stats.unit?.members == 7)
            #expect(stats.unit?.registered == 3)
            #expect(stats.subordinates.map(\.unitID) == [harness.tree.school, harness.tree.commune])
            #expect(stats.subordinates.map(\.rank) == [1, 2])
            #expect(stats.subordinates.map(\.registered) == [1, 2])
            #expect(abs(stats.subordinates[1].rate - 2.0 / 6.0) < 1e-9)
            #expect(await statusCode { _ = try await harness.client.getRegistrationStats(request, options: harness.signedIn(lan)) }
                == .permissionDenied)
        }
    }

    @Test func theAuditLogShowsAnAdministratorOnlyTheirSubtreeNewestFirstInPages() async throws {
        try await AuthHarness.with { harness in
            let people = harness.people
            let binh = try await harness.register(people.binh, holding: .administrator, on: harness.tree.province)
            let dung = try await harness.register(people.dung, holding: .administrator, on: harness.tree.commune)
            for person in [people.lan, people.hoa, people.tuan, people.hung] { _ = try await harness.register(person) }

            func pages(of unitID: String, as caller: TokenPair, size: Int32) async throws -> [[AuditEvent]] {
                var request = ListAuditEventsRequest()
                request.unitID = unitID
                request.pageSize = size
                var pages: [[AuditEvent]] = []
                repeat {
                    let page = try await harness.client.listAuditEvents(request, options: harness.signedIn(caller))
                    pages.append(page.events)
                    request.pageToken = page.nextPageToken
                } while !request.pageToken.isEmpty
                return pages
            }

            let whole = try await pages(of: harness.tree.province, as: binh, size: 500).flatMap { $0 }
            #expect(whole.count == 6)
            #expect(whole.map(\.sequence) == whole.map(\.sequence).sorted(by: >))
            let paged = try await pages(of: harness.tree.province, as: binh, size: 4)
            #expect(paged.map(\.count) == [4, 2])
            #expect(paged.flatMap { $0 }.map(\.sequence) == whole.map(\.sequence))
            let commune = try await pages(of: harness.tree.commune, as: dung, size: 500).flatMap { $0 }
            #expect(Set(commune.map(\.subjectMemberID))
                == Set([people.binh, people.dung, people.lan, people.tuan, people.hung].map(\.memberID)))
            #expect(await statusCode { _ = try await pages(of: harness.tree.province, as: dung, size: 10) }
                == .permissionDenied)
            #expect(await statusCode { _ = try await pages(of: harness.tree.school, as: dung, size: 10) }
                == .permissionDenied)
        }
    }

    /// A page of the audit log is a range of an index, never a scan of the log: the
    /// query plan of the per-unit page names the index and no SCAN.
    @Test func anAuditLogPageReadsAnIndexRangeNotTheWholeLog() async throws {
        try await AuthHarness.with { harness in
            let plan: [String] = try await harness.auth.environment.database.read { connection in
                try connection.query("EXPLAIN QUERY PLAN " + AuditLog.pageQuery, ["u_x", Int64.max, Int64(51)])
                    .map { try $0.get("detail") }
            }
            #expect(plan.contains { $0.contains("USING INDEX audit_events_by_unit") })
            #expect(!plan.contains { $0.hasPrefix("SCAN") })
            #expect(!plan.contains { $0.contains("TEMP B-TREE") })
        }
    }
}
