import ContentContracts
import RPC
import ServiceKit
import ServiceToolkit
import Store

/// Search and the assistant, over what the caller may see and nothing else.
extension ContentHandlers {
    static let maxSearchPage = 50
    static let question = TextLimit(maxCharacters: 500, maxWords: 60)
    static let maxPassages: Int32 = 10
    /// Candidates the index gives the assistant before they are scored.
    static let assistantCandidates = 40

    func search(_ request: SearchRequest, context: CallContext) async throws -> SearchResponse {
        let access = try CallerAccess(context)
        let query = try TextInput.searchQuery(request.query)
        guard !query.isEmpty else { throw RPCError.invalidArgument(field: "query", "is required") }
        guard let match = SearchExpression.match(for: query) else {
            throw RPCError.invalidArgument(field: "query", "needs at least one letter or digit")
        }
        guard request.kind == .unspecified || ItemKind.known.contains(request.kind) else {
            throw RPCError.invalidArgument(field: "kind", "must be a known kind")
        }
        let issuer = TextFolding.fold(try TextInput.checked(request.issuer, field: "issuer", limit: .name, required: false))
        let filters = SearchFilters(kind: request.kind, issuerFolded: issuer, year: try Self.year(request.year),
                                    status: .unspecified)
        let paging = try Paging(pageSize: request.pageSize, pageToken: request.pageToken, list: "search",
                                filters: [TextFolding.fold(query), "\(request.kind.rawValue)", issuer, "\(request.year)"],
                                maxPageSize: Self.maxSearchPage)
        let offset = paging.after.flatMap { $0.first.flatMap { Int($0) } } ?? 0
        let scope = readerScope(of: access, in: replica.tree)
        let queryWords = FullTextQuery.words(of: query)
        return try await read { connection in
            let records = try SearchQueries(connection: connection, scope: scope)
                .items(matching: match, filters: filters, offset: offset, limit: paging.pageSize + 1)
            let shown = Array(records.prefix(paging.pageSize))
            let items = try ReadingRecords(connection: connection)
                .decorate(shown.map(\.record.summary), for: access.caller.memberID)
            var response = SearchResponse()
            response.hits = zip(shown, items).map { found, item in
                var hit = SearchHit()
                hit.item = item
                let content = found.record.content
                // A hit found by its title shows its title: its body may not hold the words
                // at all, and looking through it for them was most of a common word's search.
                let body = found.inTitle ? nil : Snippet.make(from: content.body, queryWords: queryWords)
                hit.snippet = body ?? Snippet.make(from: content.title, queryWords: queryWords) ?? content.title
                return hit
            }
            response.nextPageToken = paging.token(list: "search", after: [String(offset + shown.count)],
                                                  hasMore: records.count > paging.pageSize)
            return response
        }
    }

    func ask(_ request: AskRequest, context: CallContext) async throws -> AskResponse {
        let access = try CallerAccess(context)
        let question = try TextInput.checked(request.question, field: "question", limit: Self.question)
        guard (0...Self.maxPassages).contains(request.maxPassages) else {
            throw RPCError.invalidArgument(field: "max_passages", "must be 0 to \(Self.maxPassages)")
        }
        let wanted = request.maxPassages == 0 ? 3 : Int(request.maxPassages)
        let ranking = AssistantRanking(question: question)
        let scope = readerScope(of: access, in: replica.tree)
        let candidates = try await read { connection in
            let queries = SearchQueries(connection: connection, scope: scope)
            guard let found = ranking.candidates(frequencies: try queries.passageFrequencies(
                of: ranking.terms, cap: AssistantRanking.candidatePassages)) else {
                return [SearchQueries.PassageRow]()
            }
            return try queries.passages(found, limit: Self.assistantCandidates)
        }
        // Ties keep the index's order.
        let ranked = candidates.enumerated()
            .map { (order: $0.offset, row: $0.element, score: ranking.score($0.element.title + "\n" + $0.element.section + "\n" + $0.element.text)) }
            .filter { $0.score >= AssistantRanking.minimumScore }
            .sorted { ($0.score, -$0.order) > ($1.score, -$1.order) }
        var response = AskResponse()
        response.passages = ranked.prefix(wanted).map { candidate in
            var passage = Passage()
            passage.itemID = candidate.row.itemID
            passage.number = candidate.row.number
            passage.title = candidate.row.title
            passage.section = candidate.row.section
            passage.text = candidate.row.text
            passage.score = candidate.score
            return passage
        }
        response.answered = !response.passages.isEmpty
        return response
    }
}
