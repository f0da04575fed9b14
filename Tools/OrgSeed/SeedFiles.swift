import Foundation

/// `units.csv` and `members.csv` of a preset in one folder, in the formats that
/// `sotay import units|members` reads (header first).
public enum SeedFiles {
    public static let unitsFile = "units.csv"
    public static let membersFile = "members.csv"

    public struct Written: Sendable {
        public let summary: SeedSummary
        public let unitsBytes: Int
        public let membersBytes: Int
        public let seconds: Double
    }

    public static func write(_ generator: SeedGenerator, to folder: URL) throws -> Written {
        let started = ContinuousClock.now
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var sink = try CSVSink(
            units: CSVFileWriter(path: folder.appendingPathComponent(unitsFile).path, header: SeedUnit.csvHeader),
            members: CSVFileWriter(path: folder.appendingPathComponent(membersFile).path, header: SeedMember.csvHeader))
        let summary = try generator.generate(into: &sink)
        try sink.units.close()
        try sink.members.close()
        let elapsed = (ContinuousClock.now - started).components
        return Written(summary: summary, unitsBytes: sink.units.bytesWritten, membersBytes: sink.members.bytesWritten,
                       seconds: Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18)
    }

    private struct CSVSink: SeedSink {
        let units: CSVFileWriter
        let members: CSVFileWriter

        mutating func add(_ unit: SeedUnit) throws { try units.write(unit.csvValues) }
        mutating func add(_ member: SeedMember) throws { try members.write(member.csvValues) }
    }
}
