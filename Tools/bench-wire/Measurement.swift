/// Times a loop of `iterations` runs and turns it into nanoseconds per operation; the
/// loop is sized so that one measurement lasts about `seconds`.
struct Measurement {
    let seconds: Double

    /// Runs `body(iterations)` once and returns nanoseconds per iteration.
    func nanosecondsPerOperation(iterations: UInt64, _ body: (UInt64) -> UInt64) -> Double {
        var sink: UInt64 = 0
        let elapsed = ContinuousClock().measure { sink = body(iterations) }
        blackHole(sink)
        return elapsed.nanoseconds / Double(iterations)
    }

    /// Enough iterations for about `seconds`, from a short trial run that also warms up.
    func iterations(_ body: (UInt64) -> UInt64) -> UInt64 {
        var trial: UInt64 = 1_000
        while true {
            let perOperation = nanosecondsPerOperation(iterations: trial, body)
            if perOperation * Double(trial) > 50_000_000 || trial >= 1 << 30 {
                return max(1, UInt64(seconds * 1e9 / perOperation))
            }
            trial *= 4
        }
    }
}

/// Keeps a result alive so the optimizer cannot drop the work that produced it.
@inline(never)
func blackHole(_ value: UInt64) {
    if value == .max { print("") }
}

extension Duration {
    var nanoseconds: Double {
        Double(components.seconds) * 1e9 + Double(components.attoseconds) / 1e9
    }
}

extension Array where Element == Double {
    var median: Double {
        let sorted = self.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
