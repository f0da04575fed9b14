import TestProtos
import TestSupport

/// Random values that lean to the edges, where encoders and decoders go wrong: zero,
/// -1, the limits of each type, one-byte varint boundaries, NaN with payloads,
/// infinities, -0.0, empty and long strings, Vietnamese text, all 256 byte values.
/// Strings never hold U+0000, which protobuf-c's NUL-terminated strings cannot.
struct EdgeValues {
    var generator: SplitMix64

    init(seed: UInt64) { generator = SplitMix64(seed: seed) }

    mutating func below(_ bound: Int) -> Int { Int(generator.next() % UInt64(bound)) }

    mutating func chance(_ oneIn: Int) -> Bool { below(oneIn) == 0 }

    mutating func pick<T>(_ values: [T]) -> T { values[below(values.count)] }

    mutating func int64() -> Int64 {
        switch below(3) {
        case 0: pick([0, 1, -1, .min, .max, 127, 128, 16_383, 16_384, Int64(Int32.min), Int64(Int32.max), -128])
        case 1: Int64(below(300)) - 150
        default: Int64(bitPattern: generator.next())
        }
    }

    mutating func uint64() -> UInt64 { UInt64(bitPattern: int64()) }

    mutating func int32() -> Int32 {
        switch below(3) {
        case 0: pick([0, 1, -1, .min, .max, 127, 128, 16_383, 16_384, -128])
        case 1: Int32(below(300)) - 150
        default: Int32(truncatingIfNeeded: generator.next())
        }
    }

    mutating func uint32() -> UInt32 { UInt32(bitPattern: int32()) }

    mutating func bool() -> Bool { chance(2) }

    mutating func float() -> Float {
        if chance(2) { return Float(bitPattern: UInt32(truncatingIfNeeded: generator.next())) }
        return Float(bitPattern: pick([
            0x0000_0000, 0x8000_0000, 0x7F80_0000, 0xFF80_0000, 0x7FC0_0000, 0xFFC0_0001, 0x7FA0_0001,
            0x3F80_0000, 0xBF80_0000, 0x7F7F_FFFF, 0x0080_0000, 0x0000_0001, 0x8000_0001,
        ]))
    }

    mutating func double() -> Double {
        if chance(2) { return Double(bitPattern: generator.next()) }
        return Double(bitPattern: pick([
            0x0000_0000_0000_0000, 0x8000_0000_0000_0000, 0x7FF0_0000_0000_0000, 0xFFF0_0000_0000_0000,
            0x7FF8_0000_0000_0000, 0xFFF8_0000_0000_0001, 0x7FF4_0000_0000_0001, 0x3FF0_0000_0000_0000,
            0x7FEF_FFFF_FFFF_FFFF, 0x0010_0000_0000_0000, 0x0000_0000_0000_0001,
        ]))
    }

    /// Open enums keep numbers they do not declare, so those come up too.
    mutating func color() -> Color {
        Color(rawValue: pick([0, 1, 2, -1, 3, 100, .min, .max]))
    }

    mutating func string() -> String {
        if chance(3) {
            return pick(["", "a", "Nguyễn Thị Hồng Nhung", "Xã Khe Hóp, huyện Văn Yên, tỉnh Yên Bái",
                         "Đảng bộ tỉnh Yên Bái", "😀 🇻🇳", "key"])
        }
        let count = chance(20) ? 500 + below(1500) : below(24)
        var scalars = String.UnicodeScalarView()
        for _ in 0..<count { scalars.append(scalar()) }
        return String(scalars)
    }

    /// Any scalar but U+0000: ASCII, Vietnamese letters, combining diacritics, other
    /// scripts and characters outside the BMP.
    private mutating func scalar() -> Unicode.Scalar {
        let value: UInt32 = switch below(6) {
        case 0, 1: 1 + UInt32(below(0x7F))
        case 2: 0x1EA0 + UInt32(below(0x5A))
        case 3: 0xC0 + UInt32(below(0x1C0))
        case 4: 0x300 + UInt32(below(0x24))
        default: 0x80 + UInt32(below(0x10_FF80))
        }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }

    mutating func bytes() -> [UInt8] {
        switch below(6) {
        case 0: []
        case 1: (0...255).map { UInt8($0) }
        case 2: (0..<(1000 + below(4000))).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        default: (0..<below(40)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        }
    }

    mutating func nested() -> Nested {
        var nested = Nested()
        if bool() { nested.id = int32() }
        if bool() { nested.note = string() }
        return nested
    }

    /// A repeated field's length: often empty, now and then long.
    mutating func count() -> Int {
        if chance(3) { return 0 }
        return chance(40) ? 50 + below(150) : 1 + below(8)
    }

    /// A map's size: like `count()`, with a 1,000-entry map now and then.
    mutating func mapCount() -> Int {
        if chance(3) { return 0 }
        return chance(40) ? 1000 : 1 + below(8)
    }

    mutating func list<T>(_ element: (inout EdgeValues) -> T) -> [T] {
        (0..<count()).map { _ in element(&self) }
    }

    mutating func map<K: Hashable, V>(_ key: (inout EdgeValues) -> K, _ value: (inout EdgeValues) -> V) -> [K: V] {
        var map = [K: V]()
        for _ in 0..<mapCount() { map[key(&self)] = value(&self) }
        return map
    }

    mutating func optional<T>(_ value: (inout EdgeValues) -> T) -> T? {
        bool() ? value(&self) : nil
    }
}
