import Glibc

/// A failed system call: which one and its errno, for logs and for the UNAVAILABLE
/// message a caller sees when a connection cannot be made.
struct SystemError: Error, CustomStringConvertible {
    let operation: String
    let errno: Int32

    var description: String {
        "\(operation): \(String(cString: strerror(errno)))"
    }
}
