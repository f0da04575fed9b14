import Foundation

/// Milliseconds since the Unix epoch, UTC: how contracts carry time (docs/architecture.md §5).
/// Injected where tests need to move time (token expiry, code validity).
public struct WallClock: Sendable {
    private let read: @Sendable () -> Int64

    public init(_ read: @escaping @Sendable () -> Int64) {
        self.read = read
    }

    public var nowMs: Int64 { read() }

    public static let system = WallClock { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }
}
