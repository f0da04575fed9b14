import Foundation
import LearningContracts
import LearningService
import OrgContracts
import RPC
import RPCContracts
import ServiceKit
import Store

// bench-learning: a study campaign against the real `sotay-org` and `sotay-learning`
// processes, started from this program's build folder as `sotay up` starts them
// (Services/learning/README.md, "Campaign load test").
//
//   swift build -c release --product bench-learning --product sotay-learning --product sotay-org
//   .build/release/bench-learning [--members N] [--concurrency N] [--cells N]
//
// Every member starts the quiz, saves 20 answers one by one and submits; every 50th
// submits twice; the learning process is killed (SIGKILL) and restarted halfway.
// Afterwards it checks, in the database itself, that every member has exactly one
// attempt, graded, with all 20 answers, and that the service's statistics equal a count
// made with SQL. It reports answers/s, submits/s, p50/p99 per call and the learning
// process's CPU per submit.

func option(_ name: String, default value: Int) -> Int {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count, let number = Int(arguments[index + 1])
    else { return value }
    return number
}
let members = option("--members", default: 100_000)
let concurrency = option("--concurrency", default: 64)
let cellCount = option("--cells", default: 40)
let questionsPerQuiz = 20
let passPercent: Int32 = 60

let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("bench-learning-\(getpid())")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: folder) }
let binaries = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
/// Writes a fresh key file (mode 0600, as `sotay up` does) and returns its path.
func newKeyFile(_ name: String) throws -> String {
    let path = folder.appendingPathComponent(name).path
    guard FileManager.default.createFile(atPath: path, contents: Data((try TokenKeyRing.newKeyLine(id: "k1") + "\n").utf8),
                                         attributes: [.posixPermissions: 0o600]) else {
        throw BenchFailure("cannot write \(path)")
    }
    return path
}
let keyFiles = ["SOTAY_TOKEN_KEY_FILE": try newKeyFile("token.key"), "SOTAY_ORG_DATA_KEY_FILE": try newKeyFile("org-data.key")]
let codec = AccessTokenCodec(keyRing: try TokenKeyRing(contentsOfFile: folder.appendingPathComponent("token.key").path))

func server(_ name: ServiceName, port: Int, extra: [String: String] = [:]) -> ServerProcess {
    var environment = keyFiles.merging(extra) { $1 }
    environment["SOTAY_LISTEN"] = "127.0.0.1:\(port)"
    environment["SOTAY_DATA_DIR"] = folder.appendingPathComponent(name.rawValue).path
    environment["SOTAY_LOG_LEVEL"] = "warning"
    return ServerProcess(executable: binaries.appendingPathComponent("sotay-\(name.rawValue)"), environment: environment,
                         logPath: folder.appendingPathComponent("\(name.rawValue).log").path, port: port)
}
let orgPort = 17_102
let learningPort = 17_105
let org = server(.org, port: orgPort)
let learning = server(.learning, port: learningPort, extra: ["SOTAY_ORG_ADDR": "127.0.0.1:\(orgPort)"])
try org.start()
defer { org.stop() }
try await org.waitUntilServing()

func options(_ memberID: String, _ role: Role, on unitID: String = "") throws -> CallOptions {
    var claims = AccessTokenClaims.forRole(role, callerID: memberID, nowMs: WallClock.system.nowMs, lifetimeMs: AccessTokenCodec.maxLifetimeMs)
    claims.grants[0].unitID = unitID
    return CallOptions(timeout: .seconds(30), metadata: [MetadataKey.authorization: "Bearer " + (try codec.sign(claims))])
}

// The tree: a province with `cellCount` cells.
let orgChannel = RPCChannel(addresses: [HostPort(host: "127.0.0.1", port: orgPort)])
let orgClient = OrgServiceClient(channel: orgChannel)
var province = CreateUnitRequest()
(province.code, province.name, province.kind) = ("BENCH", "Đảng bộ tỉnh thử tải", .committee)
let rootID = try await orgClient.createUnit(province, options: try options("operator", .operator)).id
var cells: [String] = []
for index in 0..<cellCount {
    var cell = CreateUnitRequest()
    (cell.parentID, cell.code, cell.name, cell.kind, cell.cellType) =
        (rootID, "BENCH-\(index)", "Chi bộ thử tải \(index)", .cell, .villageResidential)
    cells.append(try await orgClient.createUnit(cell, options: try options("m_admin", .administrator, on: rootID)).id)
}
orgChannel.close()

try learning.start()
try await learning.waitUntilServing()
var channelConfiguration = ChannelConfiguration()
channelConfiguration.connectionsPerAddress = 4
channelConfiguration.defaultTimeout = .seconds(30)
let channel = RPCChannel(addresses: [HostPort(host: "127.0.0.1", port: learningPort)], configuration: channelConfiguration)
let client = LearningServiceClient(channel: channel)
let staff = try options("m_staff", .committeeStaff, on: rootID)

// The bank and the quiz: 60 questions, 20 drawn.
var category = CreateCategoryRequest()
(category.unitID, category.name) = (rootID, "Ngân hàng thử tải")
var categoryID = ""
for _ in 0..<100 where categoryID.isEmpty {  // the replica learns the new units within its poll interval
    do { categoryID = try await client.createCategory(category, options: staff).id } catch let error as RPCError
        where error.code == .permissionDenied { try await Task.sleep(for: .milliseconds(200)) }
}
var bank = ImportQuestionsRequest()
bank.categoryID = categoryID
bank.csv = "kind,question,choices,correct,explanation\n" + (1...60).map { "single,Câu hỏi thử tải số \($0)?,A|B|C|D,1,Vì A" }
    .joined(separator: "\n")
