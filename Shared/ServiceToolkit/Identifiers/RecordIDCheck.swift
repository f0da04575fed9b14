import RPC

extension RecordID {
    /// Longer than any id this suite makes ("imp_" and 26 characters); checked first.
    public static let maxLength = 64

    /// `id` when it has the shape of an id of kind `prefix` (`prefix` "_" then letters
    /// and digits), "" when empty and not required; the error names `field`. A
    /// well-shaped id that names nothing is the caller's NOT_FOUND to answer.
    public static func checked(_ id: String, prefix: String, field: String, required: Bool = true) throws(RPCError)
        -> String
    {
        if id.isEmpty {
            guard !required else { throw RPCError.invalidArgument(field: field, "is required") }
            return ""
        }
        let body = id.utf8.dropFirst(prefix.utf8.count + 1)
        guard id.utf8.count <= maxLength, id.hasPrefix(prefix + "_"), !body.isEmpty,
              body.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                  || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0)
                  || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) })
        else {
            throw RPCError.invalidArgument(field: field, "is not an id of this kind (\(prefix)_…)")
        }
        return id
    }
}
