import Foundation
import OrgContracts
import OrgService
import RPC
import RPCContracts
import ServiceKit

/// The org service started through `ServiceMain.start` on port 0 with its data in a
/// temporary folder, a client over a real RPC channel, and tokens for any caller.
struct OrgHarness {
    let folder: URL
    let running: RunningService
    let channel: RPCChannel
    let org: OrgServiceClient
    let codec: AccessTokenCodec

    static func start() async throws -> OrgHarness {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sotay-org-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let tokenKey = folder.appendingPathComponent("token.key")
        let dataKey = folder.appendingPathComponent("org-data.key")
        try (try TokenKeyRing.newKeyLine(id: "k1") + "\n").write(to: tokenKey, atomically: true, encoding: .utf8)
        try (try TokenKeyRing.newKeyLine(id: "d1") + "\n").write(to: dataKey, atomically: true, encoding: .utf8)
        let (sink, _) = LogSink.memory()
        let running = try await ServiceMain.start(OrgServiceDefinition.definition, environment: [
            "SOTAY_LISTEN": "127.0.0.1:0",
            "SOTAY_DATA_DIR": folder.appendingPathComponent("data").path,
            "SOTAY_TOKEN_KEY_FILE": tokenKey.path,
            "SOTAY_ORG_DATA_KEY_FILE": dataKey.path,
        ], logSink: sink)
        // A generous deadline: tests run many services at once on a small machine, and a
        // slow moment must not fail a test that checks behaviour, not speed.
        let channel = RPCChannel(addresses: [HostPort(host: "127.0.0.1", port: running.port)],
                                 configuration: ChannelConfiguration(defaultTimeout: .seconds(60)))
        return OrgHarness(folder: folder, running: running, channel: channel, org: OrgServiceClient(channel: channel),
                          codec: AccessTokenCodec(keyRing: try TokenKeyRing(contentsOfFile: tokenKey.path)))
    }

    func stop() async {
        channel.close()
        await running.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    static func grant(_ role: Role, _ unitID: String = "") -> Grant {
        var grant = Grant()
        grant.role = role
        grant.unitID = unitID
        return grant
    }

    /// Call options with a token for `memberID` holding `grants`.
    func options(_ memberID: String, _ grants: [Grant] = []) throws -> CallOptions {
        var claims = AccessTokenClaims()
        claims.memberID = memberID
        claims.grants = grants
        claims.issuedAtMS = WallClock.system.nowMs
        claims.expiresAtMS = claims.issuedAtMS + 600_000
        return CallOptions(metadata: [MetadataKey.authorization: "Bearer " + (try codec.sign(claims))])
    }

    var asOperator: CallOptions { get throws { try options("operator", [Self.grant(.operator)]) } }
    var asService: CallOptions { get throws { try options("service:auth", [Self.grant(.service)]) } }
    /// An administrator of `unitID`'s subtree.
    func asAdmin(of unitID: String, memberID: String = "admin-1") throws -> CallOptions {
        try options(memberID, [Self.grant(.administrator, unitID)])
    }

    // MARK: Building trees

    func createUnit(_ name: String, code: String? = nil, kind: UnitKind, cellType: CellType = .unspecified,
                    under parentID: String, as options: CallOptions) async throws -> OrgUnit {
        var request = CreateUnitRequest()
        request.parentID = parentID
        request.code = code ?? "C-\(UUID().uuidString.prefix(8))"
        request.name = name
        request.kind = kind
        request.cellType = cellType
        return try await org.createUnit(request, options: options)
    }

    /// province → commune (Xã Khe Hóp) → cell A (village), cell B (village);
    /// province → bloc (Khối cơ quan) → school committee → cell C (public service).
    struct SmallTree {
        let province, commune, cellA, cellB, bloc, school, cellC: OrgUnit
    }

    func smallTree() async throws -> SmallTree {
        let root = try await createUnit("Đảng bộ tỉnh Yên Bái", code: "YB", kind: .committee, under: "", as: try asOperator)
        let admin = try asAdmin(of: root.id)
        let commune = try await createUnit("Đảng bộ xã Khe Hóp", kind: .committee, under: root.id, as: admin)
        let cellA = try await createUnit("Chi bộ thôn Khe Hóp", kind: .cell, cellType: .villageResidential,
                                         under: commune.id, as: admin)
        let cellB = try await createUnit("Chi bộ thôn Bản Mù", kind: .cell, cellType: .villageResidential,
                                         under: commune.id, as: admin)
        let bloc = try await createUnit("Đảng bộ Khối cơ quan tỉnh", kind: .committee, under: root.id, as: admin)
        let school = try await createUnit("Đảng bộ Trường Cao đẳng Sư phạm", kind: .grassrootsCommittee,
                                          under: bloc.id, as: admin)
        let cellC = try await createUnit("Chi bộ Khoa Tự nhiên", kind: .cell, cellType: .publicServiceUnit,
                                         under: school.id, as: admin)
        return SmallTree(province: root, commune: commune, cellA: cellA, cellB: cellB, bloc: bloc, school: school,
                         cellC: cellC)
    }

    func createMember(_ fullName: String, card: String, birthDate: String = "1980-05-17", status: MemberStatus = .official,
                      in unitID: String, as options: CallOptions) async throws -> Member {
        var member = Member()
        member.fullName = fullName
        member.cardNumber = card
        member.birthDate = birthDate
        member.status = status
        member.unitID = unitID
        member.gender = .female
        member.phone = "0912 345 678"
        member.citizenID = "015190001234"
        var request = CreateMemberRequest()
        request.member = member
        return try await org.createMember(request, options: options)
    }
}
