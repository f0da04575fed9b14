import Foundation

/// Folds text for search, so that what people type without diacritics finds what was
/// written with them ("nghi quyet" finds "Nghị quyết").
public enum TextFolding {
    /// Lower-cases `text`, strips diacritics (canonical decomposition, then combining
    /// marks dropped), maps đ to d (đ is a letter of its own, with no decomposition),
    /// and ð to d as well: "Ð" (U+00D0, Icelandic eth) looks exactly like "Đ" (U+0110)
    /// and keyboards and registry exports put one for the other
    /// and collapses runs of whitespace into single spaces, trimmed at both ends.
    ///
    /// Services store the folded text in their search columns and FTS5 tables, and fold
    /// queries the same way.
    public static func fold(_ text: String) -> String {
        let decomposed = text.lowercased().decomposedStringWithCanonicalMapping
        var folded = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in decomposed.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !folded.isEmpty
                continue
            }
            if isCombiningMark(scalar) { continue }
            if pendingSpace {
                folded.append(" ")
                pendingSpace = false
            }
            folded.append(scalar == "đ" || scalar == "ð" ? "d" : scalar)
        }
        return String(folded)
    }

    private static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }
}
