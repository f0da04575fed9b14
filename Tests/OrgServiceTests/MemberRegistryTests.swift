import Foundation
import OrgContracts
import RPC
import TestSupport
import Testing

@Suite struct MemberRegistryTests {
    @Test func staffAddAMemberWhoseCountsAppearUpTheTree() async throws {
        try await OrgHarness.with { harness in
            let tree = try await harness.smallTree()
            let admin = try harness.asAdmin(of: tree.commune.id)
            _ = try await harness.createMember("Nguyễn Thị Hồng", card: "YB 0001", status: .probationary, in: tree.cellA.id, as: admin)
            _ = try await harness.createMember("Đặng Văn Lâm", card: "YB 0002", in: tree.cellA.id, as: admin)
            _ = try await harness.createMember("Triệu Thị Mai", card: "YB 0003", status: .exempt, in: tree.cellB.id, as: admin)
            var counts = GetSubtreeCountsRequest()
            counts.unitID = tree.province.id
            let root = try await harness.org.getSubtreeCounts(counts, options: admin)
            #expect(root.members == 3 && root.probationaryMembers == 1 && root.officialMembers == 1 && root.exemptMembers == 1)
            #expect(root.committees == 3 && root.grassrootsCommittees == 1 && root.cells == 3)
            let village = root.byCellType.first { $0.cellType == .villageResidential }
            #expect(village?.cells == 2 && village?.members == 3)
        }
    }

