// bench-wire: encode and decode throughput of our codec against libprotobuf-c doing the
// same work in the same run (docs/architecture.md §10: figures are ratios against a baseline).
//   swift run -c release --scratch-path .build-conf bench-wire [rounds] [seconds] [filter]
// Each case is measured `rounds` times (default 5), Swift and C interleaved, each
// measurement lasting about `seconds` (default 1); the median is reported. With `filter`,
// only the cases whose name contains it run (to profile one case with perf or callgrind).
import TestProtos
import TestProtosC
import Wire

let arguments = CommandLine.arguments.dropFirst()
let rounds = arguments.first.flatMap(Int.init) ?? 5
let measurement = Measurement(seconds: arguments.dropFirst().first.flatMap(Double.init) ?? 1)
let filter = arguments.dropFirst(2).first

/// One workload: our loop and protobuf-c's loop over the same message.
struct Case {
    let name: String
    let bytesPerMessage: Int
    let swift: (UInt64) -> UInt64
    let c: (UInt64) -> UInt64
}

func cases<M: WireMessage>(_ name: String, _ message: M, descriptor: UnsafePointer<ProtobufCMessageDescriptor>) -> [Case] {
    let encoded = message.wireEncoded()
    guard let baseline = CBaseline(descriptor: descriptor, encoded: encoded) else {
        fatalError("protobuf-c refused our encoding of \(name)")
    }
    // Both encoders write fields in number order, so equal bytes show equal work.
    precondition(baseline.packed == encoded, "protobuf-c encodes \(name) differently")
    let encode = Case(name: "encode \(name)", bytesPerMessage: encoded.count, swift: { iterations in
        var total: UInt64 = 0
        for _ in 0..<iterations { total &+= UInt64(message.wireEncoded().count) }
        return total
    }, c: baseline.pack)
    let decode = Case(name: "decode \(name)", bytesPerMessage: encoded.count, swift: { iterations in
        var decoded: UInt64 = 0
        // Not `where (try? M(wireEncoded:)) != nil`: that comparison destroys the message
        // through the runtime's generic tuple destroy (a metadata lookup and a walk of the
        // value witnesses) instead of the specialized release that real callers get.
        for _ in 0..<iterations {
            if let _ = try? M(wireEncoded: encoded) { decoded &+= 1 }
        }
        return decoded
    }, c: baseline.unpack)
    return [encode, decode]
}

let all = cases("NewsItemSummary", Samples.newsItem, descriptor: tpc_news_item_summary_descriptor())
    + cases("MemberProfile", Samples.memberProfile, descriptor: tpc_member_profile_descriptor())

func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}

/// A non-negative figure with `decimals` digits after the point (no Foundation here, and
/// `rounded()` would pull in libm).
func format(_ value: Double, decimals: Int) -> String {
    let scale = (0..<decimals).reduce(1) { value, _ in value * 10 }
    let scaled = Int(value * Double(scale) + 0.5)
    let fraction = String(scaled % scale)
    let integer = String(scaled / scale)
    return decimals == 0 ? integer : integer + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
}

print("bench-wire: median of \(rounds) rounds, ~\(measurement.seconds) s each, Swift and C interleaved")
print(pad("case", 24) + pad("bytes", 7) + pad("Swift msg/s", 14) + pad("Swift MB/s", 12)
      + pad("C msg/s", 14) + pad("C MB/s", 10) + "Swift/C time")
for benchmark in all where filter.map(benchmark.name.contains) ?? true {
    let swiftIterations = measurement.iterations(benchmark.swift)
    let cIterations = measurement.iterations(benchmark.c)
    var swiftTimes: [Double] = []
    var cTimes: [Double] = []
    for _ in 0..<rounds {
        swiftTimes.append(measurement.nanosecondsPerOperation(iterations: swiftIterations, benchmark.swift))
        cTimes.append(measurement.nanosecondsPerOperation(iterations: cIterations, benchmark.c))
    }
    let swift = swiftTimes.median, c = cTimes.median
    let bytes = Double(benchmark.bytesPerMessage)
    print(pad(benchmark.name, 24) + pad(String(benchmark.bytesPerMessage), 7)
          + pad(format(1e9 / swift, decimals: 0), 14) + pad(format(bytes * 1e3 / swift, decimals: 1), 12)
          + pad(format(1e9 / c, decimals: 0), 14) + pad(format(bytes * 1e3 / c, decimals: 1), 10)
          + format(swift / c, decimals: 2) + "×")
}
