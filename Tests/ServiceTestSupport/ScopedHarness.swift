/// A test harness that holds servers, channels or folders and must release them when
/// its test is done, whether the test returned or threw.
public protocol ScopedHarness: Sendable {
    func stop() async
}

extension ScopedHarness {
    /// Runs `body` with the harness `start` makes, and stops it afterwards, also when
    /// `body` throws: a failing test leaves no server or folder behind.
    public static func scoped<T>(_ start: () async throws -> Self, _ body: (Self) async throws -> T) async throws -> T {
        let harness = try await start()
        do {
            let result = try await body(harness)
            await harness.stop()
            return result
        } catch {
            await harness.stop()
            throw error
        }
    }
}
