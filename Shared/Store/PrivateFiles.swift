import CSQLite
import Glibc

/// Database files readable and writable by the service's user only (docs/architecture.md §7):
/// they hold personal data. A database file is created with mode 0600 before SQLite
/// opens it, because SQLite gives the -wal, -shm and -journal files it creates the main
/// file's mode; an existing file, and any companion it already has, is set to 0600.
/// A folder the store creates for a database is 0700.
enum PrivateFiles {
    static let fileMode: mode_t = 0o600
    static let directoryMode: mode_t = 0o700
    private static let companionSuffixes = ["-wal", "-shm", "-journal"]

    /// Creates the database file at `path` with mode 0600 if it is missing, else sets
    /// it (and the companions it has) to 0600; creates its folder (0700) if missing.
    static func prepareDatabaseFile(at path: String) throws {
        try createDirectoryIfMissing(parentOf: path)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, fileMode)
        guard descriptor >= 0 else { throw failure("cannot create or open", path) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw failure("cannot read the mode of", path) }
        if status.st_mode & 0o777 != fileMode {
            guard fchmod(descriptor, fileMode) == 0 else { throw failure("cannot set mode 0600 on", path) }
        }
        for companion in companionSuffixes.map({ path + $0 }) where access(companion, F_OK) == 0 {
            guard chmod(companion, fileMode) == 0 || errno == ENOENT else {
                throw failure("cannot set mode 0600 on", companion)
            }
        }
    }

    /// Creates the folder that holds `path`, and any missing folder above it, with mode
    /// 0700; an existing folder is left as it is (it may be shared, like /tmp).
    private static func createDirectoryIfMissing(parentOf path: String) throws {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return }
        let directory = String(path[..<slash])
        guard access(directory, F_OK) != 0 else { return }
        try createDirectoryIfMissing(parentOf: directory)
        guard mkdir(directory, directoryMode) == 0 || errno == EEXIST else {
            throw failure("cannot create the folder", directory)
        }
    }

    /// The error for a failed system call on `path` (a path, never personal data).
    private static func failure(_ what: String, _ path: String) -> StoreError {
        let reason = String(cString: strerror(errno))
        return StoreError(sqliteCode: SQLITE_CANTOPEN, message: "\(what) \(path): \(reason)", sql: nil)
    }
}
