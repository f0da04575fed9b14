import AuthContracts
import AuthService
import Foundation
import ServiceToolkit
import OrgContracts
import OrgService
import RPC
import RPCContracts
import ServiceKit

/// A real org and a real auth in this process (`ServiceMain.start`, port 0, one token
/// key file, data in a temporary folder), org holding a province of `members` members
/// spread over cells, each with their own phone, and auth holding an issued account for
/// every one of them. Auth believes 127.0.0.1's `client-address`, as it would the gateway's.
struct LoginSuite {
    let folder: URL
    let org: RunningService
    let auth: RunningService
    let client: AuthServiceClient
    let phones: [String]
    private let channel: RPCChannel

    static let membersPerCell = 50

    static func start(members: Int) async throws -> LoginSuite {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bench-auth-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let keyFile = folder.appendingPathComponent("token.key")
        try (try TokenKeyRing.newKeyLine(id: "k1") + "\n").write(to: keyFile, atomically: true, encoding: .utf8)
        let dataKey = folder.appendingPathComponent("org-data.key")
        try (try TokenKeyRing.newKeyLine(id: "d1") + "\n").write(to: dataKey, atomically: true, encoding: .utf8)
        let authDataKey = folder.appendingPathComponent("auth-data.key")
        try (try TokenKeyRing.newKeyLine(id: "a1") + "\n").write(to: authDataKey, atomically: true, encoding: .utf8)
        let quiet = LogSink { _ in }
        let org = try await ServiceMain.start(OrgServiceDefinition.definition, environment: [
            "SOTAY_LISTEN": "127.0.0.1:0", "SOTAY_DATA_DIR": folder.appendingPathComponent("org").path,
            "SOTAY_TOKEN_KEY_FILE": keyFile.path, "SOTAY_ORG_DATA_KEY_FILE": dataKey.path,
            "SOTAY_TLS": "off",  // In-process, measured over plain TCP.
        ], logSink: quiet)
        let codec = AccessTokenCodec(keyRing: try TokenKeyRing(contentsOfFile: keyFile.path))
        let orgChannel = RPCChannel(addresses: [HostPort(host: "127.0.0.1", port: org.port)])
        defer { orgChannel.close() }
        let (province, phones) = try await populate(OrgServiceClient(channel: orgChannel), members: members,
                                                    codec: codec)
        let auth = try await ServiceMain.start(AuthServiceDefinition.definition, environment: [
            "SOTAY_LISTEN": "127.0.0.1:0", "SOTAY_DATA_DIR": folder.appendingPathComponent("auth").path,
            "SOTAY_TOKEN_KEY_FILE": keyFile.path, "SOTAY_ORG_ADDR": "127.0.0.1:\(org.port)",
            "SOTAY_AUTH_TRUSTED_PROXIES": "127.0.0.1", "SOTAY_AUTH_DATA_KEY_FILE": authDataKey.path,
            "SOTAY_TLS": "off",
        ], logSink: quiet)
        let channel = RPCChannel(addresses: [HostPort(host: "127.0.0.1", port: auth.port)])
        let client = AuthServiceClient(channel: channel)
        var issue = IssueAccountsRequest()
        issue.unitID = province
        let administrator = try bearer(codec, memberID: "bench-admin", grant(.administrator, province))
        let issued = try await client.issueAccounts(issue, options: administrator)
        guard issued.issued == members else {
            throw BenchError("issued \(issued.issued) accounts for \(members) members (\(issued.skipped) skipped)")
        }
        return LoginSuite(folder: folder, org: org, auth: auth, client: client, phones: phones, channel: channel)
    }

    func stop() async {
        channel.close()
        await auth.stop()
        await org.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    /// The newest code auth delivered to its outbox file for `phone` (canonical,
    /// "+84…"), as the phone would receive it: delivery follows the commit, so this
    /// waits for the line, part of what a login costs end to end.
    func code(sentTo phone: String) async throws -> String {
        guard let code = await OutboxFile(file: folder.appendingPathComponent("auth/outbox.txt")).newestCode(to: phone) else {
            throw BenchError("no code in the outbox for a phone")
        }
        return code
    }

    private static func populate(_ org: OrgServiceClient, members: Int, codec: AccessTokenCodec) async throws
        -> (province: String, phones: [String])
    {
        var unit = CreateUnitRequest()
        unit.name = "Đảng bộ tỉnh Thử nghiệm"
        unit.code = "BENCH"
        unit.kind = .committee
        let province = try await org.createUnit(unit, options: try bearer(codec, memberID: "bench-operator",
                                                                           grant(.operator, ""))).id
        let administrator = try bearer(codec, memberID: "bench-admin", grant(.administrator, province))
        var phones: [String] = []
        var cell = ""
        for index in 0..<members {
            if index % membersPerCell == 0 {
                unit.parentID = province
                unit.code = "CELL-\(index / membersPerCell)"
                unit.name = "Chi bộ số \(index / membersPerCell + 1)"
                unit.kind = .cell
                unit.cellType = .villageResidential
                cell = try await org.createUnit(unit, options: administrator).id
            }
            var member = Member()
            member.fullName = "Đảng viên \(index)"
            member.cardNumber = "BN\(100_000 + index)"
            member.birthDate = "1980-01-01"
            member.status = .official
            member.unitID = cell
            member.phone = "09\(String(10_000_000 + index).suffix(8))"
            var request = CreateMemberRequest()
            request.member = member
            _ = try await org.createMember(request, options: administrator)
            phones.append("+849" + member.phone.dropFirst(2))
        }
        return (province, phones)
    }

    private static func grant(_ role: Role, _ unitID: String) -> Grant {
        var grant = Grant()
        grant.role = role
        grant.unitID = unitID
        return grant
    }

    private static func bearer(_ codec: AccessTokenCodec, memberID: String, _ grant: Grant) throws -> CallOptions {
        var claims = AccessTokenClaims()
        claims.memberID = memberID
        claims.grants = [grant]
        claims.issuedAtMS = WallClock.system.nowMs
        claims.expiresAtMS = claims.issuedAtMS + AccessTokenCodec.maxLifetimeMs
        return CallOptions(timeout: .seconds(120), metadata: [MetadataKey.authorization: "Bearer " + (try codec.sign(claims))])
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
