import RPC
import Testing
@testable import AuthService

@Suite struct PhoneNumberTests {
    @Test(arguments: ["0912345678", "0912 345 678", "+84 912.345.678", "+84912345678", "(091) 234-5678"])
    func everyWayOfWritingAPhoneIsOneCanonicalNumber(_ typed: String) throws {
        #expect(try PhoneNumber.canonical(typed) == "+84912345678")
    }

    @Test(arguments: ["", "12345", "09123a5678", "+84+912345678", "0912345678901234567"])
    func whatIsNotAPhoneNumberIsInvalidArgumentOnThePhoneField(_ typed: String) {
        #expect {
            _ = try PhoneNumber.canonical(typed)
        } throws: { error in
            (error as? RPCError)?.fieldViolations.first?.field == "phone"
        }
    }

    @Test func aHintShowsOnlyTheLastThreeDigits() {
        #expect(PhoneNumber.hint("+84912345678") == "•••••••••678")
    }
}
