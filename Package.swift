// swift-tools-version:6.0
// Sổ tay: six services and the shared libraries they are built on. No package
// dependencies by design (docs/architecture.md §2): system C libraries come in through the
// module maps in Shared/C*.
import PackageDescription

// Each area keeps its targets in its own list, so that a change to one area's build
// never touches another's lines.

let systemLibraries: [Target] = [
    .systemLibrary(name: "CSQLite", path: "Shared/CSQLite"),
    .systemLibrary(name: "CProtobufC", path: "Shared/CProtobufC"),
    .systemLibrary(name: "COpenSSL", path: "Shared/COpenSSL"),
    .systemLibrary(name: "CLibPQ", path: "Shared/CLibPQ"),
]

// What several test targets share: a seedable generator and the status of a call.
let testSupportTargets: [Target] = [
    .target(name: "TestSupport", dependencies: ["RPC", "RPCContracts"], path: "Tests/TestSupport"),
    // Scoped harnesses for service tests: temporary folders, key files, tokens, a test
    // clock, services started in-process, and fixtures built once and copied per test.
    .target(
        name: "ServiceTestSupport",
        dependencies: ["ServiceKit", "RPC", "RPCContracts", "OrgService", "OrgContracts"],
        path: "Tests/ServiceTestSupport"
    ),
]

let wireTargets: [Target] = [
    .target(name: "Wire", path: "Shared/Wire"),
    .testTarget(name: "WireTests", dependencies: ["TestSupport", "Wire"], path: "Tests/WireTests"),
]

let codeGenTargets: [Target] = [
    .target(name: "CodeGen", dependencies: ["Wire"], path: "Tools/CodeGen"),
    .executableTarget(name: "protoc-gen-sotay", dependencies: ["CodeGen", "Wire"], path: "Tools/protoc-gen-sotay"),
    .target(name: "RPCContracts", dependencies: ["Wire"], path: "Shared/Contracts/RPC"),
    .testTarget(
        name: "CodeGenTests",
        dependencies: ["CodeGen", "RPCContracts", "Wire", "protoc-gen-sotay"],
        path: "Tests/CodeGenTests"
    ),
]

let rpcTargets: [Target] = [
    .systemLibrary(name: "CEpoll", path: "Shared/CEpoll"),
    .target(name: "RPC", dependencies: ["Wire", "RPCContracts", "CEpoll", "COpenSSL"], path: "Shared/RPC"),
    .testTarget(name: "RPCTests", dependencies: ["TestSupport", "RPC", "RPCContracts", "Wire"], path: "Tests/RPCTests"),
    .target(name: "CEchoBaseline", path: "Tools/CEchoBaseline"),
    .executableTarget(
        name: "bench-rpc", dependencies: ["RPC", "RPCContracts", "Wire", "CEchoBaseline"], path: "Tools/bench-rpc"),
]

let storeTargets: [Target] = [
    .target(name: "Store", dependencies: ["CSQLite", "COpenSSL"], path: "Shared/Store"),
    // Run by StoreTests' durability test, which kills it mid-write and checks the file.
    .executableTarget(name: "store-durability-child", dependencies: ["Store"], path: "Tools/store-durability-child"),
    .testTarget(name: "StoreTests", dependencies: ["TestSupport", "Store", "store-durability-child"], path: "Tests/StoreTests"),
    .executableTarget(name: "bench-store", dependencies: ["Store"], path: "Tools/bench-store"),
    // PostgreSQL through libpq, for the learning service's replicas (docs/architecture.md §7);
    // its tests start a throwaway server (Tools/lib/throwaway-postgres.sh).
    .target(name: "StorePostgres", dependencies: ["CLibPQ", "Store"], path: "Shared/StorePostgres"),
    // A throwaway server for the tests that run on PostgreSQL (Tools/lib/throwaway-postgres.sh).
    .target(name: "PostgresTestSupport", dependencies: ["StorePostgres"], path: "Tests/PostgresTestSupport"),
    .testTarget(name: "StorePostgresTests", dependencies: ["StorePostgres", "PostgresTestSupport", "Store"],
                path: "Tests/StorePostgresTests"),
]

