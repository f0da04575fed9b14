// A process for the durability test to kill: it opens the database given as the
// first argument and, until it is killed, inserts rows from many concurrent
// group-commit submitters, printing each row's id to stdout only after its submit
// has returned (so only after COMMIT). Every id it printed must survive SIGKILL.
//
//     store-durability-child <database path> <first id> <submitters>
import Glibc
import Store
import Synchronization

/// The schema the test checks; the test opens the file with the same list.
let durabilityMigrations = [
    Migration(1, "acknowledged rows", sql: "CREATE TABLE acknowledged(id INTEGER PRIMARY KEY, payload BLOB NOT NULL)")
]

/// Writes one line with a single write(2): a pipe keeps writes under PIPE_BUF whole,
/// so lines from concurrent submitters never interleave, and nothing waits in a
/// buffer that SIGKILL would throw away.
func writeLine(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    var written = 0
    while written < bytes.count {
        // Safety: the pointer and count stay within `bytes`, alive for the closure.
        let result = bytes.withUnsafeBytes { buffer in
            write(STDOUT_FILENO, buffer.baseAddress.map { $0 + written }, buffer.count - written)
        }
        if result < 0 {
            if errno == EINTR { continue }
            exit(2)
        }
        written += result
    }
}

let arguments = CommandLine.arguments
guard arguments.count == 4, let firstID = Int64(arguments[2]), let submitters = Int(arguments[3]), submitters > 0 else {
    writeLine("usage: store-durability-child <database path> <first id> <submitters>")
    exit(64)
}
let database = try await Database.open(path: arguments[1], migrations: durabilityMigrations)
let nextID = Atomic<Int64>(firstID)
let payload = [UInt8](repeating: 0xA5, count: 200)

try await withThrowingTaskGroup(of: Void.self) { group in
    for _ in 0..<submitters {
        group.addTask {
            while true {
                let id = nextID.add(1, ordering: .relaxed).oldValue
                try await database.submit { connection in
                    try connection.execute("INSERT INTO acknowledged(id, payload) VALUES (?, ?)", [id, payload])
                }
                writeLine(String(id))
            }
        }
    }
    try await group.waitForAll()
}
