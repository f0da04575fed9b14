import ContentContracts
import RPC
import ServiceKit
import ServiceToolkit
import Store

/// Loading an existing library in bulk, checked whole before anything is written.
extension ContentHandlers {
    static let maxImport = 500
    static let sourceKey = TextLimit(maxCharacters: 128)

    struct CheckedImport: Sendable {
        let index: Int
        let unitID: String
        let kind: ItemKind
        let content: ItemContent
        let sourceKey: String
    }

    func importDocuments(_ request: ImportDocumentsRequest, context: CallContext) async throws -> ImportDocumentsResponse {
        let access = try CallerAccess(context)
        guard request.documents.count <= Self.maxImport else {
            throw RPCError.invalidArgument(field: "documents", "holds more than \(Self.maxImport) documents; send them in parts")
        }
        let tree = replica.tree
        var problems: [ImportProblem] = []
        var checked: [CheckedImport] = []
        var keys = Set<String>()
        for (index, document) in request.documents.enumerated() {
            do {
                let unitID = try RecordID.checked(document.unitID, prefix: "u", field: "unit_id")
                guard access.holds(ContentRoles.editors, on: placement(of: unitID, in: tree)) else {
                    throw RPCError.invalidArgument(field: "unit_id", "you hold no editor grant on this unit")
                }
                guard tree.unit(unitID)?.state == .active else {
                    throw RPCError.invalidArgument(field: "unit_id", "is not an active unit")
                }
                let kind = try ContentInput.kind(document.kind)
                let content = try ContentInput.checked(document.content ?? ItemContent(), kind: kind)
                let key = try TextInput.checked(document.sourceKey, field: "source_key", limit: Self.sourceKey)
                guard keys.insert(key).inserted else {
                    throw RPCError.invalidArgument(field: "source_key", "appears twice in this import")
                }
                checked.append(CheckedImport(index: index, unitID: unitID, kind: kind, content: content, sourceKey: key))
            } catch let error as RPCError {
                problems.append(Self.problem(index, error))
            }
        }
        let documents = checked
        problems += try await read { connection in
            try documents.compactMap { document in
                do {
                    try Self.requireReplacement(of: document.content, in: connection)
                    return nil
                } catch let error as RPCError {
                    return Self.problem(document.index, error)
                }
            }
        }
        var response = ImportDocumentsResponse()
        guard problems.isEmpty else {
            response.problems = problems.sorted { $0.index < $1.index }
            return response
        }
        let actorID = access.caller.memberID
        if request.dryRun {
            return try await read { connection in
                var response = ImportDocumentsResponse()
                for document in documents {
                    if try Self.imported(document.sourceKey, in: connection) != nil {
                        response.unchanged += 1
                    } else {
                        response.imported += 1
                    }
                }
                return response
            }
        }
        return try await write { connection, now in
            var response = ImportDocumentsResponse()
            let editor = ItemEditor(connection: connection, nowMs: now, actorID: actorID)
            for document in documents {
                if let existing = try Self.imported(document.sourceKey, in: connection) {
                    response.unchanged += 1
                    response.itemIDs.append(existing)
                } else {
                    response.imported += 1
                    response.itemIDs.append(try editor.importDocument(
                        unitID: document.unitID, kind: document.kind, content: document.content,
                        sourceKey: document.sourceKey).item.id)
                }
            }
            return response
        }
    }

    /// The item already imported under `sourceKey`.
    static func imported(_ sourceKey: String, in connection: Connection) throws -> String? {
        try connection.queryOne("SELECT id FROM items WHERE source_key = ?", [sourceKey])?.get(0)
    }

    static func problem(_ index: Int, _ error: RPCError) -> ImportProblem {
        var problem = ImportProblem()
        problem.index = Int32(index)
        problem.field = error.fieldViolations.first?.field ?? ""
        problem.reason = error.fieldViolations.first?.description ?? error.message
        return problem
    }
}
