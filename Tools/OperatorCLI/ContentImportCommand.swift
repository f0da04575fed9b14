import ContentContracts
import Foundation
import OrgContracts
import RPC
import RPCContracts
import ServiceKit

/// `sotay content import FOLDER [--dry-run]`: loads a library of plain-text or Markdown
/// files (docs/content-import.md). Every file is read and checked first, here and by
/// the content service; every bad file is reported with its line and reason and then
/// nothing is imported. A file imported before is left as it is.
struct ContentImportCommand {
    static let extensions: Set<String> = ["txt", "md"]

    let folder: String
    let dryRun: Bool
    let environment: OperatorEnvironment

    init(_ arguments: [String], environment: OperatorEnvironment) throws {
        var rest = arguments[...]
        guard rest.popFirst() == "import", let folder = rest.popFirst() else {
            throw CLIError.usage("content import needs a FOLDER")
        }
        var dryRun = false
        while let option = rest.popFirst() {
            guard option == "--dry-run" else { throw CLIError.usage("content import takes only --dry-run") }
            dryRun = true
        }
        self.folder = folder
        self.dryRun = dryRun
        self.environment = environment
    }

    func run() async throws -> Int32 {
        let (files, problems) = try readFiles()
        let loader = ContentLibraryLoader(environment: environment)
        let tree = try await loader.tree()
        var documents: [ImportedDocument] = []
        var allProblems = problems
        for file in files {
            guard let unitID = tree.byCode[file.unitCode] else {
                allProblems.append(.init(path: file.path, line: file.line(of: "unit_id"),
                                         reason: "no active unit has the code '\(file.unitCode)'"))
                continue
            }
            var document = ImportedDocument()
            document.unitID = unitID
            document.kind = file.kind
            document.content = file.content
            document.sourceKey = file.sourceKey
            documents.append(document)
        }
        guard allProblems.isEmpty else { return report(allProblems) }
        // First the whole library as a dry run, so that nothing is written unless all is clean.
        let checked = try await loader.load(documents, roots: tree.roots, dryRun: true)
        allProblems += checked.problems.map { problem in
            let file = files[problem.index]
            return .init(path: file.path, line: file.line(of: problem.field),
                         reason: problem.field.isEmpty ? problem.reason : "\(problem.field): \(problem.reason)")
        }
        guard allProblems.isEmpty else { return report(allProblems) }
        if dryRun {
            print("\(files.count) files are clean: \(checked.imported) would be imported, \(checked.unchanged) are already (dry run)")
            return 0
        }
        let loaded = try await loader.load(documents, roots: tree.roots, dryRun: false)
        print("\(files.count) files: \(loaded.imported) imported, \(loaded.unchanged) already imported")
        return 0
    }

    /// The folder's .txt and .md files, by name, parsed; the problems of those that fail.
    private func readFiles() throws -> ([LibraryFile], [LibraryFile.Problem]) {
        let url = URL(fileURLWithPath: folder)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else {
            throw CLIError(description: "cannot read the folder \(folder)")
        }
        var files: [LibraryFile] = []
        var problems: [LibraryFile.Problem] = []
        for name in names.sorted() where Self.extensions.contains((name as NSString).pathExtension.lowercased()) {
            let path = url.appendingPathComponent(name).path
            guard let data = FileManager.default.contents(atPath: path) else {
                problems.append(.init(path: path, line: 1, reason: "cannot be read"))
                continue
            }
            let bytes = [UInt8](data)
            let digest = try SHA256Digest.hash(bytes).map { String(format: "%02x", $0) }.joined()
            do {
                files.append(try LibraryFile(path: path, bytes: bytes, sourceKey: "sha256:" + digest))
            } catch {
                problems.append(error)
            }
        }
        if files.isEmpty && problems.isEmpty { throw CLIError(description: "no .txt or .md files in \(folder)") }
        return (files, problems)
    }

    private func report(_ problems: [LibraryFile.Problem]) -> Int32 {
        for problem in problems { print(problem.description) }
        print("\(problems.count) problems: nothing was imported")
        return 1
    }
}
