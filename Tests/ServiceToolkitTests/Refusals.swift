import RPC

/// The field an INVALID_ARGUMENT names, nil when the body passed or failed otherwise.
func refusedField(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch let error as RPCError where error.code == .invalidArgument {
        return error.fieldViolations.first?.field
    } catch {
        return nil
    }
}

/// The refusal's message, for the checks that say what was wrong.
func refusalMessage(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch let error as RPCError {
        return error.message
    } catch {
        return "\(error)"
    }
}