_ = try await client.importQuestions(bank, options: staff)
var quiz = Quiz()
(quiz.title, quiz.targetUnitID, quiz.passPercent) = ("Thử tải", rootID, passPercent)
var draw = QuizDraw()
(draw.categoryID, draw.count) = (categoryID, Int32(questionsPerQuiz))
quiz.draws = [draw]
(quiz.timeLimitSeconds, quiz.graceSeconds, quiz.maxAttempts) = (3_600, 60, 1)
(quiz.grading, quiz.lateSubmit) = (.gradeHighest, .lateGradeSavedAnswers)
(quiz.opensAtMS, quiz.closesAtMS) = (WallClock.system.nowMs - 1_000, WallClock.system.nowMs + 86_400_000)
var createQuiz = CreateQuizRequest()
createQuiz.quiz = quiz
let quizID = try await client.createQuiz(createQuiz, options: staff).id

let cores = ProcessInfo.processInfo.activeProcessorCount
print("bench-learning: \(members) members × \(questionsPerQuiz) answers, \(concurrency) at once, \(cellCount) cells; "
      + "1 replica on SQLite; \(cores) cores shared by the bench, org and learning")
let latencies = Latencies()
let campaign = Campaign(learning: client, quizID: quizID, members: members, concurrency: concurrency, cells: cells,
                        rootID: rootID, codec: codec, latencies: latencies)
let cpuBefore = learning.cpuSeconds
let started = ContinuousClock.now
let outcome = try await campaign.run {
    learning.kill()
    print("  halfway: learning killed (SIGKILL) and restarted")
    try learning.start()
    try await learning.waitUntilServing()
}
let elapsed = ContinuousClock.now - started
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
let cpu = learning.cpuSeconds - cpuBefore

var statisticsRequest = GetQuizStatisticsRequest()
(statisticsRequest.quizID, statisticsRequest.unitID) = (quizID, rootID)
// A fresh token: the campaign may have outlived the first one.
let figures = try await client.getQuizStatistics(
    statisticsRequest, options: try options("m_staff", .committeeStaff, on: rootID)).unit ?? UnitFigures()
channel.close()
learning.stop()

// The count made directly in the database.
let database = try await Database.open(path: folder.appendingPathComponent("learning/learning.sqlite").path,
                                       migrations: LearningServiceDefinition.definition.migrations)
let counted = try await database.read { connection in
    func number(_ sql: String, _ arguments: [(any SQLValueConvertible)?] = []) throws -> Int64 {
        try connection.queryOne(sql, arguments)?.get(0) ?? -1
    }
    return [
        "attempts": try number("SELECT count(*) FROM attempts"),
        "members": try number("SELECT count(DISTINCT member_id) FROM attempts"),
        "graded": try number("SELECT count(*) FROM attempts WHERE state = 1"),
        "answers": try number("SELECT count(*) FROM attempt_answers"),
        "completed": try number("SELECT count(DISTINCT member_id) FROM attempts WHERE state = 1 AND counted = 1"),
        "passed": try number("""
            SELECT count(*) FROM (SELECT max(correct_count * 100.0 / question_count) AS grade FROM attempts
            WHERE state = 1 AND counted = 1 GROUP BY member_id) WHERE grade >= ?
            """, [Int64(passPercent)]),
    ]
}
await database.close()

let expected = Int64(members)
var problems: [String] = []
if counted["attempts"] != expected || counted["members"] != expected { problems.append("attempts \(counted["attempts"] ?? -1) for \(counted["members"] ?? -1) members, expected \(members) each once") }
if counted["graded"] != expected { problems.append("graded \(counted["graded"] ?? -1) of \(members)") }
if counted["answers"] != expected * Int64(questionsPerQuiz) { problems.append("answers \(counted["answers"] ?? -1), expected \(expected * Int64(questionsPerQuiz))") }
if figures.started != counted["members"] || figures.completed != counted["completed"] || figures.passed != counted["passed"] {
    problems.append("statistics started/completed/passed \(figures.started)/\(figures.completed)/\(figures.passed) "
                    + "differ from the database's \(counted["members"] ?? -1)/\(counted["completed"] ?? -1)/\(counted["passed"] ?? -1)")
}
if outcome.retriedSubmitsDiffered > 0 { problems.append("\(outcome.retriedSubmitsDiffered) retried submits got another result") }

let submits = Double(latencies.count("SubmitAttempt"))
print(String(format: "  %.1f s: %.0f answers/s, %.0f submits/s; %d calls retried across the restart",
             seconds, Double(latencies.count("SaveAnswer")) / seconds, submits / seconds, outcome.callsRetried))
for line in latencies.report() { print(line) }
print(String(format: "  learning CPU: %.1f s in all, %.2f ms per submit (its 22 calls)", cpu, cpu * 1_000 / max(1, submits)))
print("  database: \(counted["attempts"] ?? -1) attempts, \(counted["graded"] ?? -1) graded, \(counted["answers"] ?? -1) answers; "
      + "statistics \(figures.started) started, \(figures.completed) completed, \(figures.passed) passed; "
      + "\(outcome.retriedSubmitsMatched) retried submits got the first result")
if problems.isEmpty {
    print("  check: nothing lost, nothing doubled, statistics exact")
} else {
    for problem in problems { print("  FAILED: \(problem)") }
    exit(1)
}
