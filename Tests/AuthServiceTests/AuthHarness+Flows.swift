import AuthContracts
import Foundation
import RPC
import RPCContracts
import ServiceKit
import ServiceToolkit
@testable import AuthService

/// What a phone app does through the gateway: register with the card, receive the code
/// (read from the outbox file, as `sotay outbox` shows it), log in, call with a token.
extension AuthHarness {
    /// A call as the gateway forwards it for the end user at `address`.
    func from(_ address: String, bearer token: String? = nil) -> CallOptions {
        var metadata = ["client-address": address]
        if let token { metadata[MetadataKey.authorization] = "Bearer " + token }
        return CallOptions(metadata: metadata)
    }

    /// A call made with the access token of `pair`.
    func signedIn(_ pair: TokenPair, from address: String = "198.51.100.200") -> CallOptions {
        from(address, bearer: pair.accessToken)
    }

    /// A token signed with the suite's key as auth would sign it, for callers auth does
    /// not know (org's own administrators in a test of org's side).
    func minted(_ person: Person, _ grants: [Grant]) throws -> CallOptions {
        from(person.address, bearer: try tokens.token(person.memberID, grants, unitID: person.unitID))
    }

    /// What a service verifying `token` now would read from it.
    func claims(_ token: String) throws -> AccessTokenClaims {
        try tokens.codec.verify(token, nowMs: clock.now)
    }

    /// `person` registers holding `role` on `unitID`, so their tokens carry the grant.
    /// No one can grant a role before someone holds one: the operator writes these
    /// first grants into auth's database, as a deployment would.
    func register(_ person: Person, holding role: Role, on unitID: String) async throws -> TokenPair {
        let now = clock.now
        try await auth.environment.database.submit { connection in
            try connection.execute(
                "INSERT INTO grants (member_id, role, unit_id, granted_by, granted_at_ms) VALUES (?, ?, ?, 'operator', ?)",
                [person.memberID, Int64(role.rawValue), unitID, now])
        }
        return try await register(person)
    }

    // MARK: Registration and login

    static let passingFace: FaceAttestation = {
        var face = FaceAttestation()
        face.score = 0.93
        face.livenessPassed = true
        return face
    }()

    func startRegistration(_ person: Person, phone: String? = nil, face: FaceAttestation = passingFace,
                           from address: String? = nil) async throws -> StartRegistrationResponse {
        try await client.startRegistration(registrationRequest(person, phone: phone, face: face),
                                           options: from(address ?? person.address))
    }

    /// What the app sends to register `person` from a Samsung A12.
    func registrationRequest(_ person: Person, phone: String? = nil, face: FaceAttestation = passingFace)
        -> StartRegistrationRequest
    {
        var request = StartRegistrationRequest()
        request.cardNumber = person.card
        request.fullName = person.fullName
        request.birthDate = person.birthDate
        request.phone = phone ?? person.phone
        request.face = face
        request.deviceName = "Samsung A12"
        return request
    }

    func confirmRegistration(_ started: StartRegistrationResponse, code: String, from address: String) async throws
        -> TokenPair
    {
        var request = ConfirmRegistrationRequest()
        request.registrationID = started.registrationID
        request.code = code
        return try await client.confirmRegistration(request, options: from(address))
    }

    /// The whole registration: card, code from the outbox, confirmation.
    func register(_ person: Person, phone: String? = nil, face: FaceAttestation = passingFace) async throws -> TokenPair {
        let started = try await startRegistration(person, phone: phone, face: face)
        return try await confirmRegistration(started, code: try await lastCode(to: phone ?? person.phone),
                                             from: person.address)
    }

    func sendLoginCode(to phone: String, from address: String) async throws -> SendLoginCodeResponse {
        var request = SendLoginCodeRequest()
        request.phone = phone
        return try await client.sendLoginCode(request, options: from(address))
    }

    func confirmLogin(phone: String, code: String, from address: String, device: String = "iPhone 12") async throws
        -> TokenPair
    {
        var request = ConfirmLoginCodeRequest()
        request.phone = phone
        request.code = code
        request.deviceName = device
        return try await client.confirmLoginCode(request, options: from(address))
    }

    /// The whole login: a code to the member's phone, read from the outbox, confirmed.
    func logIn(_ person: Person, device: String = "iPhone 12") async throws -> TokenPair {
        _ = try await sendLoginCode(to: person.phone, from: person.address)
        return try await confirmLogin(phone: person.phone, code: try await lastCode(to: person.phone), from: person.address,
                                      device: device)
    }

    func refresh(_ refreshToken: String, from address: String = "198.51.100.200") async throws -> TokenPair {
        var request = RefreshRequest()
        request.refreshToken = refreshToken
        return try await client.refresh(request, options: from(address))
    }

    /// Moves the shared clock past the resend cool-down, as a member who asks again later.
    func waitOutResendCooldown() {
        clock.advance(byMs: CodePolicy().resendCooldownMs)
    }

    // MARK: The outbox

    /// Waits until auth has delivered everything its committed writes enqueued (the
    /// outbox table is empty: rows go once delivered). A generous bound, not a timing
    /// assumption: it returns as soon as the table is empty.
    func waitUntilOutboxIsDelivered() async throws {
        for _ in 0..<3_000 {
            let waiting: Int64 = try await auth.environment.database.read { connection in
                try connection.queryOne("SELECT COUNT(*) FROM outbox_messages")?.get(0) ?? 0
            }
            if waiting == 0 { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw HarnessError(description: "auth's outbox was not delivered")
    }

    /// The messages auth has delivered to its outbox file for `phone` (typed any way),
    /// oldest first, once everything committed so far has been delivered.
    func messages(to phone: String) async throws -> [String] {
        try await waitUntilOutboxIsDelivered()
        return OutboxFile(file: folder.appendingPathComponent("auth/outbox.txt")).messages(to: try PhoneNumber.canonical(phone))
    }

    /// The newest one-time code sent to `phone`.
    func lastCode(to phone: String) async throws -> String {
        guard let code = try await messages(to: phone).reversed().lazy.compactMap({ $0.firstMatch(of: /\d{6}/) }).first else {
            throw HarnessError(description: "no code in the outbox for that phone")
        }
        return String(code.output)
    }
}
