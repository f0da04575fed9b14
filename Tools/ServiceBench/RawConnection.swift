import Foundation
import Glibc
import RPC
import RPCContracts
import Wire

/// A plain TCP connection that speaks frames (docs/architecture.md §4) with no runtime behind
/// it, so that the caller decides when to read, when to stop reading, and when to
/// hang up: what the abuse benchmark's attackers and well-behaved client are built on.
public final class RawConnection {
    public let descriptor: Int32
    private let timeout: Duration
    private var input: [UInt8] = []

    /// Connects to `address` (IPv4: the attackers pick their source address) from `source` (such as 127.0.0.2) when given.
    /// `timeout` bounds the connect (a full accept queue drops SYNs, and a blocking
    /// connect would retry for minutes), every blocking send and every read, so a
    /// silent or saturated server cannot hang the caller.
    public init(to address: HostPort, from source: String? = nil, timeout: Duration = .seconds(5)) throws {
        self.timeout = timeout
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw BenchError("socket: errno \(errno)") }
        do {
            if let source {
                var local = try Self.socketAddress(source, port: 0)
                let bound = withUnsafePointer(to: &local) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
                }
                guard bound == 0 else { throw BenchError("bind \(source): errno \(errno)") }
            }
            let seconds = timeout.components.seconds
            var limit = timeval(tv_sec: Int(seconds), tv_usec: Int(timeout.components.attoseconds / 1_000_000_000_000))
            // Linux applies the send timeout to a blocking connect as well.
            setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
            setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
            var remote = try Self.socketAddress(address.host, port: address.port)
            let connected = withUnsafePointer(to: &remote) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else {
                throw BenchError("connect \(address.host):\(address.port): "
                                 + (errno == EINPROGRESS ? "not accepted within \(timeout)" : "errno \(errno)"))
            }
            var one: Int32 = 1
            setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        } catch {
            Glibc.close(descriptor)
            throw error
        }
    }

    deinit { Glibc.close(descriptor) }

    /// Sends every byte, blocking while the socket is full.
    public func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { buffer in
                buffer.baseAddress.map { Glibc.send(descriptor, $0 + offset, buffer.count - offset, Int32(MSG_NOSIGNAL)) } ?? -1
            }
            if sent < 0 && errno == EINTR { continue }
            guard sent > 0 else { throw BenchError("send: errno \(errno)") }
            offset += sent
        }
    }

    /// Sends what fits without blocking; returns the number of bytes sent (0 when full).
    public func sendWithoutBlocking(_ bytes: [UInt8]) -> Int {
        let sent = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, bytes.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
        return max(sent, 0)
    }

    /// The next frame; throws on timeout, a closed connection or bytes that are not a Frame.
    public func readFrame() throws -> Frame {
        while true {
            if input.count >= 4 {
                let length = Int(input[0]) << 24 | Int(input[1]) << 16 | Int(input[2]) << 8 | Int(input[3])
                if input.count >= 4 + length {
                    let body = Array(input[4..<(4 + length)])
                    input.removeFirst(4 + length)
                    do {
                        return try Frame(wireEncoded: body)
                    } catch {
                        throw BenchError("the server sent a frame that does not decode: \(error)")
                    }
                }
            }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                throw BenchError(count == 0 ? "the server closed the connection"
                                 : errno == EAGAIN ? "no answer within \(timeout)" : "read: errno \(errno)")
            }
            input.append(contentsOf: chunk[..<count])
        }
    }

    /// The response to `callID`, answering the server's keepalive pings on the way and
    /// skipping answers to other calls (for a caller with one call in flight).
    public func response(to callID: UInt64) throws -> Frame {
        while true {
            let frame = try nextResponse()
            if frame.callID == callID { return frame }
        }
    }

    /// The next response, whichever call it answers (they come in any order),
    /// answering the server's keepalive pings on the way.
    public func nextResponse() throws -> Frame {
        while true {
            let frame = try readFrame()
            switch frame.kind {
            case .ping: try answer(ping: frame)
            case .response: return frame
            case .goaway: throw BenchError("the server sent GOAWAY")
            default: continue
            }
        }
    }

    /// Answers a keepalive PING with a PONG of the same call id.
    public func answer(ping: Frame) throws {
        var pong = Frame()
        pong.callID = ping.callID
        pong.kind = .pong
        try send(lengthPrefixed(pong.wireEncoded()))
    }

    private static func socketAddress(_ host: String, port: Int) throws -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else { throw BenchError("\(host) is not an IPv4 address") }
        return address
    }
}
