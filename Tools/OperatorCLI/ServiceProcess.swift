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
        // O_APPEND: every write lands at the end of the file whoever else writes to it
        // (a second `sotay up` refused, an earlier run's last lines), so nothing that
        // explains a failure is overwritten.
        let descriptor = open(logPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw CLIError(description: "cannot write the log file \(logPath): \(String(cString: strerror(errno)))")
        }
        let log = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
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
