import RPC
import ServiceKit

/// One service started in-process through `ServiceMain.start`, as its executable
/// would start, on port 0, with a client channel to it.
public struct ServiceUnderTest: Sendable {
    public let name: ServiceName
    public let running: RunningService
    /// To the service, with a generous deadline: tests run many services at once on
    /// a small machine, and a slow moment must not fail a test that checks behaviour.
    public let channel: RPCChannel
    /// The lines the service has logged.
    public let log: @Sendable () -> [String]

    public var port: Int { running.port }
    public var address: HostPort { HostPort(host: "127.0.0.1", port: running.port) }

    /// Closes the channel and drains the service as SIGTERM would.
    public func stop() async {
        channel.close()
        await running.stop()
    }
}
