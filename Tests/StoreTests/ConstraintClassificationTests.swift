import Testing
import Store

@Suite struct ConstraintClassificationTests {
    static let schema = [
        Migration(1, "units and members", sql: """
            CREATE TABLE units(id INTEGER PRIMARY KEY, name TEXT NOT NULL);
            CREATE TABLE members(
                id INTEGER PRIMARY KEY,
                unit_id INTEGER NOT NULL REFERENCES units(id),
                phone TEXT NOT NULL UNIQUE,
                age INTEGER CHECK (age >= 18)
            );
            CREATE TABLE codes(code TEXT PRIMARY KEY);
            INSERT INTO units(id, name) VALUES (1, 'Chi bộ 1');
            """)
    ]

    /// The violation a write raises; writes go through `write` so the error comes out
    /// the way a service handler sees it.
    static func violation(_ database: Database, _ sql: String, _ arguments: [(any SQLValueConvertible)?])
        async -> StoreError?
    {
        await storeError { try await database.write { connection in try connection.execute(sql, arguments) } }
    }

    static let insertMember = "INSERT INTO members(unit_id, phone, age) VALUES (?, ?, ?)"

    @Test func eachKindOfConstraintIsToldApart() async throws {
        try await withDatabase(migrations: Self.schema) { database in
            try await database.write { connection in try connection.execute(Self.insertMember, [1, "0912345678", 30]) }

            let duplicatePhone = await Self.violation(database, Self.insertMember, [1, "0912345678", 40])
            #expect(duplicatePhone?.constraintViolation == .unique)
            #expect(duplicatePhone?.isDuplicateKey == true)

            try await database.write { connection in try connection.execute("INSERT INTO codes VALUES (?)", ["A1"]) }
            let duplicateKey = await Self.violation(database, "INSERT INTO codes VALUES (?)", ["A1"])
            #expect(duplicateKey?.constraintViolation == .primaryKey)
            #expect(duplicateKey?.isDuplicateKey == true)

            let duplicateRowID = await Self.violation(database, "INSERT INTO units(id, name) VALUES (?, ?)", [1, "again"])
            #expect(duplicateRowID?.constraintViolation == .primaryKey)

            let missingUnit = await Self.violation(database, Self.insertMember, [99, "0987654321", 30])
            #expect(missingUnit?.constraintViolation == .foreignKey)
            #expect(missingUnit?.isDuplicateKey == false)

            let tooYoung = await Self.violation(database, Self.insertMember, [1, "0987654321", 12])
            #expect(tooYoung?.constraintViolation == .check)

            let noPhone = await Self.violation(database, Self.insertMember, [1, nil, 30])
            #expect(noPhone?.constraintViolation == .notNull)
        }
    }

    @Test func anErrorKeepsCodesAndSQLButNeverTheBoundValues() async throws {
        try await withDatabase(migrations: Self.schema) { database in
            let phone = "0912345678"
            try await database.write { connection in try connection.execute(Self.insertMember, [1, phone, 30]) }
            let error = try #require(await Self.violation(database, Self.insertMember, [1, phone, 30]))
            #expect(error.primaryCode == 19)  // SQLITE_CONSTRAINT
            #expect(error.extendedCode == 2067)  // SQLITE_CONSTRAINT_UNIQUE
            #expect(error.sql == Self.insertMember)
            #expect(!error.description.contains(phone))
            #expect(!error.message.contains(phone))
        }
    }

    @Test func errorsOtherThanConstraintsAreNotClassifiedAsOne() async throws {
        try await withDatabase(migrations: Self.schema) { database in
            let error = await Self.violation(database, "INSERT INTO nowhere VALUES (?)", [1])
            #expect(error?.kind == .sqlite)
            #expect(error?.primaryCode == 1)  // SQLITE_ERROR
            #expect(error?.constraintViolation == nil)
        }
    }
}
