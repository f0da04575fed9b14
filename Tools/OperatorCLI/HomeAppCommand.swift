import Foundation
import Gateway
import RPC
import ServiceKit

/// `sotay app home`: the app's home screen as the gateway builds it (Shared/Gateway's
/// `HomeScreenClient`: every service asked at once, under one deadline), printed. A
/// service that is down or slow leaves its part out and is named at the end.
struct HomeAppCommand {
    let environment: OperatorEnvironment
    let session: AppSession
    /// What the gateway gives the home screen on a phone; the CLI uses the same.
    static let budget: Duration = .seconds(1)

    func run() async throws -> Int32 {
        let values = try session.required()
        let memberID = values["member"] ?? ""
        let org = try environment.channel(to: .org), content = try environment.channel(to: .content)
        let meeting = try environment.channel(to: .meeting), learning = try environment.channel(to: .learning)
        let feedback = try environment.channel(to: .feedback)
        defer { for channel in [org, content, meeting, learning, feedback] { channel.close() } }
        let client = HomeScreenClient(org: org, content: content, meeting: meeting, learning: learning, feedback: feedback)
        let screen = await client.load(memberID: memberID,
                                       metadata: [MetadataKey.authorization: "Bearer " + (values["access"] ?? "")],
                                       budget: Self.budget)
        print(Self.text(screen), terminator: "")
        return screen.isComplete ? 0 : 1
    }

    static func text(_ screen: HomeScreen) -> String {
        var lines: [String] = []
        if let profile = screen.profile { lines.append("Xin chào, \(profile.fullName)") }
        if let reading = screen.reading {
            lines.append("Unread: \(reading.unread) of the newest \(reading.unreadWindow) items")
            lines += reading.newestUnread.map { "  \($0.id)  \($0.number.isEmpty ? "" : $0.number + "  ")\($0.title)" }
        }
        if let meetings = screen.meetings {
            if let next = meetings.nextMeeting {
                lines.append("Next meeting: \(next.title), \(CLITime.text(next.startsAtMS)), \(next.place) (\(next.id))"
                             + (meetings.checkedIn ? ", checked in" : "")
                             + (meetings.pollsToVote > 0 ? ", \(meetings.pollsToVote) vote(s) waiting" : ""))
            } else {
                lines.append("Next meeting: none scheduled")
            }
            if meetings.openTasks > 0 { lines.append("Open tasks: \(meetings.openTasks)") }
        }
        if let study = screen.study {
            lines.append("Open quizzes: \(study.openQuizzes.count)")
            lines += study.openQuizzes.map { quiz in
                "  \(quiz.quizID)  \(quiz.title), closes \(CLITime.text(quiz.closesAtMS)), "
                    + (quiz.attemptsLeft < 0 ? "attempts unlimited" : "\(quiz.attemptsLeft) attempt(s) left")
            }
        }
        if let feedback = screen.feedback {
            lines.append("Feedback: \(feedback.waiting) waiting, \(feedback.openSurveys) survey(s) to answer")
            lines += feedback.replies.map { "  answered \(CLITime.text($0.answeredAtMS)): \($0.title) (\($0.itemID))" }
        }
        lines += screen.missing.sorted { $0.key.rawValue < $1.key.rawValue }.map { "(\($0.key.rawValue) did not answer: \($0.value))" }
        return lines.joined(separator: "\n") + "\n"
    }
}
