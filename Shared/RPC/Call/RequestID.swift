/// Request ids for calls that arrive without one: a per-process random prefix and a
/// counter, unique across replicas without a random draw per call.
enum RequestID {
    private static let prefix: String = {
        var generator = SystemRandomNumberGenerator()
        return String(UInt32.random(in: .min ... .max, using: &generator), radix: 16)
    }()
    private static let counter = Lock<UInt64>(0)

    static func generate() -> String {
        let value = counter.withLock { counter -> UInt64 in
            counter &+= 1
            return counter
        }
        return prefix + "-" + String(value, radix: 16)
    }
}
