import AdminContracts
import AuthContracts
import Foundation
import OrgContracts
import RPC
import RPCContracts
import ServiceKit
import TestSupport
import Testing
@testable import AuthService

/// Nothing to enumerate: a wrong code, a denied account lookup and a denied member
/// lookup say nothing about whether the phone or the member exists, and cost the same.
@Suite struct EnumerationTests {
    /// The work a wrong login code causes is counted, not timed: calls to org (the
    /// slow part, a network round trip) and rows written (statements run). Timing two
    /// distributions on a loaded 2-core machine flakes; counting cannot, and the one
    /// code path (`CodeStore.check` with a missing row) makes the HMAC and the
    /// statements the same by construction.
    @Test func aWrongLoginCodeCostsTheSameWorkAndGetsTheSameAnswerWithOrWithoutAnAccount() async throws {
        try await AuthHarness.with { harness in
            let lan = harness.people.lan
            _ = try await harness.register(lan)
            harness.waitOutResendCooldown()
            let stranger = "0913 777 888"
            _ = try await harness.sendLoginCode(to: lan.phone, from: "203.0.113.1")
            _ = try await harness.sendLoginCode(to: stranger, from: "203.0.113.2")
            let code = try await harness.lastCode(to: lan.phone)
            let wrong = code == "000000" ? "111111" : "000000"

            var answers: [String: Set<String>] = [:]
            var orgCalls: [String: Int] = [:]
            var rowsWritten: [String: Int] = [:]
            for round in 0..<3 {
                for (name, phone) in [("member", lan.phone), ("stranger", stranger)] {
                    let callsBefore = try await harness.orgGetMemberCalls()
                    let rowsBefore = try await harness.rowsOfCodeWork()
                    do {
                        _ = try await harness.confirmLogin(phone: phone, code: wrong, from: "203.0.113.\(10 + round)")
                        Issue.record("a wrong code was accepted")
                    } catch let error as RPCError {
                        answers[name, default: []].insert("\(error.code) \(error.message)")
                    }
                    orgCalls[name, default: 0] += try await harness.orgGetMemberCalls() - callsBefore
                    rowsWritten[name, default: 0] += try await harness.rowsOfCodeWork() - rowsBefore
                }
            }
            #expect(answers["member"] == answers["stranger"])
            #expect(answers["member"]?.count == 1)
            #expect(orgCalls == ["member": 0, "stranger": 0])
            #expect(rowsWritten["member"] == rowsWritten["stranger"])
        }
    }

