/// Who the reads of the current task are done for. Reads waiting for a reader are
/// served in turn, one caller after another, so that a caller with a thousand slow
/// reads in flight makes another caller wait for at most one of them per reader, not
/// for all of them (issue found by a client flooding a service with province-wide
/// searches: everybody else's calls queued behind them).
///
/// The service kit sets it for each call with a token (the member at the address the
/// call came from); reads outside such a call share the empty key.
public enum ReadFairness {
    @TaskLocal public static var caller: String = ""
}
