import COpenSSL

/// A TLS set-up that failed: a file that cannot be read, a key that does not match
/// its certificate, a certificate that cannot be made. The description names the
/// file or step and OpenSSL's reason.
public struct TLSError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }

    /// `what` followed by the reasons OpenSSL queued on this thread (the queue is emptied).
    static func openSSL(_ what: String) -> TLSError {
        let reasons = drainErrorQueue()
        return TLSError(reasons.isEmpty ? what : "\(what): \(reasons)")
    }

    /// The reasons queued by the failed OpenSSL calls on this thread, oldest first,
    /// and the queue emptied so that the next call's errors are its own.
    static func drainErrorQueue() -> String {
        var reasons: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            if let reason = ERR_reason_error_string(code) {
                reasons.append(String(cString: reason))
            } else {
                reasons.append("OpenSSL error \(code)")
            }
        }
        return reasons.joined(separator: "; ")
    }
}
