extension Database {
    /// When a commit the caller was told about is safe.
    public enum Durability: Sendable {
        /// On disk before the commit returns (`synchronous=FULL`): survives a power cut.
        /// Every service runs this way.
        case everyCommitOnDisk
        /// In the WAL, flushed to disk at checkpoints (`synchronous=NORMAL`): survives
        /// the process's crash or SIGKILL, since the operating system keeps what was
        /// written, but not the machine's. For test suites, which restart and kill
        /// services but never cut the power, and which would otherwise spend their
        /// time waiting on fsync.
        case survivesProcessCrash
    }
}
