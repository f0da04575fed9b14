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
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw CLIError(description: "no outbox at \(file.path): auth has sent no message yet, or --data is not "
                + "the folder `sotay up` was given")
        }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        for line in lines.suffix(count) { print(line) }
        return 0
    }
}
