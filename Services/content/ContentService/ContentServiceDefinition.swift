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
        // Every answer depends on the tree: serving without it would hide everything.
        let replica = try await kit.followOrgTree()
        let attachments = URL(fileURLWithPath: kit.config.dataDirectory).appendingPathComponent("attachments")
        let handlers = ContentHandlers(database: kit.database, clock: kit.clock, replica: replica,
                                       attachmentFiles: AttachmentFiles(folder: attachments))
        return [handlers, ContentHomeHandlers(handlers: handlers)]
    }
}