    @Test func aCardAlreadyHeldByAnotherMemberIsRefusedWhateverItsSpelling() async throws {
        try await OrgHarness.with { harness in
            let tree = try await harness.smallTree()
            let admin = try harness.asAdmin(of: tree.province.id)
            _ = try await harness.createMember("Nguyễn Văn Bình", card: "YB-0123456", in: tree.cellA.id, as: admin)
            #expect(await statusCode {
                _ = try await harness.createMember("Người Khác", card: "yb 0123 456", in: tree.cellB.id, as: admin)
            } == .alreadyExists)
        }
    }

    @Test func badMemberInputNamesTheField() async throws {
        try await OrgHarness.with { harness in
            let tree = try await harness.smallTree()
            let admin = try harness.asAdmin(of: tree.province.id)
            for (field, change) in [
                ("member.birth_date", { (member: inout Member) in member.birthDate = "1980-02-30" }),
                ("member.full_name", { (member: inout Member) in member.fullName = "  " }),
                ("member.card_number", { (member: inout Member) in member.cardNumber = "<script>" }),
                ("member.phone", { (member: inout Member) in member.phone = "12" }),
                ("member.status", { (member: inout Member) in member.status = .deceased }),
            ] as [(String, (inout Member) -> Void)] {
                var member = Member()
                member.fullName = "Hoàng Văn Nam"
                member.cardNumber = "YB-9"
                member.birthDate = "1970-01-01"
                member.status = .official
                member.unitID = tree.cellA.id
                change(&member)
                var request = CreateMemberRequest()
                request.member = member
                do {
                    _ = try await harness.org.createMember(request, options: admin)
                    Issue.record("\(field) was accepted")
                } catch let error as RPCError {
                    #expect(error.code == .invalidArgument)
                    #expect(error.fieldViolations.first?.field == field)
                }
            }
        }
    }

    @Test func aMemberEditsOnlyTheirOwnFewFieldsAndStaffTheRest() async throws {
        try await OrgHarness.with { harness in
            let tree = try await harness.smallTree()
            let admin = try harness.asAdmin(of: tree.commune.id)
            let member = try await harness.createMember("Lường Văn Toàn", card: "YB-10", in: tree.cellA.id, as: admin)
            let own = try harness.options(member.id)
            var update = UpdateMemberRequest()
            update.memberID = member.id
            var change = Member()
            change.phone = "+84 987 654 321"
            change.personalNotes = "Ghi chú riêng"
            change.fullName = "Tên Khác"
            update.member = change
            update.fields = ["phone", "personal_notes"]
            let updated = try await harness.org.updateMember(update, options: own)
            #expect(updated.phone == "+84 987 654 321" && updated.personalNotes == "Ghi chú riêng" && updated.version == 2)
            update.fields = ["full_name"]
            #expect(await statusCode { _ = try await harness.org.updateMember(update, options: own) } == .permissionDenied)
            let staffUpdate = try await harness.org.updateMember(update, options: admin)
            #expect(staffUpdate.fullName == "Tên Khác" && staffUpdate.personalNotes.isEmpty)
            update.fields = ["personal_notes"]
            #expect(await statusCode { _ = try await harness.org.updateMember(update, options: admin) } == .permissionDenied)
            update.fields = ["unit_id"]
            #expect(await statusCode { _ = try await harness.org.updateMember(update, options: admin) } == .invalidArgument)
            update.fields = ["email"]
            update.expectedVersion = 1
            #expect(await statusCode { _ = try await harness.org.updateMember(update, options: admin) } == .aborted)
            var history = GetMemberHistoryRequest()
            history.memberID = member.id
            let changes = try await harness.org.getMemberHistory(history, options: own).changes
            #expect(changes.map(\.fields) == [["full_name"], ["personal_notes", "phone"], []])
        }
    }

    @Test func whatEachCallerSeesOfAMember() async throws {
        try await OrgHarness.with { harness in
            let tree = try await harness.smallTree()
            let admin = try harness.asAdmin(of: tree.commune.id)
            let member = try await harness.createMember("Sầm Thị Lan", card: "YB-11", in: tree.cellA.id, as: admin)
            var get = GetMemberRequest()
            get.memberID = member.id
            #expect(try await harness.org.getMember(get, options: admin).cardNumber == "YB11")
            let secretary = try harness.options("m-sec", [OrgHarness.grant(.cellSecretary, tree.cellA.id)])
            let seenBySecretary = try await harness.org.getMember(get, options: secretary)
            #expect(seenBySecretary.fullName == "Sầm Thị Lan" && seenBySecretary.cardNumber.isEmpty && seenBySecretary.citizenID.isEmpty)
            let otherSecretary = try harness.options("m-sec2", [OrgHarness.grant(.cellSecretary, tree.cellB.id)])
            #expect(await statusCode { _ = try await harness.org.getMember(get, options: otherSecretary) } == .permissionDenied)
            #expect(await statusCode { _ = try await harness.org.getMember(get, options: try harness.options("m-x")) }
                    == .permissionDenied)
            #expect(await statusCode { _ = try await harness.org.getMember(get) } == .unauthenticated)
        }
    }

    @Test func aTransferMovesTheMemberOnceEvenWhenRetried() async throws {
        try await OrgHarness.with { harness in
            let tree = try await harness.smallTree()
            let admin = try harness.asAdmin(of: tree.province.id)
            let member = try await harness.createMember("Phạm Văn Đức", card: "YB-12", in: tree.cellA.id, as: admin)
            var transfer = TransferMemberRequest()
            transfer.memberID = member.id
            transfer.toUnitID = tree.cellC.id
            transfer.reason = "chuyển sinh hoạt đảng"
            transfer.idempotencyKey = "transfer-12"
            let moved = try await harness.org.transferMember(transfer, options: admin)
            let retried = try await harness.org.transferMember(transfer, options: admin)
            #expect(moved.unitID == tree.cellC.id && retried.version == moved.version)
            var counts = GetSubtreeCountsRequest()
            counts.unitID = tree.commune.id
            #expect(try await harness.org.getSubtreeCounts(counts, options: admin).members == 0)
            counts.unitID = tree.bloc.id
            let bloc = try await harness.org.getSubtreeCounts(counts, options: admin)
            #expect(bloc.members == 1 && bloc.byCellType.first { $0.cellType == .publicServiceUnit }?.members == 1)
            // Staff of the commune alone cannot send a member to the bloc.
            transfer.idempotencyKey = ""
            transfer.toUnitID = tree.cellA.id
            #expect(await statusCode { _ = try await harness.org.transferMember(transfer, options: try harness.asAdmin(of: tree.commune.id)) }
                    == .permissionDenied)
        }
    }

    @Test func membersAreFoundByNameWithoutDiacriticsWithinASubtree() async throws {
        try await OrgHarness.with { harness in
            let tree = try await harness.smallTree()
            let admin = try harness.asAdmin(of: tree.province.id)
            let hong = try await harness.createMember("Nguyễn Thị Hồng", card: "YB-20", in: tree.cellA.id, as: admin)
            _ = try await harness.createMember("Nguyễn Văn Hùng", card: "YB-21", in: tree.cellC.id, as: admin)
            _ = try await harness.createMember("Đỗ Thị Hồng", card: "YB-22", status: .probationary, in: tree.cellB.id, as: admin)
            var search = SearchMembersRequest()
            search.withinUnitID = tree.commune.id
            search.query = "nguyen thi hong"
            #expect(try await harness.org.searchMembers(search, options: admin).members.map(\.id) == [hong.id])
            search.query = "do hong"
            #expect(try await harness.org.searchMembers(search, options: admin).members.map(\.fullName) == ["Đỗ Thị Hồng"])
            search.query = ""
            search.statuses = [.probationary]
            #expect(try await harness.org.searchMembers(search, options: admin).members.count == 1)
            search.statuses = []
            search.withinUnitID = tree.province.id
            search.pageSize = 2
            let first = try await harness.org.searchMembers(search, options: admin)
            search.pageToken = first.nextPageToken
            let second = try await harness.org.searchMembers(search, options: admin)
            #expect(first.members.count == 2 && second.members.count == 1 && second.nextPageToken.isEmpty)
            search.pageToken = "bm90LWEtdG9rZW4"
            #expect(await statusCode { _ = try await harness.org.searchMembers(search, options: admin) } == .invalidArgument)
        }
    }

    @Test func theCardCheckMatchesOnlyOneActiveMemberAndSaysNothingMoreOnAMismatch() async throws {
        try await OrgHarness.with { harness in
            let tree = try await harness.smallTree()
            let admin = try harness.asAdmin(of: tree.province.id)
            let member = try await harness.createMember("Nguyễn Thị Hồng Nhung", card: "YB-0123456", birthDate: "1990-01-02",
                                                        in: tree.cellA.id, as: admin)
            let service = try harness.asService
            var check = CheckCardRequest()
            check.cardNumber = "yb 0123456"
            check.fullName = "NGUYEN THI  HONG NHUNG"
            check.birthDate = "1990-01-02"
            let match = try await harness.org.checkCard(check, options: service)
            #expect(match.matched && match.memberID == member.id && match.unitID == tree.cellA.id)
            for wrong in [("YB-0123457", check.fullName, check.birthDate), (check.cardNumber, "Nguyễn Thị Hồng", check.birthDate),
                          (check.cardNumber, check.fullName, "1990-02-01")] {
                var probe = check
                (probe.cardNumber, probe.fullName, probe.birthDate) = wrong
                #expect(try await harness.org.checkCard(probe, options: service) == CheckCardResponse())
            }
            #expect(await statusCode { _ = try await harness.org.checkCard(check, options: admin) } == .permissionDenied)
            check.birthDate = "02/01/1990"
            #expect(await statusCode { _ = try await harness.org.checkCard(check, options: service) } == .invalidArgument)
        }
    }

    @Test func cardNumbersAndCitizenIDsAreNotStoredInTheClear() async throws {
        try await OrgHarness.with { harness in
            let tree = try await harness.smallTree()
            _ = try await harness.createMember("Bế Văn Khánh", card: "ZZ98765432", in: tree.cellA.id,
                                               as: try harness.asAdmin(of: tree.province.id))
            // Every file of the data folder while the service runs: database, WAL, SHM.
            var everything = Data()
            for name in try FileManager.default.contentsOfDirectory(atPath: harness.dataFolder.path) {
                everything += (try? Data(contentsOf: harness.dataFolder.appendingPathComponent(name))) ?? Data()
            }
            #expect(!everything.isEmpty)
            #expect(everything.range(of: Data("ZZ98765432".utf8)) == nil)
            #expect(everything.range(of: Data("015190001234".utf8)) == nil)
        }
    }

    @Test func anUnknownFieldInAnUpdateMaskIsRefusedByNameAndEveryTableFieldIsEditable() async throws {
        try await OrgHarness.with { harness in
            let tree = try await harness.smallTree()
            let admin = try harness.asAdmin(of: tree.commune.id)
            let member = try await harness.createMember("Lò Thị Xuân", card: "YB-40", in: tree.cellA.id, as: admin)
            var update = UpdateMemberRequest()
            update.memberID = member.id
            update.member = member
            update.fields = ["email", "favourite_colour"]
            do {
                _ = try await harness.org.updateMember(update, options: admin)
                Issue.record("an unknown field was accepted")
            } catch let error as RPCError {
                #expect(error.code == .invalidArgument && error.fieldViolations.first?.field == "fields")
                #expect(error.fieldViolations.first?.description.contains("favourite_colour") == true)
            }
            var changed = member
            changed.fullName = "Lò Thị Xuân Mai"
            changed.birthDate = "1981-06-18"
            changed.gender = .male
            changed.cardNumber = "YB-41"
            changed.citizenID = "015190009999"
            changed.phone = "0913 000 000"
            changed.email = "xuan@example.vn"
            changed.status = .exempt
            changed.admittedOn = "2001-01-01"
            changed.officialOn = "2002-01-01"
            var position = Position()
            position.title = "Bí thư chi bộ"
            var period = WorkPeriod()
            period.organisation = "UBND xã Khe Hóp"
            var decision = Decision()
            decision.title = "Giấy khen"
            changed.positions = [position]
            changed.workHistory = [period]
            changed.rewards = [decision]
            changed.disciplines = [decision]
            update.member = changed
            update.fields = ["full_name", "birth_date", "gender", "card_number", "citizen_id", "phone", "email", "status",
                             "admitted_on", "official_on", "positions", "work_history", "rewards", "disciplines"]
            let updated = try await harness.org.updateMember(update, options: admin)
            #expect(updated.fullName == changed.fullName && updated.cardNumber == "YB41"
                    && updated.status == .exempt && updated.rewards.count == 1 && updated.disciplines.count == 1
                    && updated.officialOn == "2002-01-01" && updated.version == 2)
            var history = GetMemberHistoryRequest()
            history.memberID = member.id
            let latest = try await harness.org.getMemberHistory(history, options: admin).changes.first
            #expect(latest?.fields == update.fields.sorted(), "every field of the mask was changed and recorded")
        }
    }
}
