import Foundation

/// `sotay outbox [--data DIR] [--last N]`: prints the last N (default 20) text messages
/// auth has put in its local outbox, `<DIR>/auth/outbox.txt` (DIR default ./data), so
/// that on a machine without an SMS gateway one can read the code sent to a phone.
/// The file holds codes by design; it stays on the operator's machine.
struct OutboxCommand {
    let file: URL
    let count: Int

    init(_ arguments: [String]) throws {
        var dataFolder = "./data"
        var count = 20
        var rest = arguments[...]
        while let option = rest.popFirst() {
            switch option {
            case "--data":
                guard let value = rest.popFirst() else { throw CLIError.usage("--data takes a folder") }
                dataFolder = value
            case "--last":
                guard let value = rest.popFirst().flatMap({ Int($0) }), value > 0 else {
                    throw CLIError.usage("--last takes a whole number above 0")
                }
                count = value
            default:
                throw CLIError.usage("outbox does not know '\(option)'")
            }
        }
        file = URL(fileURLWithPath: dataFolder).appendingPathComponent("auth/outbox.txt").standardizedFileURL
        self.count = count
    }

    func run() throws -> Int32 {
        // No file and an empty file are the same answer: nothing was sent, which is
        // not a failure.
        let data = FileManager.default.contents(atPath: file.path) ?? Data()
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        guard !lines.isEmpty else {
            print("no messages in \(file.path): auth has sent none yet (or --data is not the folder `sotay up` was given)")
            return 0
        }
        for line in lines.suffix(count) { print(line) }
        return 0
    }
}
