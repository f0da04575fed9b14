import OrgContracts
import RPC
import RPCContracts
import Synchronization
import Testing
@testable import OrgTreeReplica
import ServiceKit

@Suite struct OrgTreeReplicaTests {
    @Test func readersNeverSeeHalfABatch() async {
        // Every batch moves both communes of province A to the other province, in one
        // batch; a reader holding one tree must always find them under the same parent.
        let replica = OrgTreeReplica(logger: Logger(service: "test", sink: LogSink { _ in }))
        replica.publish(sampleTree())
        let batches = 1_000
        let writer = Task {
            var tree = sampleTree()
            for batch in 0..<batches {
                let parent = batch.isMultiple(of: 2) ? "province-b" : "province-a"
                let sequence = tree.sequence
                tree = tree.applying([
                    unitChange(sequence + 1, .unitMoved, orgUnit("commune-a1", parent: parent)),
                    unitChange(sequence + 2, .unitMoved, orgUnit("commune-a2", parent: parent)),
                ])
                replica.publish(tree)
                await Task.yield()
            }
        }
        let halfBatches = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    var seen = 0
                    while replica.sequence < 10 + Int64(2 * batches) {
                        let view = replica.tree
                        let first = view.ancestors(of: "cell-a1x")?.dropLast().last
                        let second = view.ancestors(of: "commune-a2")?.last
                        if first != second || view.sequence.isMultiple(of: 2) == false { seen += 1 }
                        await Task.yield()
                    }
                    return seen
                }
            }
            return await group.reduce(0, +)
        }
        await writer.value
        #expect(halfBatches == 0)
        #expect(replica.sequence == 10 + Int64(2 * batches))
    }

    @Test func waitingForReadinessEndsWhenTheTreeIsPublished() async {
        let replica = OrgTreeReplica(logger: Logger(service: "test", sink: LogSink { _ in }))
        #expect(!replica.isReady)
        #expect(replica.unit("root") == nil, "an empty tree until the first load")
        async let ready = replica.waitUntilReady(timeout: .seconds(30))
        replica.publish(sampleTree())
        let wasReady = await ready
        #expect(wasReady)
        #expect(replica.isReady)
        #expect(replica.ancestors(of: "cell-a1x") == ["root", "province-a", "commune-a1"])
    }

    @Test func waitingForReadinessGivesUpAtItsTimeout() async {
        let replica = OrgTreeReplica(logger: Logger(service: "test", sink: LogSink { _ in }))
        let wasReady = await replica.waitUntilReady(timeout: .milliseconds(50))
        #expect(!wasReady)
    }

    @Test func serviceCredentialsCarryTheServiceRoleAndAreReusedUntilNearExpiry() throws {
        let now = Mutex<Int64>(1_000_000)
        let clock = WallClock { now.withLock { $0 } }
        let codec = AccessTokenCodec(keyRing: try TokenKeyRing(fileContents: try TokenKeyRing.newKeyLine(id: "k1")))
        let credentials = ServiceCallCredentials(service: .content, tokens: codec, clock: clock)

        let first = try #require(try credentials.callOptions().metadata[MetadataKey.authorization])
        let claims = try codec.verify(String(first.dropFirst("Bearer ".count)), nowMs: clock.nowMs)
        #expect(claims.memberID == "service:content")
        #expect(claims.grants.map(\.role) == [.service])
        #expect(claims.grants.map(\.unitID) == [""])

        now.withLock { $0 += ServiceCallCredentials.lifetimeMs - ServiceCallCredentials.renewalMarginMs - 1 }
        #expect(try credentials.callOptions().metadata[MetadataKey.authorization] == first)
        now.withLock { $0 += 1 }
        let renewed = try #require(try credentials.callOptions().metadata[MetadataKey.authorization])
        #expect(renewed != first)
        #expect(throws: Never.self) { try codec.verify(String(renewed.dropFirst("Bearer ".count)), nowMs: clock.nowMs) }
    }
}
