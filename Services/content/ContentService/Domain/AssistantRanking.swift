import Store

/// How the assistant ranks passages for a question, and when it says it found nothing.
/// It only ever returns passages of documents: it writes no answer of its own.
///
/// A question's terms are its folded syllables without the words that only make it a
/// question ("có", "được", "không", "gì", …). The full-text index gives candidates (any
/// term); each is then scored by the share of the question's terms it holds (coverage)
/// (read with its document's title and its section's headings, which say what it is
/// about) and the share of the question's adjacent term pairs it holds as adjacent words
/// (Vietnamese words are mostly two syllables: "biểu quyết", "dự bị"), so a passage
/// about the thing asked beats one that shares a common syllable.
struct AssistantRanking: Sendable {
    /// Folded function words of questions; never searched for.
    static let questionWords: Set<Substring> = [
        "co", "duoc", "khong", "la", "gi", "nao", "the", "sao", "bao", "nhieu", "cua", "va", "thi", "nhung", "cac",
        "mot", "nay", "do", "o", "khi", "ai", "phai", "hay", "hoac", "voi", "cho", "trong", "ve", "den", "tu", "de",
        "can", "nhu", "neu", "ma", "da", "se", "dang", "vay", "a", "nhe", "chua", "moi", "bang", "theo", "toi", "may", "tren",
    ]
    /// Below this a passage is not relevant enough to show.
    static let minimumScore = 0.5

    let terms: [Substring]
    let pairs: Set<String>

    init(question: String) {
        var seen = Set<Substring>()
        terms = FullTextQuery.words(of: question).filter { !Self.questionWords.contains($0) && seen.insert($0).inserted }
        let all = FullTextQuery.words(of: question).filter { !Self.questionWords.contains($0) }
        pairs = Set(zip(all, all.dropFirst()).map { "\($0) \($1)" })
    }

    /// Passages the index looks at for one question, at most. A common syllable is in
    /// half of a large library's passages: a word in more passages than this is too
    /// common to find candidates by.
    static let candidatePassages = 2_000
    /// Candidates are found by at most this many of the question's rarest words.
    static let candidateWords = 4
    /// When every word of a question is common, the newest this many passages (about
    /// 2,000 documents) are looked through for passages holding them all. Known limit: such
    /// a question is answered from recent documents only.
    static let commonWordWindow = 50_000

    /// How the index finds a question's candidates.
    struct Candidates: Equatable {
        /// The MATCH expression.
        let match: String
        /// Every term is common: the expression asks for all of them, and BM25 cannot rank
        /// the matches (its weights are counted over all of each word's passages, a
        /// whole-index read per common word); the index gives the shortest of at most
        /// `candidatePassages` holding them all among the newest `commonWordWindow`
        /// passages, where they weigh most.
        let common: Bool
    }

    /// The candidates, from how many passages hold each term (`frequencies`, counted up
    /// to `candidatePassages + 1`; a term missing there is in none): any of the rarest
    /// terms, as many as hold at most `candidatePassages` passages together (ranked by
    /// BM25, whose weights then cost only these passages); all of the terms when even the
    /// rarest is common; nil when no passage holds any of them.
    func candidates(frequencies: [String: Int]) -> Candidates? {
        let present = terms.filter { (frequencies[String($0)] ?? 0) > 0 }
            .sorted { (frequencies[String($0)] ?? 0, $0) < (frequencies[String($1)] ?? 0, $1) }
        guard let rarest = present.first else { return nil }
        // After the split a term holds only letters and digits: no quote can end its string.
        if (frequencies[String(rarest)] ?? 0) > Self.candidatePassages {
            return Candidates(match: present.map { "\"\($0)\"" }.joined(separator: " "), common: true)
        }
        var chosen: [Substring] = []
        var passages = 0
        for term in present.prefix(Self.candidateWords) {
            passages += frequencies[String(term)] ?? 0
            guard passages <= Self.candidatePassages else { break }
            chosen.append(term)
        }
        return Candidates(match: chosen.map { "\"\($0)\"" }.joined(separator: " OR "), common: false)
    }

    /// 0…1: coverage counts for 0.6, adjacent pairs for 0.4 (all of it when the
    /// question has a single term). Pairs are read with the question words left out
    /// on both sides, so "cao nhất của Đảng" holds the pair of "cao nhất Đảng".
    func score(_ passage: String) -> Double {
        let words = FullTextQuery.words(of: passage).filter { !Self.questionWords.contains($0) }
        let present = Set(words)
        let coverage = Double(terms.filter { present.contains($0) }.count) / Double(max(terms.count, 1))
        guard !pairs.isEmpty else { return coverage }
        let passagePairs = Set(zip(words, words.dropFirst()).map { "\($0) \($1)" })
        let pairShare = Double(pairs.filter { passagePairs.contains($0) }.count) / Double(pairs.count)
        return 0.6 * coverage + 0.4 * pairShare
    }
}
