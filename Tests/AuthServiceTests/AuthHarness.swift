import AuthContracts
import Foundation
import OrgContracts
import OrgService
import RPC
import RPCContracts
import ServiceKit
import Store
@testable import AuthService

/// A real org and a real auth, both started through `ServiceMain.start` on port 0 with
/// their data in a temporary folder, sharing one token key file and one test clock;
/// auth follows org's tree. Org holds the small tree below and its members; auth starts
/// after them, so its tree replica loads them in its first snapshot.
///
/// Calls go out from 127.0.0.1, which auth trusts as the gateway: each simulated phone
/// names its own end-user address in `client-address`, as the gateway would.
struct AuthHarness {
    let folder: URL
    let clock: TestClock
    let org: RunningService
    let auth: RunningService
    let client: AuthServiceClient
    /// Org as any other service (or the gateway) calls it, with a member's token.
    let orgClient: OrgServiceClient
    let tree: Tree
    let people: People
    /// The lines auth has logged.
    let authLog: @Sendable () -> [String]
    private let channels: [RPCChannel]

    /// province → commune → cell A, cell B; province → school → cell C.
    struct Tree {
        let province, commune, cellA, cellB, school, cellC: String
    }

    /// A member as the registry holds them: what their party card says and their phone.
    struct Person: Sendable {
        let memberID: String
        let unitID: String
        let fullName: String
        let card: String
        let birthDate: String
        let phone: String
        /// The end-user address the gateway reports for this member's phone.
        let address: String
    }

    struct People {
        /// Province administrator (granted at bootstrap), a member of cell A.
        let binh: Person
        /// Cell A: an ordinary member, the cell's secretary, and a member with no phone.
        let lan, hung, mai: Person
        /// Cell B: an ordinary member, and the member who becomes the commune's administrator.
        let tuan, dung: Person
        /// Cell C, in the school under the province's other branch.
        let hoa: Person
    }

    static let orgDataKeyName = "org-data.key"
    static let authDataKeyName = "auth-data.key"

    static func start(trustingGateway: Bool = true) async throws -> AuthHarness {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sotay-auth-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try writeKeyFile(in: folder, ids: ["k1"])
        try (try TokenKeyRing.newKeyLine(id: "d1") + "\n")
            .write(to: folder.appendingPathComponent(orgDataKeyName), atomically: true, encoding: .utf8)
        try (try TokenKeyRing.newKeyLine(id: "a1") + "\n")
            .write(to: folder.appendingPathComponent(authDataKeyName), atomically: true, encoding: .utf8)
        let clock = TestClock()
        let org = try await startOrg(in: folder, clock: clock)
        // A generous deadline: tests run many services at once on a small machine, and a
        // slow moment must not fail a test that checks behaviour, not speed.
        let orgChannel = RPCChannel(addresses: [HostPort(host: "127.0.0.1", port: org.port)],
                                    configuration: ChannelConfiguration(defaultTimeout: .seconds(60)))
        defer { orgChannel.close() }
        let (tree, people) = try await populate(OrgServiceClient(channel: orgChannel), folder: folder, clock: clock)
        return try await startAuth(in: folder, clock: clock, org: org, tree: tree, people: people,
                                   trustingGateway: trustingGateway)
    }

    func stop() async {
        await stopServices()
        try? FileManager.default.removeItem(at: folder)
    }

    private func stopServices() async {
        for channel in channels { channel.close() }
        await auth.stop()
        await org.stop()
    }

    /// Stops both services, writes a key file listing `keyIDs` (the first signs; new
    /// ids get fresh keys, known ids keep theirs) and starts both again on the same data.
    func restarted(withKeys keyIDs: [String]) async throws -> AuthHarness {
        await stopServices()
        try Self.writeKeyFile(in: folder, ids: keyIDs)
        let org = try await Self.startOrg(in: folder, clock: clock)
        return try await Self.startAuth(in: folder, clock: clock, org: org, tree: tree, people: people,
                                        trustingGateway: true)
    }

    // MARK: Starting

    static func keyFile(in folder: URL) -> URL { folder.appendingPathComponent("token.key") }

    private static func writeKeyFile(in folder: URL, ids: [String]) throws {
        let file = keyFile(in: folder)
        let existing = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        let known = Dictionary(existing.split(separator: "\n").map { line in
            (String(line.split(separator: " ")[0]), String(line))
        }, uniquingKeysWith: { first, _ in first })
        let lines = try ids.map { id in try known[id] ?? TokenKeyRing.newKeyLine(id: id) }
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
    }

    /// The suite's token codec as the key file now reads.
    static func codec(in folder: URL) throws -> AccessTokenCodec {
        AccessTokenCodec(keyRing: try TokenKeyRing(contentsOfFile: keyFile(in: folder).path))
    }

    /// A ten-minute token signed with the suite's key, as auth would sign it.
    static func mint(memberID: String, unitID: String = "", grants: [Grant], in folder: URL, clock: TestClock) throws
        -> String
    {
        var claims = AccessTokenClaims()
        claims.memberID = memberID
        claims.unitID = unitID
        claims.grants = grants
        claims.issuedAtMS = clock.now
        claims.expiresAtMS = clock.now + 600_000
        return try codec(in: folder).sign(claims)
    }

    private static func startOrg(in folder: URL, clock: TestClock) async throws -> RunningService {
        try await ServiceMain.start(OrgServiceDefinition.definition, environment: [
            "SOTAY_LISTEN": "127.0.0.1:0",
            "SOTAY_DATA_DIR": folder.appendingPathComponent("org").path,
            "SOTAY_TOKEN_KEY_FILE": keyFile(in: folder).path,
            "SOTAY_ORG_DATA_KEY_FILE": folder.appendingPathComponent(orgDataKeyName).path,
        ], logSink: LogSink.memory().0, clock: clock.wall)
    }

