import AuthContracts
import Foundation
import LearningContracts
import RPC
import ServiceKit

/// `sotay app study …` and `sotay app quiz …`: a member's study and quiz screens,
/// played by hand with the `sotay app` session's token. With `--for MEMBER_ID` a cell
/// secretary acts for a member without a phone: auth issues a proxy token
/// (`ActForMember`) and the learning service records the attempt as a proxy attempt.
struct LearningAppCommand {
    let arguments: [String]
    let environment: OperatorEnvironment
    let session: AppSession

    func run() async throws -> Int32 {
        var words = arguments
        var proxied: String?
        if let index = words.firstIndex(of: "--for") {
            guard index + 1 < words.count else { throw CLIError.usage("--for needs a MEMBER_ID") }
            proxied = words[index + 1]
            words.removeSubrange(index...index + 1)
        }
        let learning = LearningServiceClient(channel: try environment.channel(to: .learning))
        let options = try await callOptions(actingFor: proxied)
        switch (words.first, words.dropFirst().first, words.count) {
        case ("study", _, 2), ("study", _, 4), ("study", _, 5):
            var request = RecordStudyRequest()
            request.programID = words[1]
            if words.count >= 4 {
                request.materialID = words[2]
                guard let seconds = Int64(words[3]) else { throw CLIError.usage("SECONDS must be a whole number") }
                request.secondsSpent = seconds
            }
            request.completed = words.last == "--done"
            guard words.count != 5 || request.completed else { throw CLIError.usage("the last word may only be --done") }
            let progress = try await call { try await learning.recordStudy(request, options: options) }
            print("opened \(progress.materialsOpened.joined(separator: ", ")); \(progress.secondsSpent) s in all;"
                  + (progress.completed ? " completed" : " not completed yet"))
        case ("quiz", "start", 3):
            var request = StartAttemptRequest()
            request.quizID = words[2]
            request.idempotencyKey = "sotay-app-" + UUID().uuidString
            print(LearningText.attempt(try await call { try await learning.startAttempt(request, options: options) }))
        case ("quiz", "answer", 5):
            var request = SaveAnswerRequest()
            (request.attemptID, request.questionID) = (words[2], words[3])
            let choices = words[4].split(separator: ",").map { Int32($0) }
            guard !choices.contains(nil) else { throw CLIError.usage("CHOICE must be choice ids separated by commas") }
            request.choiceIDs = choices.compactMap { $0 }
            _ = try await call { try await learning.saveAnswer(request, options: options) }
            print("saved")
        case ("quiz", "submit", 3):
            var request = SubmitAttemptRequest()
            request.attemptID = words[2]
            print(LearningText.result(try await call { try await learning.submitAttempt(request, options: options) }))
        case ("quiz", "result", 3):
            var request = GetResultRequest()
            request.attemptID = words[2]
            print(LearningText.result(try await call { try await learning.getResult(request, options: options) }))
        default:
            throw CLIError.usage("cannot read 'app \(arguments.joined(separator: " "))'")
        }
        return 0
    }

    /// The session's token, or a proxy token for `member` issued by auth to the
    /// session's secretary.
    private func callOptions(actingFor member: String?) async throws -> CallOptions {
        guard let metadata = session.accessMetadata() else {
            throw CLIError(description: "no session yet: `sotay app login-code` first")
        }
        guard let member else { return CallOptions(metadata: metadata) }
        let auth = AuthServiceClient(channel: try environment.channel(to: .auth))
        var request = ActForMemberRequest()
        request.memberID = member
        request.reason = "sotay app: a study or quiz for a member without a phone"
        let proxy = try await call { try await auth.actForMember(request, options: CallOptions(metadata: metadata)) }
        return CallOptions(metadata: [MetadataKey.authorization: "Bearer " + proxy.accessToken])
    }

    private func call<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as RPCError {
            throw CLIError(description: error.description)
        }
    }
}
