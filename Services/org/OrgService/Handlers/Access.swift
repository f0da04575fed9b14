import RPCContracts
import ServiceToolkit

/// Who may do what in the org service: the roles each kind of act needs, checked with
/// the toolkit's `CallerAccess` against the unit's ancestors as stored here.
typealias Access = CallerAccess

extension CallerAccess {
    static let treeEditors: Set<Role> = [.administrator, .committeeStaff]
    static let memberEditors: Set<Role> = [.administrator, .committeeStaff]
    /// Cell secretaries read their members' profiles (to act for members without a
    /// smartphone) but not their card number or citizen id.
    static let memberReaders: Set<Role> = [.administrator, .committeeStaff, .cellSecretary]
    static let personalDataReaders: Set<Role> = [.administrator, .committeeStaff]
}

extension UnitRecord: UnitPlacement {}
