extension RPCMethod {
    /// Runs the method on encoded bytes in this process, with no transport: decode,
    /// handler, encode, exactly as the server's dispatch runs it. For measuring what a
    /// call costs without the RPC stack around it (bench-service's stack overhead).
    public func invoke(_ payload: [UInt8], context: CallContext) async throws -> [UInt8] {
        try await handler(payload, context)
    }
}
