/// One result row, read out of SQLite into Swift values, so it can outlive the
/// statement and cross threads.
public struct Row: Sendable {
    /// The row's values, in the order of the SELECT's columns.
    public let values: [SQLValue]
    /// The columns' names as SQLite reports them (the `AS` alias when there is one).
    public let columnNames: [String]

    init(values: [SQLValue], columnNames: [String]) {
        self.values = values
        self.columnNames = columnNames
    }

    /// The value of the column at `index`, as `T`. Throws `.noSuchColumn` for an index
    /// out of range and `.columnTypeMismatch` when the stored value is not a `T`
    /// (NULL read as a non-optional included).
    public func get<T: SQLValueConvertible>(_ index: Int, as type: T.Type = T.self) throws -> T {
        guard values.indices.contains(index) else {
            throw StoreError(kind: .noSuchColumn, message: "the row has no column \(index)")
        }
        let stored = values[index]
        guard let value = T(sqlValue: stored) else {
            throw StoreError(
                kind: .columnTypeMismatch,
                message: "column \(index) `\(columnNames[index])` holds \(stored.storageClassName), not \(T.self)")
        }
        return value
    }

    /// The value of the column named `name`, as `T`.
    public func get<T: SQLValueConvertible>(_ name: String, as type: T.Type = T.self) throws -> T {
        guard let index = columnNames.firstIndex(of: name) else {
            throw StoreError(kind: .noSuchColumn, message: "the row has no column `\(name)`")
        }
        return try get(index)
    }
}
