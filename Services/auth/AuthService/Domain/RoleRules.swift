import RPC
import RPCContracts

/// Which roles can be granted through the API and how they rank: an administrator
/// grants and revokes only inside their own subtree and never above their own role.
/// The operator and service roles are not granted to members.
enum RoleRules {
    static func rank(_ role: Role) -> Int? {
        switch role {
        case .member: 0
        case .cellSecretary: 1
        case .committeeStaff, .editor: 2
        case .administrator: 3
        case .unspecified, .operator, .service, .unrecognized: nil
        }
    }

    static func checkGrantable(_ role: Role) throws(RPCError) -> Int {
        guard let rank = rank(role) else {
            throw RPCError.invalidArgument(field: "role", "must be member, cell secretary, committee staff, editor or administrator")
        }
        return rank
    }

    static let granters: Set<Role> = [.administrator]
}
