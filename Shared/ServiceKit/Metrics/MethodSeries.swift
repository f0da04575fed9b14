import RPCContracts

/// One method's counters: calls by status code and a latency histogram, all atomic, so
/// recording a call takes no lock.
final class MethodSeries: Sendable {
    /// Codes 0...16 have a slot each; a code this build does not know shares the last.
    static let knownCodeCount = 17
    static let unrecognizedLabel = "UNRECOGNIZED"

    let method: String
    private let callsByCode = (0...knownCodeCount).map { _ in AtomicCounter() }
    let latency = LatencyHistogram()

    init(method: String) {
        self.method = method
    }

    func count(_ code: StatusCode) {
        callsByCode[Self.slot(of: code)].add(1)
    }

    /// Counts one finished call and its latency.
    func record(_ code: StatusCode, nanoseconds: UInt64) {
        count(code)
        latency.observe(nanoseconds: nanoseconds)
    }

    /// (code label, calls) for every code seen, in code order.
    func callCounts() -> [(code: String, calls: UInt64)] {
        callsByCode.enumerated().compactMap { slot, counter in
            let calls = counter.current
            guard calls > 0 else { return nil }
            let label = slot < Self.knownCodeCount ? StatusName.name(StatusCode(rawValue: Int32(slot))) : Self.unrecognizedLabel
            return (label, calls)
        }
    }

    private static func slot(of code: StatusCode) -> Int {
        let raw = Int(code.rawValue)
        return (0..<knownCodeCount).contains(raw) ? raw : knownCodeCount
    }
}
