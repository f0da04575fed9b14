import Foundation
import Store

/// Whose items a reader sees: those owned by the reader's unit and the units above it
/// (an item published by unit U reaches U's subtree), or every readable item for one of
/// the suite's services. Turned into one SQL condition on `items` (or `item_facets`) aliased `i`, so no
/// list, search, count or citation can leave it out.
struct ReaderScope: Sendable {
    /// nil: any unit (a service caller).
    let unitIDs: [String]?

    /// The condition and its one argument (a JSON array read by json_each, so that the
    /// statement's text does not change with the number of units).
    var condition: (sql: String, arguments: [(any SQLValueConvertible)?]) {
        guard let unitIDs else { return ("1", []) }
        return ("i.unit_id IN (SELECT value FROM json_each(?))", [Self.jsonArray(unitIDs)])
    }

    func sees(unitID: String) -> Bool {
        unitIDs?.contains(unitID) ?? true
    }

    static func jsonArray(_ values: [String]) -> String {
        // Encoding an array of strings cannot fail; "[]" matches nothing if it ever did.
        (try? JSONEncoder().encode(values)).flatMap { String(bytes: $0, encoding: .utf8) } ?? "[]"
    }
}
