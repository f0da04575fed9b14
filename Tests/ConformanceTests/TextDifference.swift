import Testing

/// Records an issue when two canonical texts differ, showing where they part instead of
/// two texts that may run to megabytes (a 1,000-entry map, a 5 kB bytes field).
func expectSameText(
    _ ours: String, _ theirs: String?, _ context: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    guard let theirs else {
        Issue.record("\(context): protobuf-c refused the bytes", sourceLocation: sourceLocation)
        return
    }
    if ours == theirs { return }
    let a = Array(ours.utf8), b = Array(theirs.utf8)
    let common = zip(a, b).prefix { $0 == $1 }.count
    let start = max(0, common - 80)
    func excerpt(_ bytes: [UInt8]) -> String {
        String(decoding: bytes[start..<min(bytes.count, common + 80)], as: UTF8.self)
    }
    Issue.record(
        "\(context): texts differ at byte \(common)\n ours:   …\(excerpt(a))\n theirs: …\(excerpt(b))",
        sourceLocation: sourceLocation)
}
