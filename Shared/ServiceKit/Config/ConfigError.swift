/// A configuration value that cannot be used; names the variable so that an operator
/// knows what to fix without reading code.
public struct ConfigError: Error, Hashable, Sendable, CustomStringConvertible {
    public let variable: String
    public let problem: String

    public init(variable: String, problem: String) {
        self.variable = variable
        self.problem = problem
    }

    /// The exit status of a process refusing its configuration (sysexits' EX_CONFIG).
    public static let exitStatus: Int32 = 78

    public var description: String { "\(variable): \(problem)" }
}
