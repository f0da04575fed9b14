import CSQLite

extension Connection {
    /// How many virtual-machine instructions SQLite runs between two looks at the
    /// interrupt flag: a few microseconds of work, and a look costs one atomic load.
    private static let instructionsBetweenInterruptChecks: Int32 = 1_000

    /// Makes SQLite consult `interruptFlag` while it runs a statement on `handle`.
    func installInterruptHandler(on handle: OpaquePointer) {
        // Safety: the context is `interruptFlag`, which this connection holds strongly
        // for its whole life; the handle is closed (in `close()`, at the latest from
        // deinit) before the connection's stored properties are released, so the
        // pointer is valid whenever SQLite calls the handler, on the connection's queue.
        sqlite3_progress_handler(handle, Self.instructionsBetweenInterruptChecks, { context in
            guard let context else { return 0 }
            return Unmanaged<InterruptFlag>.fromOpaque(context).takeUnretainedValue().isRaised ? 1 : 0
        }, Unmanaged.passUnretained(interruptFlag).toOpaque())
    }

    /// Runs `body` with interrupts held off. Ending a transaction must complete even
    /// for a cancelled caller: an interrupted ROLLBACK would leave the connection in a
    /// transaction for its next caller, and a COMMIT after the work succeeded only
    /// finishes what is already done.
    func uninterruptible<Result>(_ body: () throws -> Result) throws -> Result {
        let handle = try openHandle()
        if interruptionsHeld == 0 { sqlite3_progress_handler(handle, 0, nil, nil) }
        interruptionsHeld += 1
        defer {
            interruptionsHeld -= 1
            if interruptionsHeld == 0 { installInterruptHandler(on: handle) }
        }
        return try body()
    }
}
