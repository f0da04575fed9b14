import FeedbackContracts
import RPC
import ServiceKit
import ServiceToolkit
import Store

/// What the agency does with an item: start work, answer, refer it outside, move it
/// to another agency, or mark it a duplicate. Each is allowed only while the item is
/// open; each tells the member.
extension FeedbackHandlers {
    func startItem(_ request: StartItemRequest, context: CallContext) async throws -> Item {
        try await changeItem(request.itemID, by: .handler, context: context) { item, now, _ in
            if item.status == .inProgress { return [] }
            guard item.status.isOpen else { throw Self.wrongStatus(item, "started") }
            return item.deliveredIfReceived(atMS: now) + [item.move(to: .inProgress, .eventStarted, atMS: now)]
        }
    }

    /// A public answer goes to the Q&A of the agency's subtree under the question as
    /// the agency edited it (the original when not edited), without the asker.
    func answerItem(_ request: AnswerItemRequest, context: CallContext) async throws -> Item {
        let given = try TextInput.checked(request.text, field: "text", limit: FeedbackInputLimits.body, required: false)
        let publicQuestion = try TextInput.checked(request.publicQuestion, field: "public_question",
                                                   limit: FeedbackInputLimits.body, required: false)
        let templateID = try RecordID.checked(request.templateID, prefix: "tpl", field: "template_id", required: false)
        guard request.visibility == .public || request.visibility == .private else {
            throw RPCError.invalidArgument(field: "visibility", "must be public or private")
        }
        if templateID.isEmpty && given.isEmpty { throw RPCError.invalidArgument(field: "text", "is required") }
        let visibility = request.visibility
        return try await changeItem(request.itemID, by: .handler, context: context) { item, now, connection in
            guard item.status.isOpen else { throw Self.wrongStatus(item, "answered") }
            var text = given
            if !templateID.isEmpty {
                guard let template = try TemplateStore(connection: connection).find(templateID),
                      template.agency == item.agency else {
                    throw RPCError.invalidArgument(field: "template_id", "is not a template of this item's agency")
                }
                if text.isEmpty { text = template.body }
            }
            var answer = Answer()
            answer.text = text
            answer.visibility = visibility
            answer.answeredAtMS = now
            answer.publicQuestion = visibility == .public ? (publicQuestion.isEmpty ? item.body : publicQuestion) : ""
            item.answer = answer
            item.reopenUntilMS = now + Deadlines.reopenWindowMs
            try QAStore(connection: connection).publish(item)
            return item.deliveredIfReceived(atMS: now) + [item.move(to: .answered, .eventAnswered, atMS: now)]
        }
    }

    func referItem(_ request: ReferItemRequest, context: CallContext) async throws -> Item {
        let reason = try TextInput.checked(request.reason, field: "reason", limit: .freeText)
        let referredTo = try TextInput.name(request.referredTo, field: "referred_to")
        return try await changeItem(request.itemID, by: .handler, context: context) { item, now, _ in
            guard item.status.isOpen else { throw Self.wrongStatus(item, "referred") }
            item.reopenUntilMS = now + Deadlines.reopenWindowMs
            return item.deliveredIfReceived(atMS: now)
                + [item.move(to: .notOurResponsibility, .eventReferred, atMS: now, reason: "referred to \(referredTo): \(reason)")]
        }
    }

    /// Moves the item to another agency, with a reason the member reads; it arrives
    /// there RECEIVED and keeps its due date (the member's wait goes on).
    func reassignItem(_ request: ReassignItemRequest, context: CallContext) async throws -> Item {
        let agency = try Self.checkedAgency(request.agency, field: "agency")
        let reason = try TextInput.checked(request.reason, field: "reason", limit: .freeText)
        let tree = replica.tree
        guard tree.hasAgencies(agency.unitID) else {
            throw RPCError.invalidArgument(field: "agency.unit_id", "is not a committee with agencies")
        }
        return try await changeItem(request.itemID, by: .handler, context: context) { item, now, _ in
            guard item.status.isOpen else { throw Self.wrongStatus(item, "reassigned") }
            guard item.agency != agency else { throw RPCError.invalidArgument(field: "agency", "is the item's agency already") }
            item.agency = agency
            item.status = .received
            return [ItemEvent.make(.eventReassigned, atMS: now, status: .received, reason: reason, agency: agency)]
        }
    }

    func markDuplicate(_ request: MarkDuplicateRequest, context: CallContext) async throws -> Item {
        let original = try RecordID.checked(request.duplicateOfID, prefix: "fb", field: "duplicate_of_id")
        let reason = try TextInput.freeText(request.reason, field: "reason")
        let access = try CallerAccess(context)
        let tree = replica.tree
        return try await changeItem(request.itemID, by: .handler, context: context) { item, now, connection in
            guard item.status.isOpen else { throw Self.wrongStatus(item, "marked a duplicate") }
            guard original != item.id, let first = try ItemStore(connection: connection).find(original),
                  try Self.staffed(access, in: connection).handles(first, in: tree) else {
                throw RPCError.invalidArgument(field: "duplicate_of_id", "is not another item your agency handles")
            }
            item.duplicateOfID = original
            item.reopenUntilMS = now + Deadlines.reopenWindowMs
            return item.deliveredIfReceived(atMS: now)
                + [item.move(to: .duplicate, .eventMarkedDuplicate, atMS: now, reason: reason)]
        }
    }
}
