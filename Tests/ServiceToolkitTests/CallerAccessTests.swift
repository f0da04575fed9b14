import RPC
import RPCContracts
import ServiceKit
import Testing
import ServiceToolkit

@Suite struct CallerAccessTests {
    func access(_ grants: [(Role, String)]) -> CallerAccess {
        var claims = AccessTokenClaims()
        claims.memberID = "m_caller"
        claims.grants = grants.map { role, unitID in
            var grant = Grant()
            grant.role = role
            grant.unitID = unitID
            return grant
        }
        return CallerAccess(caller: CallerIdentity(claims: claims))
    }

    let cell = PlacedUnit(id: "u_cell", ancestorIDs: ["u_province", "u_commune"])

    @Test func aGrantAboveTheUnitCoversIt() throws {
        try access([(.administrator, "u_commune")]).require([.administrator, .committeeStaff], on: cell, to: "rename it")
    }

    @Test func aRefusalIsPermissionDeniedAndNamesNothingAboutTheUnit() {
        var refusal: RPCError?
        do {
            try access([(.administrator, "u_other"), (.editor, "u_province")])
                .require([.administrator], on: cell, to: "rename it")
        } catch {
            refusal = error
        }
        #expect(refusal?.code == .permissionDenied)
        #expect(refusal?.message.contains("u_") == false)
    }

    @Test func operatorsAndServicesAreToldApart() {
        #expect(access([(.service, "")]).isService)
        #expect(refusalMessage { try access([(.service, "")]).requireOperator(to: "import files") } != nil)
        #expect(refusalMessage { try access([(.operator, "")]).requireOperator(to: "import files") } == nil)
    }
}
