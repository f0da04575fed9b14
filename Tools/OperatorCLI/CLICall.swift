import RPC

/// Runs one RPC for a CLI command, turning its status into a one-line CLI error.
func cliCall<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as RPCError {
        throw CLIError(description: error.description)
    }
}
