import Foundation
import RPC
import ServiceKit

/// One service the supervisor (or a benchmark) started: its process, where it listens,
/// where it logs.
public final class ServiceProcess: @unchecked Sendable {
    // @unchecked Sendable: `process` is configured before `run()` and afterwards only
    // read or signalled (Foundation's Process is thread-safe for that); `exited` is
    // set once, from the termination handler, under `lock`.
    public let service: ServiceName
    public let listen: String
    public let logPath: String
    /// How the health probe reaches it: TLS as the service itself reads its variables.
    private let tls: TLSConfiguration?
    private let process = Process()
    private let lock = NSLock()
    private var exitWaiters: [CheckedContinuation<Int32, Never>] = []
    private var exitStatus: Int32?

    /// Called once, from another thread, when the process exits.
    private let onExit: @Sendable (ServiceName, Int32) -> Void

    public init(_ launch: ServiceLaunch, onExit: @escaping @Sendable (ServiceName, Int32) -> Void) {
        self.onExit = onExit
        self.service = launch.service
        self.listen = launch.listen
        self.logPath = launch.logPath
        // A malformed SOTAY_TLS stops the service itself with a clear line in its log;
        // the probe then just finds it not serving.
        self.tls = (try? SuiteTLS.fromEnvironment(launch.environment))??.channel(to: launch.service)
        process.executableURL = launch.executable
        process.environment = launch.environment
    }

    public var pid: Int32 { process.processIdentifier }

    /// Starts the process with standard output and error appended to its log file.
    public func start() throws {
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

    public var hasExited: Bool { lock.withLock { exitStatus != nil } }

    /// The exit status (or the signal that ended it), once it has exited.
    public func waitForExit() async -> Int32 {
        await withCheckedContinuation { continuation in
            let status: Int32? = lock.withLock {
                if exitStatus == nil { exitWaiters.append(continuation) }
                return exitStatus
            }
            if let status { continuation.resume(returning: status) }
        }
    }

    public func signal(_ signal: Int32) {
        // A process not started has pid 0, and kill(0, …) would signal our whole group.
        guard !hasExited, process.processIdentifier > 0 else { return }
        kill(process.processIdentifier, signal)
    }

    /// The last lines of the log, for a service that failed to start.
    public func logTail(lines: Int = 15) -> String {
        guard let text = try? String(contentsOfFile: logPath, encoding: .utf8) else { return "" }
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }

    /// Whether it answers Health/Check SERVING within `timeout` (false at once if it exits).
    public func waitUntilServing(timeout: Duration) async -> Bool {
        guard let address = HostPort(listen) else { return false }
        var configuration = ChannelConfiguration()
        configuration.connectionsPerAddress = 1
        configuration.tls = tls
        let channel = RPCChannel(addresses: [address], configuration: configuration)
        defer { channel.close() }
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline, !hasExited {
            if await HealthProbe.check(channel, timeout: .seconds(1)) == .serving { return true }
            try? await Task.sleep(for: .milliseconds(200))
        }
        return false
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
