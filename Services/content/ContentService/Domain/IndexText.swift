/// Text as it goes into the full-text tables. FTS5's tokenizer (`unicode61
/// remove_diacritics 2`) lower-cases and strips every Vietnamese diacritic itself,
/// tones stacked on ư, ơ, ă, â, ê, ô included; the one letter it keeps is đ (a letter of
/// its own, not d with a mark), so đ and its look-alike ð become d here, as
/// `TextFolding` does for queries. Folding whole documents with `TextFolding` instead
/// cost two thirds of an import (Unicode property lookups per character).
enum IndexText {
    static func prepared(_ text: String) -> String {
        let source = text.utf8
        guard source.contains(where: { $0 == 0xC4 || $0 == 0xC3 }) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(source.count)
        var iterator = source.makeIterator()
        var pending: UInt8?
        while let byte = pending ?? iterator.next() {
            pending = nil
            guard byte == 0xC4 || byte == 0xC3, let next = iterator.next() else {
                bytes.append(byte)
                continue
            }
            // đ Đ are C4 91 / C4 90; ð Ð are C3 B0 / C3 90.
            switch (byte, next) {
            case (0xC4, 0x91), (0xC3, 0xB0): bytes.append(UInt8(ascii: "d"))
            case (0xC4, 0x90), (0xC3, 0x90): bytes.append(UInt8(ascii: "D"))
            default:
                bytes.append(byte)
                pending = next
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
