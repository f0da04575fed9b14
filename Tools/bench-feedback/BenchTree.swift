import FeedbackContracts
import OperatorCLI
import OrgContracts

/// The province preset's tree as the bench needs it: its cells, the committee each
/// answers to, and synthetic items routed there.
struct BenchTree: Sendable {
    let root: String
    let cells: [String]
    let committees: [String]
    private let parents: UnitParents
    private let committeeSet: Set<String>

    init(units: [OrgUnit]) {
        parents = UnitParents(units: units)
        root = units.first { $0.parentID.isEmpty }?.id ?? ""
        cells = units.filter { $0.kind == .cell || $0.kind == .grassrootsCell }.map(\.id).sorted()
        committees = units.filter { $0.kind == .committee || $0.kind == .grassrootsCommittee }.map(\.id)
        committeeSet = Set(committees)
    }

    func ancestors(of unitID: String) -> [String] { parents.ancestors(of: unitID) }

    func agency(of cell: String, _ kind: AgencyKind) -> Agency {
        var agency = Agency()
        agency.unitID = ancestors(of: cell).last { committeeSet.contains($0) } ?? root
        agency.kind = kind
        return agency
    }

    static func itemID(_ index: Int) -> String { "fb_bench\(index)" }

    /// Ids of filled items spread over the whole table, for GetItem.
    func sampleItemIDs(among total: Int) -> [String] {
        (0..<1_000).map { Self.itemID($0 * 7_919 % max(total, 1)) }
    }

    /// An open item, delivered, from a member of a cell: in the inbox agency's, or its
    /// own committee's office; overdue ones were due yesterday.
    func syntheticItem(_ index: Int, nowMs: Int64, inInbox: Bool, agency inboxAgency: Agency, overdue: Bool) -> Item {
        let cell = cells[index % cells.count]
        var item = Item()
        item.id = Self.itemID(index)
        item.kind = .question
        item.category = .administration
        item.title = "Câu hỏi \(index)"
        item.body = "Nội dung câu hỏi số \(index) về sinh hoạt chi bộ."
        item.memberID = "m_benchfill\(index % 50_000)"
        item.memberUnitID = cell
        item.status = .delivered
        item.agency = inInbox ? inboxAgency : agency(of: cell, .office)
        item.submittedAtMS = nowMs - 20 * 86_400_000 + Int64(index % 86_400_000)
        item.dueAtMS = overdue ? nowMs - 86_400_000 - Int64(index % 1_000) : nowMs + 10 * 86_400_000 + Int64(index)
        return item
    }
}
