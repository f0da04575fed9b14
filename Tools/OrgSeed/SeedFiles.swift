import Foundation

/// A preset's `units.csv` and members file(s) in one folder, in the formats that
/// `sotay import units|members` reads (header first). One import holds at most
/// 500,000 rows (the org service's limit, a large province's registry), so members
/// past `membersPerFile` go to numbered files: `members-001.csv`, `members-002.csv`, …;
/// a preset that fits writes the single `members.csv`.
public enum SeedFiles {
    public static let unitsFile = "units.csv"
    public static let membersPerFile = 400_000

    public struct Written: Sendable {
        public let summary: SeedSummary
        public let unitsFile: URL
        public let memberFiles: [URL]
        public let unitsBytes: Int
        public let membersBytes: Int
        public let seconds: Double
    }

    public static func write(_ generator: SeedGenerator, to folder: URL) throws -> Written {
        let started = ContinuousClock.now
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let unitsURL = folder.appendingPathComponent(unitsFile)
        let split = generator.preset.members > membersPerFile
        var sink = CSVSink(units: try CSVFileWriter(path: unitsURL.path, header: SeedUnit.csvHeader)) { part in
            folder.appendingPathComponent(split ? "members-\(zeroPadded(part, width: 3)).csv" : "members.csv")
        }
        let summary = try generator.generate(into: &sink)
        try sink.finish()
        return Written(summary: summary, unitsFile: unitsURL, memberFiles: sink.memberFiles,
                       unitsBytes: sink.units.bytesWritten, membersBytes: sink.membersBytes,
                       seconds: (ContinuousClock.now - started).inSeconds)
    }

    private struct CSVSink: SeedSink {
        let units: CSVFileWriter
        let memberFile: (Int) -> URL
        var members: CSVFileWriter?
        var rowsInFile = 0
        var memberFiles: [URL] = []
        var membersBytes = 0

        init(units: CSVFileWriter, memberFile: @escaping (Int) -> URL) {
            self.units = units
            self.memberFile = memberFile
        }

        mutating func add(_ unit: SeedUnit) throws { try units.write(unit.csvValues) }

        mutating func add(_ member: SeedMember) throws {
            if members == nil || rowsInFile == SeedFiles.membersPerFile { try nextMemberFile() }
            try members?.write(member.csvValues)
            rowsInFile += 1
        }

        private mutating func nextMemberFile() throws {
            try closeMemberFile()
            let url = memberFile(memberFiles.count + 1)
            members = try CSVFileWriter(path: url.path, header: SeedMember.csvHeader)
            memberFiles.append(url)
            rowsInFile = 0
        }

        private mutating func closeMemberFile() throws {
            guard let members else { return }
            try members.close()
            membersBytes += members.bytesWritten
            self.members = nil
        }

        mutating func finish() throws {
            try units.close()
            try closeMemberFile()
        }
    }
}
