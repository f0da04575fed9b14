import Foundation
import Synchronization

/// Where log lines go: standard error in services, memory in tests.
public struct LogSink: Sendable {
    private let writeLine: @Sendable (String) -> Void

    public init(_ writeLine: @escaping @Sendable (String) -> Void) {
        self.writeLine = writeLine
    }

    func write(_ line: String) { writeLine(line) }

    public static let standardError = LogSink { line in
        // One write per line (with its newline), so lines from concurrent tasks do not
        // interleave within a line.
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Collects lines in memory; tests read them back.
    public static func memory() -> (LogSink, @Sendable () -> [String]) {
        let lines = Mutex<[String]>([])
        return (LogSink { line in lines.withLock { $0.append(line) } }, { lines.withLock { $0 } })
    }
}
