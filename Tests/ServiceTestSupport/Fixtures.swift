import Foundation

/// Fixture folders (key files and service databases) built once per test process and
/// copied for each test that asks (`TestEnvironment(copying:)`): a tree of units and
/// members costs hundreds of RPCs to build and a file copy to reuse.
public actor Fixtures {
    public static let shared = Fixtures()

    private var built: [String: Task<(URL, Data), any Error>] = [:]

    /// The folder of the fixture `name` and what `build` said about it (ids), building
    /// it the first time. `build` starts what it needs in the environment it is given;
    /// its services are stopped (their data kept) when it returns.
    public func template<Value: Codable & Sendable>(
        _ name: String, build: @escaping @Sendable (TestEnvironment) async throws -> Value
    ) async throws -> (folder: URL, value: Value) {
        let task = built[name] ?? Task {
            let environment = try TestEnvironment("fixture-\(name)")
            do {
                let value = try await build(environment)
                await environment.stopServices()
                return (environment.folder.url, try JSONEncoder().encode(value))
            } catch {
                await environment.stop()
                throw error
            }
        }
        built[name] = task
        let (folder, encoded) = try await task.value
        return (folder, try JSONDecoder().decode(Value.self, from: encoded))
    }
}
