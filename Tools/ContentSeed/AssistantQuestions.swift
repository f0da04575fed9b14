/// Questions members ask, each with the passage of `CoreLibrary` that answers it: the
/// document's number and a piece of the section the passage sits in. The assistant's
/// quality is measured on them (top-1 and top-3 hit rates), not asserted. About half are
/// typed without diacritics, as on a phone.
public struct AssistantQuestion: Sendable {
    public let question: String
    public let number: String
    /// Found in the cited passage's section ("Điều 5", "II. › 1.").
    public let section: String

    init(_ question: String, _ number: String, _ section: String) {
        self.question = question
        self.number = number
        self.section = section
    }
}

public enum AssistantQuestions {
    public static let all: [AssistantQuestion] = [
        // 15-QĐ/TU: membership
        .init("Đảng viên dự bị có được biểu quyết không?", "15-QĐ/TU", "Điều 5. Thời kỳ dự bị › 2."),
        .init("thoi ky du bi keo dai bao lau", "15-QĐ/TU", "Điều 5. Thời kỳ dự bị › 1."),
        .init("Hết thời kỳ dự bị thì chi bộ làm gì?", "15-QĐ/TU", "Điều 5. Thời kỳ dự bị › 3."),
        .init("bao nhieu tuoi thi duoc ket nap vao dang", "15-QĐ/TU", "Điều 4. Điều kiện kết nạp › 1."),
        .init("Người vào Đảng cần mấy đảng viên giới thiệu?", "15-QĐ/TU", "Điều 4. Điều kiện kết nạp › 3."),
        .init("trinh do hoc van de vao dang", "15-QĐ/TU", "Điều 4. Điều kiện kết nạp › 2."),
        .init("Đảng viên có quyền chất vấn tổ chức đảng không?", "15-QĐ/TU", "Điều 3. Quyền của đảng viên › 3."),
        .init("quyen ung cu de cu bau cu co quan lanh dao", "15-QĐ/TU", "Điều 3. Quyền của đảng viên › 2."),
        .init("Đảng viên có được trình bày ý kiến khi bị thi hành kỷ luật không?", "15-QĐ/TU", "Điều 3. Quyền của đảng viên › 4."),
        .init("nhiem vu hoc tap ren luyen nang cao trinh do cua dang vien", "15-QĐ/TU", "Điều 2. Nhiệm vụ của đảng viên › 2."),
        .init("Đảng viên có nhiệm vụ liên hệ với nhân dân thế nào?", "15-QĐ/TU", "Điều 2. Nhiệm vụ của đảng viên › 3."),
        .init("chuyen sinh hoat dang trong bao nhieu ngay", "15-QĐ/TU", "Điều 6. Chuyển sinh hoạt đảng › 1."),
        .init("Đi làm việc ở nơi khác sáu tháng thì chuyển sinh hoạt đảng tạm thời được không?", "15-QĐ/TU", "Điều 6. Chuyển sinh hoạt đảng › 2."),
        .init("dang vien tuoi cao suc khoe yeu co duoc mien sinh hoat dang khong", "15-QĐ/TU", "Điều 7. Miễn công tác"),
        .init("Đảng viên nghỉ hưu đóng đảng phí bao nhiêu?", "15-QĐ/TU", "Điều 8. Đảng phí › 2."),
        .init("dong dang phi hang thang theo ty le nao", "15-QĐ/TU", "Điều 8. Đảng phí › 1."),
        .init("Bỏ sinh hoạt chi bộ ba tháng thì có bị xóa tên không?", "15-QĐ/TU", "Điều 9. Xóa tên đảng viên"),
        .init("xep loai chat luong dang vien co may muc", "15-QĐ/TU", "Điều 10. Đánh giá, xếp loại"),
        // 12-HD/BTCTU: cell meetings
        .init("Chi bộ sinh hoạt thường kỳ mấy lần một tháng?", "12-HD/BTCTU", "I. SINH HOẠT CHI BỘ THƯỜNG KỲ › 1."),
        .init("mot buoi sinh hoat thuong ky keo dai bao lau", "12-HD/BTCTU", "I. SINH HOẠT CHI BỘ THƯỜNG KỲ › 2."),
        .init("Nội dung sinh hoạt chi bộ thường kỳ gồm những gì?", "12-HD/BTCTU", "I. SINH HOẠT CHI BỘ THƯỜNG KỲ › 3."),
        .init("bi thu vang mat thi ai chu tri buoi sinh hoat", "12-HD/BTCTU", "I. SINH HOẠT CHI BỘ THƯỜNG KỲ › 4."),
        .init("Sinh hoạt chuyên đề bao lâu một lần?", "12-HD/BTCTU", "II. SINH HOẠT CHUYÊN ĐỀ › 1."),
        .init("ai chon chu de sinh hoat chuyen de", "12-HD/BTCTU", "II. SINH HOẠT CHUYÊN ĐỀ › 2."),
        .init("Biên bản sinh hoạt chi bộ phải ghi những gì?", "12-HD/BTCTU", "III. BIÊN BẢN VÀ TÀI LIỆU › 1."),
        .init("bien ban can chu ky cua ai", "12-HD/BTCTU", "III. BIÊN BẢN VÀ TÀI LIỆU › 2."),
        .init("Đảng viên đi công tác xa có được sinh hoạt trực tuyến không?", "12-HD/BTCTU", "IV. ĐẢNG VIÊN VẮNG MẶT VÀ THAM GIA TRỰC TUYẾN › 2."),
        .init("vang mat buoi sinh hoat phai bao cao ai", "12-HD/BTCTU", "IV. ĐẢNG VIÊN VẮNG MẶT VÀ THAM GIA TRỰC TUYẾN › 1."),
        .init("Thế nào là buổi sinh hoạt chi bộ xếp loại kém?", "12-HD/BTCTU", "V. ĐÁNH GIÁ CHẤT LƯỢNG BUỔI SINH HOẠT › d)"),
        // 08-QĐ/TU: discipline
        .init("Có những hình thức kỷ luật đảng viên nào?", "08-QĐ/TU", "Điều 1. Hình thức kỷ luật"),
        .init("thoi hieu xu ly ky luat khien trach la bao lau", "08-QĐ/TU", "Điều 2. Thời hiệu xử lý kỷ luật › 1."),
        .init("Chi bộ có thẩm quyền kỷ luật cảnh cáo đảng viên không?", "08-QĐ/TU", "Điều 3. Thẩm quyền của chi bộ"),
        .init("khieu nai quyet dinh ky luat trong thoi han bao lau", "08-QĐ/TU", "Điều 4. Quyền trình bày và khiếu nại › 2."),
        .init("Quyết định kỷ luật có hiệu lực khi nào?", "08-QĐ/TU", "Điều 5. Hiệu lực"),
        // 05-CT/TU: studying resolutions
        .init("hoc tap quan triet nghi quyet trong thoi han bao nhieu ngay", "05-CT/TU", "1. Cấp ủy các cấp tổ chức học tập"),
        .init("Sau khi học nghị quyết có phải viết bài thu hoạch không?", "05-CT/TU", "2. Mỗi đảng viên viết bài thu hoạch"),
        .init("ket qua kiem tra nhan thuc co cong khai xep hang ca nhan khong", "05-CT/TU", "3. Đảng viên làm bài kiểm tra"),
        .init("Vắng mặt buổi học nghị quyết thì học bù thế nào?", "05-CT/TU", "4. Đảng viên vắng mặt khi học tập"),
        // 20-HD/VPTU: the handbook app
        .init("ma OTP co hieu luc trong bao lau", "20-HD/VPTU", "I. ĐĂNG KÝ TÀI KHOẢN › 2."),
        .init("Đảng viên không có điện thoại thông minh thì sao?", "20-HD/VPTU", "I. ĐĂNG KÝ TÀI KHOẢN › 3."),
        .init("mat dien thoai thi phai lam gi", "20-HD/VPTU", "IV. BẢO MẬT › 1."),
        .init("Góp ý trên Sổ tay có được ẩn danh không?", "20-HD/VPTU", "III. GÓP Ý, PHẢN ÁNH › 2."),
    ]
}
