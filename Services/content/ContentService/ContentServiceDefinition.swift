import Foundation
import OrgContracts
import OrgTreeReplica
import ServiceKit
import ServiceToolkit

/// The content service as `ServiceMain` runs it: port 7103, following org's tree
/// (visibility and rights by subtree without a call per item), its schema and handlers.
public enum ContentServiceDefinition {
    public static let definition = ServiceDefinition(
        name: .content, calls: [.org], migrations: ContentMigrations.all
    ) { kit in
        let credentials = ServiceCallCredentials(service: .content, tokens: kit.tokens, clock: kit.clock)
        let replica = OrgTreeReplica(logger: kit.logger.with("component", "org-tree"))
        replica.start(client: OrgServiceClient(channel: kit.channel(to: .org)),
                      callOptions: { try credentials.callOptions(timeout: .seconds(10)) })
        kit.onStop { await replica.stop() }
        // Every answer depends on the tree: serving without it would hide everything.
        guard await replica.waitUntilReady(timeout: .seconds(60)) else { throw OrgTreeNotLoaded() }
        let attachments = URL(fileURLWithPath: kit.config.dataDirectory).appendingPathComponent("attachments")
        return [ContentHandlers(database: kit.database, clock: kit.clock, replica: replica,
                                attachmentFiles: AttachmentFiles(folder: attachments))]
    }
}

/// The start fails when org's tree cannot be loaded in time (ServiceMain reports it).
struct OrgTreeNotLoaded: Error, CustomStringConvertible {
    var description: String { "org's unit tree did not load within 60 s; is sotay-org running (SOTAY_ORG_ADDR)?" }
}
