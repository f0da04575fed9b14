import Dispatch
import Foundation

/// Turns SIGINT (Ctrl-C) and SIGTERM (or the signals given) into a callback instead
/// of ending the process, so that the supervisor can stop its services first (or
/// pass SIGHUP on to them).
final class StopSignals: @unchecked Sendable {
    // @unchecked Sendable: `sources` is written once in init and never changed; a
    // dispatch source may be cancelled from any thread.
    private let sources: [any DispatchSourceSignal]

    init(_ signals: [Int32] = [SIGINT, SIGTERM], onSignal: @escaping @Sendable (Int32) -> Void) {
        sources = signals.map { number in
            // The default action would end this process before it stops the services.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { onSignal(number) }
            source.resume()
            return source
        }
    }

    func cancel() {
        for source in sources { source.cancel() }
    }
}
