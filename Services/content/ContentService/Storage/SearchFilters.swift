import ContentContracts
import Store

/// The filters a library listing or a search may add: kind, issuer (folded, whole),
/// year of issue and document status; each left out when unset.
struct SearchFilters {
    let kind: ItemKind
    let issuerFolded: String
    let year: Int32
    let status: DocumentStatus

    /// " AND …" for `items` or `item_facets` aliased `i`, appending the arguments it binds.
    func condition(into arguments: inout [(any SQLValueConvertible)?]) -> String {
        var sql = ""
        if kind != .unspecified {
            sql += " AND i.kind = ?"
            arguments.append(Int64(kind.rawValue))
        }
        if !issuerFolded.isEmpty {
            sql += " AND i.issuer_folded = ?"
            arguments.append(issuerFolded)
        }
        if year != 0 {
            sql += " AND i.issue_year = ?"
            arguments.append(Int64(year))
        }
        if status != .unspecified {
            sql += " AND i.document_status = ?"
            arguments.append(Int64(status.rawValue))
        }
        return sql
    }
}
