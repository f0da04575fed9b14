import FeedbackContracts
import RPC

/// Feedback from a member and the agency's answer. No routing rule is put, so an item
/// goes to the fallback: the office of the member's nearest committee (the province).
enum AgencyDesk {
    /// `key` makes a retried submit return the first item (visible ASCII).
    static func submit(_ title: String, _ body: String, key: String, as author: CallOptions, suite: RunningSuite) async throws
        -> Item {
        var request = SubmitItemRequest()
        (request.kind, request.category, request.title, request.body, request.idempotencyKey) =
            (.question, .administration, title, body, key)
        // Feedback follows org's tree: the member's cell may not be there for a moment yet.
        return try await retrying { try await suite.feedback.submitItem(request, options: author) }
    }

    /// The province's administrator appoints the province's staff member to the agency
    /// the item went to (only an agency's own staff see its inbox), who reads the inbox
    /// (which delivers the item) and answers privately.
    static func agencyAnswers(_ item: Item, with text: String, in cell: JourneyCell, suite: RunningSuite) async throws
        -> Item {
        var appoint = AppointAgencyStaffRequest()
        (appoint.agency, appoint.memberID) = (item.agency, JourneyCell.provinceStaffID)
        _ = try await suite.feedback.appointAgencyStaff(appoint, options: try cell.provinceAdministrator)
        let staff = try cell.provinceStaff
        var inbox = ListInboxRequest()
        inbox.agency = item.agency
        _ = try await suite.feedback.listInbox(inbox, options: staff)
        var answer = AnswerItemRequest()
        (answer.itemID, answer.text, answer.visibility) = (item.id, text, .private)
        return try await suite.feedback.answerItem(answer, options: staff)
    }

    /// The item as its member (or her secretary) sees it now.
    static func item(_ id: String, as reader: CallOptions, suite: RunningSuite) async throws -> Item {
        var request = GetItemRequest()
        request.itemID = id
        return try await suite.feedback.getItem(request, options: reader)
    }
}
