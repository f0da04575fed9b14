import AuthContracts
import Foundation
import ServiceKit
import Testing
@testable import AuthService

/// No phone number in clear in auth's database: lookups go by blind index, and the
/// number is sealed where auth needs it back; rows from before are converted at start.
@Suite struct PhonesAtRestTests {
    @Test func noPhoneIsStoredInClearAfterRegistrationLoginAndAMove() async throws {
        try await AuthHarness.with { harness in
            let lan = harness.people.lan
            _ = try await harness.register(lan)
            harness.waitOutResendCooldown()
            _ = try await harness.logIn(lan)
            // A phone without an account is refused and throttled by its index alone.
            _ = try await harness.sendLoginCode(to: "0913 444 555", from: "203.0.113.9")
            _ = await harness.refusal { _ = try await harness.confirmLogin(phone: "0913 444 555", code: "123456", from: "203.0.113.9") }
            harness.waitOutResendCooldown()
            let moved = try await harness.register(lan, phone: "0987 654 321")
            // The hint still comes from the sealed number.
            let own = try await harness.client.getAccount(GetAccountRequest(), options: harness.signedIn(moved))
            #expect(own.phoneHint.hasSuffix("321"))

            for suffix in ["", "-wal"] {
                let bytes = (try? Data(contentsOf: harness.folder.appendingPathComponent("auth/auth.sqlite" + suffix))) ?? Data()
                for digits in ["912000102", "913444555", "987654321"] {
                    #expect(bytes.range(of: Data(digits.utf8)) == nil, "\(digits) in auth.sqlite\(suffix)")
                }
            }
        }
    }

    @Test func phonesWrittenInClearBeforeTheUpgradeAreSealedAtStart() async throws {
        try await AuthHarness.with { harness in
            let hung = harness.people.hung
            let canonical = try PhoneNumber.canonical(hung.phone)
            // An account as the first schema wrote it: the number in clear, nothing sealed.
            try await harness.auth.environment.database.write { connection in
                try connection.execute(
                    """
                    INSERT INTO accounts (member_id, phone, unit_id, state, origin, created_at_ms, updated_at_ms)
                    VALUES (?, ?, ?, ?, 'issued', 0, 0)
                    """,
                    [hung.memberID, canonical, hung.unitID, Int64(AccountState.accountActive.rawValue)])
                try connection.execute("INSERT INTO code_sends (phone, client_address, at_ms) VALUES (?, '192.0.2.7', 0)",
                                       [canonical])
            }
            let restarted = try await harness.restarted(withKeys: ["k1"])

            let clear: Int64 = try await restarted.auth.environment.database.read { connection in
                try connection.queryOne(
                    "SELECT (SELECT COUNT(*) FROM accounts WHERE phone LIKE '+%' OR phone_sealed IS NULL)"
                        + " + (SELECT COUNT(*) FROM code_sends WHERE phone LIKE '+%')")?.get(0) ?? -1
            }
            #expect(clear == 0)
            #expect(try await restarted.logIn(hung).memberID == hung.memberID)
        }
    }
}
