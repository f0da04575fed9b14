import Testing
import ServiceToolkit

@Suite struct TextInputTests {
    @Test func aNulOrAnotherControlCharacterIsRefusedNamingTheField() {
        #expect(refusedField { _ = try TextInput.name("Chi bộ \u{0} 🙂", field: "name") } == "name")
        #expect(refusedField { _ = try TextInput.name("Chi bộ\u{85}", field: "name") } == "name")
        #expect(refusedField { _ = try TextInput.name("Chi bộ\u{7F}", field: "name") } == "name")
        #expect(refusedField { _ = try TextInput.freeText("lý do\r\n", field: "reason") } == "reason")
    }

    @Test func bidirectionalOverridesAndIsolatesAreRefused() {
        #expect(refusedField { _ = try TextInput.name("Nguyễn \u{202E}nav", field: "member.full_name") }
            == "member.full_name")
        #expect(refusedField { _ = try TextInput.freeText("a\u{2066}b", field: "reason") } == "reason")
        #expect(refusedField { _ = try TextInput.searchQuery("\u{202A}khe") } == "query")
    }

    @Test func lineFeedsAndTabsAreAllowedOnlyInFreeText() throws {
        #expect(try TextInput.freeText("Dòng một\n\tDòng hai", field: "reason") == "Dòng một\n\tDòng hai")
        #expect(refusedField { _ = try TextInput.name("Chi bộ\nthôn", field: "name") } == "name")
    }

    @Test func aHugeQueryIsRefusedBeforeAnyOtherWork() {
        // The NUL at the end would be refused too, but the size is checked first: the
        // message proves the text was never scanned, normalised or split.
        let query = String(repeating: "nghị quyết ", count: 150_000 / 11) + "\u{0}"
        #expect(refusedField { _ = try TextInput.searchQuery(query) } == "query")
        #expect(refusalMessage { _ = try TextInput.searchQuery(query) }?.contains("longer than") == true)
        let word = String(repeating: "a", count: 50_000)
        #expect(refusedField { _ = try TextInput.searchQuery(word) } == "query")
    }

    @Test func aQueryHasAtMostTwelveWordsCountedAsTheSearchSplitsThem() throws {
        let twelve = (1...12).map { "từ\($0)" }.joined(separator: " ")
        #expect(try TextInput.searchQuery(twelve) == twelve)
        #expect(refusedField { _ = try TextInput.searchQuery(twelve + " nữa") } == "query")
        #expect(refusedField { _ = try TextInput.searchQuery((1...13).map { "a\($0)" }.joined(separator: "-")) } == "query")
    }

    @Test func namesAreNFCNormalisedAndTrimmed() throws {
        let decomposed = "  Nguye\u{0302}\u{0303}n Thi\u{0323} Ha\u{0300}  "
        let name = try TextInput.name(decomposed, field: "member.full_name")
        #expect(name == "Nguyễn Thị Hà")
        #expect(Array(name.unicodeScalars) == Array("Nguy\u{1EC5}n Th\u{1ECB} H\u{E0}".unicodeScalars))
    }

    @Test func lengthIsCountedInCharactersAfterNormalising() throws {
        // 200 letters written decomposed (three scalars each) are 200 characters.
        let decomposed = String(repeating: "e\u{0302}\u{0303}", count: 200)
        #expect(try TextInput.name(decomposed, field: "name").count == 200)
        #expect(refusedField { _ = try TextInput.name(String(repeating: "ễ", count: 201), field: "name") } == "name")
    }

    @Test func aRequiredTextMustHoldMoreThanSpaces() throws {
        #expect(refusedField { _ = try TextInput.name("   ", field: "name") } == "name")
        #expect(try TextInput.freeText("   ", field: "reason") == "")
    }
}
