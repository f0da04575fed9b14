/// The six services and their default ports (docs/architecture.md §1, §9), so that the whole
/// suite runs on one machine with no configuration.
public enum ServiceName: String, CaseIterable, Sendable {
    case auth, org, content, meeting, learning, feedback

    public var defaultPort: Int {
        switch self {
        case .auth: 7101
        case .org: 7102
        case .content: 7103
        case .meeting: 7104
        case .learning: 7105
        case .feedback: 7106
        }
    }

    /// The variable that lists this service's replicas for its callers: `SOTAY_ORG_ADDR`.
    public var addressVariable: String { "SOTAY_\(rawValue.uppercased())_ADDR" }

    /// The variable naming the file of keys that seal this service's personal data at
    /// rest (phones, card numbers, its outbox): `SOTAY_ORG_DATA_KEY_FILE`.
    public var dataKeyFileVariable: String { "SOTAY_\(rawValue.uppercased())_DATA_KEY_FILE" }

    /// Where that file is when the variable is not set, as `sotay up` lays it out.
    public var defaultDataKeyFile: String { "./data/\(rawValue)-data.key" }

    /// The id of the first key `sotay up` writes in it (org's predates the rule).
    public var firstDataKeyID: String { self == .org ? "d1" : "\(rawValue.prefix(1))1" }
}
