import Foundation
import OrgContracts
import OrgService
import RPC
import RPCContracts
import ServiceKit
import ServiceTestSupport

/// The org service started through `ServiceMain.start` on port 0 in a test
/// environment of its own (ServiceTestSupport), a client over a real RPC channel, and
/// tokens for any caller. `OrgHarness.with { harness in … }` stops it however the
/// test ends.
struct OrgHarness: ScopedHarness {
    let environment: TestEnvironment
    let service: ServiceUnderTest
    let org: OrgServiceClient

    var folder: URL { environment.folder.url }
    /// Org's data folder (its database and its files).
    var dataFolder: URL { folder.appendingPathComponent("org") }
    var clock: TestClock { environment.clock }
    var running: RunningService { service.running }
    var channel: RPCChannel { service.channel }
    var tokens: TestTokens { environment.tokens }
    var codec: AccessTokenCodec { tokens.codec }

    static func start() async throws -> OrgHarness {
        // A running clock: the operator CLI's tests sign tokens with the real one.
        let environment = try TestEnvironment("org", clock: TestClock(running: true))
        do {
            let service = try await environment.start(OrgServiceDefinition.definition)
            return OrgHarness(environment: environment, service: service, org: OrgServiceClient(channel: service.channel))
        } catch {
            await environment.stop()
            throw error
        }
    }

    static func with<T>(_ body: (OrgHarness) async throws -> T) async throws -> T {
        try await scoped({ try await start() }, body)
    }

    func stop() async {
        await environment.stop()
    }

    static func grant(_ role: Role, _ unitID: String = "") -> Grant {
        TestTokens.grant(role, unitID)
    }

    /// Call options with a token for `memberID` holding `grants`.
    func options(_ memberID: String, _ grants: [Grant] = []) throws -> CallOptions {
        try tokens.options(memberID, grants)
    }

    var asOperator: CallOptions { get throws { try tokens.asOperator } }
    var asService: CallOptions { get throws { try tokens.asService("auth") } }
    /// An administrator of `unitID`'s subtree.
    func asAdmin(of unitID: String, memberID: String = "admin-1") throws -> CallOptions {
        try tokens.asAdmin(of: unitID, memberID: memberID)
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
