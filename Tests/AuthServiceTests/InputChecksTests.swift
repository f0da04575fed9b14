import AuthContracts
import RPC
import RPCContracts
import TestSupport
import Testing

/// Auth's inputs are bounded and checked before any work (docs/toolkit.md).
@Suite struct InputChecksTests {
    @Test func aRegistrationWithADateNotOnTheCalendarOrAControlCharacterIsRefused() async throws {
        try await AuthHarness.with { harness in
            let person = harness.people.lan
            let options = harness.from(person.address)
            var request = harness.registrationRequest(person)
            request.birthDate = "1990-02-31"
            #expect(await refusedField { _ = try await harness.client.startRegistration(request, options: options) }
                == "birth_date")
            request = harness.registrationRequest(person)
            request.fullName = person.fullName + "\u{0}"
            #expect(await refusedField { _ = try await harness.client.startRegistration(request, options: options) }
                == "full_name")
            request = harness.registrationRequest(person)
            request.deviceName = "iPhone \u{202E}21"
            #expect(await refusedField { _ = try await harness.client.startRegistration(request, options: options) }
                == "device_name")
            request = harness.registrationRequest(person)
            request.phone = String(repeating: "9", count: 100_000)
            #expect(await refusedField { _ = try await harness.client.startRegistration(request, options: options) }
                == "phone")
        }
    }

    @Test func anAuditPageTokenFromAnotherUnitIsRefused() async throws {
        try await AuthHarness.with { harness in
            let people = harness.people
            let binh = try await harness.register(people.binh, holding: .administrator, on: harness.tree.province)
            for person in [people.lan, people.hoa] { _ = try await harness.register(person) }
            var request = ListAuditEventsRequest()
            request.unitID = harness.tree.province
            request.pageSize = 1
            let token = try await harness.client.listAuditEvents(request, options: harness.signedIn(binh)).nextPageToken
            #expect(!token.isEmpty)
            request.unitID = harness.tree.commune
            request.pageToken = token
            #expect(await refusedField { _ = try await harness.client.listAuditEvents(request, options: harness.signedIn(binh)) }
                == "page_token")
        }
    }

    @Test func aReasonWithAControlCharacterIsRefusedBeforeTheGrant() async throws {
        try await AuthHarness.with { harness in
            let people = harness.people
            let binh = try await harness.register(people.binh, holding: .administrator, on: harness.tree.province)
            _ = try await harness.register(people.lan)
            var request = GrantRoleRequest()
            request.memberID = people.lan.memberID
            request.role = .editor
            request.unitID = harness.tree.commune
            request.reason = "bổ nhiệm\u{7}"
            #expect(await refusedField { _ = try await harness.client.grantRole(request, options: harness.signedIn(binh)) }
                == "reason")
        }
    }
}
