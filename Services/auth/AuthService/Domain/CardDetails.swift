import Foundation
import RPC

/// The party card as the app read it, checked before it is sent to org.
struct CardDetails: Sendable {
    let number: String
    let fullName: String
    let birthDate: String

    init(number: String, fullName: String, birthDate: String) throws(RPCError) {
        let canonical = String(number.uppercased().unicodeScalars
            .filter { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }.map(Character.init))
        guard !canonical.isEmpty, canonical.count <= 32 else {
            throw RPCError.invalidArgument(field: "card_number", "is not a party card number")
        }
        let name = fullName.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 300 else { throw RPCError.invalidArgument(field: "full_name", "is required") }
        let date = birthDate.split(separator: "-")
        guard date.count == 3, date[0].count == 4, date[1].count == 2, date[2].count == 2,
              date.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else {
            throw RPCError.invalidArgument(field: "birth_date", "must be a date written YYYY-MM-DD")
        }
        self.number = canonical
        self.fullName = name
        self.birthDate = birthDate
    }
}

/// The device's face match: every registration needs a passing one, as the owner's
/// proof beside the card and the code (it is what stops a re-registration from moving
/// someone's account to a stranger's phone).
enum FacePolicy {
    static let minimumScore = 0.8

    static func passes(score: Double, liveness: Bool) -> Bool {
        liveness && score >= minimumScore
    }
}