let serviceKitTargets: [Target] = [
    .target(name: "AdminContracts", dependencies: ["Wire", "RPC"], path: "Shared/Contracts/Admin"),
    .target(name: "OrgContracts", dependencies: ["Wire", "RPC"], path: "Shared/Contracts/Org"),
    .target(name: "AuthContracts", dependencies: ["Wire", "RPC", "RPCContracts"], path: "Shared/Contracts/Auth"),
    .target(
        name: "ServiceKit",
        dependencies: ["RPC", "RPCContracts", "AdminContracts", "Wire", "Store", "CSQLite", "COpenSSL"],
        path: "Shared/ServiceKit"
    ),
    .testTarget(
        name: "ServiceKitTests",
        dependencies: ["TestSupport", "ServiceTestSupport", "ServiceKit", "RPC", "RPCContracts", "AdminContracts", "Store",
                       "Wire"],
        path: "Tests/ServiceKitTests"
    ),
    // What every service's own code needs once (docs/toolkit.md).
    .target(name: "ServiceToolkit", dependencies: ["ServiceKit", "Store", "RPC", "RPCContracts"], path: "Shared/ServiceToolkit"),
    .testTarget(
        name: "ServiceToolkitTests",
        dependencies: ["ServiceToolkit", "ServiceKit", "Store", "RPC", "RPCContracts"],
        path: "Tests/ServiceToolkitTests"
    ),
    // The copy of org's unit tree kept by the services that check subtrees (docs/org-tree-replica.md).
    .target(
        name: "OrgTreeReplica",
        dependencies: ["ServiceKit", "OrgContracts", "RPC", "RPCContracts"],
        path: "Shared/OrgTreeReplica"
    ),
    .testTarget(
        name: "OrgTreeReplicaTests",
        dependencies: ["TestSupport", "OrgTreeReplica", "ServiceKit", "ServiceToolkit", "OrgContracts", "RPC",
                       "RPCContracts"],
        path: "Tests/OrgTreeReplicaTests"
    ),
    .target(
        name: "OperatorCLI",
        dependencies: ["ServiceKit", "RPC", "RPCContracts", "AdminContracts", "AuthContracts", "OrgContracts", "OrgSeed",
                       "FeedbackContracts", "FeedbackService", "MeetingContracts", "LearningContracts",
                       "ContentContracts", "ContentSeed", "Gateway"],
        path: "Tools/OperatorCLI"
    ),
    .target(name: "CLineBuffering", path: "Tools/CLineBuffering"),
    .executableTarget(name: "sotay", dependencies: ["OperatorCLI", "CLineBuffering"], path: "Tools/sotay"),
    // The monthly report's ranking and its three forms; the HTML rendered by headless Chromium.
    .testTarget(name: "MonthlyReportTests", dependencies: ["OperatorCLI"], path: "Tests/MonthlyReportTests"),
    // The mobile gateway's home screen: every service's summary for a member, in parallel under one deadline.
    .target(
        name: "Gateway",
        dependencies: ["RPC", "ServiceKit", "OrgContracts", "ContentContracts", "MeetingContracts", "LearningContracts",
                       "FeedbackContracts"],
        path: "Shared/Gateway"
    ),
    .testTarget(
        name: "GatewayTests",
        dependencies: ["Gateway", "ServiceTestSupport", "ServiceKit", "RPC", "OrgService", "ContentService", "MeetingService",
                       "LearningService", "FeedbackService"],
        path: "Tests/GatewayTests"
    ),
]

// Our codec checked against libprotobuf-c: the test protos in Swift and in C, the
// conformance tests, and the encode/decode benchmark with its C baseline.
let conformanceTargets: [Target] = [
    .target(name: "TestProtos", dependencies: ["Wire"], path: "Tests/TestProtos"),
    // A C target does not pick up CProtobufC's `link` from its module map (only Swift
    // importers autolink), so it names the library itself.
    .target(
        name: "TestProtosC",
        dependencies: ["CProtobufC"],
        path: "Tests/TestProtosC",
        linkerSettings: [.linkedLibrary("protobuf-c")]
    ),
    .testTarget(
        name: "ConformanceTests",
        dependencies: ["TestSupport", "TestProtos", "TestProtosC", "Wire", "CProtobufC", "RPCContracts"],
        path: "Tests/ConformanceTests",
        // Inputs that once broke the decoders, replayed by CorpusReplayTests (Tools/fuzz-wire.sh).
        exclude: ["Corpus"]
    ),
    .target(name: "CWireBaseline", dependencies: ["TestProtosC", "CProtobufC"], path: "Tools/CWireBaseline"),
    .executableTarget(
        name: "bench-wire",
        dependencies: ["TestProtos", "TestProtosC", "CWireBaseline", "Wire"],
        path: "Tools/bench-wire"
    ),
]

