import AuthContracts
import Foundation
import OrgContracts
import OrgService
import RPC
import RPCContracts
import ServiceKit
import ServiceTestSupport
import Store
@testable import AuthService

/// A real org and a real auth, both started through `ServiceMain.start` on port 0 in
/// a test environment of their own (ServiceTestSupport), sharing one token key file
/// and one test clock; auth follows org's tree. Org holds the small tree below and its
/// members, built once per test process and copied for each test; auth starts after
/// them, so its tree replica loads them in its first snapshot.
/// `AuthHarness.with { harness in … }` stops both however the test ends.
///
/// Calls go out from 127.0.0.1, which auth trusts as the gateway: each simulated phone
/// names its own end-user address in `client-address`, as the gateway would.
struct AuthHarness: ScopedHarness {
    let environment: TestEnvironment
    let orgService: ServiceUnderTest
    let authService: ServiceUnderTest
    let tree: Tree
    let people: People

    var folder: URL { environment.folder.url }
    var clock: TestClock { environment.clock }
    var org: RunningService { orgService.running }
    var auth: RunningService { authService.running }
    var client: AuthServiceClient { AuthServiceClient(channel: authService.channel) }
    /// Org as any other service (or the gateway) calls it, with a member's token.
    var orgClient: OrgServiceClient { OrgServiceClient(channel: orgService.channel) }
    /// The lines auth has logged.
    var authLog: @Sendable () -> [String] { authService.log }

    /// province → commune → cell A, cell B; province → school → cell C.
    struct Tree: Codable, Sendable {
        let province, commune, cellA, cellB, school, cellC: String
    }

    /// A member as the registry holds them: what their party card says and their phone.
    struct Person: Codable, Sendable {
        let memberID: String
        let unitID: String
        let fullName: String
        let card: String
        let birthDate: String
        let phone: String
        /// The end-user address the gateway reports for this member's phone.
        let address: String
    }

    struct People: Codable, Sendable {
        /// Province administrator (granted at bootstrap), a member of cell A.
        let binh: Person
        /// Cell A: an ordinary member, the cell's secretary, and a member with no phone.
        let lan, hung, mai: Person
        /// Cell B: an ordinary member, and the member who becomes the commune's administrator.
        let tuan, dung: Person
        /// Cell C, in the school under the province's other branch.
        let hoa: Person
    }

    /// Org's side as every test starts from it.
    private struct OrgSide: Codable, Sendable {
        let tree: Tree
        let people: People
    }

    static func start(trustingGateway: Bool = true) async throws -> AuthHarness {
        let (template, side) = try await Fixtures.shared.template("auth-harness-org") { environment in
            let org = try await environment.start(OrgServiceDefinition.definition)
            let (tree, people) = try await populate(OrgServiceClient(channel: org.channel), tokens: environment.tokens)
            return OrgSide(tree: tree, people: people)
        }
        let environment = try TestEnvironment("auth", copying: template)
        do {
            return try await startServices(in: environment, tree: side.tree, people: side.people,
                                           trustingGateway: trustingGateway)
        } catch {
            await environment.stop()
            throw error
        }
    }

    static func with<T>(trustingGateway: Bool = true, _ body: (AuthHarness) async throws -> T) async throws -> T {
        try await scoped({ try await start(trustingGateway: trustingGateway) }, body)
    }

    func stop() async {
        await environment.stop()
    }

    /// Stops both services, writes a key file listing `keyIDs` (the first signs; new
    /// ids get fresh keys, known ids keep theirs) and starts both again on the same data.
    func restarted(withKeys keyIDs: [String]) async throws -> AuthHarness {
        await environment.stopServices()
        try Self.writeKeyFile(environment.tokenKeyFile, ids: keyIDs)
        return try await Self.startServices(in: environment, tree: tree, people: people, trustingGateway: true)
    }

    /// Tokens signed with the suite's key as the key file now reads.
    var tokens: TestTokens {
        get throws { try TestTokens(keyFile: environment.tokenKeyFile, clock: clock.wall) }
    }

    // MARK: Starting

    private static func writeKeyFile(_ path: String, ids: [String]) throws {
        let existing = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        let known = Dictionary(existing.split(separator: "\n").map { line in
            (String(line.split(separator: " ")[0]), String(line))
        }, uniquingKeysWith: { first, _ in first })
        let lines = try ids.map { id in try known[id] ?? TokenKeyRing.newKeyLine(id: id) }
        guard FileManager.default.createFile(atPath: path, contents: Data((lines.joined(separator: "\n") + "\n").utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw HarnessError(description: "cannot write \(path)")
        }
    }

    private static func startServices(in environment: TestEnvironment, tree: Tree, people: People,
                                      trustingGateway: Bool) async throws -> AuthHarness {
        let org = try await environment.start(OrgServiceDefinition.definition)
        let auth = try await environment.start(
            AuthServiceDefinition.definition, peers: [org],
            extra: ["SOTAY_AUTH_TRUSTED_PROXIES": trustingGateway ? "127.0.0.1" : ""])
        let harness = AuthHarness(environment: environment, orgService: org, authService: auth, tree: tree,
                                  people: people)
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
    private static func populate(_ org: OrgServiceClient, tokens: TestTokens) async throws -> (Tree, People) {
        func token(_ grant: Grant) throws -> CallOptions { try tokens.options("org-setup", [grant]) }
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
