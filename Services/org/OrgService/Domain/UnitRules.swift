import OrgContracts
import RPC
import ServiceToolkit

/// The rules of the tree that do not depend on stored data. The depth is not fixed
/// (docs/domain.md: the 2025 reform removed the district level), so the rules speak of
/// kinds, never of levels.
enum UnitRules {
    /// Cells (both kinds) hold members only; every other kind may hold units.
    static func isCell(_ kind: UnitKind) -> Bool {
        kind == .cell || kind == .grassrootsCell
    }

    static func canHaveChildren(_ kind: UnitKind) -> Bool {
        !isCell(kind)
    }

    static func isKnown(_ kind: UnitKind) -> Bool {
        switch kind {
        case .committee, .grassrootsCommittee, .grassrootsCell, .subCommittee, .cell: true
        case .unspecified, .unrecognized: false
        }
    }

    static func isKnown(_ cellType: CellType) -> Bool {
        switch cellType {
        case .administrativeAgency, .publicServiceUnit, .enterprise, .armedForces, .villageResidential: true
        case .unspecified, .unrecognized: false
        }
    }

    /// Checks a new unit's kind and cell type against each other and the parent's kind
    /// (nil for the root); the error names the offending field.
    static func checkPlacement(kind: UnitKind, cellType: CellType, parentKind: UnitKind?) throws(RPCError) {
        guard isKnown(kind) else { throw RPCError.invalidArgument(field: "kind", "must be a known unit kind") }
        if isCell(kind) {
            guard isKnown(cellType) else {
                throw RPCError.invalidArgument(field: "cell_type", "a cell needs its type")
            }
        } else if cellType != .unspecified {
            throw RPCError.invalidArgument(field: "cell_type", "only cells have a cell type")
        }
        guard let parentKind else {
            guard kind == .committee else {
                throw RPCError.invalidArgument(field: "kind", "the root of the tree must be a committee")
            }
            return
        }
        guard canHaveChildren(parentKind) else {
            throw RPCError(.failedPrecondition, "a cell has no units under it")
        }
    }

    static let maxCodeLength = 64

    /// A unit's (or a file's) name: one line, NFC, at most `TextLimit.name`; the error
    /// names `field`.
    static func checkedName(_ name: String, field: String) throws(RPCError) -> String {
        try TextInput.name(name, field: field)
    }

    /// Codes are what staff type and what registry exports carry: letters, digits,
    /// '-', '_' and '.', at most 64.
    static func checkedCode(_ code: String) throws(RPCError) -> String {
        let trimmed = try TextInput.checked(code, field: "code", limit: TextLimit(maxCharacters: maxCodeLength))
        guard trimmed.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0) })
        else {
            throw RPCError.invalidArgument(field: "code", "must be at most \(maxCodeLength) letters, digits, '-', '_' or '.'")
        }
        return trimmed
    }

    /// Why a change was made: optional free text, kept in the history.
    static func checkedReason(_ reason: String) throws(RPCError) -> String {
        try TextInput.freeText(reason, field: "reason")
    }
}
