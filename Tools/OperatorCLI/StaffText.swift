import Foundation
import OrgContracts

/// How staff commands print members, units and counts for people: one line per
/// member or unit, the id first (so `awk '{print $1}'` picks it), then what staff
/// recognise them by.
enum StaffText {
    static func members(_ members: [MemberSummary], idsOnly: Bool) -> String {
        guard !idsOnly else { return lines(members.map(\.id)) }
        guard !members.isEmpty else { return "no member found\n" }
        return lines(members.map { member in
            "\(member.id)  \(member.fullName)  born \(member.birthYear == 0 ? "?" : String(member.birthYear))"
                + "  \(word(member.status))  unit \(member.unitID)"
        })
    }

    /// `indented`: the units of one subtree, in tree order, indented by depth below the first.
    static func units(_ units: [OrgUnit], idsOnly: Bool, indented: Bool) -> String {
        guard !idsOnly else { return lines(units.map(\.id)) }
        guard !units.isEmpty else { return "no unit found\n" }
        let top = units.first?.depth ?? 0
        return lines(units.map { unit in
            let indent = indented ? String(repeating: "  ", count: max(0, Int(unit.depth - top))) : ""
            return "\(unit.id)  \(indent)\(unit.name)  [\(unit.code), \(word(unit.kind))]"
        })
    }

    /// Every field staff may see; the server has already blanked what the caller may
    /// not (card number and citizen id for a cell secretary, for instance).
    static func member(_ member: Member, unit: OrgUnit?) -> String {
        let rows: [(String, String)] = [
            ("id", member.id), ("full name", member.fullName), ("birth date", member.birthDate),
            ("gender", word(member.gender)), ("status", word(member.status)),
            ("unit", unit.map { "\($0.name) [\($0.code)] \(member.unitID)" } ?? member.unitID),
            ("card number", member.cardNumber), ("citizen id", member.citizenID), ("phone", member.phone),
            ("email", member.email), ("admitted on", member.admittedOn), ("official on", member.officialOn),
            ("positions", member.positions.map { "\($0.title) (\($0.since)–\($0.until))" }.joined(separator: "; ")),
            ("version", String(member.version)),
        ]
        return lines(rows.filter { !$0.1.isEmpty }.map { "\($0.0.padding(toLength: 12, withPad: " ", startingAt: 0)) \($0.1)" })
    }

    static func counts(_ counts: SubtreeCounts) -> String {
        var rows = [
            "unit \(counts.unitID)",
            "members \(counts.members): \(counts.officialMembers) official, \(counts.probationaryMembers) probationary, "
                + "\(counts.exemptMembers) exempt",
            "units: \(counts.committees) committees, \(counts.grassrootsCommittees) grassroots committees, "
                + "\(counts.grassrootsCells) grassroots cells, \(counts.subCommittees) sub-committees, \(counts.cells) cells",
        ]
        rows += counts.byCellType.filter { $0.cells > 0 }.map { "  \(word($0.cellType)): \($0.cells) cells, \($0.members) members" }
        return lines(rows)
    }

    /// An enum case as a lower-case word ("official", "village_residential").
    private static func word(_ value: some Any) -> String {
        String(describing: value).replacing(/([a-z])([A-Z])/) { "\($0.1)_\($0.2)" }.lowercased()
    }

    private static func lines(_ lines: [String]) -> String {
        lines.map { $0 + "\n" }.joined()
    }
}
