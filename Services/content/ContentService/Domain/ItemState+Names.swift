import ContentContracts

extension ItemState {
    /// As refusals name it: "in review".
    var name: String {
        switch self {
        case .unspecified: "unspecified"
        case .draft: "draft"
        case .inReview: "in review"
        case .published: "published"
        case .archived: "archived"
        case .withdrawn: "withdrawn"
        case .unrecognized(let value): "unknown (\(value))"
        }
    }
}
