import Foundation
import LearningContracts
import LearningService
import OrgContracts
import PostgresTestSupport
import RPC
import RPCContracts
import ServiceBench
import ServiceKit
import Store
import StorePostgres

// bench-learning: a study campaign against the real `sotay-learning` processes, started
// with org through ServiceBench as `sotay up` starts them (Services/learning/README.md,
// "Campaign load test").
//
//   swift build -c release --product bench-learning --product sotay-learning --product sotay-org --product sotay
//   .build/release/bench-learning [--members N] [--concurrency N] [--cells N]
//                                 [--configurations sqlite:1,postgres:1,postgres:2,postgres:4] [--data DIR] [--port P]
//
// For each configuration (an engine and a number of replicas): every member starts
// the quiz, saves 20 answers one by one and submits, calls spread over the replicas;
// every 50th submits again on another replica; replica 1 is killed (SIGKILL) and
// restarted halfway. Afterwards it checks, in the database itself, that every member
// has exactly one attempt, graded, with all 20 answers, and that the service's
// statistics equal a count made there with SQL. PostgreSQL is a throwaway server
// (Tools/lib/throwaway-postgres.sh), a fresh database per configuration.

func option(_ name: String, default value: String) -> String {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return value }
    return arguments[index + 1]
}
let members = Int(option("--members", default: "100000")) ?? 100_000
let concurrency = Int(option("--concurrency", default: "64")) ?? 64
let cellCount = Int(option("--cells", default: "40")) ?? 40
let firstPort = Int(option("--port", default: "17300")) ?? 17_300
let dataFolder = URL(fileURLWithPath: option("--data", default: "./data/bench-learning")).standardizedFileURL
let configurations: [(engine: String, replicas: Int)] = option("--configurations",
                                                               default: "sqlite:1,postgres:1,postgres:2,postgres:4")
    .split(separator: ",").compactMap { item in
        let parts = item.split(separator: ":")
        guard parts.count == 2, ["sqlite", "postgres"].contains(parts[0]), let count = Int(parts[1]), count >= 1,
              parts[0] == "postgres" || count == 1
        else {
            print("bench-learning: a configuration is sqlite:1 or postgres:N, not \(item)")
            exit(2)
        }
        return (String(parts[0]), count)
    }
let questionsPerQuiz = 20
let passPercent: Int32 = 60

let suite: BenchSuite
do {
    suite = try await BenchSuite.start(dataFolder: dataFolder, firstPort: firstPort, services: [])
} catch {
    print("bench-learning: \(error)")
    exit(1)
}
let codec = await suite.setUpOrExit("bench-learning") { suite in
    AccessTokenCodec(keyRing: try TokenKeyRing(contentsOfFile: suite.keys.token.path))
}

func options(_ memberID: String, _ role: Role, on unitID: String) throws -> CallOptions {
    var claims = AccessTokenClaims.forRole(role, callerID: memberID, nowMs: WallClock.system.nowMs,
                                           lifetimeMs: AccessTokenCodec.maxLifetimeMs)
    claims.grants[0].unitID = unitID
    return CallOptions(timeout: .seconds(30), metadata: [MetadataKey.authorization: "Bearer " + (try codec.sign(claims))])
}

// A committee of the bench's own under the seeded province, with `cellCount` cells,
// so its figures hold only the campaign's members. On failure the services are stopped.
let (rootID, cells) = await suite.setUpOrExit("bench-learning") { suite in
    let orgChannel = suite.channel(to: .org)
    defer { orgChannel.close() }
    let orgClient = OrgServiceClient(channel: orgChannel)
    var snapshotRequest = GetTreeSnapshotRequest()
    snapshotRequest.pageSize = 500
    var provinceID = ""
    while provinceID.isEmpty {
        let page = try await orgClient.getTreeSnapshot(snapshotRequest,
                                                       options: CallOptions(metadata: try suite.operatorMetadata()))
        provinceID = page.units.first { $0.parentID.isEmpty }?.id ?? ""
        guard !page.nextPageToken.isEmpty else { break }
        snapshotRequest.pageToken = page.nextPageToken
    }
    var committee = CreateUnitRequest()
    (committee.parentID, committee.code, committee.name, committee.kind) =
        (provinceID, "BENCH-\(getpid())", "Đảng bộ thử tải \(getpid())", .committee)
    let rootID = try await orgClient.createUnit(committee, options: try options("m_admin", .administrator, on: provinceID)).id
    var cells: [String] = []
    for index in 0..<cellCount {
        var cell = CreateUnitRequest()
        (cell.parentID, cell.code, cell.name, cell.kind, cell.cellType) =
            (rootID, "BENCH-\(getpid())-\(index)", "Chi bộ thử tải \(index)", .cell, .villageResidential)
        cells.append(try await orgClient.createUnit(cell, options: try options("m_admin", .administrator, on: rootID)).id)
    }
    return (rootID, cells)
}

