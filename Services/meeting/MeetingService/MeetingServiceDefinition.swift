import Foundation
import OrgContracts
import OrgTreeReplica
import RPC
import ServiceKit
import ServiceToolkit

/// The meeting service as `ServiceMain` runs it: port 7104, calling org (the tree
/// replica, rosters and phones), its schema, and its handlers.
public enum MeetingServiceDefinition {
    /// Without a gateway, notices are appended here, under the data folder.
    public static let noticeFileName = "notices.txt"

    public static let definition = ServiceDefinition(
        name: .meeting, calls: [.org], migrations: MeetingMigrations.all,
        ownVariables: [ServiceName.meeting.dataKeyFileVariable]
    ) { kit in
        // Read first: a missing key stops the start before anything runs. It seals the
        // outbox's recipients (phones) and bodies at rest (`SOTAY_MEETING_DATA_KEY_FILE`).
        let dataKeys = try kit.dataKeys()
        let org = OrgServiceClient(channel: kit.channel(to: .org))
        let replica = try await kit.followOrgTree()
        let outbox = try Outbox(keys: dataKeys)
        let noticeFile = URL(fileURLWithPath: kit.config.dataDirectory).appendingPathComponent(noticeFileName)
        let deliverer = OutboxDeliverer(database: kit.database, outbox: outbox,
                                        transport: NoticeFileTransport(file: noticeFile, clock: kit.clock),
                                        clock: kit.clock, logger: kit.logger)
        deliverer.start()
        kit.onStop { await deliverer.stop() }
        let handlers = MeetingHandlers(database: kit.database, clock: kit.clock, tree: replica,
                                       roster: CellRoster(org: org, credentials: kit.serviceCredentials), outbox: outbox,
                                       deliverer: deliverer)
        return [handlers, MeetingHomeHandlers(handlers: handlers)]
    }
}
