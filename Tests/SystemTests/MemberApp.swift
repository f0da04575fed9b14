import AuthContracts
import RPC
import RPCContracts
import ServiceKit

/// A member's phone: the app registers her with her party card, logs her in with a
/// code from the SMS outbox, and signs her calls with the access token auth gave it.
struct MemberApp {
    /// As she types it; the outbox names the phone in canonical form.
    let phone: String
    let canonicalPhone: String
    let deviceName: String
    private(set) var tokens = TokenPair()

    init(phone: String, canonicalPhone: String, deviceName: String) {
        self.phone = phone
        self.canonicalPhone = canonicalPhone
        self.deviceName = deviceName
    }

    var memberID: String { tokens.memberID }
    var options: CallOptions { bearer(tokens.accessToken) }

    /// The card as the app read it (name in capitals, no diacritics), a passing face
    /// match, and the code auth sends to the phone.
    mutating func register(card: String, nameOnCard: String, birthDate: String, in suite: RunningSuite) async throws {
        var start = StartRegistrationRequest()
        (start.cardNumber, start.fullName, start.birthDate, start.phone, start.deviceName) =
            (card, nameOnCard, birthDate, phone, deviceName)
        var face = FaceAttestation()
        (face.score, face.livenessPassed) = (0.93, true)
        start.face = face
        let registration = try await suite.auth.startRegistration(start)
        var confirm = ConfirmRegistrationRequest()
        confirm.registrationID = registration.registrationID
        confirm.code = try await code(in: suite, alreadySeen: 0)
        tokens = try await suite.auth.confirmRegistration(confirm)
    }

    /// A new session with a code by SMS. Auth sends one code a minute to a phone, so
    /// right after registering the app waits, as the member would, for the resend.
    mutating func logIn(in suite: RunningSuite) async throws {
        let seen = suite.outbox.messages(to: canonicalPhone).count
        var send = SendLoginCodeRequest()
        send.phone = phone
        _ = try await retrying([.resourceExhausted], every: .seconds(1)) {
            try await suite.auth.sendLoginCode(send)
        }
        var confirm = ConfirmLoginCodeRequest()
        (confirm.phone, confirm.deviceName) = (phone, deviceName)
        confirm.code = try await code(in: suite, alreadySeen: seen)
        tokens = try await suite.auth.confirmLoginCode(confirm)
    }

    private func code(in suite: RunningSuite, alreadySeen: Int) async throws -> String {
        guard let code = await suite.outbox.newestCode(to: canonicalPhone, alreadySeen: alreadySeen, timeout: .seconds(60)) else {
            throw SystemTestError("no code reached \(canonicalPhone) in auth's outbox")
        }
        return code
    }
}

/// Call options carrying an access token auth issued (a session's, or a proxy token).
func bearer(_ accessToken: String) -> CallOptions {
    CallOptions(metadata: [MetadataKey.authorization: "Bearer " + accessToken])
}
