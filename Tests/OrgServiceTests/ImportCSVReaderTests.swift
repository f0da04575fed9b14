import Testing
@testable import OperatorCLI

@Suite struct ImportCSVReaderTests {
    private func read(_ text: String) throws -> [CSVRecord] {
        try CSVReader.records(Array(text.utf8))
    }

    @Test func quotedValuesKeepCommasLineBreaksAndDoubledQuotes() throws {
        let records = try read("code,name\r\nA1,\"Chi bộ \"\"Khe Hóp\"\", thôn 1\"\r\nA2,\"dòng một\ndòng hai\"\r\nA3,\n")
        #expect(records == [
            CSVRecord(line: 1, fields: ["code", "name"]),
            CSVRecord(line: 2, fields: ["A1", "Chi bộ \"Khe Hóp\", thôn 1"]),
            CSVRecord(line: 3, fields: ["A2", "dòng một\ndòng hai"]),
            CSVRecord(line: 5, fields: ["A3", ""]),
        ], "a record after a value with a line break starts on the line after it")
    }

    @Test func vietnameseTextAndAByteOrderMarkReadAsWritten() throws {
        let records = try CSVReader.records([0xEF, 0xBB, 0xBF] + Array("full_name\nĐặng Thị Ngọc Ánh\n\n".utf8))
        #expect(records.map(\.fields) == [["full_name"], ["Đặng Thị Ngọc Ánh"]])
    }

    @Test func emptyValuesAndAFinalLineWithoutBreakAreKept() throws {
        #expect(try read("a,b,c\n,,\nx,\"\",z").map(\.fields) == [["a", "b", "c"], ["", "", ""], ["x", "", "z"]])
    }

    @Test func malformedCSVIsReportedWithLineAndColumn() {
        #expect(throws: CSVError(line: 2, column: 5, reason: "a quote inside a value that does not start with one")) {
            try read("a,b\nxy,z\"w\n")
        }
        #expect(throws: CSVError(line: 3, column: 4,
                                 reason: "a closing quote must be followed by a comma or the end of the line")) {
            try read("a\nb\n\"c\"d\n")
        }
        #expect(throws: CSVError(line: 2, column: 1, reason: "a quoted value is never closed")) {
            try read("a,b\n\"Đảng bộ,\nxã")
        }
        #expect(throws: CSVError(line: 3, column: 4, reason: "a quoted value is never closed"),
                "the column where the unclosed quoted value starts, not the record's first") {
            try read("a,b\nx,y\nzz,\"Đảng bộ,\nxã\nmore")
        }
        #expect(throws: CSVError(line: 2, column: 1, reason: "the file is not UTF-8 text")) {
            try CSVReader.records(Array("a\n".utf8) + [0xC3, 0x28] + Array("\n".utf8))
        }
    }
}
