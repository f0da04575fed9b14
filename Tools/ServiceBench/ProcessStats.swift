import Foundation

/// What /proc says about another process: the CPU it has used and its peak memory.
public enum ProcessStats {
    /// User + system CPU seconds of `pid` so far (fields 14 and 15 of /proc/PID/stat,
    /// in clock ticks); nil once the process is gone.
    public static func cpuSeconds(of pid: Int32) -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        // The command name may hold spaces and parentheses: fields are counted after
        // its closing parenthesis, where field 3 (state) starts.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// A field of /proc/PID/status in kB (VmHWM: peak resident memory), in MiB.
    public static func statusMiB(_ field: String, of pid: Int32) -> Double? {
        statusField(field, of: pid).flatMap { Double($0.split(separator: " ").first ?? "") }.map { $0 / 1024 }
    }

    /// The text of a field of /proc/PID/status ("Cpus_allowed_list").
    public static func statusField(_ field: String, of pid: Int32) -> String? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            return line.dropFirst(field.count + 1).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    /// The 1, 5 and 15 minute load averages: other work on the machine shows here.
    public static func loadAverage() -> String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3)
            .joined(separator: " ") ?? "?"
    }
}