    private static func startAuth(in folder: URL, clock: TestClock, org: RunningService, tree: Tree, people: People,
                                  trustingGateway: Bool) async throws -> AuthHarness {
        let (sink, log) = LogSink.memory()
        let auth = try await ServiceMain.start(AuthServiceDefinition.definition, environment: [
            "SOTAY_LISTEN": "127.0.0.1:0",
            "SOTAY_DATA_DIR": folder.appendingPathComponent("auth").path,
            "SOTAY_TOKEN_KEY_FILE": keyFile(in: folder).path,
            "SOTAY_ORG_ADDR": "127.0.0.1:\(org.port)",
            "SOTAY_AUTH_TRUSTED_PROXIES": trustingGateway ? "127.0.0.1" : "",
            "SOTAY_AUTH_DATA_KEY_FILE": folder.appendingPathComponent(authDataKeyName).path,
        ], logSink: sink, clock: clock.wall)
        let channel = RPCChannel(addresses: [HostPort(host: "127.0.0.1", port: auth.port)],
                                 configuration: ChannelConfiguration(defaultTimeout: .seconds(60)))
        let orgChannel = RPCChannel(addresses: [HostPort(host: "127.0.0.1", port: org.port)],
                                    configuration: ChannelConfiguration(defaultTimeout: .seconds(60)))
        let harness = AuthHarness(folder: folder, clock: clock, org: org, auth: auth,
                                  client: AuthServiceClient(channel: channel), orgClient: OrgServiceClient(channel: orgChannel),
                                  tree: tree, people: people, authLog: log, channels: [channel, orgChannel])
        try await harness.waitUntilTreeIsLoaded()
        return harness
    }

    /// Polls until auth's tree replica knows the province (statistics answer UNAVAILABLE
    /// until then), so that every test starts from a loaded tree; gives up after a while
    /// rather than hang the run.
    private func waitUntilTreeIsLoaded() async throws {
        var request = GetRegistrationStatsRequest()
        request.unitID = tree.province
        let options = try minted(people.binh, [grant(.administrator, tree.province)])
        for _ in 0..<1_000 {
            do {
                _ = try await client.getRegistrationStats(request, options: options)
                return
            } catch let error as RPCError where error.code == .unavailable {
                try await Task.sleep(for: .milliseconds(20))
            }
        }
        throw HarnessError(description: "auth's tree replica did not load org's tree")
    }

    /// Org's side: the tree and its members, made by an operator and an administrator.
    private static func populate(_ org: OrgServiceClient, folder: URL, clock: TestClock) async throws -> (Tree, People) {
        func token(_ grant: Grant) throws -> CallOptions {
            let token = try mint(memberID: "org-setup", grants: [grant], in: folder, clock: clock)
            return CallOptions(metadata: [MetadataKey.authorization: "Bearer " + token])
        }
        func unit(_ name: String, _ kind: UnitKind, _ cellType: CellType = .unspecified, under parent: String,
                  as options: CallOptions) async throws -> String {
            var request = CreateUnitRequest()
            request.parentID = parent
            request.code = "U-\(UUID().uuidString.prefix(8))"
            request.name = name
            request.kind = kind
            request.cellType = cellType
            return try await org.createUnit(request, options: options).id
        }
        let province = try await unit("Đảng bộ tỉnh Yên Bái", .committee, under: "", as: try token(grant(.operator)))
        let admin = try token(grant(.administrator, province))
        let commune = try await unit("Đảng bộ xã Khe Hóp", .committee, under: province, as: admin)
        let school = try await unit("Đảng bộ Trường Cao đẳng Sư phạm", .grassrootsCommittee, under: province, as: admin)
        let tree = Tree(
            province: province, commune: commune,
            cellA: try await unit("Chi bộ thôn Khe Hóp", .cell, .villageResidential, under: commune, as: admin),
            cellB: try await unit("Chi bộ thôn Bản Mù", .cell, .villageResidential, under: commune, as: admin),
            school: school, cellC: try await unit("Chi bộ Khoa Tự nhiên", .cell, .publicServiceUnit, under: school, as: admin))
        var serial = 0
        func member(_ fullName: String, in unitID: String, phone: Bool = true) async throws -> Person {
            serial += 1
            var member = Member()
            member.fullName = fullName
            member.cardNumber = "YB-\(1000 + serial)"
            member.birthDate = "1980-05-\(10 + serial)"
            member.status = .official
            member.unitID = unitID
            member.gender = .female
            member.phone = phone ? "0912 000 \(100 + serial)" : ""
            var request = CreateMemberRequest()
            request.member = member
            let created = try await org.createMember(request, options: admin)
            return Person(memberID: created.id, unitID: unitID, fullName: fullName, card: member.cardNumber,
                          birthDate: member.birthDate, phone: member.phone, address: "198.51.100.\(serial)")
        }
        let people = People(
            binh: try await member("Trần Văn Bình", in: tree.cellA), lan: try await member("Nguyễn Thị Lan", in: tree.cellA),
            hung: try await member("Lý Văn Hùng", in: tree.cellA),
            mai: try await member("Hoàng Thị Mai", in: tree.cellA, phone: false),
            tuan: try await member("Phạm Minh Tuấn", in: tree.cellB), dung: try await member("Vũ Tiến Dũng", in: tree.cellB),
            hoa: try await member("Đỗ Thị Hoa", in: tree.cellC))
        return (tree, people)
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
}

func grant(_ role: Role, _ unitID: String = "") -> Grant {
    var grant = Grant()
    grant.role = role
    grant.unitID = unitID
    return grant
}
