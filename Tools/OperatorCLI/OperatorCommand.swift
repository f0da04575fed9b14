import Foundation

/// The `sotay` command line: picks the command and runs it; returns the exit status.
public enum OperatorCommand {
    public static func run(_ arguments: [String]) async -> Int32 {
        do {
            return try await dispatch(arguments)
        } catch let error as CLIError {
            FileHandle.standardError.write(Data("sotay: \(error.description)\n".utf8))
            return error.exitCode
        } catch {
            FileHandle.standardError.write(Data("sotay: \(error)\n".utf8))
            return 1
        }
    }

    static func dispatch(_ arguments: [String]) async throws -> Int32 {
        let environment = OperatorEnvironment()
        let admin = AdminCommands(environment: environment)
        switch (arguments.first, arguments.count) {
        case ("up", _):
            return try await up(Array(arguments.dropFirst()), environment: environment)
        case ("health", _):
            return try await admin.health(Array(arguments.dropFirst()))
        case ("metrics", 2):
            return try await admin.metrics(arguments[1])
        case ("backup", 3):
            return try await admin.backup(arguments[1], to: arguments[2])
        case ("check", 2):
            return try await admin.check(arguments[1])
        case ("import", _):
            return try await ImportCommand(Array(arguments.dropFirst()), environment: environment).run()
        case ("seed", _):
            return try await SeedCommand(Array(arguments.dropFirst()), environment: environment).run()
        case ("app", _):
            return try await AppCommand(Array(arguments.dropFirst()), environment: environment).run()
        case ("appoint-admin", 3):
            // "me": the member logged in with `sotay app`, so the README's steps need no copied id.
            let memberID = arguments[1] == "me" ? try AppSession().required()["member"] ?? "" : arguments[1]
            return try await admin.appointAdministrator(memberID: memberID, unitID: arguments[2])
        case ("search", _), ("member", _), ("units", _), ("counts", _):
            return try await StaffCommands(arguments: arguments, environment: environment, session: AppSession()).run()
        case ("content", _):
            return try await ContentImportCommand(Array(arguments.dropFirst()), environment: environment).run()
        case ("report", _):
            return try await ReportCommand(arguments: Array(arguments.dropFirst()), environment: environment,
                                           session: AppSession()).run()
        case ("outbox", _):
            return try OutboxCommand(Array(arguments.dropFirst())).run()
        case ("certs", _):
            return try CertsCommand(Array(arguments.dropFirst())).run()
        case ("help", _), ("-h", _), ("--help", _):
            print(Usage.text)
            return 0
        default:
            throw CLIError.usage(arguments.isEmpty ? "no command given" : "cannot read '\(arguments.joined(separator: " "))'")
        }
    }

    static func up(_ arguments: [String], environment: OperatorEnvironment) async throws -> Int32 {
        let supervisor = Supervisor(
            binaryFolder: Supervisor.ownFolder,
            dataFolder: try dataFolder(arguments, command: "up"),
            environment: environment.variables)
        return try await supervisor.run()
    }

    /// The folder of a command whose only option is `--data DIR` (default ./data).
    static func dataFolder(_ arguments: [String], command: String) throws -> URL {
        var dataFolder = "./data"
        var rest = arguments[...]
        while let option = rest.popFirst() {
            guard option == "--data", let value = rest.popFirst() else {
                throw CLIError.usage("\(command) takes only --data DIR")
            }
            dataFolder = value
        }
        return URL(fileURLWithPath: dataFolder).standardizedFileURL
    }
}
