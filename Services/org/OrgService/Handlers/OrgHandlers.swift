import OrgContracts
import RPC
import ServiceKit
import ServiceToolkit
import Store

/// The org service's RPC handlers: input checks, rights, then the domain's reads and
/// writes on the service's database. Writes go through group commit (`submit`), so
/// many members editing at once share a durable transaction.
struct OrgHandlers: OrgServiceHandler, ClockedStorage {
    let database: Database
    let vault: MemberVault
    let clock: WallClock
    /// For what a handler reports beyond the call's own line (an import applied).
    let logger: Logger
}
