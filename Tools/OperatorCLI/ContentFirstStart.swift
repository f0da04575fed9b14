import ContentContracts
import ContentSeed
import Foundation

/// What `sotay up` loads into the content service once org has a tree: the hand-written
/// core library and a few hundred synthetic documents, owned by the root and the units
/// under it, so a newcomer sees a library at once. Each has a fixed source key, so a
/// later start imports nothing again.
enum ContentFirstStart {
    static let synthetic = 300
    /// The content service follows org's tree every 2 s: a unit org created a moment ago
    /// may not be there yet.
    static let attempts = 15

    static func seed(environment: OperatorEnvironment) async {
        let loader = ContentLibraryLoader(environment: environment)
        do {
            for attempt in 1...attempts {
                let tree = try await loader.tree()
                guard let root = tree.roots.first else { return }
                let documents = library(root: root, tree: tree)
                let outcome = try await loader.load(documents, roots: tree.roots, dryRun: false)
                if outcome.problems.isEmpty {
                    if outcome.imported > 0 { print("first start: \(outcome.imported) documents loaded into the content library") }
                    return
                }
                if attempt == attempts {
                    print("first start: the content library was not loaded: \(outcome.problems[0].field) \(outcome.problems[0].reason)")
                }
                try await Task.sleep(for: .seconds(2))
            }
        } catch {
            print("first start: could not load the content library: \(error)")
        }
    }

    /// Level 0 documents go to the root, level 1 to one of its units, level 2 below that.
    static func library(root: String, tree: ContentLibraryLoader.Tree) -> [ImportedDocument] {
        let seeds = CoreLibrary.all + SyntheticLibrary.generate(count: synthetic, seed: 1, maxLevel: 2)
        return seeds.enumerated().map { index, seed in
            var unitID = root
            for _ in 0..<seed.level {
                guard let children = tree.children[unitID], !children.isEmpty else { break }
                unitID = children[index % children.count]
            }
            var document = ImportedDocument()
            document.unitID = unitID
            document.kind = seed.kind
            document.content = seed.content
            document.sourceKey = "seed:\(index)"
            return document
        }
    }
}
