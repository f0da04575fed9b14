import RPCContracts
import Testing
@testable import ServiceKit

@Suite struct RightsTests {
    static func grant(_ role: Role, _ unitID: String) -> Grant {
        var grant = Grant()
        grant.role = role
        grant.unitID = unitID
        return grant
    }

    // province → commune → cell-a, cell-b; province → bloc
    let rights = Rights(grants: [grant(.editor, "commune"), grant(.cellSecretary, "cell-a")])

    @Test func aGrantCoversItsOwnUnit() {
        #expect(rights.holds(.editor, on: "commune", unitAncestors: ["province"]))
    }

    @Test func aGrantCoversTheWholeSubtree() {
        #expect(rights.holds(.editor, on: "cell-b", unitAncestors: ["province", "commune"]))
    }

    @Test func aGrantDoesNotCoverAncestorsOrSiblings() {
        #expect(!rights.holds(.editor, on: "province", unitAncestors: []))
        #expect(!rights.holds(.editor, on: "bloc", unitAncestors: ["province"]))
        #expect(!rights.holds(.cellSecretary, on: "cell-b", unitAncestors: ["province", "commune"]))
    }

    @Test func aRoleIsNotImpliedByAnother() {
        #expect(!rights.holds(.administrator, on: "cell-a", unitAncestors: ["province", "commune"]))
        #expect(rights.holdsAny([.administrator, .cellSecretary], on: "cell-a", unitAncestors: ["province", "commune"]))
    }
}
