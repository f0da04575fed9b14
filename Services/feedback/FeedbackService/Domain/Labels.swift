import FeedbackContracts

/// Names for people (notices, the CLI); nil for values outside the contract's list.
extension AgencyKind {
    public var label: String? {
        switch self {
        case .office: "office"
        case .organisationBoard: "organisation board"
        case .propagandaBoard: "propaganda and education board"
        case .inspectionCommission: "inspection commission"
        case .internalAffairs: "internal affairs board"
        default: nil
        }
    }
}

extension ItemStatus {
    public var label: String {
        switch self {
        case .received: "received"
        case .delivered: "delivered to the agency"
        case .inProgress: "in progress"
        case .answered: "answered"
        case .closed: "closed"
        case .notOurResponsibility: "not our responsibility"
        case .duplicate: "duplicate"
        case .reopened: "reopened"
        default: "unknown"
        }
    }
}

extension Category {
    public var label: String? {
        switch self {
        case .partyBuilding: "party building"
        case .ideology: "ideology"
        case .discipline: "discipline"
        case .internalAffairsMatter: "internal affairs"
        case .administration: "administration"
        case .other: "other"
        default: nil
        }
    }
}
