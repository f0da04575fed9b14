import OrgContracts
import RPC

/// The order a member's dates must keep with each other and with today: born before
/// admitted, admitted before made official, none in the future, and no official date
/// while still probationary. Each field is checked on its own first (`MemberFields`);
/// this looks at them together.
enum MemberDates {
    /// Every rule `member` breaks, each naming its field; empty when none.
    static func problems(of member: Member, today: String) -> [RPCError] {
        var problems: [RPCError] = []
        func refuse(_ field: String, _ reason: String) {
            problems.append(RPCError.invalidArgument(field: "member.\(field)", reason))
        }
        // ISO dates compare as text in calendar order.
        for (field, date) in [("birth_date", member.birthDate), ("admitted_on", member.admittedOn),
                              ("official_on", member.officialOn)] where date > today {
            refuse(field, "\(date) is in the future")
        }
        if !member.admittedOn.isEmpty, !member.birthDate.isEmpty, member.admittedOn < member.birthDate {
            refuse("admitted_on", "\(member.admittedOn) is before the birth date \(member.birthDate)")
        }
        if !member.officialOn.isEmpty, !member.admittedOn.isEmpty, member.officialOn < member.admittedOn {
            refuse("official_on", "\(member.officialOn) is before the admission date \(member.admittedOn)")
        }
        if member.status == .probationary, !member.officialOn.isEmpty {
            refuse("official_on", "a probationary member has no official date yet (status or date is wrong)")
        }
        return problems
    }
}
