import TestProtos

// The canonical text of the bench messages, for their golden vectors.

extension NewsItemSummary {
    func canonicalText() -> String {
        var text = CanonicalText(options: .init())
        text.singular(1, text.value(id))
        text.singular(2, text.value(title))
        text.singular(3, text.value(unitID))
        text.singular(4, text.value(publishedAtMS))
        text.singular(5, text.value(readCount))
        text.singular(6, text.value(pinned))
        text.unknown(unknownFields)
        return text.text
    }
}
