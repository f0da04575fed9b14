import OrgContracts
import RPC
import ServiceKit

/// The loop behind `OrgTreeReplica.start`: loads a snapshot of the tree (every page),
/// then polls org's change feed from the snapshot's sequence, handing each consistent
/// tree to `publish`. Failures are retried forever with a growing delay.
struct OrgTreeFollower: Sendable {
    static let snapshotPageSize: Int32 = 5_000
    static let changesPageSize: Int32 = 1_000

    let client: OrgServiceClient
    let callOptions: @Sendable () throws -> CallOptions
    let pollInterval: Duration
    let logger: Logger
    let publish: @Sendable (OrgTree) -> Void

    func run() async {
        var outage = FeedOutage(logger: logger, pollInterval: pollInterval)
        // The tree being followed; nil until a snapshot is loaded. It survives failed
        // polls, so a retry goes on from where it stopped rather than reloading.
        var followed: OrgTree?
        // Pages after a snapshot's first may already show newer changes, so a freshly
        // loaded tree is a mix of sequences until the feed has been replayed to its
        // end; it is published only from then on.
        var isConsistent = false
        while !Task.isCancelled {
            do {
                var tree: OrgTree
                if let followed {
                    tree = followed
                } else {
                    tree = try await loadSnapshot()
                    isConsistent = false
                }
                followed = tree
                while true {
                    let batch = try await changes(after: tree.sequence)
                    if batch.latestSequence < tree.sequence {
                        // The feed went back: org's database was restored or replaced.
                        // Only a new snapshot tells what the tree is now.
                        logger.warning("org's tree feed is behind the replica; reloading the tree",
                                       ["replica_sequence": "\(tree.sequence)", "feed_sequence": "\(batch.latestSequence)"])
                        followed = nil
                        break
                    }
                    let before = tree.sequence
                    tree.apply(batch.changes)
                    followed = tree
                    if isConsistent { publish(tree) }
                    // Stop at the end of the feed, and also when a page moved nothing,
                    // so a feed that repeats old changes cannot spin this loop.
                    if tree.sequence >= batch.latestSequence || tree.sequence == before { break }
                }
                guard followed != nil else { continue }
                if !isConsistent {
                    isConsistent = true
                    publish(tree)
                    logger.info("org tree loaded", ["units": "\(tree.count)", "sequence": "\(tree.sequence)"])
                }
                outage.ended(sequence: tree.sequence)
                try await Task.sleep(for: pollInterval)
            } catch {
                if Task.isCancelled { return }
                try? await Task.sleep(for: outage.failed(error))
            }
        }
    }

    private func loadSnapshot() async throws -> OrgTree {
        var request = GetTreeSnapshotRequest()
        request.pageSize = Self.snapshotPageSize
        var page = try await client.getTreeSnapshot(request, options: callOptions())
        // The first page's sequence is the one to follow from; later pages may be newer.
        var tree = OrgTree(units: page.units, sequence: page.asOfSequence)
        while !page.nextPageToken.isEmpty {
            guard page.nextPageToken != request.pageToken else {
                throw RPCError(.internal, "org answered the same snapshot page token twice")
            }
            request.pageToken = page.nextPageToken
            page = try await client.getTreeSnapshot(request, options: callOptions())
            for unit in page.units { tree.upsert(unit) }
        }
        return tree
    }

    private func changes(after sequence: Int64) async throws -> TreeChangeBatch {
        var request = ListTreeChangesRequest()
        request.afterSequence = sequence
        request.pageSize = Self.changesPageSize
        return try await client.listTreeChanges(request, options: callOptions())
    }
}
