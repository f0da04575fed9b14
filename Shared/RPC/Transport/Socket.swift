import CEpoll
import Glibc

/// The outcome of one non-blocking read or write.
enum IOResult {
    /// This many bytes moved (more than zero).
    case transferred(Int)
    /// The kernel has no data (read) or no buffer space (write) right now.
    case wouldBlock
    /// The peer closed its side (read only).
    case endOfFile
    case failed(Int32)
}

/// Thin wrappers over the socket calls: every call retries EINTR, every socket is
/// non-blocking and close-on-exec, and writes use MSG_NOSIGNAL so a peer that hangs up
/// cannot kill the process with SIGPIPE.
enum Socket {
    /// A listening socket bound to `host:port` (port 0: the kernel picks one).
    static func listen(host: String, port: Int, backlog: Int32) throws(SystemError) -> (fd: Int32, address: SocketAddress) {
        let addresses = try SocketAddress.resolve(host: host, port: port, passive: true)
        var lastError = SystemError(operation: "listen on \(host):\(port): no address", errno: EADDRNOTAVAIL)
        for address in addresses {
            let fd = socket(address.family, Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else { lastError = SystemError(operation: "socket", errno: errno); continue }
            var one: Int32 = 1
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
            let bound = address.withSockaddr { bind(fd, $0, $1) }
            guard bound == 0, Glibc.listen(fd, backlog) == 0 else {
                lastError = SystemError(operation: "bind \(address)", errno: errno)
                Glibc.close(fd)
                continue
            }
            return (fd, localAddress(fd) ?? address)
        }
        throw lastError
    }

    enum AcceptResult {
        case accepted(fd: Int32, peer: SocketAddress)
        case wouldBlock
        /// Out of descriptors or memory, or the connection died in the backlog.
        case failed(Int32)
    }

    static func accept(listener: Int32) -> AcceptResult {
        while true {
            var storage = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let fd = withUnsafeMutablePointer(to: &storage) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    accept4(listener, $0, &length, Int32(SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue))
                }
            }
            if fd >= 0 {
                setNoDelay(fd)
                return .accepted(fd: fd, peer: SocketAddress(storage: storage, length: length))
            }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            default: return .failed(errno)
            }
        }
    }

    /// Starts a non-blocking connect; `inProgress` means wait for writability, then
    /// read the result with `pendingError`.
    static func connect(to address: SocketAddress) throws(SystemError) -> (fd: Int32, inProgress: Bool) {
        let fd = socket(address.family, Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SystemError(operation: "socket", errno: errno) }
        setNoDelay(fd)
        while true {
            let result = address.withSockaddr { Glibc.connect(fd, $0, $1) }
            if result == 0 { return (fd, false) }
            switch errno {
            case EINTR: continue
            case EINPROGRESS: return (fd, true)
            default:
                let error = SystemError(operation: "connect to \(address)", errno: errno)
                Glibc.close(fd)
                throw error
            }
        }
    }

    /// SO_ERROR after a non-blocking connect completed: 0 on success.
    static func pendingError(_ fd: Int32) -> Int32 {
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        if getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0 { return errno }
        return error
    }

    @inline(__always)
    static func read(_ fd: Int32, into buffer: UnsafeMutableRawPointer, count: Int) -> IOResult {
        while true {
            let n = Glibc.read(fd, buffer, count)
            if n > 0 { return .transferred(n) }
            if n == 0 { return .endOfFile }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            default: return .failed(errno)
            }
        }
    }

    @inline(__always)
    static func write(_ fd: Int32, from buffer: UnsafeRawPointer, count: Int) -> IOResult {
        while true {
            let n = send(fd, buffer, count, Int32(MSG_NOSIGNAL))
            if n >= 0 { return n == 0 ? .wouldBlock : .transferred(n) }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            default: return .failed(errno)
            }
        }
    }

    static func close(_ fd: Int32) {
        // Linux closes the descriptor even when close reports EINTR, so no retry.
        _ = Glibc.close(fd)
    }

    static func setNoDelay(_ fd: Int32) {
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    static func setSendBufferSize(_ fd: Int32, _ bytes: Int) {
        var size = Int32(clamping: bytes)
        setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, socklen_t(MemoryLayout<Int32>.size))
    }

    static func localAddress(_ fd: Int32) -> SocketAddress? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return result == 0 ? SocketAddress(storage: storage, length: length) : nil
    }
}
