import Foundation
import OrgContracts
import RPC
import ServiceKit
import Store
import TestSupport
import Testing
@testable import OrgService

/// Members' phones sealed at rest like their cards, and GetMember telling a caller
/// without rights nothing about which member ids exist.
@Suite struct MemberPrivacyTests {
    @Test func aMembersPhoneIsSealedInTheDatabaseAndOpenedForThoseWhoMayReadIt() async throws {
        try await OrgHarness.with { harness in
            let tree = try await harness.smallTree()
            let admin = try harness.asAdmin(of: tree.commune.id)
            let member = try await harness.createMember("Sầm Thị Lan", card: "YB-11", in: tree.cellA.id, as: admin)
            var get = GetMemberRequest()
            get.memberID = member.id
            #expect(try await harness.org.getMember(get, options: admin).phone == "0912 345 678")

            let stored: String = try await harness.running.environment.database.read { connection in
                try connection.queryOne("SELECT typeof(phone) FROM members WHERE id = ?", [member.id])?.get(0) ?? ""
            }
            #expect(stored == "blob")
            for suffix in ["", "-wal"] {
                let bytes = (try? Data(contentsOf: harness.dataFolder.appendingPathComponent("org.sqlite" + suffix))) ?? Data()
                #expect(!bytes.isEmpty || suffix == "-wal")
                #expect(bytes.range(of: Data("0912 345 678".utf8)) == nil)
            }
        }
    }

    @Test func phonesKeptInClearBeforeTheUpgradeAreSealed() async throws {
        try await OrgHarness.with { harness in
            let tree = try await harness.smallTree()
            let admin = try harness.asAdmin(of: tree.commune.id)
            let member = try await harness.createMember("Sầm Thị Lan", card: "YB-11", in: tree.cellA.id, as: admin)
            let vault = try MemberVault(keys: try TokenKeyRing(contentsOfFile: harness.folder.appendingPathComponent("org-data.key").path))
            let kinds: [String] = try await harness.running.environment.database.write { connection in
                // The row as the first schema kept it, then the conversion run at start.
                try connection.execute("UPDATE members SET phone = '0912 999 000' WHERE id = ?", [member.id])
                try ClearMemberPhones.seal(in: connection, vault: vault)
                return try connection.query("SELECT typeof(phone) FROM members").map { try $0.get(0) }
            }
            #expect(kinds == ["blob"])
            var get = GetMemberRequest()
            get.memberID = member.id
            #expect(try await harness.org.getMember(get, options: admin).phone == "0912 999 000")
        }
    }

    @Test func getMemberAnswersAlikeForAMemberOutOfReachAndForNoMember() async throws {
        try await OrgHarness.with { harness in
            let tree = try await harness.smallTree()
            let admin = try harness.asAdmin(of: tree.commune.id)
            let member = try await harness.createMember("Sầm Thị Lan", card: "YB-11", in: tree.cellA.id, as: admin)
            let callers = [try harness.options("m-x"), try harness.options("m-sec2", [OrgHarness.grant(.cellSecretary, tree.cellB.id)])]
            for caller in callers {
                var answers: Set<String> = []
                for memberID in [member.id, "m_nope"] {
                    var get = GetMemberRequest()
                    get.memberID = memberID
                    do {
                        _ = try await harness.org.getMember(get, options: caller)
                        answers.insert("ok")
                    } catch let error as RPCError {
                        answers.insert("\(error.code) \(error.message)")
                    }
                }
                #expect(answers.count == 1)
                #expect(answers.first?.hasPrefix("permissionDenied") == true)
                #expect(answers.first?.contains(tree.cellA.id) == false)
            }
        }
    }
}
