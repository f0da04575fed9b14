import FeedbackContracts
import RPC
import ServiceKit
import ServiceToolkit
import Store

extension FeedbackHandlers {
    /// The public Q&A the caller's unit sees: what agencies of its committees and of
    /// those above published, newest first, searched without diacritics.
    func searchQA(_ request: SearchQARequest, context: CallContext) async throws -> QAList {
        let query = try TextInput.searchQuery(request.query)
        let caller = try CallerAccess(context).caller
        guard !caller.unitID.isEmpty else { return QAList() }
        let paging = try Paging(pageSize: request.pageSize, pageToken: request.pageToken, list: "qa",
                                filters: [caller.unitID, query])
        let units = replica.tree.chain(from: caller.unitID, knownAncestors: caller.claims.ancestorUnitIDs)
        let match = FullTextQuery.matchExpression(for: query)
        let after = paging.after.flatMap { key in key.count == 2 ? Int64(key[0]).map { ($0, key[1]) } : nil }
        if paging.after != nil && after == nil {
            throw RPCError.invalidArgument(field: "page_token", "belongs to another list or filter, or is damaged")
        }
        let entries = try await read { connection in
            try QAStore(connection: connection).search(unitIDs: units, match: match, after: after, limit: paging.pageSize + 1)
        }
        var list = QAList()
        list.entries = Array(entries.prefix(paging.pageSize))
        if let last = list.entries.last {
            list.nextPageToken = paging.token(list: "qa", after: [String(last.answeredAtMS), last.itemID],
                                              hasMore: entries.count > paging.pageSize)
        }
        return list
    }

    func createTemplate(_ request: CreateTemplateRequest, context: CallContext) async throws -> ResponseTemplate {
        let agency = try Self.checkedAgency(request.agency, field: "agency")
        let title = try TextInput.name(request.title, field: "title")
        let body = try TextInput.checked(request.body, field: "body", limit: FeedbackInputLimits.body)
        let access = try CallerAccess(context)
        let tree = replica.tree
        return try await write { connection, now in
            try Self.requireAgencyStaff(access, of: agency, in: tree, connection: connection, to: "keep this agency's templates")
            let call = try IdempotentCall.keyed(scope: access.idempotencyScope, key: request.idempotencyKey,
                                                method: "CreateTemplate", request: request, nowMs: now)
            if let first = try call?.recorded(ResponseTemplate.self, in: connection) { return first }
            var template = ResponseTemplate()
            template.id = RecordID.make("tpl", nowMs: now)
            template.agency = agency
            template.title = title
            template.body = body
            try TemplateStore(connection: connection).insert(template, of: agency)
            try call?.remember(template, in: connection)
            return template
        }
    }

    func listTemplates(_ request: ListTemplatesRequest, context: CallContext) async throws -> TemplateList {
        let agency = try Self.checkedAgency(request.agency, field: "agency")
        let access = try CallerAccess(context)
        let tree = replica.tree
        var list = TemplateList()
        list.templates = try await read { connection in
            try Self.requireAgencyStaff(access, of: agency, in: tree, connection: connection, to: "read this agency's templates")
            return try TemplateStore(connection: connection).list(of: agency)
        }
        return list
    }
}
