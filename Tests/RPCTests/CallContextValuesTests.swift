import RPC
import XCTest

/// Values attached to a call: the first two inline, more in a dictionary; each key
/// holds one value wherever it lives, and removing one leaves the others.
final class CallContextValuesTests: XCTestCase {
    enum KeyA: CallContextKey { typealias Value = String }
    enum KeyB: CallContextKey { typealias Value = Int }
    enum KeyC: CallContextKey { typealias Value = String }
    enum KeyD: CallContextKey { typealias Value = Double }

    func testFourKeysKeepTheirOwnValuesThroughReplacementAndRemoval() {
        var context = CallContext(method: "/sotay.test.v1.Test/Echo")
        XCTAssertNil(context[KeyA.self])
        context[KeyA.self] = "a"
        context[KeyB.self] = 2
        context[KeyC.self] = "c"
        context[KeyD.self] = 4.5
        XCTAssertEqual(context[KeyA.self], "a")
        XCTAssertEqual(context[KeyB.self], 2)
        XCTAssertEqual(context[KeyC.self], "c")
        XCTAssertEqual(context[KeyD.self], 4.5)

        context[KeyC.self] = "c2"
        context[KeyA.self] = nil
        XCTAssertNil(context[KeyA.self])
        XCTAssertEqual(context[KeyC.self], "c2")
        // A key that lives in the dictionary, set again after a slot freed up, is not
        // duplicated: removing it removes it.
        context[KeyD.self] = 5.5
        context[KeyD.self] = nil
        XCTAssertNil(context[KeyD.self])
        XCTAssertEqual(context[KeyB.self], 2)
    }

    func testACopyPassedOnDoesNotChangeTheOriginal() {
        var outer = CallContext(method: "/sotay.test.v1.Test/Echo")
        outer[KeyA.self] = "outer"
        var inner = outer
        inner[KeyA.self] = "inner"
        inner[KeyB.self] = 1
        XCTAssertEqual(outer[KeyA.self], "outer")
        XCTAssertNil(outer[KeyB.self])
        XCTAssertEqual(inner[KeyA.self], "inner")
    }
}