// One room per service (docs/architecture.md §3): a library with the domain, handlers and
// migrations, a tiny executable, and a test target that drives it through real RPC.
let orgTargets: [Target] = [
    .target(
        name: "OrgService",
        dependencies: ["OrgContracts", "ServiceKit", "ServiceToolkit", "Store", "RPC", "RPCContracts", "Wire"],
        path: "Services/org/OrgService"
    ),
    .executableTarget(name: "sotay-org", dependencies: ["OrgService", "ServiceKit"], path: "Services/org/main"),
    .testTarget(
        name: "OrgServiceTests",
        dependencies: ["TestSupport", "ServiceTestSupport", "OrgService", "OrgContracts", "ServiceKit", "ServiceToolkit", "Store", "RPC", "RPCContracts", "Wire", "OperatorCLI"],
        path: "Tests/OrgServiceTests"
    ),
    // Synthetic org data (`sotay seed`, bench-org): Foundation only, so the CLI and the
    // benchmark share it without pulling the service in.
    .target(name: "OrgSeed", path: "Tools/OrgSeed"),
    .testTarget(name: "OrgSeedTests", dependencies: ["OrgSeed"], path: "Tests/OrgSeedTests"),
    .executableTarget(
        name: "bench-org",
        dependencies: ["OrgService", "OrgContracts", "OrgSeed", "ServiceKit", "RPC", "RPCContracts"],
        path: "Tools/bench-org"
    ),
]

let authTargets: [Target] = [
    .target(
        name: "AuthService",
        dependencies: ["AuthContracts", "OrgContracts", "OrgTreeReplica", "ServiceKit", "ServiceToolkit", "Store", "RPC",
                       "RPCContracts", "Wire"],
        path: "Services/auth/AuthService"
    ),
    .executableTarget(name: "sotay-auth", dependencies: ["AuthService", "ServiceKit"], path: "Services/auth/main"),
    .testTarget(
        name: "AuthServiceTests",
        dependencies: ["TestSupport", "ServiceTestSupport", "AuthService", "AuthContracts", "AdminContracts", "OrgService", "OrgContracts", "ServiceKit",
                       "ServiceToolkit", "Store", "RPC", "RPCContracts", "Wire"],
        path: "Tests/AuthServiceTests"
    ),
    // Token verifications against raw HMAC, and logins end to end against in-process
    // org and auth (Services/auth/README.md).
    .executableTarget(
        name: "bench-auth",
        dependencies: ["AuthService", "AuthContracts", "OrgService", "OrgContracts", "ServiceKit", "ServiceToolkit", "RPC",
                       "RPCContracts"],
        path: "Tools/bench-auth"
    ),
]

// Benchmarks of what users get: the real service executables as child processes,
// driven by the C load generator (docs/benchmarks.md). ServiceBench starts them as
// `sotay up` does and holds what both benchmarks share.
let serviceBenchTargets: [Target] = [
    .target(
        name: "ServiceBench",
        dependencies: ["OperatorCLI", "ServiceKit", "ServiceToolkit", "AuthService", "RPC", "RPCContracts", "Wire",
                       "AuthContracts", "OrgContracts"],
        path: "Tools/ServiceBench"
    ),
    .executableTarget(
        name: "bench-service",
        dependencies: ["ServiceBench", "CEchoBaseline", "OrgService", "AuthService", "ServiceKit", "RPC", "RPCContracts",
                       "AuthContracts", "OrgContracts", "OperatorCLI", "sotay-org", "sotay-auth", "sotay"],
        path: "Tools/bench-service"
    ),
    .executableTarget(
        name: "bench-abuse",
        dependencies: ["ServiceBench", "ServiceKit", "RPC", "RPCContracts", "AuthContracts", "OrgContracts", "sotay-org",
                       "sotay-auth", "sotay"],
        path: "Tools/bench-abuse"
    ),
    .testTarget(
        name: "ServiceBenchTests",
        dependencies: ["ServiceBench", "OperatorCLI", "ServiceKit", "RPCContracts", "Wire"],
        path: "Tests/ServiceBenchTests"
    ),
    // The app's home screen through the gateway's client, against the six real processes.
    .executableTarget(
        name: "bench-home",
        dependencies: ["ServiceBench", "Gateway", "OperatorCLI", "ServiceKit", "RPC", "OrgContracts", "ContentContracts",
                       "MeetingContracts", "LearningContracts", "FeedbackContracts", "sotay-org", "sotay-auth", "sotay-content",
                       "sotay-meeting", "sotay-learning", "sotay-feedback", "sotay"],
        path: "Tools/bench-home"
    ),
]

