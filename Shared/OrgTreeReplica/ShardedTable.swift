/// A string-keyed dictionary split into a fixed number of shards.
///
/// `OrgTree` is an immutable value that the replica swaps as a whole after each batch,
/// while readers may still hold the previous one. With one dictionary, the first change
/// to a shared tree would copy all of it (350,000 units nationally) on every batch;
/// with shards it copies the 256 shard references and the shards it touches (about
/// 1,400 entries each).
struct ShardedTable<Value: Sendable>: Sendable {
    private static var shardCount: Int { 256 }

    private var shards = [[String: Value]](repeating: [:], count: shardCount)
    private(set) var count = 0

    private static func shard(of key: String) -> Int {
        // hashValue is seeded per process, which is all a shard choice needs: the table
        // lives in one process and is never persisted.
        Int(UInt(bitPattern: key.hashValue) % UInt(shardCount))
    }

    subscript(key: String) -> Value? {
        get { shards[Self.shard(of: key)][key] }
        set { update(key) { $0 = newValue } }
    }

    /// Changes the value under `key` in place (nil when absent; leaving nil removes
    /// the key), so a large value such as a set of children is not copied to be changed.
    mutating func update<Result>(_ key: String, _ body: (inout Value?) -> Result) -> Result {
        let shard = Self.shard(of: key)
        let existed = shards[shard][key] != nil
        let result = body(&shards[shard][key])
        let exists = shards[shard][key] != nil
        if existed != exists { count += exists ? 1 : -1 }
        return result
    }
}
