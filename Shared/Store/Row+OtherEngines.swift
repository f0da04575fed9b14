extension Row {
    /// A row read by another engine (StorePostgres), its values already converted to
    /// the storage classes SQLite would have returned, so storage code reads it alike.
    public init(readByOtherEngine values: [SQLValue], columnNames: [String]) {
        self.init(values: values, columnNames: columnNames)
    }
}
