import Foundation
import Glibc
import RPC
import RPCContracts
import Wire
import XCTest

/// Starts a server on 127.0.0.1 port 0 with `configure` applied.
func startServer(
    services: [any RPCService], interceptors: [any ServerInterceptor] = [],
    refusedCallObserver: (any RefusedCallObserver)? = nil, tlsFailureObserver: (any TLSFailureObserver)? = nil,
    _ configure: (inout ServerConfiguration) -> Void = { _ in }
) throws -> RPCServer {
    var configuration = ServerConfiguration(host: "127.0.0.1", port: 0)
    configuration.eventLoopCount = 2
    configure(&configuration)
    let server = RPCServer(configuration: configuration, services: services, interceptors: interceptors,
                           refusedCallObserver: refusedCallObserver, tlsFailureObserver: tlsFailureObserver)
    try server.start()
    return server
}

func stop(_ server: RPCServer) async {
    server.shutdownNow()
    await server.waitUntilStopped()
}

func channel(to server: RPCServer, interceptors: [any ClientInterceptor] = [],
             _ configure: (inout ChannelConfiguration) -> Void = { _ in }) -> RPCChannel {
    var configuration = ChannelConfiguration()
    configure(&configuration)
    return RPCChannel(addresses: [HostPort(host: "127.0.0.1", port: server.port)],
                      configuration: configuration, interceptors: interceptors)
}

extension RPCChannel {
    func call(_ method: String, _ request: TestMessage = TestMessage(), idempotent: Bool = false,
              options: CallOptions = CallOptions()) async throws(RPCError) -> TestMessage {
        try await unary(path: TestService.path(method), request: request, response: TestMessage.self,
                        idempotent: idempotent, options: options)
    }

    func health(_ service: String = "") async throws(RPCError) -> HealthCheckResponse.ServingStatus {
        var request = HealthCheckRequest()
        request.service = service
        return try await unary(path: "/sotay.rpc.v1.Health/Check", request: request,
                               response: HealthCheckResponse.self, idempotent: true, options: CallOptions()).status
    }
}

/// The error a call threw, or nil when it succeeded.
func callError(_ body: () async throws -> TestMessage) async -> RPCError? {
    do {
        _ = try await body()
        return nil
    } catch let error as RPCError {
        return error
    } catch {
        XCTFail("a call threw \(error), which is not an RPCError")
        return nil
    }
}

/// A blocking TCP client that speaks raw bytes, for hostile and misbehaving peers.
final class RawConnection {
    let fd: Int32
    /// The last receive failed because the receive timeout passed (not a close).
    private(set) var receiveTimedOut = false

    /// Connects to 127.0.0.1:`port` from `source` (any 127.x.y.z address on Linux), so
    /// that a test can be two clients at different addresses.
    init(port: Int, from source: String = "127.0.0.1", receiveTimeout: Int = 10) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        guard RawConnection.withIPv4(source, port: 0, { Glibc.bind(fd, $0, $1) }) == 0 else {
            Glibc.close(fd)
            throw POSIXError(.EADDRNOTAVAIL)
        }
        guard RawConnection.withIPv4("127.0.0.1", port: port, { Glibc.connect(fd, $0, $1) }) == 0 else {
            Glibc.close(fd)
            throw POSIXError(.ECONNREFUSED)
        }
        var timeout = timeval(tv_sec: receiveTimeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { Glibc.close(fd) }

    /// Calls `body` (bind or connect) with the IPv4 address `host`:`port`.
    private static func withIPv4(_ host: String, port: Int, _ body: (UnsafePointer<sockaddr>, socklen_t) -> Int32) -> Int32 {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr(host)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
    }

    /// From now on a `send` the server does not take within `seconds` returns false.
    func stopSendingAfterStalling(seconds: Int) {
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Sends everything; false when the server closed.
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }

    @discardableResult
    func send(frame: Frame) -> Bool { send(RawConnection.framed(frame.wireEncoded())) }

    static func framed(_ body: [UInt8]) -> [UInt8] {
        let n = UInt32(body.count)
        return [UInt8(n >> 24), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)] + body
    }

    /// `count` Record calls with ids 1…`count`, each noting `number`, framed and
    /// concatenated for one write.
    static func pipelinedRecords(_ count: Int, number: UInt64) -> [UInt8] {
        (1...count).flatMap { id in
            framed(request(id: UInt64(id), method: TestService.path("Record"),
                           payload: TestMessage(number: number).wireEncoded()).wireEncoded())
        }
    }

    static func request(id: UInt64, method: String, payload: [UInt8] = [], metadata: [String: String] = [:],
                        timeoutMS: UInt64 = 0) -> Frame {
        var frame = Frame()
        frame.callID = id
        frame.kind = .request
        frame.method = method
        frame.payload = payload
        frame.metadata = metadata
        frame.timeoutMS = timeoutMS
        return frame
    }

    private func receive(_ count: Int) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: count)
        var offset = 0
        while offset < count {
            let n = buffer[offset...].withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 {
                receiveTimedOut = n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)
                return nil
            }
            offset += n
        }
        return buffer
    }

    /// The next frame, or nil on end of stream, error or timeout.
    func readFrame() -> Frame? {
        guard let prefix = receive(4) else { return nil }
        let length = Int(prefix[0]) << 24 | Int(prefix[1]) << 16 | Int(prefix[2]) << 8 | Int(prefix[3])
        guard let body = receive(length) else { return nil }
        return try? Frame(wireEncoded: body)
    }

    /// Frames until the server closes the connection; nil when it did not close
    /// within the receive timeout.
    func framesUntilClose() -> [Frame]? {
        var frames: [Frame] = []
        while let frame = readFrame() { frames.append(frame) }
        return receiveTimedOut ? nil : frames
    }

    /// Waits, without reading anything, until the server hangs up (a reset or its end
    /// of the stream); false when it has not within `seconds`. For a client that must
    /// go on not reading while it waits.
    func waitForHangUpWithoutReading(seconds: Int32 = 30) -> Bool {
        // POLLRDHUP, Linux's "the peer shut its end": a GNU extension that Glibc's
        // module leaves out, so its value is written here.
        let peerShutDown: Int16 = 0x2000
        var watch = pollfd(fd: fd, events: peerShutDown, revents: 0)
        let hungUp = peerShutDown | Int16(POLLHUP) | Int16(POLLERR)
        for _ in 0..<(seconds * 10) {
            // POLLIN stays set (unread answers are queued), so it is not waited for.
            if poll(&watch, 1, 100) > 0, watch.revents & hungUp != 0 { return true }
        }
        return false
    }

    /// Reads and discards until the server closes; false on timeout.
    func waitForClose() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { return true }
            if n < 0 { return errno == ECONNRESET }
        }
    }
}
