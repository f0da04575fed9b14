import RPC

/// The field an INVALID_ARGUMENT names, nil when the call passed or failed otherwise,
/// so a test reads `#expect(await refusedField { … } == "page_token")`.
public func refusedField(_ body: () async throws -> Void) async -> String? {
    do {
        try await body()
        return nil
    } catch let error as RPCError where error.code == .invalidArgument {
        return error.fieldViolations.first?.field
    } catch {
        return nil
    }
}
