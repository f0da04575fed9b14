/// Request ids for calls that arrive without one: a per-process random prefix and a
/// counter, unique across replicas without a random draw per call.
enum RequestID {
    private static let prefix: String = {
        var generator = SystemRandomNumberGenerator()
        return String(UInt32.random(in: .min ... .max, using: &generator), radix: 16)
    }()
    private static let counter = Lock<UInt64>(0)

    static func generate() -> String {
        format(reserve(1).lowerBound)
    }

    /// Takes `count` numbers off the process-wide counter at once, so a server loop
    /// numbers its calls without taking the lock for each one.
    static func reserve(_ count: UInt64) -> Range<UInt64> {
        counter.withLock { counter -> Range<UInt64> in
            let start = counter &+ 1
            counter &+= count
            return start..<(start &+ count)
        }
    }

    static func format(_ number: UInt64) -> String {
        prefix + "-" + String(number, radix: 16)
    }
}

/// A call's request id as `CallContext` keeps it: the caller's, or a number that is
/// turned into text only when someone reads it, since most handlers never do.
enum RequestIDValue: Sendable {
    case given(String)
    case generated(UInt64)

    var text: String {
        switch self {
        case .given(let text): text
        case .generated(let number): RequestID.format(number)
        }
    }
}
