import FeedbackContracts
import RPC
import ServiceKit
import ServiceToolkit
import Store

extension FeedbackHandlers {
    /// Staff of a subtree open a survey for its members; the creator and the co-owners
    /// named are its owners, the only readers of free-text answers.
    func createSurvey(_ request: CreateSurveyRequest, context: CallContext) async throws -> Survey {
        let unitID = try RecordID.checked(request.unitID, prefix: "u", field: "unit_id")
        let title = try TextInput.name(request.title, field: "title")
        let questions = try SurveyRules.checkedQuestions(request.questions)
        guard request.closesAtMS > request.opensAtMS, request.opensAtMS > 0 else {
            throw RPCError.invalidArgument(field: "closes_at_ms", "must come after opens_at_ms")
        }
        let coOwners = try request.coOwnerMemberIDs.map { id throws(RPCError) in
            try RecordID.checked(id, prefix: "m", field: "co_owner_member_ids")
        }
        let access = try CallerAccess(context)
        try requireStaff(access, of: unitID, in: replica.tree, to: "run surveys there")
        return try await write { connection, now in
            let call = try IdempotentCall.keyed(scope: access.idempotencyScope, key: request.idempotencyKey,
                                                method: "CreateSurvey", request: request, nowMs: now)
            if let first = try call?.recorded(Survey.self, in: connection) { return first }
            var survey = Survey()
            survey.id = RecordID.make("sv", nowMs: now)
            survey.unitID = unitID
            survey.title = title
            survey.questions = questions
            survey.opensAtMS = request.opensAtMS
            survey.closesAtMS = request.closesAtMS
            survey.ownerMemberIDs = [access.caller.memberID] + coOwners.filter { $0 != access.caller.memberID }
            try SurveyStore(connection: connection).insert(survey)
            try call?.remember(survey, in: connection)
            return survey
        }
    }

    /// The surveys open now for the caller's unit, closing soonest first, each saying
    /// whether the caller has responded.
    func listOpenSurveys(_ request: ListOpenSurveysRequest, context: CallContext) async throws -> SurveyList {
        let caller = try CallerAccess(context).caller
        let paging = try Paging(pageSize: request.pageSize, pageToken: request.pageToken, list: "open-surveys",
                                filters: [caller.unitID])
        guard !caller.unitID.isEmpty else { return SurveyList() }
        let units = replica.tree.chain(from: caller.unitID, knownAncestors: caller.claims.ancestorUnitIDs)
        let after = paging.after.flatMap { key in key.count == 2 ? Int64(key[0]).map { ($0, key[1]) } : nil }
        let surveys = try await read { connection, now in
            let store = SurveyStore(connection: connection)
            return try store.open(on: units, nowMs: now, after: after, limit: paging.pageSize + 1).map { survey in
                var survey = survey
                survey.responded = try store.hasResponded(survey.id, memberID: caller.memberID)
                return survey
            }
        }
        var list = SurveyList()
        list.surveys = Array(surveys.prefix(paging.pageSize))
        if let last = list.surveys.last {
            list.nextPageToken = paging.token(list: "open-surveys", after: [String(last.closesAtMS), last.id],
                                              hasMore: surveys.count > paging.pageSize)
        }
        return list
    }

    /// One response per member, while the survey is open, from members of its
    /// subtree; a secretary's proxy response is marked. A second response is refused
    /// and the first stays.
    func respondSurvey(_ request: RespondSurveyRequest, context: CallContext) async throws -> RespondSurveyResponse {
        let surveyID = try RecordID.checked(request.surveyID, prefix: "sv", field: "survey_id")
        let caller = try CallerAccess(context).caller
        let tree = replica.tree
        let survey = try await read { connection in try SurveyStore(connection: connection).find(surveyID) }
        guard let survey, !caller.unitID.isEmpty,
              tree.chain(from: caller.unitID, knownAncestors: caller.claims.ancestorUnitIDs).contains(survey.unitID)
        else { throw RPCError(.notFound, "survey_id: no survey open to you") }
        let answers = try SurveyRules.checkedAnswers(request.answers, for: survey)
        let proxy = caller.proxyMemberID ?? ""
        try await write { connection, now in
            guard now >= survey.opensAtMS, now < survey.closesAtMS else {
                throw RPCError(.failedPrecondition, "the survey is not open now")
            }
            guard try SurveyStore(connection: connection).respond(
                surveyID, memberID: caller.memberID, unitID: caller.unitID, proxyMemberID: proxy, answers: answers,
                nowMs: now)
            else { throw RPCError(.alreadyExists, "you have already responded to this survey") }
        }
        var response = RespondSurveyResponse()
        response.proxy = !proxy.isEmpty
        return response
    }

    /// Counts per question, overall and per respondent's unit, for staff of the
    /// survey's subtree and its owners; free-text answers for the owners only.
    func getSurveyResults(_ request: GetSurveyResultsRequest, context: CallContext) async throws -> SurveyResults {
        let surveyID = try RecordID.checked(request.surveyID, prefix: "sv", field: "survey_id")
        let access = try CallerAccess(context)
        let tree = replica.tree
        return try await read { connection in
            let store = SurveyStore(connection: connection)
            guard let survey = try store.find(surveyID) else { throw RPCError(.notFound, "survey_id: no survey you may read") }
            let owner = survey.ownerMemberIDs.contains(access.caller.memberID)
            guard owner || access.holds(Self.staffRoles, on: self.placed(survey.unitID, in: tree)) else {
                throw RPCError(.notFound, "survey_id: no survey you may read")
            }
            var tally = SurveyTally(survey: survey, includeFreeText: owner)
            try store.forEachResponse(surveyID) { unitID, proxy, answers in
                tally.add(unitID: unitID, proxy: proxy, answers: answers)
            }
            return tally.results
        }
    }
}
