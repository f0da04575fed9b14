import OrgContracts
import RPC
import RPCContracts
import TestSupport
import Testing
@testable import OrgTreeReplica
import ServiceKit

/// The replica against the real RPC runtime: an RPCServer on loopback serving
/// `OrgTreeFeedDouble` behind token verification, a channel, and the replica calling
/// with a service token.
@Suite struct OrgTreeFollowingTests {
    static let pollInterval = Duration.milliseconds(20)

    @Test func theReplicaLoadsTheTreeFollowsTheFeedAndCatchesUpAfterOrgRestarts() async throws {
        let codec = AccessTokenCodec(keyRing: try TokenKeyRing(fileContents: try TokenKeyRing.newKeyLine(id: "k1")))
        let feed = OrgTreeFeedDouble(units: sampleUnits)
        feed.append(.unitRenamed, orgUnit("province-b", parent: "root", name: "Tỉnh B mới"))
        // Written while the replica reads the snapshot: later pages already show it.
        feed.appendWhileSnapshotting(.unitMoved, orgUnit("commune-a1", parent: "province-b", kind: .grassrootsCommittee))
        var server = try startOrgServer(feed, codec: codec, port: 0)
        let port = server.port
        var channelConfiguration = ChannelConfiguration()
        channelConfiguration.backoff.initial = .milliseconds(10)
        channelConfiguration.backoff.maximum = .milliseconds(100)
        let channel = RPCChannel(addresses: [HostPort(host: "127.0.0.1", port: port)],
                                 configuration: channelConfiguration)
        let (sink, logLines) = LogSink.memory()
        let replica = OrgTreeReplica(logger: Logger(service: "content", sink: sink))
        let credentials = ServiceCallCredentials(service: .content, tokens: codec)
        replica.start(client: OrgServiceClient(channel: channel), callOptions: { try credentials.callOptions() },
                      pollInterval: Self.pollInterval)

        // Loaded: the snapshot's pages plus the feed from the first page's sequence.
        let ready = await replica.waitUntilReady(timeout: .seconds(60))
        #expect(ready)
        #expect(replica.sequence == 2)
        #expect(replica.unit("province-b")?.name == "Tỉnh B mới")
        #expect(replica.ancestors(of: "cell-a1x") == ["root", "province-b", "commune-a1"])
        #expect(feed.callers == ["service:content"])

        // Following: a creation, then more changes than one page of the feed holds.
        feed.append(.unitCreated, orgUnit("cell-b1y", parent: "commune-b1", kind: .cell))
        for index in 1...2_500 {
            feed.append(.unitRenamed, orgUnit("commune-a2", parent: "province-a", name: "Phường \(index)"))
        }
        #expect(await eventually { replica.sequence == feed.latestSequence })
        #expect(replica.unit("commune-a2")?.name == "Phường 2500")
        #expect(replica.isUnit("cell-b1y", inSubtreeOf: "province-b"))

        // Org goes away; what changes meanwhile arrives once it is back on its port.
        await stop(server)
        #expect(await eventually { logLines().contains { $0.contains("cannot read org's tree feed") } })
        feed.append(.unitMoved, orgUnit("cell-b1y", parent: "commune-a2", kind: .cell))
        server = try startOrgServer(feed, codec: codec, port: port)
        #expect(await eventually { replica.sequence == feed.latestSequence })
        #expect(replica.isUnit("cell-b1y", inSubtreeOf: "province-a"))
        #expect(!replica.isUnit("cell-b1y", inSubtreeOf: "province-b"))

        // One warning for the outage and one line for its end, however many retries.
        #expect(await eventually { logLines().contains { $0.contains("tree feed answers again") } })
        #expect(logLines().filter { $0.contains("\"level\":\"warning\"") }.count == 1)
        #expect(logLines().filter { $0.contains("tree feed answers again") }.count == 1)

        await replica.stop()
        #expect(replica.isReady, "a stopped replica keeps its tree")
        channel.close()
        await stop(server)
    }

    private func startOrgServer(_ feed: OrgTreeFeedDouble, codec: AccessTokenCodec, port: Int) throws -> RPCServer {
        var configuration = ServerConfiguration(host: "127.0.0.1", port: port)
        configuration.eventLoopCount = 1
        let server = RPCServer(configuration: configuration, services: [feed],
                               interceptors: [AuthenticationInterceptor(tokens: codec)])
        try server.start()
        return server
    }

    private func stop(_ server: RPCServer) async {
        server.shutdownNow()
        await server.waitUntilStopped()
    }
}
