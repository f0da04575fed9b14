/// Attendance as a share: present over invited, 0 when nobody was invited.
enum AttendanceRate {
    static func of(present: Int, invited: Int) -> Double {
        invited == 0 ? 0 : Double(present) / Double(invited)
    }
}