// Feedback routed to the agency that must answer it (Services/feedback/README.md).
let feedbackTargets: [Target] = [
    .target(name: "FeedbackContracts", dependencies: ["Wire", "RPC"], path: "Shared/Contracts/Feedback"),
    .target(
        name: "FeedbackService",
        dependencies: ["FeedbackContracts", "OrgContracts", "OrgTreeReplica", "ServiceKit", "ServiceToolkit", "Store", "RPC",
                       "RPCContracts", "Wire"],
        path: "Services/feedback/FeedbackService"
    ),
    .executableTarget(name: "sotay-feedback", dependencies: ["FeedbackService", "ServiceKit"], path: "Services/feedback/main"),
    .testTarget(
        name: "FeedbackServiceTests",
        dependencies: ["TestSupport", "ServiceTestSupport", "FeedbackService", "FeedbackContracts", "OrgService", "OrgContracts", "ServiceKit",
                       "ServiceToolkit", "RPC", "RPCContracts", "OperatorCLI"],
        path: "Tests/FeedbackServiceTests"
    ),
    // The real sotay-feedback (and sotay-org) processes measured from another (Tools/bench-feedback/main.swift).
    .executableTarget(
        name: "bench-feedback",
        dependencies: ["FeedbackService", "FeedbackContracts", "ServiceBench", "OperatorCLI", "OrgContracts", "ServiceKit", "RPC",
                       "RPCContracts", "sotay-org", "sotay-feedback", "sotay"],
        path: "Tools/bench-feedback"
    ),
]

// Cell meetings from the calendar to approved minutes (Services/meeting/README.md).
let meetingTargets: [Target] = [
    .target(name: "MeetingContracts", dependencies: ["Wire", "RPC"], path: "Shared/Contracts/Meeting"),
    .target(
        name: "MeetingService",
        dependencies: ["MeetingContracts", "OrgContracts", "OrgTreeReplica", "ServiceKit", "ServiceToolkit", "Store", "RPC",
                       "RPCContracts", "Wire"],
        path: "Services/meeting/MeetingService"
    ),
    .executableTarget(name: "sotay-meeting", dependencies: ["MeetingService", "ServiceKit"], path: "Services/meeting/main"),
    .testTarget(
        name: "MeetingServiceTests",
        dependencies: ["ServiceTestSupport", "MeetingService", "MeetingContracts", "OrgService", "OrgContracts",
                       "ServiceKit", "ServiceToolkit", "RPC", "RPCContracts"],
        path: "Tests/MeetingServiceTests"
    ),
    // The first evening of the month against the real sotay-org and sotay-meeting (release).
    .executableTarget(
        name: "bench-meeting",
        dependencies: ["ServiceBench", "MeetingContracts", "OrgContracts", "ServiceKit", "RPC", "RPCContracts",
                       "sotay-org", "sotay-meeting", "sotay"],
        path: "Tools/bench-meeting"
    ),
]

