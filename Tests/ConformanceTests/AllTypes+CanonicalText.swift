import TestProtos

// Our side of the canonical text, written out field by field (the C side walks
// descriptors), so that a field the renderer forgot shows up as a difference.

extension Nested {
    func canonicalText(_ options: CanonicalText.Options = .init()) -> String {
        var text = CanonicalText(options: options)
        text.singular(1, text.value(id))
        text.singular(2, text.value(note))
        text.unknown(unknownFields)
        return text.text
    }
}

extension AllTypes {
    func canonicalText(_ options: CanonicalText.Options = .init()) -> String {
        var text = CanonicalText(options: options)
        text.singular(1, text.value(fInt32))
        text.singular(2, text.value(fInt64))
        text.singular(3, text.value(fUint32))
        text.singular(4, text.value(fUint64))
        text.singular(5, text.value(fSint32))
        text.singular(6, text.value(fSint64))
        text.singular(7, text.value(fFixed32))
        text.singular(8, text.value(fFixed64))
        text.singular(9, text.value(fSfixed32))
        text.singular(10, text.value(fSfixed64))
        text.singular(11, text.value(fFloat))
        text.singular(12, text.value(fDouble))
        text.singular(13, text.value(fBool))
        text.singular(14, text.value(fString))
        text.singular(15, text.value(fBytes))
        text.singular(16, text.value(fEnum))
        text.present(17, fNested?.canonicalText(options))

        text.repeated(21, rInt32.map { text.value($0) })
        text.repeated(22, rInt64.map { text.value($0) })
        text.repeated(23, rUint32.map { text.value($0) })
        text.repeated(24, rUint64.map { text.value($0) })
        text.repeated(25, rSint32.map { text.value($0) })
        text.repeated(26, rSint64.map { text.value($0) })
        text.repeated(27, rFixed32.map { text.value($0) })
        text.repeated(28, rFixed64.map { text.value($0) })
        text.repeated(29, rSfixed32.map { text.value($0) })
        text.repeated(30, rSfixed64.map { text.value($0) })
        text.repeated(31, rFloat.map { text.value($0) })
        text.repeated(32, rDouble.map { text.value($0) })
        text.repeated(33, rBool.map { text.value($0) })
        text.repeated(34, rString.map { text.value($0) })
        text.repeated(35, rBytes.map { text.value($0) })
        text.repeated(36, rEnum.map { text.value($0) })
        text.repeated(37, rNested.map { $0.canonicalText(options) })
        text.repeated(38, rUnpackedInt32.map { text.value($0) })

        text.map(41, mStringInt32.map { (text.value($0.key), text.value($0.value)) })
        text.map(42, mInt64String.map { (text.value($0.key), text.value($0.value)) })
        text.map(43, mStringNested.map { (text.value($0.key), $0.value.canonicalText(options)) })
        text.map(44, mUint32Bytes.map { (text.value($0.key), text.value($0.value)) })
        text.map(45, mSint64Color.map { (text.value($0.key), text.value($0.value)) })
        text.map(46, mBoolDouble.map { (text.value($0.key), text.value($0.value)) })

        text.present(51, oInt32.map { text.value($0) })
        text.present(52, oString.map { text.value($0) })
        text.present(53, oEnum.map { text.value($0) })
        text.present(54, oBool.map { text.value($0) })
        text.present(55, oDouble.map { text.value($0) })
        text.present(56, oNested?.canonicalText(options))

        switch choice {
        case .cString(let value)?: text.present(61, text.value(value))
        case .cNested(let value)?: text.present(62, value.canonicalText(options))
        case .cInt64(let value)?: text.present(63, text.value(value))
        case nil: break
        }
        text.unknown(unknownFields)
        return text.text
    }
}
