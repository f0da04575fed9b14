import AuthContracts
import ContentContracts
import FeedbackContracts
import Foundation
import LearningContracts
import MeetingContracts
import RPC
import ServiceKit
import ServiceToolkit

/// `sotay report --unit UNIT_ID --month YYYY-MM [--format text|csv|html] [--out FILE]`:
/// the monthly report of a unit and the units directly below it, ranked. It calls the
/// services with the `sotay app` session's token: a staff member of the unit (committee
/// staff or administrator) sees its figures; nobody else does.
struct ReportCommand {
    let arguments: [String]
    let environment: OperatorEnvironment
    let session: AppSession

    enum Format: String { case text, csv, html }

    func run() async throws -> Int32 {
        var unitID: String?
        var month: String?
        var format = Format.text
        var output: String?
        var rest = arguments[...]
        while let option = rest.popFirst() {
            guard let value = rest.popFirst() else { throw CLIError.usage("\(option) needs a value") }
            switch option {
            case "--unit": unitID = value
            case "--month": month = value
            case "--format":
                guard let chosen = Format(rawValue: value) else { throw CLIError.usage("--format is text, csv or html") }
                format = chosen
            case "--out": output = value
            default: throw CLIError.usage("report takes --unit, --month, --format and --out, not \(option)")
            }
        }
        guard let unitID, let month else { throw CLIError.usage("report needs --unit UNIT_ID and --month YYYY-MM") }
        guard (try? ReportMonth(checking: month)) != nil else { throw CLIError.usage("--month must be YYYY-MM, not \(month)") }
        guard let metadata = session.accessMetadata() else {
            throw CLIError(description: "the report is for a unit's staff: log in with `sotay app` first")
        }
        let auth = try environment.channel(to: .auth), content = try environment.channel(to: .content)
        let meeting = try environment.channel(to: .meeting), learning = try environment.channel(to: .learning)
        let feedback = try environment.channel(to: .feedback)
        defer { for channel in [auth, content, meeting, learning, feedback] { channel.close() } }
        let gatherer = MonthlyReportGatherer(
            auth: AuthServiceClient(channel: auth), content: ContentServiceClient(channel: content),
            meeting: MeetingServiceClient(channel: meeting), learning: LearningServiceClient(channel: learning),
            feedback: FeedbackServiceClient(channel: feedback), options: CallOptions(metadata: metadata))
        let report = try await cliCall { try await gatherer.report(unitID: unitID, month: month) }
        let text = switch format {
        case .text: report.text
        case .csv: report.csv
        case .html: report.html()
        }
        if let output {
            try text.write(toFile: output, atomically: true, encoding: .utf8)
            print("wrote \(output)")
        } else {
            print(text, terminator: "")
        }
        return 0
    }
}