// The learning service (Services/learning/README.md): study programs, question banks,
// quizzes graded on the server, statistics per unit subtree.
let learningTargets: [Target] = [
    .target(name: "LearningContracts", dependencies: ["Wire", "RPC"], path: "Shared/Contracts/Learning"),
    .target(
        name: "LearningService",
        dependencies: ["LearningContracts", "OrgContracts", "OrgTreeReplica", "ServiceKit", "ServiceToolkit", "Store",
                       "StorePostgres", "RPC", "RPCContracts", "Wire"],
        path: "Services/learning/LearningService"
    ),
    .executableTarget(name: "sotay-learning", dependencies: ["LearningService", "ServiceKit"], path: "Services/learning/main"),
    .testTarget(
        name: "LearningServiceTests",
        dependencies: ["TestSupport", "ServiceTestSupport", "PostgresTestSupport", "LearningService", "LearningContracts",
                       "OrgService", "OrgContracts", "ServiceKit", "ServiceToolkit", "Store", "StorePostgres", "RPC",
                       "RPCContracts", "Wire"],
        path: "Tests/LearningServiceTests"
    ),
    // The campaign load test against the real sotay-org and sotay-learning processes.
    .executableTarget(
        name: "bench-learning",
        dependencies: ["LearningContracts", "LearningService", "OrgContracts", "ServiceBench", "ServiceKit", "Store",
                       "StorePostgres", "PostgresTestSupport", "RPC", "RPCContracts", "sotay-learning", "sotay-org", "sotay"],
        path: "Tools/bench-learning"
    ),
]

// The content service (Services/content/README.md): news, the library, the editorial
// workflow, search and the assistant.
let contentTargets: [Target] = [
    .target(name: "ContentContracts", dependencies: ["Wire", "RPC"], path: "Shared/Contracts/Content"),
    .target(
        name: "ContentService",
        dependencies: ["ContentContracts", "OrgContracts", "OrgTreeReplica", "ServiceKit", "ServiceToolkit", "Store", "RPC",
                       "RPCContracts", "Wire"],
        path: "Services/content/ContentService"
    ),
    .executableTarget(name: "sotay-content", dependencies: ["ContentService", "ServiceKit"], path: "Services/content/main"),
    // The library `sotay up` seeds and bench-content loads: hand-written documents with
    // the assistant's question set, and synthetic ones.
    .target(name: "ContentSeed", dependencies: ["ContentContracts", "OrgSeed"], path: "Tools/ContentSeed"),
    // Figures through the real sotay-content process, started by ServiceBench as `sotay up`
    // starts it (Services/content/README.md).
    .executableTarget(
        name: "bench-content",
        dependencies: ["ServiceBench", "ContentContracts", "ContentSeed", "OrgSeed", "OrgContracts", "ServiceKit", "RPC",
                       "RPCContracts", "sotay-content", "sotay-org", "sotay-auth", "sotay"],
        path: "Tools/bench-content"
    ),
    .testTarget(
        name: "ContentServiceTests",
        dependencies: ["TestSupport", "ServiceTestSupport", "ContentService", "ContentContracts", "ContentSeed", "OrgService",
                       "OrgContracts", "ServiceKit", "ServiceToolkit", "RPC", "RPCContracts", "OperatorCLI"],
        path: "Tests/ContentServiceTests"
    ),
]

// Journeys across the real executables, each its own process (docs/architecture.md §10).
let systemTestTargets: [Target] = [
    .testTarget(
        name: "SystemTests",
        // The six executables, so that the build puts them next to the test binary.
        dependencies: ["Gateway", "PostgresTestSupport", "TestSupport", "ServiceTestSupport", "ServiceToolkit", "OperatorCLI", "sotay-org", "sotay-auth", "sotay-content",
                       "sotay-meeting", "sotay-learning", "sotay-feedback", "AuthContracts", "OrgContracts",
                       "ContentContracts", "MeetingContracts", "LearningContracts", "FeedbackContracts", "ServiceKit", "RPC",
                       "RPCContracts", "AuthService", "OrgService", "ContentService", "MeetingService", "LearningService",
                       "FeedbackService"],
        path: "Tests/SystemTests"
    ),
]

let package = Package(
    name: "Sotay",
    platforms: [.macOS(.v15)],
    targets: systemLibraries + testSupportTargets + wireTargets + codeGenTargets + rpcTargets + storeTargets + serviceKitTargets
        + conformanceTargets + orgTargets + authTargets + contentTargets + meetingTargets + learningTargets
        + feedbackTargets + serviceBenchTargets + systemTestTargets,
    swiftLanguageModes: [.v6]
)
