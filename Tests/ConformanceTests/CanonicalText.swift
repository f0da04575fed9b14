import Wire

/// Builds the canonical text of a message (format in Tests/TestProtosC/include/
/// ProtobufCText.h), which libprotobuf-c's side renders from its structs: two
/// implementations agree on a message exactly when their texts are equal.
struct CanonicalText {
    /// How strings are rendered. protobuf-c keeps strings NUL-terminated, so a string
    /// holding U+0000 ends there on its side; the fuzz test renders our strings the same
    /// way to compare what both sides can represent.
    struct Options {
        var stringsEndAtNUL = false
    }

    let options: Options
    private var output = "{"

    init(options: Options) {
        self.options = options
    }

    /// The texts of the plain proto3 defaults, which a singular scalar does not render.
    private static let defaultTexts: Set<String> = ["0", "false", "f00000000", "d0000000000000000", "s", "b"]

    /// A plain proto3 scalar: rendered only when it is not its default.
    mutating func singular(_ number: Int, _ value: String) {
        if !Self.defaultTexts.contains(value) { output += "\(number)=\(value);" }
    }

    /// A field with presence (oneof member, `optional`, message): rendered when set.
    mutating func present(_ number: Int, _ value: String?) {
        if let value { output += "\(number)=\(value);" }
    }

    mutating func repeated(_ number: Int, _ values: [String]) {
        if !values.isEmpty { output += "\(number)=[\(values.joined(separator: ","))];" }
    }

    /// A map, its entries sorted by the bytes of their key's text as the C side sorts them.
    mutating func map(_ number: Int, _ entries: [(key: String, value: String)]) {
        if entries.isEmpty { return }
        let sorted = entries.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        output += "\(number)=<\(sorted.map { "\($0.key):\($0.value)" }.joined(separator: ","))>;"
    }

    /// Unknown fields in the order they came, each as its number, wire type and value
    /// bytes without the tag (and without the length, for wire type 2).
    mutating func unknown(_ fields: UnknownFields) {
        fields.bytes.withUnsafeBytes { raw in
            var reader = WireReader(raw)
            // The bytes were checked when the unknown fields were kept, so they parse.
            while reader.bytesLeft > 0 {
                let before = reader.bytesLeft
                guard let tag = try? reader.nextTag() else { return }
                let tagLength = before - reader.bytesLeft
                guard let field = try? reader.skipField(tag) else { return }
                var value = Array(field.dropFirst(tagLength))
                if tag.wireType == .lengthDelimited {
                    let prefix = (value.firstIndex { $0 < 0x80 } ?? value.count - 1) + 1
                    value.removeFirst(prefix)
                }
                output += "?\(tag.fieldNumber)/\(tag.wireType.rawValue)=\(Self.hex(value));"
            }
        }
    }

    /// The finished text.
    var text: String { output + "}" }

    // MARK: Values, always rendered (a map's key and value, a repeated element).

    func value<T: BinaryInteger>(_ value: T) -> String { String(value) }

    func value(_ value: Bool) -> String { value ? "true" : "false" }

    func value(_ value: Float) -> String { "f" + Self.hex(value.bitPattern, digits: 8) }

    func value(_ value: Double) -> String { "d" + Self.hex(value.bitPattern, digits: 16) }

    func value<E: WireEnum>(_ value: E) -> String { String(value.rawValue) }

    func value(_ string: String) -> String {
        var bytes = Array(string.utf8)
        if options.stringsEndAtNUL, let nul = bytes.firstIndex(of: 0) { bytes.removeSubrange(nul...) }
        return "s" + Self.hex(bytes)
    }

    func value(_ bytes: [UInt8]) -> String { "b" + Self.hex(bytes) }

    private static func hex<T: FixedWidthInteger>(_ value: T, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: digits - text.count) + text
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
