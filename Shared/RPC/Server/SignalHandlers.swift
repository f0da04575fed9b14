import Dispatch
import Glibc

/// Keeps the signal sources a server installed alive; `cancel` removes them.
public final class SignalHandlers: Sendable {
    // DispatchSource is thread-safe but not declared Sendable, so the sources sit
    // behind a lock that only `cancel` and deinit take.
    private let sources: Lock<[DispatchSourceSignal]>

    fileprivate init(sources: [DispatchSourceSignal]) {
        self.sources = Lock(sources)
    }

    public func cancel() {
        let taken = sources.withLock { sources -> [DispatchSourceSignal] in
            defer { sources = [] }
            return sources
        }
        for source in taken { source.cancel() }
    }

    deinit { cancel() }
}

extension RPCServer {
    /// Installs SIGTERM and SIGINT handling for a service's main: the first signal
    /// starts `shutdownGracefully()`, a second one `shutdownNow()`. Keep the returned
    /// value alive as long as the handling should last. SIGPIPE is ignored as well:
    /// the runtime writes with MSG_NOSIGNAL, but a library that does not must not kill
    /// the process either.
    public func installSignalHandlers(_ signals: [Int32] = [SIGTERM, SIGINT]) -> SignalHandlers {
        signal(SIGPIPE, SIG_IGN)
        let received = Lock(0)
        let queue = DispatchQueue(label: "rpc-server-signals")
        var sources: [DispatchSourceSignal] = []
        for number in signals {
            // The default disposition would end the process before Dispatch saw it.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [weak self] in
                let count = received.withLock { count -> Int in
                    count += 1
                    return count
                }
                if count == 1 { self?.shutdownGracefully() } else { self?.shutdownNow() }
            }
            source.resume()
            sources.append(source)
        }
        return SignalHandlers(sources: sources)
    }
}

extension RPCServer {
    /// Reads the TLS files again on SIGHUP (`reloadTLS()`), then tells `outcome`:
    /// renewed certificates are taken up without a restart and without dropping a
    /// call. Keep the returned value alive as long as the handling should last.
    public func reloadTLSOnHangUp(_ outcome: @escaping @Sendable (Result<Void, RPCServerError>) -> Void) -> SignalHandlers {
        // The default disposition would end the process before Dispatch saw it.
        signal(SIGHUP, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: DispatchQueue(label: "rpc-server-tls-reload"))
        source.setEventHandler { [weak self] in
            guard let self else { return }
            outcome(Result { () throws(RPCServerError) in try self.reloadTLS() })
        }
        source.resume()
        return SignalHandlers(sources: [source])
    }
}
