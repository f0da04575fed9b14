/// `value` in decimal with leading zeros up to `width` digits: unit codes ("X007"),
/// card numbers, citizen ids, phone numbers, dates.
func zeroPadded(_ value: Int, width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
