import RPCContracts
import Wire

/// A request as it goes on the wire (docs/architecture.md §4), built with the contract's Frame.
public struct RequestFrame: Sendable {
    public let method: String
    public let metadata: [String: String]
    public let payload: [UInt8]
    public var timeoutMS: UInt64 = 10_000

    public init(method: String, metadata: [String: String] = [:], payload: [UInt8]) {
        self.method = method
        self.metadata = metadata
        self.payload = payload
    }

    public init(method: String, metadata: [String: String] = [:], request: some WireMessage) {
        self.init(method: method, metadata: metadata, payload: request.wireEncoded())
    }

    /// The encoded Frame without its call id (which is 0, so not encoded): what the C
    /// load generator's RPC mode appends after the id it writes itself.
    public var tail: [UInt8] { frame(callID: 0).wireEncoded() }

    /// The whole frame with its 4-byte big-endian length, for call `callID`.
    public func bytes(callID: UInt64) -> [UInt8] {
        lengthPrefixed(frame(callID: callID).wireEncoded())
    }

    private func frame(callID: UInt64) -> Frame {
        var frame = Frame()
        frame.callID = callID
        frame.kind = .request
        frame.method = method
        frame.metadata = metadata
        frame.timeoutMS = timeoutMS
        frame.payload = payload
        return frame
    }
}

/// A frame body with its 4-byte big-endian length in front.
func lengthPrefixed(_ body: [UInt8]) -> [UInt8] {
    let length = UInt32(body.count)
    return [UInt8(length >> 24), UInt8(truncatingIfNeeded: length >> 16), UInt8(truncatingIfNeeded: length >> 8),
            UInt8(truncatingIfNeeded: length)] + body
}
