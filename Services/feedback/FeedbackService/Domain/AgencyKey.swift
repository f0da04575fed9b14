import FeedbackContracts

/// An agency as the tables hold it: its committee and its kind's number (statistics
/// group by it; staff are appointed to it).
struct AgencyKey: Hashable, Sendable {
    let unitID: String
    let kind: Int64

    var agency: Agency {
        var agency = Agency()
        agency.unitID = unitID
        agency.kind = AgencyKind(rawValue: Int32(truncatingIfNeeded: kind))
        return agency
    }
}
