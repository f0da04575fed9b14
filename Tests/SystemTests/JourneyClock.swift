import Foundation

/// The wall clock the processes read too (a journey runs in real time, no test clock).
enum JourneyClock {
    static var nowMs: Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
    static let dayMs: Int64 = 86_400_000
}
