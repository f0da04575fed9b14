import RPCContracts

/// Who may take each editorial step on a unit's items (a grant covers its subtree).
enum ContentRoles {
    /// Draft, revise, submit, correct, withdraw and archive.
    static let editors: Set<Role> = [.editor]
    /// Approve (publish) or return a draft: another editor, or the unit's leadership
    /// (its administrators, a cell's secretary). Never the draft's own author.
    static let approvers: Set<Role> = [.editor, .administrator, .cellSecretary]
    /// See the unit's drafts and its audit, and its monthly reading counts.
    static let staff: Set<Role> = [.editor, .administrator, .cellSecretary, .committeeStaff]
}
