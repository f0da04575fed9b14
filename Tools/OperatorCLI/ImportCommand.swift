import Foundation
import OrgContracts
import RPC
import ServiceKit

/// `sotay import units|members FILE.csv [--dry-run | --apply] [--details N]`: reads a
/// registry export, stages it with the org service in chunks, plans it and prints the
/// report; applies it only with `--apply` and only when the file is clean. Exit status
/// 1 when the file has problems (docs/import.md).
struct ImportCommand {
    enum Mode {
        /// Validate only: counts and problems.
        case dryRun
        /// The whole reconciliation report; nothing applied.
        case report
        case apply
    }

    /// Rows per AddImportRows, and the bytes of values that close a chunk earlier, so a
    /// frame stays far below the 4 MiB limit whatever the rows hold.
    static let chunkRows = 2_000
    static let chunkBytes = 1 << 20
    static let callTimeout = Duration.seconds(600)

    let kind: ImportKind
    let path: String
    let mode: Mode
    let detailLimit: Int32
    let environment: OperatorEnvironment

    init(_ arguments: [String], environment: OperatorEnvironment) throws {
        var rest = arguments[...]
        guard let kindWord = rest.popFirst(), let path = rest.popFirst() else {
            throw CLIError.usage("import needs units|members and a FILE.csv")
        }
        switch kindWord {
        case "units": kind = .units
        case "members": kind = .members
        default: throw CLIError.usage("import units or import members, not '\(kindWord)'")
        }
        var dryRun = false, apply = false
        var detailLimit: Int32 = 50
        while let option = rest.popFirst() {
            switch option {
            case "--dry-run": dryRun = true
            case "--apply": apply = true
            case "--details":
                guard let text = rest.popFirst(), let value = Int32(text), value > 0 else {
                    throw CLIError.usage("--details takes a positive number")
                }
                detailLimit = value
            default: throw CLIError.usage("import does not know '\(option)'")
            }
        }
        guard !(dryRun && apply) else { throw CLIError.usage("--dry-run and --apply exclude each other") }
        self.path = path
        self.mode = dryRun ? .dryRun : apply ? .apply : .report
        self.detailLimit = detailLimit
        self.environment = environment
    }

    func run() async throws -> Int32 {
        let records = try readFile()
        guard let header = records.first, header.line == 1 else {
            throw CLIError(description: "\(path): line 1 must be the header")
        }
        let channel = try environment.channel(to: .org)
        defer { channel.close() }
        let org = OrgServiceClient(channel: channel)
        do {
            let importID = try await stage(header: header.fields, rows: records.dropFirst(), with: org)
            var plan = PlanImportRequest()
            plan.importID = importID
            plan.detailLimit = detailLimit
            let report = try await org.planImport(plan, options: try options())
            let text = ImportReportText(report: report, fileName: (path as NSString).lastPathComponent,
                                        detailLimit: detailLimit)
            guard mode == .apply, report.problemCount == 0 else {
                // Nothing of an import that is not applied stays behind.
                var discard = DiscardImportRequest()
                discard.importID = importID
                _ = try await org.discardImport(discard, options: try options())
                print(mode == .dryRun ? text.validation : text.plan)
                print(text.closing(mode: mode, command: "sotay import \(kind == .units ? "units" : "members") \(path)"))
                return report.problemCount == 0 ? 0 : 1
            }
            var apply = ApplyImportRequest()
            apply.importID = importID
            apply.detailLimit = detailLimit
            let applied = try await org.applyImport(apply, options: try options())
            let appliedText = ImportReportText(report: applied, fileName: text.fileName, detailLimit: detailLimit)
            print(appliedText.plan)
            print(appliedText.closing(mode: mode, command: ""))
            return 0
        } catch let error as RPCError {
            throw CLIError(description: "org: \(error)")
        }
    }

    private func readFile() throws -> [CSVRecord] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError(description: "cannot read \(path)")
        }
        do {
            return try CSVReader.records(Array(data))
        } catch {
            throw CLIError(description: "\(path): not CSV: \(error)")
        }
    }

    /// Starts the import and sends the rows in chunks; answers the import's id.
    private func stage(header: [String], rows: ArraySlice<CSVRecord>, with org: OrgServiceClient) async throws -> String {
        var start = StartImportRequest()
        start.kind = kind
        start.columns = header
        start.sourceName = (path as NSString).lastPathComponent
        let importID = try await org.startImport(start, options: try options()).importID
        var chunk = AddImportRowsRequest()
        chunk.importID = importID
        var chunkBytes = 0
        for record in rows {
            var row = ImportRow()
            row.line = Int32(clamping: record.line)
            row.values = record.fields
            chunk.rows.append(row)
            chunkBytes += record.fields.reduce(0) { $0 + $1.utf8.count + 2 }
            if chunk.rows.count == Self.chunkRows || chunkBytes >= Self.chunkBytes {
                _ = try await org.addImportRows(chunk, options: try options())
                chunk.rows.removeAll(keepingCapacity: true)
                chunkBytes = 0
            }
        }
        if !chunk.rows.isEmpty { _ = try await org.addImportRows(chunk, options: try options()) }
        return importID
    }

    /// A fresh operator token per call: a large file may outlast one token.
    private func options() throws -> CallOptions {
        CallOptions(timeout: Self.callTimeout, metadata: try OperatorToken.metadata(keyFile: environment.tokenKeyFile))
    }
}
