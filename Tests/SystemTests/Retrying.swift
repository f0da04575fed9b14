import RPC
import RPCContracts

/// Calls `body` again, every `pause`, while it fails with one of `codes`, for at most
/// `timeout`; then once more, whose failure is the caller's. The services follow org's
/// tree a few seconds behind it: a unit created a moment ago is not known yet, and a
/// call on it is refused (NOT_FOUND or PERMISSION_DENIED, the default codes; content
/// and meeting say INVALID_ARGUMENT, `unitNotKnownYet`). And auth refuses a second code
/// to a phone within its 60 s cool-down. Both are events a journey waits for, with a
/// generous bound, never a fixed sleep.
func retrying<T>(_ codes: [StatusCode] = [.permissionDenied, .notFound], timeout: Duration = .seconds(90),
                 every pause: Duration = .milliseconds(250), _ body: () async throws -> T) async throws -> T {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        do {
            return try await body()
        } catch let error as RPCError where codes.contains(error.code) {
            try await Task.sleep(for: pause)
        }
    }
    return try await body()
}

/// What content ("not an active unit") and meeting ("not an active cell") answer about
/// a unit their copy of org's tree does not hold yet, besides the default codes.
let unitNotKnownYet: [StatusCode] = [.permissionDenied, .notFound, .invalidArgument]
