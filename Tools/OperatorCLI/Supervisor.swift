import Foundation
import RPC
import ServiceKit

/// `sotay up`: starts every service executable that was built next to this program,
/// each as its own process on its default port with its data under one folder, waits
/// until all answer Health/Check SERVING, and on Ctrl-C (or SIGTERM) stops them all
/// with SIGTERM, which makes each drain its calls (docs/architecture.md §6).
struct Supervisor {
    /// How long a service may take to answer SERVING after it starts.
    static let startTimeout: Duration = .seconds(60)
    /// Past a service's own drain grace period (10 s): then SIGKILL.
    static let stopTimeout: Duration = .seconds(20)

    let binaryFolder: URL
    let dataFolder: URL
    let environment: [String: String]

    /// The services whose executables (`sotay-<service>`) exist, in the order of
    /// docs/architecture.md §1.
    var availableServices: [(ServiceName, URL)] { Self.builtServices(in: binaryFolder) }

    /// The folder this program runs from: the build puts the services beside it.
    static var ownFolder: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    }

    static func builtServices(in folder: URL) -> [(ServiceName, URL)] {
        ServiceName.allCases.compactMap { service in
            let url = folder.appendingPathComponent("sotay-\(service.rawValue)")
            return FileManager.default.isExecutableFile(atPath: url.path) ? (service, url) : nil
        }
    }

    /// Runs until a stop signal or until a service dies; returns the exit status.
    func run() async throws -> Int32 {
        let services = availableServices
        guard !services.isEmpty else {
            throw CLIError(description: "no service executables (sotay-<service>) next to \(binaryFolder.path): build them first")
        }
        try checkEnvironment(for: services.map(\.0))
        let lock = try SuiteLock(dataFolder: dataFolder, services: services.map(\.0))
        defer { withExtendedLifetime(lock) {} }
        let keys = try SuiteKeyFiles.ensure(in: dataFolder)
        try FileManager.default.createDirectory(at: dataFolder.appendingPathComponent("logs"), withIntermediateDirectories: true)

        let (events, reportEvent) = AsyncStream<StopReason>.makeStream()
        let signals = StopSignals { reportEvent.yield(.signal($0)) }
        defer { signals.cancel() }
        var processes: [ServiceProcess] = []
        for (service, _) in services {
            let launch = ServiceLaunch(service: service, binaryFolder: binaryFolder, listen: "127.0.0.1:\(service.defaultPort)",
                                       dataFolder: dataFolder, keys: keys, base: environment)
            let process = ServiceProcess(launch, onExit: { reportEvent.yield(.exited($0, $1)) })
            do {
                try process.start()
            } catch {
                await stop(processes)
                throw CLIError(description: "cannot start \(service.rawValue): \(error)")
            }
            processes.append(process)
        }

        for process in processes {
            guard await process.waitUntilServing(timeout: Self.startTimeout) else {
                print("\(process.service.rawValue) did not become healthy; the end of \(process.logPath):")
                print(process.logTail())
                await stop(processes)
                return 1
            }
        }
        // `sotay certs` renews the certificates and sends SIGHUP here: each service reloads them.
        let hangUps = StopSignals([SIGHUP]) { [processes] _ in
            for process in processes { process.signal(SIGHUP) }
        }
        defer { hangUps.cancel() }
        print("Sổ tay is up (data in \(dataFolder.path), Ctrl-C stops everything):")
        print(environment[SuiteTLS.switchVariable]?.lowercased() == "off"
              ? "  TLS is OFF (SOTAY_TLS=off): every service serves plain TCP"
              : "  TLS on every port: certificates in \(keys.certificates.folder.path) (sotay certs renews them)")
        for process in processes {
            print("  \(process.service.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0))"
                  + "\(process.listen.padding(toLength: 17, withPad: " ", startingAt: 0)) pid \(process.pid)  log \(process.logPath)")
        }

        // The first start's CLI calls reach the services with the suite's TLS.
        let firstStart = Task { [environment = keys.withTLS(environment)] in
            await FirstStart.seedIfEmpty(services: processes.map(\.service), dataFolder: dataFolder,
                                         tokenKeyFile: keys.token, environment: environment)
            await LearningFirstStart.seedIfNew(services: processes.map(\.service), dataFolder: dataFolder,
                                               tokenKeyFile: keys.token, environment: environment)
            await FirstStart.seedContent(services: processes.map(\.service), tokenKeyFile: keys.token,
                                         environment: environment)
        }
        var firstEvent = events.makeAsyncIterator()
        let reason = await firstEvent.next() ?? .signal(0)
        firstStart.cancel()
        print(reason.message)
        await stop(processes)
        return reason.isFailure ? 1 : 0
    }

    /// Refuses, as a service would (exit status 78, the variable named), an
    /// environment the services could not start with, and SOTAY_LISTEN, which `sotay
    /// up` cannot honour: it gives every service its own default port.
    func checkEnvironment(for services: [ServiceName]) throws {
        if let listen = environment["SOTAY_LISTEN"] {
            throw CLIError(description: "SOTAY_LISTEN: '\(listen)' is set, but sotay up starts every service on its "
                + "default port on 127.0.0.1; unset it (it is for a service run on its own)",
                exitCode: ConfigError.exitStatus)
        }
        for service in services {
            do {
                _ = try ServiceConfig(service: service, calls: ServiceName.allCases.filter { $0 != service },
                                      environment: environment)
            } catch {
                throw CLIError(description: "\(error)", exitCode: ConfigError.exitStatus)
            }
        }
    }

    enum StopReason: Sendable {
        case signal(Int32)
        case exited(ServiceName, Int32)

        var message: String {
            switch self {
            case .signal(let number): "signal \(number): stopping every service"
            case .exited(let service, let status): "\(service.rawValue) exited (status \(status)): stopping every service"
            }
        }

        var isFailure: Bool {
            if case .exited = self { return true }
            return false
        }
    }

    /// SIGTERM to all at once (each drains), then SIGKILL to whatever is left.
    private func stop(_ processes: [ServiceProcess]) async {
        for process in processes { process.signal(SIGTERM) }
        await withTaskGroup(of: Void.self) { group in
            for process in processes {
                group.addTask {
                    let killer = Task {
                        try await Task.sleep(for: Self.stopTimeout)
                        process.signal(SIGKILL)
                    }
                    let status = await process.waitForExit()
                    killer.cancel()
                    print("  \(process.service.rawValue) stopped (status \(status))")
                }
            }
        }
    }
}
