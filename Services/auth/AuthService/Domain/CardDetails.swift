import Foundation
import RPC
import ServiceToolkit

/// The party card as the app read it, checked before it is sent to org.
struct CardDetails: Sendable {
    let number: String
    let fullName: String
    let birthDate: String

    init(number: String, fullName: String, birthDate: String) throws(RPCError) {
        guard number.utf8.count <= 64 else {
            throw RPCError.invalidArgument(field: "card_number", "is not a party card number")
        }
        let canonical = String(number.uppercased().unicodeScalars
            .filter { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }.map(Character.init))
        guard !canonical.isEmpty, canonical.count <= 32 else {
            throw RPCError.invalidArgument(field: "card_number", "is not a party card number")
        }
        self.number = canonical
        self.fullName = try TextInput.name(fullName, field: "full_name")
        self.birthDate = try ISODate.checked(birthDate, field: "birth_date", required: true)
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
