import OrgContracts
import ServiceKit

extension ServiceEnvironment {
    /// Follows org's unit tree with this service's own token (`service:<name>`),
    /// stopped with the service, and returns once the tree is loaded: a service whose
    /// every answer depends on the tree (who may see, who is in a cell, where an item
    /// goes) does not serve without it. The start fails after `timeout`, naming the
    /// variable that says where org is.
    public func followOrgTree(timeout: Duration = .seconds(60)) async throws -> OrgTreeReplica {
        let credentials = serviceCredentials
        let replica = OrgTreeReplica(logger: logger.with("component", "org-tree"))
        replica.start(client: OrgServiceClient(channel: channel(to: .org)),
                      callOptions: { try credentials.callOptions(timeout: .seconds(10)) })
        onStop { await replica.stop() }
        guard await replica.waitUntilReady(timeout: timeout) else { throw OrgTreeNotLoaded(timeout: timeout) }
        return replica
    }
}

/// Why a service that follows org's tree did not start (ServiceMain reports it).
public struct OrgTreeNotLoaded: Error, CustomStringConvertible {
    let timeout: Duration

    public var description: String {
        "org's unit tree did not load within \(timeout); is sotay-org running at \(ServiceName.org.addressVariable)?"
    }
}
