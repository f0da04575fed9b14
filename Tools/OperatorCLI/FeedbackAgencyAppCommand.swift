import FeedbackContracts
import Foundation
import RPC

/// `sotay app inbox|answer|refer|reassign|agency …`: the agency's side of the feedback
/// service by hand, with the token of whoever logged in with `sotay app`. Staff of an
/// agency read its inbox and answer, refer or move its items; administrators of a
/// committee's subtree appoint and remove the staff of its agencies (`me`: the member
/// logged in, so an administrator can staff an agency and try the rest).
struct FeedbackAgencyAppCommand {
    static let verbs: Set<String> = ["inbox", "answer", "refer", "reassign", "agency"]

    let arguments: [String]
    let environment: OperatorEnvironment
    let session: AppSession

    func run() async throws -> Int32 {
        let client = FeedbackServiceClient(channel: try environment.channel(to: .feedback))
        let values = try session.required()
        let options = CallOptions(metadata: session.accessMetadata() ?? [:])
        let words = arguments
        switch (words.first, words.count) {
        case ("inbox", 2), ("inbox", 3):
            var request = ListInboxRequest()
            request.agency = try Self.agency(words[1], words.count == 3 ? words[2] : "office")
            let list = try await FeedbackAppCommand.call { try await client.listInbox(request, options: options) }
            for item in list.items { print(FeedbackAppCommand.line(item)) }
        case ("answer", 4):
            var request = AnswerItemRequest()
            request.itemID = words[1]
            guard let visibility = ["public": AnswerVisibility.public, "private": .private][words[2]] else {
                throw CLIError.usage("answer ITEM_ID public|private TEXT")
            }
            request.visibility = visibility
            request.text = words[3]
            print(FeedbackAppCommand.describe(try await FeedbackAppCommand.call { try await client.answerItem(request, options: options) }))
        case ("refer", 4):
            var request = ReferItemRequest()
            (request.itemID, request.referredTo, request.reason) = (words[1], words[2], words[3])
            print(FeedbackAppCommand.describe(try await FeedbackAppCommand.call { try await client.referItem(request, options: options) }))
        case ("reassign", 5):
            var request = ReassignItemRequest()
            request.itemID = words[1]
            request.agency = try Self.agency(words[2], words[3])
            request.reason = words[4]
            print(FeedbackAppCommand.describe(try await FeedbackAppCommand.call { try await client.reassignItem(request, options: options) }))
        case ("agency", 4) where words[1] == "staff":
            var request = ListAgencyStaffRequest()
            request.agency = try Self.agency(words[2], words[3])
            for staff in try await FeedbackAppCommand.call({ try await client.listAgencyStaff(request, options: options) }).staff {
                print("\(staff.memberID)  appointed by \(staff.appointedBy)")
            }
        case ("agency", 5) where words[1] == "appoint":
            var request = AppointAgencyStaffRequest()
            request.agency = try Self.agency(words[2], words[3])
            request.memberID = words[4] == "me" ? values["member"] ?? "" : words[4]
            let staff = try await FeedbackAppCommand.call { try await client.appointAgencyStaff(request, options: options) }
            print("\(staff.memberID) staffs the \(staff.agency?.kind.label ?? "?") of \(staff.agency?.unitID ?? "?")")
        case ("agency", 5) where words[1] == "remove":
            var request = RemoveAgencyStaffRequest()
            request.agency = try Self.agency(words[2], words[3])
            request.memberID = words[4] == "me" ? values["member"] ?? "" : words[4]
            let removed = try await FeedbackAppCommand.call { try await client.removeAgencyStaff(request, options: options) }.removed
            print(removed ? "\(request.memberID) no longer staffs it" : "\(request.memberID) did not staff it; nothing changed")
        default:
            throw CLIError.usage("cannot read 'app \(words.joined(separator: " "))'")
        }
        return 0
    }

    /// An agency from a committee's unit id and a kind's word.
    static func agency(_ unitID: String, _ kind: String) throws -> Agency {
        var agency = Agency()
        agency.unitID = unitID
        agency.kind = try FeedbackAppCommand.agencyKind(kind)
        return agency
    }
}
