import Foundation
import Testing
@testable import ServiceKit

@Suite struct Base64URLTests {
    @Test(arguments: [("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"),
                      ("foobar", "Zm9vYmFy")])
    func theRFC4648VectorsWithoutPadding(_ plain: String, _ encoded: String) {
        #expect(Base64URL.encode(Array(plain.utf8)) == encoded)
        #expect(Base64URL.decode(Substring(encoded)) == Array(plain.utf8))
    }

    @Test func agreesWithFoundationOnRandomBytesAndUsesTheURLAlphabet() throws {
        var generator = SystemRandomNumberGenerator()
        for length in 0..<200 {
            let bytes = (0..<length).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            let ours = Base64URL.encode(bytes)
            let foundation = Data(bytes).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
            #expect(ours == foundation)
            #expect(Base64URL.decode(Substring(ours)) == bytes)
        }
    }

    @Test(arguments: ["Zg==", "Z", "Zm9vY", "a+bc", "a/bc", "Zh", "Zm9", "Zm9vY!", "Zm 9v", "Tạo"])
    func whatIsNotUnpaddedBase64URLIsRefused(_ text: String) {
        #expect(Base64URL.decode(Substring(text)) == nil)
    }
}
