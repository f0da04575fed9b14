import OrgContracts
import RPC
import RPCContracts
import ServiceTestSupport

/// The province and the village cell a journey happens in, made in org as its board
/// would (an operator creates the province, the province's committee staff the cell and
/// its members), with tokens for the people who work there.
struct JourneyCell {
    let provinceID: String
    let cellID: String
    let tokens: TestTokens

    static func create(in suite: RunningSuite) async throws -> JourneyCell {
        var province = CreateUnitRequest()
        (province.code, province.name, province.kind) = ("YB", "Đảng bộ tỉnh Yên Bái", .committee)
        let provinceID = try await suite.org.createUnit(province, options: try suite.tokens.asOperator).id
        var cell = CreateUnitRequest()
        (cell.parentID, cell.code, cell.name, cell.kind, cell.cellType) =
            (provinceID, "YB-KH-01", "Chi bộ thôn Khe Hóp", .cell, .villageResidential)
        let staff = try suite.tokens.options(provinceStaffID, [TestTokens.grant(.committeeStaff, provinceID)])
        return JourneyCell(provinceID: provinceID, cellID: try await suite.org.createUnit(cell, options: staff).id,
                           tokens: suite.tokens)
    }

    /// The cell's units above it, root first, as auth puts them in a token.
    var ancestors: [String] { [provinceID] }

    static let provinceStaffID = "m_provincestaff"

    /// Committee staff of the province: after logging in, with the grant auth gives them.
    var provinceStaff: CallOptions {
        get throws { try tokens.options(Self.provinceStaffID, [TestTokens.grant(.committeeStaff, provinceID)]) }
    }

    /// An administrator of the province: appoints agencies' staff.
    var provinceAdministrator: CallOptions {
        get throws { try tokens.options("m_provinceadmin", [TestTokens.grant(.administrator, provinceID)]) }
    }

    /// An editor of the province's documents (`name` tells two editors apart: nobody publishes their own draft).
    func provinceEditor(_ name: String) throws -> CallOptions {
        try tokens.options(name, [TestTokens.grant(.editor, provinceID)])
    }

    /// An official member of the cell in org's registry (no phone: auth learns it at registration).
    func addMember(_ fullName: String, card: String, birthDate: String, in suite: RunningSuite) async throws -> Member {
        var member = Member()
        (member.fullName, member.birthDate, member.cardNumber, member.status, member.unitID) =
            (fullName, birthDate, card, .official, cellID)
        var create = CreateMemberRequest()
        create.member = member
        return try await suite.org.createMember(create, options: try provinceStaff)
    }

    /// `memberID`, a member of the cell holding the cell's secretary grant, as after logging in.
    func secretary(_ memberID: String) throws -> CallOptions {
        try tokens.options(memberID, [TestTokens.grant(.member, cellID), TestTokens.grant(.cellSecretary, cellID)],
                           unitID: cellID, ancestors: ancestors)
    }
}
