// swift-tools-version:6.0
// Sổ tay: six services and the shared libraries they are built on. No package
// dependencies by design (DESIGN.md §2): system C libraries come in through the
// module maps in Shared/C*.
import PackageDescription

// Each area keeps its targets in its own list, so that a change to one area's build
// never touches another's lines.

let systemLibraries: [Target] = [
    .systemLibrary(name: "CSQLite", path: "Shared/CSQLite"),
    .systemLibrary(name: "CProtobufC", path: "Shared/CProtobufC"),
    .systemLibrary(name: "COpenSSL", path: "Shared/COpenSSL"),
]

let wireTargets: [Target] = [
    .target(name: "Wire", path: "Shared/Wire"),
    .testTarget(name: "WireTests", dependencies: ["Wire"], path: "Tests/WireTests"),
]

let codeGenTargets: [Target] = [
]

let rpcTargets: [Target] = [
]

let storeTargets: [Target] = [
]

let serviceKitTargets: [Target] = [
]

let package = Package(
    name: "Sotay",
    platforms: [.macOS(.v15)],
    targets: systemLibraries + wireTargets + codeGenTargets + rpcTargets + storeTargets + serviceKitTargets,
    swiftLanguageModes: [.v6]
)