    @Test func confirmationsAreCappedPerPhoneAndPerAddress() async throws {
        try await AuthHarness.with { harness in
            let policy = CodePolicy()
            // One phone, tried from ever new addresses.
            for attempt in 0..<policy.maxConfirmationsPerPhonePerHour {
                #expect(await statusCode {
                    _ = try await harness.confirmLogin(phone: "0913 555 000", code: "123456", from: "203.0.113.\(attempt)")
                } == .unauthenticated)
            }
            #expect(await statusCode {
                _ = try await harness.confirmLogin(phone: "0913 555 000", code: "123456", from: "198.18.0.1")
            } == .resourceExhausted)
            // One address, trying ever new phones.
            for attempt in 0..<policy.maxConfirmationsPerAddressPerHour {
                #expect(await statusCode {
                    _ = try await harness.confirmLogin(phone: "0913 600 \(100 + attempt)", code: "123456", from: "198.18.0.2")
                } == .unauthenticated)
            }
            #expect(await statusCode {
                _ = try await harness.confirmLogin(phone: "0913 700 000", code: "123456", from: "198.18.0.2")
            } == .resourceExhausted)
            // An hour later both may try again.
            harness.clock.advance(byMs: CodePolicy.hourMs)
            #expect(await statusCode {
                _ = try await harness.confirmLogin(phone: "0913 555 000", code: "123456", from: "198.18.0.2")
            } == .unauthenticated)
        }
    }

    @Test func aPlainMemberLearnsNothingAboutOtherMembersAccounts() async throws {
        try await AuthHarness.with { harness in
            let people = harness.people
            let lan = try await harness.register(people.lan)
            _ = try await harness.register(people.hoa)
            // Hoa has an account, Tuấn has none, "m_nope" is no member at all.
            var getAnswers: Set<String> = []
            var lockAnswers: Set<String> = []
            for memberID in [people.hoa.memberID, people.tuan.memberID, "m_nope"] {
                var get = GetAccountRequest()
                get.memberID = memberID
                getAnswers.insert(await harness.refusal { _ = try await harness.client.getAccount(get, options: harness.signedIn(lan)) })
                var lock = SetAccountLockRequest()
                lock.memberID = memberID
                lock.locked = true
                lockAnswers.insert(await harness.refusal {
                    _ = try await harness.client.setAccountLock(lock, options: harness.signedIn(lan))
                })
            }
            #expect(getAnswers.count == 1)
            #expect(lockAnswers.count == 1)
            for answer in getAnswers.union(lockAnswers) {
                #expect(answer.hasPrefix("permissionDenied"))
                for unit in [harness.tree.cellC, harness.tree.cellB, harness.tree.school] { #expect(!answer.contains(unit)) }
            }
        }
    }

    @Test func anAdministratorOfAnotherSubtreeCannotTellWhichMembersExist() async throws {
        try await AuthHarness.with { harness in
            let people = harness.people
            let dung = try await harness.register(people.dung, holding: .administrator, on: harness.tree.commune)
            _ = try await harness.register(people.hoa)
            var answers: Set<String> = []
            for memberID in [people.hoa.memberID, "m_nope"] {
                var get = GetAccountRequest()
                get.memberID = memberID
                answers.insert(await harness.refusal { _ = try await harness.client.getAccount(get, options: harness.signedIn(dung)) })
            }
            #expect(answers.count == 1)
            #expect(answers.first?.hasPrefix("permissionDenied") == true)
            // Inside the subtree the administrator still reads and is told what is missing.
            var own = GetAccountRequest()
            own.memberID = people.tuan.memberID
            #expect(await statusCode { _ = try await harness.client.getAccount(own, options: harness.signedIn(dung)) } == .notFound)
        }
    }

    @Test func orgAnswersAPlainMemberAlikeForAMemberOutOfReachAndForNoMember() async throws {
        try await AuthHarness.with { harness in
            let lan = harness.people.lan
            let token = try harness.minted(lan, [grant(.member, lan.unitID)])
            var answers: Set<String> = []
            for memberID in [harness.people.hoa.memberID, harness.people.hung.memberID, "m_nope"] {
                var request = GetMemberRequest()
                request.memberID = memberID
                answers.insert(await harness.refusal { _ = try await harness.orgClient.getMember(request, options: token) })
            }
            #expect(answers.count == 1)
            #expect(answers.first?.hasPrefix("permissionDenied") == true)
            #expect(answers.first?.contains(harness.tree.cellC) == false)
            var own = GetMemberRequest()
            own.memberID = lan.memberID
            #expect(try await harness.orgClient.getMember(own, options: token).id == lan.memberID)
        }
    }

    // MARK: Smaller findings

    @Test func aWrongRegistrationCodeIsAnsweredLikeAWrongLoginCode() async throws {
        try await AuthHarness.with { harness in
            let lan = harness.people.lan
            let started = try await harness.startRegistration(lan)
            let code = try await harness.lastCode(to: lan.phone)
            let wrong = code == "000000" ? "111111" : "000000"
            let registration = await harness.refusal {
                _ = try await harness.confirmRegistration(started, code: wrong, from: lan.address)
            }
            let login = await harness.refusal {
                _ = try await harness.confirmLogin(phone: "0913 777 999", code: wrong, from: lan.address)
            }
            #expect(registration == login)
            #expect(!registration.contains("left"))
        }
    }

    @Test func aTokenValidFarLongerThanAuthIssuesIsRefusedByEveryService() async throws {
        try await AuthHarness.with { harness in
            let lan = harness.people.lan
            let tokens = try harness.tokens
            var claims = tokens.claims(lan.memberID, grants: [grant(.member, lan.unitID)], unitID: lan.unitID)
            claims.expiresAtMS = harness.clock.now + 30 * 24 * 60 * 60 * 1000
            let options = harness.from(lan.address, bearer: try tokens.codec.sign(claims))
            var member = GetMemberRequest()
            member.memberID = lan.memberID
            #expect(await statusCode { _ = try await harness.orgClient.getMember(member, options: options) } == .unauthenticated)
            #expect(await statusCode { _ = try await harness.client.getAccount(GetAccountRequest(), options: options) }
                == .unauthenticated)
        }
    }

    @Test func anOperatorsAppointmentIsAuditedWithTheOperatorsKey() async throws {
        try await AuthHarness.with { harness in
            let dung = harness.people.dung
            _ = try await harness.register(dung)
            var request = GrantRoleRequest()
            request.memberID = dung.memberID
            request.role = .administrator
            request.unitID = harness.tree.commune
            request.reason = "appointed by the operator"
            let operatorToken = try harness.tokens.token("operator", [grant(.operator)])
            _ = try await harness.client.grantRole(request, options: harness.from("192.0.2.1", bearer: operatorToken))
            let details: [String] = try await harness.auth.environment.database.read { connection in
                try connection.query("SELECT detail FROM audit_events WHERE kind = ?", [Int64(AuditKind.auditGranted.rawValue)])
                    .map { try $0.get(0) }
            }
            #expect(details.count == 1)
            #expect(details.first?.hasSuffix("operator key k1") == true)
        }
    }
}

extension AuthHarness {
    /// "<status code> <message>" of a call that must fail; "ok" when it succeeded.
    func refusal(_ call: () async throws -> Void) async -> String {
        do {
            try await call()
            return "ok"
        } catch let error as RPCError {
            return "\(error.code) \(error.message)"
        } catch {
            return "\(error)"
        }
    }

    /// How many GetMember calls org has answered so far, from its metrics.
    func orgGetMemberCalls() async throws -> Int {
        let channel = RPCChannel(addresses: [HostPort(host: "127.0.0.1", port: org.port)])
        defer { channel.close() }
        let admin = AdminClient(channel: channel)
        let token = try tokens.token("operator", [grant(.operator)])
        let text = try await admin.metrics(MetricsRequest(), options: from("192.0.2.1", bearer: token)).prometheusText
        return text.split(separator: "\n")
            .filter { $0.hasPrefix("sotay_rpc_calls_total{") && $0.contains("/sotay.org.v1.OrgService/GetMember\"") }
            .compactMap { Int($0.split(separator: " ").last ?? "") }.reduce(0, +)
    }

    /// Rows a code confirmation adds: confirmations counted and audit events. (The
    /// failed-try counter of a code that exists moves too; for a phone without one the
    /// same UPDATE runs and matches no row.)
    func rowsOfCodeWork() async throws -> Int {
        try await auth.environment.database.read { connection in
            let checks: Int64 = try connection.queryOne("SELECT COUNT(*) FROM code_checks")?.get(0) ?? 0
            let events: Int64 = try connection.queryOne("SELECT COUNT(*) FROM audit_events")?.get(0) ?? 0
            return Int(checks + events)
        }
    }
}