/// What one configuration measured, for the closing table.
struct Figures {
    let name: String
    let seconds: Double
    let answersPerSecond: Double
    let submitsPerSecond: Double
    let cpuPerSubmitMs: Double
    let latencies: [String]
}

@MainActor func run(engine: String, replicaCount: Int, number: Int) async throws -> Figures {
    let name = "\(engine), \(replicaCount) replica\(replicaCount == 1 ? "" : "s")"
    let storage: String
    if engine == "postgres" {
        storage = try SharedPostgres.freshDatabase("bench_learning_\(number)")
    } else {
        storage = dataFolder.appendingPathComponent("learning-run-\(getpid())-\(number).sqlite").path
    }
    let replicas = try ServiceReplicas(.learning, count: replicaCount, firstPort: firstPort + 10 * (number + 1),
                                       suite: suite, variables: ["SOTAY_LEARNING_DATABASE": storage])
    try await replicas.start()
    do {
        return try await measure(on: replicas, name: name, engine: engine, storage: storage)
    } catch {
        await replicas.stop()
        throw error
    }
}

/// The campaign on started replicas, and the checks in their database.
@MainActor func measure(on replicas: ServiceReplicas, name: String, engine: String, storage: String) async throws
    -> Figures
{
    var configuration = ChannelConfiguration()
    configuration.connectionsPerAddress = max(1, 4 / replicas.addresses.count)
    configuration.defaultTimeout = .seconds(30)
    let channel = RPCChannel(addresses: replicas.addresses, configuration: configuration)
    let perReplica = replicas.addresses.map { RPCChannel(addresses: [$0], configuration: configuration) }
    defer {
        channel.close()
        for replica in perReplica { replica.close() }
    }
    let client = LearningServiceClient(channel: channel)
    let staff = try options("m_staff", .committeeStaff, on: rootID)

    // The bank and the quiz: 60 questions, 20 drawn.
    var category = CreateCategoryRequest()
    (category.unitID, category.name) = (rootID, "Ngân hàng thử tải")
    var categoryID = ""
    for _ in 0..<100 where categoryID.isEmpty {  // the replicas learn the new units within their poll interval
        do { categoryID = try await client.createCategory(category, options: staff).id } catch let error as RPCError
            where error.code == .permissionDenied { try await Task.sleep(for: .milliseconds(200)) }
    }
    var bank = ImportQuestionsRequest()
    bank.categoryID = categoryID
    bank.csv = "kind,question,choices,correct,explanation\n"
        + (1...60).map { "single,Câu hỏi thử tải số \($0)?,A|B|C|D,1,Vì A" }.joined(separator: "\n")
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

    print("\(name): \(members) members × \(questionsPerQuiz) answers, \(concurrency) at once, \(cellCount) cells; "
          + "load average \(ProcessStats.loadAverage())")
    let latencies = Latencies()
    let campaign = Campaign(learning: client, replicas: perReplica.map(LearningServiceClient.init(channel:)),
                            quizID: quizID, members: members, concurrency: concurrency, cells: cells, rootID: rootID,
                            codec: codec, latencies: latencies)
    let cpuBefore = replicas.cpuSeconds
    let started = ContinuousClock.now
    let outcome = try await campaign.run {
        await replicas.kill(0)
        print("  halfway: replica 1 killed (SIGKILL) and restarted")
        try await replicas.restart(0)
    }
    let elapsed = (ContinuousClock.now - started).components
    let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
    let cpu = replicas.cpuSeconds - cpuBefore

    var statisticsRequest = GetQuizStatisticsRequest()
    (statisticsRequest.quizID, statisticsRequest.unitID) = (quizID, rootID)
    // A fresh token: the campaign may have outlived the first one.
    let figures = try await client.getQuizStatistics(
        statisticsRequest, options: try options("m_staff", .committeeStaff, on: rootID)).unit ?? UnitFigures()
    await replicas.stop()

    // The count made directly in the database, through the same engine seam.
    let database: any SQLEngine = engine == "postgres"
        ? try await PostgresEngine.open(url: storage, migrations: LearningServiceDefinition.postgresMigrations,
                                        lockKey: LearningServiceDefinition.migrationLockKey, connections: 1)
        : SQLiteEngine(database: try await Database.open(path: storage,
                                                         migrations: LearningServiceDefinition.definition.migrations))
    let counted = try await database.read { session in
        func number(_ sql: String, _ arguments: [(any SQLValueConvertible)?] = []) throws -> Int64 {
            try session.queryOne(sql, arguments)?.get(0) ?? -1
        }
        return [
            "attempts": try number("SELECT count(*) FROM attempts"),
            "members": try number("SELECT count(DISTINCT member_id) FROM attempts"),
            "graded": try number("SELECT count(*) FROM attempts WHERE state = 1"),
            "answers": try number("SELECT count(*) FROM attempt_answers"),
            "completed": try number("SELECT count(DISTINCT member_id) FROM attempts WHERE state = 1 AND counted = 1"),
            "passed": try number("""
                SELECT count(*) FROM (SELECT max(correct_count * 100.0 / question_count) AS grade FROM attempts
                WHERE state = 1 AND counted = 1 GROUP BY member_id) AS graded WHERE grade >= ?
                """, [Int64(passPercent)]),
        ]
    }
    await database.close()

    let expected = Int64(members)
    var problems: [String] = []
    if counted["attempts"] != expected || counted["members"] != expected {
        problems.append("attempts \(counted["attempts"] ?? -1) for \(counted["members"] ?? -1) members, expected \(members) each once")
    }
    if counted["graded"] != expected { problems.append("graded \(counted["graded"] ?? -1) of \(members)") }
    if counted["answers"] != expected * Int64(questionsPerQuiz) {
        problems.append("answers \(counted["answers"] ?? -1), expected \(expected * Int64(questionsPerQuiz))")
    }
    if figures.started != counted["members"] || figures.completed != counted["completed"]
        || figures.passed != counted["passed"] {
        problems.append("statistics started/completed/passed \(figures.started)/\(figures.completed)/\(figures.passed) "
                        + "differ from the database's \(counted["members"] ?? -1)/\(counted["completed"] ?? -1)/"
                        + "\(counted["passed"] ?? -1)")
    }
    if outcome.retriedSubmitsDiffered > 0 { problems.append("\(outcome.retriedSubmitsDiffered) retried submits got another result") }

    let submits = Double(latencies.count("SubmitAttempt"))
    let result = Figures(name: name, seconds: seconds, answersPerSecond: Double(latencies.count("SaveAnswer")) / seconds,
                         submitsPerSecond: submits / seconds, cpuPerSubmitMs: cpu * 1_000 / max(1, submits),
                         latencies: latencies.report())
    print(String(format: "  %.1f s: %.0f answers/s, %.0f submits/s; %d calls retried across the restart",
                 seconds, result.answersPerSecond, result.submitsPerSecond, outcome.callsRetried))
    for line in result.latencies { print(line) }
    print(String(format: "  learning CPU (all replicas): %.1f s in all, %.2f ms per submit (its 22 calls)", cpu,
                 result.cpuPerSubmitMs))
    print("  database: \(counted["attempts"] ?? -1) attempts, \(counted["graded"] ?? -1) graded, "
          + "\(counted["answers"] ?? -1) answers; statistics \(figures.started) started, \(figures.completed) completed, "
          + "\(figures.passed) passed; \(outcome.retriedSubmitsMatched) submits retried on another replica got the first result")
    guard problems.isEmpty else { throw BenchError(problems.map { "FAILED: \($0)" }.joined(separator: "\n  ")) }
    print("  check: nothing lost, nothing doubled, statistics exact")
    return result
}

var results: [Figures] = []
do {
    for (number, configuration) in configurations.enumerated() {
        results.append(try await run(engine: configuration.engine, replicaCount: configuration.replicas, number: number))
    }
} catch {
    print("bench-learning: \(error)")
    await suite.stop()
    exit(1)
}
await suite.stop()
print("\n| configuration | wall | answers/s | submits/s | learning CPU per submit |")
print("|---|---|---|---|---|")
for result in results {
    print(String(format: "| %@ | %.1f s | %.0f | %.1f | %.2f ms |", result.name, result.seconds, result.answersPerSecond,
                 result.submitsPerSecond, result.cpuPerSubmitMs))
}
exit(0)
