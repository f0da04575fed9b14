import Glibc

/// A failed system call: which one and its errno, for logs and for the UNAVAILABLE
/// message a caller sees when a connection cannot be made.
struct SystemError: Error, CustomStringConvertible {
    let operation: String
    let errno: Int32

    /// errno 0 means the operation reported through its own message (getaddrinfo's
    /// gai_strerror is already in `operation`): strerror(0) would add "Success".
    var description: String {
        errno == 0 ? operation : "\(operation): \(String(cString: strerror(errno)))"
    }
}
