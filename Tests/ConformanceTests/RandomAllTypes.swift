import TestProtos

extension AllTypes {
    /// A random message from `seed`: each plain field set or left default, each list and
    /// map empty or not, each optional and the oneof set or not.
    static func random(seed: UInt64) -> AllTypes {
        var edges = EdgeValues(seed: seed)
        var message = AllTypes()
        if edges.bool() { message.fInt32 = edges.int32() }
        if edges.bool() { message.fInt64 = edges.int64() }
        if edges.bool() { message.fUint32 = edges.uint32() }
        if edges.bool() { message.fUint64 = edges.uint64() }
        if edges.bool() { message.fSint32 = edges.int32() }
        if edges.bool() { message.fSint64 = edges.int64() }
        if edges.bool() { message.fFixed32 = edges.uint32() }
        if edges.bool() { message.fFixed64 = edges.uint64() }
        if edges.bool() { message.fSfixed32 = edges.int32() }
        if edges.bool() { message.fSfixed64 = edges.int64() }
        if edges.bool() { message.fFloat = edges.float() }
        if edges.bool() { message.fDouble = edges.double() }
        if edges.bool() { message.fBool = edges.bool() }
        if edges.bool() { message.fString = edges.string() }
        if edges.bool() { message.fBytes = edges.bytes() }
        if edges.bool() { message.fEnum = edges.color() }
        message.fNested = edges.optional { $0.nested() }

        message.rInt32 = edges.list { $0.int32() }
        message.rInt64 = edges.list { $0.int64() }
        message.rUint32 = edges.list { $0.uint32() }
        message.rUint64 = edges.list { $0.uint64() }
        message.rSint32 = edges.list { $0.int32() }
        message.rSint64 = edges.list { $0.int64() }
        message.rFixed32 = edges.list { $0.uint32() }
        message.rFixed64 = edges.list { $0.uint64() }
        message.rSfixed32 = edges.list { $0.int32() }
        message.rSfixed64 = edges.list { $0.int64() }
        message.rFloat = edges.list { $0.float() }
        message.rDouble = edges.list { $0.double() }
        message.rBool = edges.list { $0.bool() }
        message.rString = edges.list { $0.string() }
        message.rBytes = edges.list { $0.bytes() }
        message.rEnum = edges.list { $0.color() }
        message.rNested = edges.list { $0.nested() }
        message.rUnpackedInt32 = edges.list { $0.int32() }

        message.mStringInt32 = edges.map({ $0.string() }, { $0.int32() })
        message.mInt64String = edges.map({ $0.int64() }, { $0.string() })
        message.mStringNested = edges.map({ $0.string() }, { $0.nested() })
        message.mUint32Bytes = edges.map({ $0.uint32() }, { $0.bytes() })
        message.mSint64Color = edges.map({ $0.int64() }, { $0.color() })
        message.mBoolDouble = edges.map({ $0.bool() }, { $0.double() })

        message.oInt32 = edges.optional { $0.int32() }
        message.oString = edges.optional { $0.string() }
        message.oEnum = edges.optional { $0.color() }
        message.oBool = edges.optional { $0.bool() }
        message.oDouble = edges.optional { $0.double() }
        message.oNested = edges.optional { $0.nested() }

        switch edges.below(4) {
        case 0: message.choice = .cString(edges.string())
        case 1: message.choice = .cNested(edges.nested())
        case 2: message.choice = .cInt64(edges.int64())
        default: break
        }
        return message
    }
}
