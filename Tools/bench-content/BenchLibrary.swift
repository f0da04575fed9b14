import ContentContracts
import ContentSeed
import Foundation
import OrgContracts
import OrgSeed
import RPC
import ServiceBench

/// The bench's library, loaded once into the bench's data folder through
/// ImportDocuments (as `sotay content import` loads one) and reused by later runs, as
/// the province preset is: the hand-written core library, a conclusion holding a rare
/// word, then synthetic documents of realistic length (`SyntheticLibrary`), owned by the
/// root of the preset's tree (half of them) and units one and two levels below it, so a
/// member sees what a member of the province would. A file in the data folder counts
/// the documents loaded; a larger `--documents` loads the rest, and an interrupted load
/// resumes (each document has its source key: one imported again is unchanged).
struct BenchLibrary {
    /// Documents per ImportDocuments call: far below the frame limit for long documents.
    static let chunk = 200

    let suite: BenchSuite
    let client: ContentServiceClient
    /// An editor's token on the root, asked for every part.
    let importer: @Sendable () throws -> CallOptions

    var countFile: URL { suite.dataFolder.appendingPathComponent("bench-content-documents") }

    var loaded: Int {
        (try? String(contentsOf: countFile, encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 0
    }

    /// Loads documents up to `count`; returns how many this run loaded and the seconds it took.
    func load(upTo count: Int) async throws -> (documents: Int, seconds: Double) {
        let already = loaded
        guard already < count else { return (0, 0) }
        let units = try await unitsByLevel()
        print("loading documents \(already)..<\(count) into sotay-content (pid \(suite.pid(.content))); kept in \(suite.dataFolder.path) …")
        let started = ContinuousClock.now
        for chunkIndex in (already / Self.chunk)...((count - 1) / Self.chunk) {
            let first = chunkIndex * Self.chunk
            let seeds = SyntheticLibrary.generate(count: min(Self.chunk, count - first), seed: UInt64(chunkIndex + 1), maxLevel: 2)
            var request = ImportDocumentsRequest()
            request.documents = seeds.enumerated().map { offset, seed in
                let index = first + offset
                let fixed = index < Self.fixed.count ? Self.fixed[index] : nil
                var document = ImportedDocument()
                document.unitID = Self.unit(at: fixed == nil ? seed.level : 0, index: index, in: units)
                document.kind = fixed?.kind ?? seed.kind
                document.content = fixed?.content ?? seed.content
                document.sourceKey = "bench:\(index)"
                return document
            }
            let answer = try await client.importDocuments(request, options: try importer())
            guard answer.problems.isEmpty else { throw BenchError("import refused: \(answer.problems[0])") }
            let done = first + request.documents.count
            try String(done).write(to: countFile, atomically: true, encoding: .utf8)
            if (chunkIndex + 1) % 50 == 0 { print("  \(done) documents") }
        }
        return (count - already, (ContinuousClock.now - started).inSeconds)
    }

    /// The core library and the rare word's document, first in the library.
    static let fixed: [SeedDocument] = {
        var rare = CoreLibrary.membership.content
        rare.title = "Kết luận về phát triển vùng chè Suối Giàng"
        rare.number = "77-KL/TU"
        return CoreLibrary.all + [SeedDocument(kind: .conclusion, content: rare)]
    }()

    /// A unit at `level` of the tree (0: the root), picked by the document's index.
    static func unit(at level: Int, index: Int, in units: [[String]]) -> String {
        let candidates = units[min(level, units.count - 1)]
        return candidates[index % candidates.count]
    }

    /// Org's active units at levels 0, 1 and 2 (each level non-empty, the deeper ones
    /// falling back to the level above).
    private func unitsByLevel() async throws -> [[String]] {
        let channel = suite.channel(to: .org)
        defer { channel.close() }
        let org = OrgServiceClient(channel: channel)
        let options = CallOptions(metadata: try suite.operatorMetadata())
        var parents: [String: String] = [:]
        var request = GetTreeSnapshotRequest()
        request.pageSize = 5_000
        repeat {
            let page = try await org.getTreeSnapshot(request, options: options)
            for unit in page.units where unit.state == .active { parents[unit.id] = unit.parentID }
            request.pageToken = page.nextPageToken
        } while !request.pageToken.isEmpty
        let roots = parents.filter { $0.value.isEmpty }.map(\.key).sorted()
        guard !roots.isEmpty else { throw BenchError("org's tree has no root") }
        var levels = [roots]
        for _ in 1...2 {
            let above = Set(levels[levels.count - 1])
            let below = parents.filter { above.contains($0.value) }.map(\.key).sorted()
            levels.append(below.isEmpty ? levels[levels.count - 1] : below)
        }
        return levels
    }
}
