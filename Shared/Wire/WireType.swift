/// The wire type in the low three bits of every field tag (protobuf encoding spec).
public enum WireType: UInt8, Sendable {
    case varint = 0
    case fixed64 = 1
    case lengthDelimited = 2
    case startGroup = 3
    case endGroup = 4
    case fixed32 = 5
}

/// A decoded field tag: the field number and how its value is laid out.
public struct WireTag: Hashable, Sendable {
    public let fieldNumber: Int
    public let wireType: WireType

    @inlinable
    public init(fieldNumber: Int, wireType: WireType) {
        self.fieldNumber = fieldNumber
        self.wireType = wireType
    }

    /// The varint value that encodes this tag.
    @inlinable
    public var rawValue: UInt64 { UInt64(fieldNumber) << 3 | UInt64(wireType.rawValue) }

    /// Field numbers are 1 ... 2^29 - 1 (protobuf language guide).
    public static let maxFieldNumber = (1 << 29) - 1
}
