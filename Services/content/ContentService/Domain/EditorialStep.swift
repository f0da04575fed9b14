import ContentContracts
import RPC
import RPCContracts

/// The editorial workflow: draft → in review → published → archived, and a published
/// item withdrawn with a reason. Each step names the states it starts from, the state it
/// leads to, and who may take it.
enum EditorialStep: Sendable {
    case submit, returnToDraft, publish, withdraw, archive

    var from: Set<ItemState> {
        switch self {
        case .submit: [.draft]
        case .returnToDraft, .publish: [.inReview]
        case .withdraw: [.published, .archived]
        case .archive: [.published]
        }
    }

    var to: ItemState {
        switch self {
        case .submit: .inReview
        case .returnToDraft: .draft
        case .publish: .published
        case .withdraw: .withdrawn
        case .archive: .archived
        }
    }

    var roles: Set<Role> {
        switch self {
        case .submit, .withdraw, .archive: ContentRoles.editors
        case .returnToDraft, .publish: ContentRoles.approvers
        }
    }

    var audit: AuditAction {
        switch self {
        case .submit: .submitted
        case .returnToDraft: .returned
        case .publish: .published
        case .withdraw: .withdrawn
        case .archive: .archived
        }
    }

    /// For the refusal: "publish it".
    var action: String {
        switch self {
        case .submit: "submit it for review"
        case .returnToDraft: "return it to its author"
        case .publish: "publish it"
        case .withdraw: "withdraw it"
        case .archive: "archive it"
        }
    }

    /// For the refusal of a step from the wrong state: "cannot be published".
    var done: String {
        switch self {
        case .submit: "submitted for review"
        case .returnToDraft: "returned to draft"
        case .publish: "published"
        case .withdraw: "withdrawn"
        case .archive: "archived"
        }
    }

    /// Whether the step needs a reason (the author and the readers are told why).
    var needsReason: Bool { self == .returnToDraft || self == .withdraw }
}
