import Foundation
import ServiceKit

/// One service the supervisor started: its process, where it listens, where it logs.
final class ServiceProcess: @unchecked Sendable {
    // @unchecked Sendable: `process` is configured before `run()` and afterwards only
    // read or signalled (Foundation's Process is thread-safe for that); `exited` is
    // set once, from the termination handler, under `lock`.
    let service: ServiceName
    let listen: String
    let logPath: String
    private let process = Process()
    private let lock = NSLock()
    private var exitWaiters: [CheckedContinuation<Int32, Never>] = []
    private var exitStatus: Int32?

    /// Called once, from another thread, when the process exits.
    private let onExit: @Sendable (ServiceName, Int32) -> Void

    init(service: ServiceName, executable: URL, listen: String, environment: [String: String], logPath: String,
         onExit: @escaping @Sendable (ServiceName, Int32) -> Void) {
        self.onExit = onExit
        self.service = service
        self.listen = listen
        self.logPath = logPath
        process.executableURL = executable
        process.environment = environment
    }

    var pid: Int32 { process.processIdentifier }

    /// Starts the process with standard output and error appended to its log file.
    func start() throws {
        if !FileManager.default.fileExists(atPath: logPath) {
            _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        }
        guard let log = FileHandle(forWritingAtPath: logPath) else {
            throw CLIError(description: "cannot write the log file \(logPath)")
        }
        log.seekToEndOfFile()
        process.standardOutput = log
        process.standardError = log
        process.terminationHandler = { [weak self] process in
            self?.finished(status: process.terminationStatus)
        }
        try process.run()
    }

    var hasExited: Bool { lock.withLock { exitStatus != nil } }

    /// The exit status (or the signal that ended it), once it has exited.
    func waitForExit() async -> Int32 {
        await withCheckedContinuation { continuation in
            let status: Int32? = lock.withLock {
                if exitStatus == nil { exitWaiters.append(continuation) }
                return exitStatus
            }
            if let status { continuation.resume(returning: status) }
        }
    }

    func signal(_ signal: Int32) {
        guard !hasExited else { return }
        kill(process.processIdentifier, signal)
    }

    /// The last lines of the log, for a service that failed to start.
    func logTail(lines: Int = 15) -> String {
        guard let text = try? String(contentsOfFile: logPath, encoding: .utf8) else { return "" }
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }

    private func finished(status: Int32) {
        let waiters = lock.withLock {
            exitStatus = status
            defer { exitWaiters = [] }
            return exitWaiters
        }
        for waiter in waiters { waiter.resume(returning: status) }
        onExit(service, status)
    }
}
