import Store

/// How a service process uses the machine, apart from what its environment configures:
/// threads and when a commit is safe. Executables run `production`; the in-process
/// test suites, which start dozens of services in one process on a small machine, run
/// `testSuite`.
public struct ServiceTuning: Sendable {
    /// The RPC server's event loops; nil: one per core.
    public var eventLoops: Int?
    /// The database's reader connections, each a thread of its own.
    public var databaseReaders: Int
    public var durability: Database.Durability

    public static let production = ServiceTuning(
        eventLoops: nil, databaseReaders: Database.Configuration().readerCount, durability: .everyCommitOnDisk)

    /// Fewer threads and no fsync per commit. Neither changes what a test can assert:
    /// calls still run concurrently (on one loop, with two readers), and a commit still
    /// survives the stop, restart or SIGKILL of the service, which is all a test does
    /// to it. What a power cut would lose is not something a test can observe; the
    /// durability test (StoreTests) SIGKILLs a child writing with production's
    /// durability, and SystemTests run the real executables, tuned for production.
    public static let testSuite = ServiceTuning(eventLoops: 1, databaseReaders: 2, durability: .survivesProcessCrash)

    var databaseConfiguration: Database.Configuration {
        var configuration = Database.Configuration()
        configuration.readerCount = databaseReaders
        configuration.durability = durability
        return configuration
    }
}
