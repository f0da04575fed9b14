import Foundation
import OrgSeed

/// `sotay seed --preset province|national [--seed N] [--out DIR] [--no-import]`:
/// writes a synthetic preset's CSV files (OrgSeed), then imports units and members
/// into the running org service with `sotay import … --apply`, reporting each step's
/// rate (docs/seed-and-bench.md).
struct SeedCommand {
    let preset: SeedPreset
    let seed: UInt64
    let folder: URL
    let importing: Bool
    let environment: OperatorEnvironment

    init(_ arguments: [String], environment: OperatorEnvironment) throws {
        var preset: SeedPreset?
        var seed: UInt64 = 1
        var folder: String?
        var importing = true
        var rest = arguments[...]
        while let option = rest.popFirst() {
            switch option {
            case "--preset":
                guard let value = rest.popFirst().flatMap(SeedPreset.init(rawValue:)) else {
                    throw CLIError.usage("--preset takes province or national")
                }
                preset = value
            case "--seed":
                guard let value = rest.popFirst().flatMap({ UInt64($0) }) else {
                    throw CLIError.usage("--seed takes a whole number")
                }
                seed = value
            case "--out":
                guard let value = rest.popFirst() else { throw CLIError.usage("--out takes a folder") }
                folder = value
            case "--no-import":
                importing = false
            default:
                throw CLIError.usage("seed does not know '\(option)'")
            }
        }
        guard let preset else { throw CLIError.usage("seed needs --preset province|national") }
        self.init(preset: preset, seed: seed,
                  folder: URL(fileURLWithPath: folder ?? "./data/seed/\(preset.rawValue)").standardizedFileURL,
                  importing: importing, environment: environment)
    }

    init(preset: SeedPreset, seed: UInt64, folder: URL, importing: Bool, environment: OperatorEnvironment) {
        self.preset = preset
        self.seed = seed
        self.folder = folder
        self.importing = importing
        self.environment = environment
    }

    func run() async throws -> Int32 {
        print("generating the \(preset.rawValue) preset (seed \(seed)) into \(folder.path) …")
        let written = try SeedFiles.write(SeedGenerator(preset: preset, seed: seed), to: folder)
        let summary = written.summary
        print(String(format: "  %d units (%d cells), %d members in %.1f s (%.0f rows/s); units %.1f MB, members %.1f MB in %d file(s)",
                     summary.units, summary.cells, summary.members, written.seconds,
                     Double(summary.units + summary.members) / max(written.seconds, 0.001),
                     Double(written.unitsBytes) / 1e6, Double(written.membersBytes) / 1e6, written.memberFiles.count))
        guard importing else { return 0 }
        let started = ContinuousClock.now
        let files = [("units", written.unitsFile)] + written.memberFiles.map { ("members", $0) }
        for (index, (kind, file)) in files.enumerated() {
            print("importing \(kind) from \(file.lastPathComponent) (\(index + 1)/\(files.count)) …")
            let fileStarted = ContinuousClock.now
            let status = try await ImportCommand([kind, file.path, "--apply", "--details", "5"], environment: environment).run()
            guard status == 0 else {
                print("the import of \(file.lastPathComponent) stopped; nothing after it was imported")
                return status
            }
            print("  \(file.lastPathComponent) imported in " + String(format: "%.1f s", (ContinuousClock.now - fileStarted).inSeconds))
        }
        let total = (ContinuousClock.now - started).inSeconds
        print(String(format: "seeded %d units and %d members in %.1f s (%.0f rows/s)", summary.units, summary.members,
                     total, Double(summary.units + summary.members) / max(total, 0.001)))
        return 0
    }
}
