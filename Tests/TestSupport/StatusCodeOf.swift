import RPC
import RPCContracts

/// The status a call ended with: `.ok`, the `RPCError`'s code, or `.unknown` for any
/// other error, so a test reads `#expect(await statusCode { … } == .notFound)`.
public func statusCode(_ body: () async throws -> Void) async -> StatusCode {
    do {
        try await body()
        return .ok
    } catch let error as RPCError {
        return error.code
    } catch {
        return .unknown
    }
}
