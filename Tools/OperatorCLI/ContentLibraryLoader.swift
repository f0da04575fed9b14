import ContentContracts
import Foundation
import OrgContracts
import RPC
import RPCContracts
import ServiceKit

/// Loads documents into the content service through ImportDocuments, in parts, with an
/// editor's token on the roots of org's tree signed with the suite's key (whoever can
/// read that file runs the servers): `sotay content import` and `sotay up`'s first start.
struct ContentLibraryLoader {
    /// Documents per call: far below the frame limit for long documents.
    static let chunk = 100

    struct Tree {
        /// Active units by code.
        var byCode: [String: String] = [:]
        var roots: [String] = []
        /// Active units under each unit, by id.
        var children: [String: [String]] = [:]
    }

    struct Outcome {
        var imported = 0
        var unchanged = 0
        /// The document's index in the whole list, the field and the reason.
        var problems: [(index: Int, field: String, reason: String)] = []
    }

    let environment: OperatorEnvironment

    /// Org's active units (the operator's token).
    func tree() async throws -> Tree {
        let org = OrgServiceClient(channel: try environment.channel(to: .org))
        let options = CallOptions(metadata: try OperatorToken.metadata(keyFile: environment.tokenKeyFile))
        var tree = Tree()
        var request = GetTreeSnapshotRequest()
        request.pageSize = 5_000
        repeat {
            let page = try await cliCall { try await org.getTreeSnapshot(request, options: options) }
            for unit in page.units where unit.state == .active {
                tree.byCode[unit.code] = unit.id
                if unit.parentID.isEmpty { tree.roots.append(unit.id) } else { tree.children[unit.parentID, default: []].append(unit.id) }
            }
            request.pageToken = page.nextPageToken
        } while !request.pageToken.isEmpty
        return tree
    }

    /// Every part checked or imported; a dry run writes nothing.
    func load(_ documents: [ImportedDocument], roots: [String], dryRun: Bool) async throws -> Outcome {
        let content = ContentServiceClient(channel: try environment.channel(to: .content))
        let options = try importerOptions(grantsOn: roots)
        var outcome = Outcome()
        for start in stride(from: 0, to: documents.count, by: Self.chunk) {
            var request = ImportDocumentsRequest()
            request.documents = Array(documents[start..<min(start + Self.chunk, documents.count)])
            request.dryRun = dryRun
            let answer = try await cliCall { try await content.importDocuments(request, options: options) }
            outcome.imported += Int(answer.imported)
            outcome.unchanged += Int(answer.unchanged)
            outcome.problems += answer.problems.map { (start + Int($0.index), $0.field, $0.reason) }
        }
        return outcome
    }

    private func importerOptions(grantsOn unitIDs: [String]) throws -> CallOptions {
        let codec = AccessTokenCodec(keyRing: try TokenKeyRing(contentsOfFile: environment.tokenKeyFile))
        var claims = AccessTokenClaims.forRole(.editor, callerID: "operator:import", nowMs: WallClock.system.nowMs,
                                               lifetimeMs: OperatorToken.lifetimeMs)
        claims.grants = unitIDs.map { unitID in
            var grant = Grant()
            grant.role = .editor
            grant.unitID = unitID
            return grant
        }
        return CallOptions(timeout: .seconds(120), metadata: ["authorization": "Bearer " + (try codec.sign(claims))])
    }
}
