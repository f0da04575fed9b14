/// Waits for `condition` to hold, looking every 10 ms for at most `timeout`, and says
/// whether it held: for a test that waits for an event, not for a time. It looks once
/// more after the deadline, since on a loaded machine this task may be resumed only
/// after the deadline, long after the condition came true.
public func eventually(timeout: Duration = .seconds(60), _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while !condition() {
        guard ContinuousClock.now < deadline else { return condition() }
        do { try await Task.sleep(for: .milliseconds(10)) } catch { return condition() }
    }
    return true
}

/// `eventually` for a condition that has to ask (a database, a file).
public func eventually(timeout: Duration = .seconds(60), _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while try await !condition() {
        guard ContinuousClock.now < deadline else { return try await condition() }
        try await Task.sleep(for: .milliseconds(10))
    }
    return true
}
