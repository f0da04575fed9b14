import Foundation

/// This process's peak resident memory (VmHWM), which the in-process service shares
/// with the bench's client: reset it after the build so the figure is the serving
/// phase's.
enum ProcessMemory {
    static func peakResidentBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return nil }
        return kilobytes * 1024
    }

    /// Writing 5 to clear_refs resets VmHWM to the current resident size (Linux 4.0+).
    static func resetPeak() {
        try? Data("5".utf8).write(to: URL(fileURLWithPath: "/proc/self/clear_refs"))
    }
}
