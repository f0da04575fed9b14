import TestProtos

/// The messages bench-wire measures, with realistic content: a news item as a list
/// screen shows it (about 100 bytes) and a member's profile (Vietnamese text, three
/// positions held).
enum Samples {
    static let newsItem: NewsItemSummary = {
        var item = NewsItemSummary()
        item.id = "01JH8Z6Q6S1V3K9X2M4N5P7R8T"
        item.title = "Thông báo họp chi bộ tháng 12"
        item.unitID = "u-khehop-03"
        item.publishedAtMS = 1_767_225_600_000
        item.readCount = 1_234
        item.pinned = true
        return item
    }()

    static let memberProfile: MemberProfile = {
        var profile = MemberProfile()
        profile.memberID = "01JH8Z7A2B3C4D5E6F7G8H9J0K"
        profile.fullName = "Nguyễn Thị Hồng Nhung"
        profile.birthDateMS = 631_152_000_000
        profile.female = true
        profile.cardNumber = "YB-0123456"
        profile.citizenID = "015190001234"
        profile.phone = "+84912345678"
        profile.email = "nhung.nguyen@khehop.yenbai.vn"
        profile.unitID = "u-khehop-03"
        profile.status = .official
        profile.admittedAtMS = 1_420_070_400_000
        profile.officialAtMS = 1_451_606_400_000
        profile.hometown = "Xã Khe Hóp, huyện Văn Yên, tỉnh Yên Bái"
        profile.ethnicity = "Tày"
        profile.positions = [
            position("Bí thư Chi đoàn thôn Khe Hóp", since: 1_356_998_400_000, until: 1_483_228_800_000),
            position("Phó Bí thư Chi bộ thôn Khe Hóp", since: 1_483_228_800_000, until: 0),
            position("Ủy viên Ban Chấp hành Đảng bộ xã", since: 1_609_459_200_000, until: 0),
        ]
        profile.version = 7
        return profile
    }()

    private static func position(_ title: String, since: Int64, until: Int64) -> Position {
        var position = Position()
        position.title = title
        position.unitID = "u-khehop-03"
        position.sinceMS = since
        position.untilMS = until
        return position
    }
}
