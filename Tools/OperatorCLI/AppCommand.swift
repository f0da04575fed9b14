import AuthContracts
import Foundation
import OrgContracts
import RPC
import ServiceKit

/// `sotay app …`: plays the member's phone against a running suite, so registration,
/// login and calling a service with the token can be tried by hand without the app or
/// a gateway. The session's tokens are kept in `./data/app-session.txt` (`AppSession`).
struct AppCommand {
    let arguments: [String]
    let environment: OperatorEnvironment
    let session = AppSession()

    init(_ arguments: [String], environment: OperatorEnvironment) {
        self.arguments = arguments
        self.environment = environment
    }

    func run() async throws -> Int32 {
        if let verb = arguments.first, MeetingAppCommand.verbs.contains(verb) {
            return try await MeetingAppCommand(arguments: arguments, environment: environment, session: session).run()
        }
        let auth = AuthServiceClient(channel: try environment.channel(to: .auth))
        switch (arguments.first, arguments.count) {
        case ("register", 5):
            var request = StartRegistrationRequest()
            (request.cardNumber, request.fullName, request.birthDate, request.phone) =
                (arguments[1], arguments[2], arguments[3], arguments[4])
            var face = FaceAttestation()
            face.score = 0.95
            face.livenessPassed = true
            request.face = face
            request.deviceName = "sotay app"
            let started = try await call { try await auth.startRegistration(request) }
            print("registration \(started.registrationID): the code is in `sotay outbox`;"
                  + " then: sotay app confirm \(started.registrationID) CODE")
        case ("confirm", 3):
            var request = ConfirmRegistrationRequest()
            request.registrationID = arguments[1]
            request.code = arguments[2]
            try save(try await call { try await auth.confirmRegistration(request) })
        case ("login", 2):
            var request = SendLoginCodeRequest()
            request.phone = arguments[1]
            _ = try await call { try await auth.sendLoginCode(request) }
            print("if the phone has an account, a code is in `sotay outbox`; then: sotay app login-code \(arguments[1]) CODE")
        case ("login-code", 3):
            var request = ConfirmLoginCodeRequest()
            (request.phone, request.code, request.deviceName) = (arguments[1], arguments[2], "sotay app")
            try save(try await call { try await auth.confirmLoginCode(request) })
        case ("refresh", 1):
            var request = RefreshRequest()
            request.refreshToken = try session.required()["refresh"] ?? ""
            try save(try await call { try await auth.refresh(request) })
        case ("sessions", 1):
            let list = try await call { try await auth.listSessions(ListSessionsRequest(), options: try bearer()) }
            for session in list.sessions {
                print("\(session.id)  \(session.deviceName)\(session.current ? "  (this one)" : "")")
            }
        case ("me", 1):
            let org = OrgServiceClient(channel: try environment.channel(to: .org))
            var request = GetMemberRequest()
            request.memberID = try session.required()["member"] ?? ""
            let member = try await call { try await org.getMember(request, options: try bearer()) }
            print("\(member.fullName) (\(member.id)), born \(member.birthDate), \(member.status), unit \(member.unitID), "
                  + "card \(member.cardNumber)")
        case ("home", 1):
            return try await HomeAppCommand(environment: environment, session: session).run()
        case ("id", 1):
            print(try session.required()["member"] ?? "")
        case ("feedback", _), ("survey", _):
            return try await FeedbackAppCommand(arguments: arguments, environment: environment, session: session).run()
        case (let verb?, _) where FeedbackAgencyAppCommand.verbs.contains(verb):
            return try await FeedbackAgencyAppCommand(arguments: arguments, environment: environment, session: session).run()
        case ("study", _), ("quiz", _):
            return try await LearningAppCommand(arguments: arguments, environment: environment, session: session).run()
        case (let command?, _) where ContentAppCommands.commands.contains(command):
            return try await ContentAppCommands(arguments: arguments, environment: environment, session: session).run()
        default:
            throw CLIError.usage("cannot read 'app \(arguments.joined(separator: " "))'")
        }
        return 0
    }

    /// Runs one call, turning its status into a one-line CLI error.
    private func call<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as RPCError {
            throw CLIError(description: error.description)
        }
    }

    private func save(_ tokens: TokenPair) throws {
        let text = "member=\(tokens.memberID)\naccess=\(tokens.accessToken)\nrefresh=\(tokens.refreshToken)\n"
        try FileManager.default.createDirectory(at: session.file.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: session.file.path, contents: Data(text.utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw CLIError(description: "cannot write \(session.file.path)")
        }
        print("logged in as member \(tokens.memberID), session \(tokens.sessionID); tokens kept in \(session.file.path)")
    }

    private func bearer() throws -> CallOptions {
        CallOptions(metadata: [MetadataKey.authorization: "Bearer " + (try session.required()["access"] ?? "")])
    }
}
