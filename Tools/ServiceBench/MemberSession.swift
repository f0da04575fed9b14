import AuthContracts
import Foundation
import AuthService
import ServiceToolkit
import RPC
import RPCContracts
import ServiceKit

/// A real member's session in the suite, obtained through auth's own flow: the first
/// run registers a seeded member (eKYC with the card details from the preset's
/// members.csv, the code read from auth's outbox, as a phone would receive it) and
/// keeps the refresh token in the data folder; later runs refresh it. The access token
/// is what auth issues, with the member's unit and ancestors, so it passes every
/// interceptor and `requireSession`.
public struct MemberSession: Sendable {
    public let accessToken: String
    public let claims: AccessTokenClaims

    public var metadata: [String: String] { ["authorization": "Bearer " + accessToken] }

    /// How the token was obtained, for the report.
    public let origin: String

    public static func obtain(in suite: BenchSuite) async throws -> MemberSession {
        let channel = suite.channel(to: .auth)
        defer { channel.close() }
        let auth = AuthServiceClient(channel: channel)
        let saved = suite.dataFolder.appendingPathComponent("bench-refresh-token")
        var pair: TokenPair?
        var origin = "refreshed the session the first run registered (auth Refresh)"
        if let refreshToken = try? String(contentsOf: saved, encoding: .utf8) {
            var request = RefreshRequest()
            request.refreshToken = refreshToken.trimmingCharacters(in: .whitespacesAndNewlines)
            pair = try? await auth.refresh(request)
        }
        if pair == nil {
            pair = try await register(in: suite, auth: auth)
            origin = "registered a seeded member through auth (StartRegistration, code from the outbox, ConfirmRegistration)"
        }
        guard let pair else { throw BenchError("no session") }
        guard FileManager.default.createFile(atPath: saved.path, contents: Data(pair.refreshToken.utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw BenchError("cannot write \(saved.path)")
        }
        let claims = try AccessTokenCodec(keyRing: try TokenKeyRing(contentsOfFile: suite.keys.token.path))
            .verify(pair.accessToken, nowMs: WallClock.system.nowMs)
        return MemberSession(accessToken: pair.accessToken, claims: claims, origin: origin)
    }

    /// A token for this member holding one grant of `role` on `unitID`, signed with
    /// the suite's key (auth grants roles only through an administrator): for calls a
    /// plain member may not make, such as SearchMembers (committee staff on the
    /// member's committee) or a search of the whole province (administrator on the root).
    public func metadata(granting role: Role, on unitID: String, in suite: BenchSuite) throws -> [String: String] {
        var granted = claims
        var grant = Grant()
        grant.role = role
        grant.unitID = unitID
        granted.grants = [grant]
        let codec = AccessTokenCodec(keyRing: try TokenKeyRing(contentsOfFile: suite.keys.token.path))
        return ["authorization": "Bearer " + (try codec.sign(granted))]
    }

    /// The root of the tree (ancestors are root first).
    public var rootID: String { claims.ancestorUnitIDs.first ?? claims.unitID }

    /// The committee right above the member's cell (ancestors are root first).
    public var committeeID: String { claims.ancestorUnitIDs.last ?? claims.unitID }

    private static func register(in suite: BenchSuite, auth: AuthServiceClient) async throws -> TokenPair {
        let member = try SeedMemberRow.firstOfficialWithPhone(in: suite.seedFolder.appendingPathComponent("members.csv"))
        var start = StartRegistrationRequest()
        start.cardNumber = member.cardNumber
        start.fullName = member.fullName
        start.birthDate = member.birthDate
        start.phone = member.phone
        var face = FaceAttestation()
        face.score = 0.99
        face.livenessPassed = true
        start.face = face
        start.deviceName = "bench-service"
        let started = try await auth.startRegistration(start)
        var confirm = ConfirmRegistrationRequest()
        confirm.registrationID = started.registrationID
        let outbox = OutboxFile(file: suite.dataFolder.appendingPathComponent("auth/outbox.txt"))
        guard let code = await outbox.newestCode(to: try PhoneNumber.canonical(member.phone)) else {
            throw BenchError("no code reached auth's outbox for the seeded member")
        }
        confirm.code = code
        return try await auth.confirmRegistration(confirm)
    }
}

/// One member of the preset's members.csv: what eKYC registration asks for.
struct SeedMemberRow {
    let cardNumber: String
    let fullName: String
    let birthDate: String
    let phone: String

    /// The first official member with a phone (the seed's CSV holds no quoted fields:
    /// names, dates and numbers have no commas).
    static func firstOfficialWithPhone(in file: URL) throws -> SeedMemberRow {
        let text = try String(contentsOf: file, encoding: .utf8)
        var lines = text.split(separator: "\n")[...]
        guard let header = lines.popFirst()?.split(separator: ",", omittingEmptySubsequences: false).map(String.init) else {
            throw BenchError("\(file.path) is empty")
        }
        let column = { (name: String) throws -> Int in
            guard let index = header.firstIndex(of: name) else { throw BenchError("\(file.path) has no \(name) column") }
            return index
        }
        let (card, name, birth, phone, status) = (try column("card_number"), try column("full_name"), try column("birth_date"),
                                                  try column("phone"), try column("status"))
        for line in lines {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == header.count, fields[status] == "official", !fields[phone].isEmpty else { continue }
            return SeedMemberRow(cardNumber: fields[card], fullName: fields[name], birthDate: fields[birth], phone: fields[phone])
        }
        throw BenchError("\(file.path) has no official member with a phone")
    }
}
