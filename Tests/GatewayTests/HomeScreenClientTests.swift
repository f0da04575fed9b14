import ContentService
import FeedbackService
import Foundation
import Gateway
import Glibc
import LearningService
import MeetingService
import OrgService
import RPC
import ServiceKit
import ServiceTestSupport
import Testing

/// The gateway's home screen against the real services (in-process, through the real
/// RPC): every part in one call, and the parts of a stopped or silent service left out
/// and named, the others still there.
@Suite struct HomeScreenClientTests {
    @Test func everyPartArrivesAndAStoppedOrSilentServiceIsNamedInsteadOfFailingTheScreen() async throws {
        let (template, tree) = try await OrgFixture.smallTree()
        try await withTestEnvironment("gateway", copying: template) { environment in
            let org = try await environment.start(OrgServiceDefinition.definition)
            let content = try await environment.start(ContentServiceDefinition.definition, peers: [org])
            let meeting = try await environment.start(MeetingServiceDefinition.definition, peers: [org])
            let learning = try await environment.start(LearningServiceDefinition.definition, peers: [org])
            let feedback = try await environment.start(FeedbackServiceDefinition.definition, peers: [org])
            let lan = tree.member("Lan")
            let metadata = try tree.options(for: lan, tokens: environment.tokens).metadata

            let client = HomeScreenClient(org: org.channel, content: content.channel, meeting: meeting.channel,
                                          learning: learning.channel, feedback: feedback.channel)
            let screen = await client.load(memberID: lan.memberID, metadata: metadata, budget: .seconds(30))
            #expect(screen.isComplete, "\(screen.missing)")
            #expect(screen.profile?.fullName == "Nguyễn Thị Lan")
            #expect(screen.reading?.unread == 0 && screen.meetings?.nextMeeting == nil)
            #expect(screen.study?.openQuizzes.isEmpty == true && screen.feedback?.waiting == 0)

            // Meeting stops; learning's address is a socket that takes the connection and
            // never answers. The screen still comes, within its budget, without them.
            await meeting.stop()
            let silent = try SilentListener()
            defer { silent.close() }
            let silentChannel = RPCChannel(addresses: [HostPort(host: "127.0.0.1", port: silent.port)])
            defer { silentChannel.close() }
            let degraded = HomeScreenClient(org: org.channel, content: content.channel, meeting: meeting.channel,
                                            learning: silentChannel, feedback: feedback.channel)
            let partial = await degraded.load(memberID: lan.memberID, metadata: metadata, budget: .seconds(2))
            #expect(Set(partial.missing.keys) == [.meeting, .learning], "\(partial.missing)")
            #expect(partial.missing[.learning]?.hasPrefix("DEADLINE_EXCEEDED") == true, "\(partial.missing)")
            #expect(partial.profile != nil && partial.reading != nil && partial.feedback != nil)
            #expect(partial.meetings == nil && partial.study == nil)
        }
    }
}

/// A listening socket nobody accepts from: the kernel completes connections into its
/// backlog and takes the bytes sent, and no answer ever comes back.
struct SilentListener {
    let fd: Int32
    let port: Int

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard fd >= 0, bound == 0, listen(fd, 16) == 0 else { throw SilentListenerError() }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.fd = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() { _ = Glibc.close(fd) }
}

struct SilentListenerError: Error {}
