/// Five hand-written documents in the layout of real ones (chapters, "Điều N",
/// Roman-numbered sections, numbered clauses, lettered items), on what members ask
/// about: their rights and duties, cell meetings, discipline, studying resolutions and
/// the handbook app itself. The assistant's question set (`AssistantQuestions`) is
/// written against them. Synthetic: no text here is quoted from a real document.
public enum CoreLibrary {
    public static let membership = SeedDocument.make(
        .regulation, number: "15-QĐ/TU", title: "Quy định về nhiệm vụ, quyền và sinh hoạt của đảng viên",
        issuer: "Tỉnh ủy Yên Bái", issued: "2024-03-12", effective: "2024-04-01", body: """
        Chương I
        ĐẢNG VIÊN
        Điều 1. Đảng viên
        Đảng viên là chiến sĩ cách mạng, suốt đời phấn đấu cho mục đích, lý tưởng của Đảng, đặt lợi ích của Tổ quốc và của nhân dân lên trên lợi ích cá nhân.
        Điều 2. Nhiệm vụ của đảng viên
        1. Tuyệt đối trung thành với mục đích, lý tưởng của Đảng; chấp hành nghiêm Cương lĩnh chính trị, Điều lệ Đảng, nghị quyết, chỉ thị của Đảng.
        2. Không ngừng học tập, rèn luyện, nâng cao trình độ kiến thức, năng lực công tác, phẩm chất đạo đức cách mạng.
        3. Liên hệ mật thiết với nhân dân, tôn trọng và phát huy quyền làm chủ của nhân dân; thường xuyên tuyên truyền, vận động nhân dân thực hiện đường lối của Đảng.
        4. Tham gia sinh hoạt đảng đầy đủ, đóng đảng phí đúng quy định; thực hiện tự phê bình và phê bình, giữ gìn đoàn kết thống nhất trong Đảng.
        Điều 3. Quyền của đảng viên
        1. Được thông tin và thảo luận các vấn đề về Cương lĩnh chính trị, Điều lệ Đảng, đường lối, chủ trương của Đảng; biểu quyết công việc của Đảng.
        2. Ứng cử, đề cử và bầu cử cơ quan lãnh đạo các cấp của Đảng theo quy định của Ban Chấp hành Trung ương.
        3. Phê bình, chất vấn về hoạt động của tổ chức đảng và đảng viên ở mọi cấp trong phạm vi tổ chức; báo cáo, kiến nghị với các cơ quan có trách nhiệm và yêu cầu được trả lời.
        4. Trình bày ý kiến khi tổ chức đảng nhận xét, quyết định công tác hoặc thi hành kỷ luật đối với mình.
        Điều 4. Điều kiện kết nạp
        1. Công dân Việt Nam từ đủ mười tám tuổi đến đủ sáu mươi tuổi đời, thừa nhận và tự nguyện thực hiện Cương lĩnh chính trị, Điều lệ Đảng, có phẩm chất chính trị, đạo đức và lối sống tốt thì có thể được xét kết nạp vào Đảng.
        2. Người vào Đảng phải có trình độ học vấn tốt nghiệp trung học cơ sở trở lên; ở vùng cao, vùng sâu, vùng xa thực hiện theo hướng dẫn riêng.
        3. Người vào Đảng phải có hai đảng viên chính thức giới thiệu; đảng viên giới thiệu phải cùng công tác ít nhất một năm với người vào Đảng.
        Điều 5. Thời kỳ dự bị
        1. Người được kết nạp vào Đảng phải trải qua thời kỳ dự bị mười hai tháng, tính từ ngày chi bộ tổ chức lễ kết nạp.
        2. Đảng viên dự bị có nhiệm vụ và quyền như đảng viên chính thức, trừ quyền biểu quyết, ứng cử và bầu cử cơ quan lãnh đạo của Đảng.
        3. Khi hết thời kỳ dự bị, chi bộ xét công nhận đảng viên chính thức; nếu không đủ tư cách thì đề nghị lên cấp ủy có thẩm quyền xóa tên trong danh sách đảng viên dự bị.
        Chương II
        SINH HOẠT VÀ QUẢN LÝ ĐẢNG VIÊN
        Điều 6. Chuyển sinh hoạt đảng
        1. Đảng viên chuyển nơi công tác hoặc nơi cư trú phải làm thủ tục chuyển sinh hoạt đảng trong thời hạn ba mươi ngày làm việc kể từ ngày có quyết định.
        2. Đảng viên tạm thời đi làm việc ở nơi khác từ ba tháng đến một năm thì làm thủ tục chuyển sinh hoạt đảng tạm thời.
        Điều 7. Miễn công tác và sinh hoạt đảng
        Đảng viên tuổi cao, sức khỏe yếu, tự nguyện làm đơn thì được chi bộ xem xét, quyết định cho miễn công tác và sinh hoạt đảng; đảng viên được miễn vẫn được dự họp chi bộ nếu muốn và không phải đánh giá, xếp loại chất lượng.
        Điều 8. Đảng phí
        1. Đảng viên đóng đảng phí hằng tháng theo tỷ lệ phần trăm tiền lương, tiền công hoặc thu nhập.
        2. Đảng viên là người nghỉ hưu đóng đảng phí bằng 0,5% lương hưu; đảng viên ngoài độ tuổi lao động không có thu nhập ổn định được miễn hoặc giảm theo quyết định của chi bộ.
        Điều 9. Xóa tên đảng viên
        Đảng viên bỏ sinh hoạt chi bộ hoặc không đóng đảng phí ba tháng trong năm mà không có lý do chính đáng thì chi bộ xem xét, đề nghị cấp ủy có thẩm quyền xóa tên trong danh sách đảng viên.
        Điều 10. Đánh giá, xếp loại đảng viên
        Hằng năm, đảng viên tự kiểm điểm và được chi bộ đánh giá, xếp loại chất lượng theo bốn mức: hoàn thành xuất sắc nhiệm vụ, hoàn thành tốt nhiệm vụ, hoàn thành nhiệm vụ và không hoàn thành nhiệm vụ.
        """)

    public static let cellMeetings = SeedDocument.make(
        .guidance, number: "12-HD/BTCTU", title: "Hướng dẫn nâng cao chất lượng sinh hoạt chi bộ",
        issuer: "Ban Tổ chức Tỉnh ủy", issued: "2024-05-20", body: """
        I. SINH HOẠT CHI BỘ THƯỜNG KỲ
        1. Chi bộ sinh hoạt thường kỳ mỗi tháng một lần, vào một ngày cố định do chi ủy quyết định và thông báo trước cho đảng viên ít nhất ba ngày.
        2. Thời gian mỗi buổi sinh hoạt thường kỳ không quá hai giờ; dành ít nhất một nửa thời gian để đảng viên thảo luận.
        3. Nội dung sinh hoạt gồm: đánh giá việc thực hiện nhiệm vụ tháng trước, phổ biến thông tin thời sự, bàn biện pháp thực hiện nhiệm vụ tháng tới.
        4. Bí thư chi bộ chủ trì buổi sinh hoạt; khi bí thư vắng mặt thì phó bí thư hoặc chi ủy viên được phân công chủ trì.
        II. SINH HOẠT CHUYÊN ĐỀ
        1. Chi bộ sinh hoạt chuyên đề ít nhất mỗi quý một lần; có thể kết hợp với sinh hoạt thường kỳ nhưng phải bảo đảm thời gian cho nội dung chuyên đề.
        2. Chủ đề sinh hoạt chuyên đề do chi ủy lựa chọn, gắn với việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh hoặc nhiệm vụ chính trị của đơn vị.
        3. Chi ủy phân công đảng viên chuẩn bị tài liệu chuyên đề và gửi trước cho đảng viên nghiên cứu.
        III. BIÊN BẢN VÀ TÀI LIỆU
        1. Mỗi buổi sinh hoạt phải có biên bản ghi đầy đủ ý kiến phát biểu, kết luận của chủ trì và kết quả biểu quyết.
        2. Biên bản được thông qua trước khi kết thúc buổi sinh hoạt, có chữ ký của chủ trì và thư ký, lưu vào sổ biên bản của chi bộ.
        IV. ĐẢNG VIÊN VẮNG MẶT VÀ THAM GIA TRỰC TUYẾN
        1. Đảng viên vắng mặt phải báo cáo bí thư chi bộ trước buổi sinh hoạt và nêu rõ lý do.
        2. Đảng viên đi công tác xa được tham gia sinh hoạt trực tuyến qua Sổ tay đảng viên điện tử khi chi ủy đồng ý; ý kiến trực tuyến được ghi vào biên bản.
        V. ĐÁNH GIÁ CHẤT LƯỢNG BUỔI SINH HOẠT
        Cuối năm chi ủy tự đánh giá chất lượng sinh hoạt chi bộ theo các mức sau:
        a) Tốt: bảo đảm đầy đủ nội dung, quy trình, đảng viên tham gia thảo luận sôi nổi.
        b) Khá: bảo đảm nội dung, quy trình nhưng thảo luận chưa sâu.
        c) Trung bình: còn thiếu nội dung hoặc quy trình, ít đảng viên phát biểu.
        d) Kém: không sinh hoạt đủ số buổi trong năm hoặc sinh hoạt hình thức.
        """)

    public static let discipline = SeedDocument.make(
        .regulation, number: "08-QĐ/TU", title: "Quy định về xử lý kỷ luật đảng viên vi phạm",
        issuer: "Tỉnh ủy Yên Bái", issued: "2023-09-05", body: """
        Điều 1. Hình thức kỷ luật
        Đảng viên chính thức vi phạm bị xử lý bằng một trong các hình thức: khiển trách, cảnh cáo, cách chức, khai trừ. Đảng viên dự bị vi phạm thì bị khiển trách hoặc cảnh cáo.
        Điều 2. Thời hiệu xử lý kỷ luật
        1. Thời hiệu xử lý kỷ luật là năm năm đối với vi phạm đến mức phải kỷ luật bằng hình thức khiển trách.
        2. Thời hiệu là mười năm đối với vi phạm đến mức phải kỷ luật bằng hình thức cảnh cáo hoặc cách chức.
        Điều 3. Thẩm quyền của chi bộ
        Chi bộ quyết định khiển trách, cảnh cáo đảng viên trong chi bộ vi phạm phẩm chất chính trị, đạo đức lối sống, nhiệm vụ đảng viên, trừ cấp ủy viên và đảng viên thuộc diện cấp trên quản lý.
        Điều 4. Quyền trình bày và khiếu nại
        1. Trước khi quyết định kỷ luật, tổ chức đảng có thẩm quyền phải nghe đảng viên vi phạm trình bày ý kiến.
        2. Đảng viên không đồng ý với quyết định kỷ luật được khiếu nại lên tổ chức đảng cấp trên trong thời hạn một tháng kể từ ngày nhận quyết định.
        Điều 5. Hiệu lực của quyết định kỷ luật
        Quyết định kỷ luật có hiệu lực ngay; đảng viên bị kỷ luật phải chấp hành nghiêm trong thời gian khiếu nại.
        """)

    public static let studying = SeedDocument.make(
        .directive, number: "05-CT/TU", title: "Chỉ thị về tổ chức học tập, quán triệt và triển khai thực hiện nghị quyết của Đảng",
        issuer: "Ban Thường vụ Tỉnh ủy", issued: "2025-02-10", body: """
        1. Cấp ủy các cấp tổ chức học tập, quán triệt nghị quyết trong thời hạn ba mươi ngày kể từ ngày nhận được nghị quyết; người đứng đầu cấp ủy trực tiếp chủ trì.
        2. Mỗi đảng viên viết bài thu hoạch sau khi học tập, liên hệ với nhiệm vụ của bản thân; bài thu hoạch nộp cho chi bộ để đánh giá.
        3. Đảng viên làm bài kiểm tra nhận thức trực tuyến trên Sổ tay đảng viên điện tử; kết quả được tổng hợp theo từng chi bộ, không công khai xếp hạng cá nhân.
        4. Đảng viên vắng mặt khi học tập tập trung phải học bù trong vòng mười lăm ngày, tự nghiên cứu tài liệu và báo cáo chi bộ.
        5. Ban Tuyên giáo Tỉnh ủy biên soạn tài liệu hỏi đáp, bộ câu hỏi kiểm tra và hướng dẫn các chi bộ tổ chức thảo luận.
        """)

    public static let handbook = SeedDocument.make(
        .guidance, number: "20-HD/VPTU", title: "Hướng dẫn sử dụng Sổ tay đảng viên điện tử",
        issuer: "Văn phòng Tỉnh ủy", issued: "2025-06-01", body: """
        I. ĐĂNG KÝ TÀI KHOẢN
        1. Đảng viên đăng ký tài khoản bằng số thẻ đảng và số điện thoại di động; hệ thống đối chiếu thông tin với cơ sở dữ liệu đảng viên.
        2. Mã xác thực (OTP) được gửi qua tin nhắn SMS, có hiệu lực trong năm phút; không cung cấp mã cho bất kỳ ai.
        3. Đảng viên không có điện thoại thông minh được bí thư chi bộ hỗ trợ ghi nhận điểm danh, ý kiến và kết quả học tập thay.
        II. ĐỌC TIN TỨC VÀ TÀI LIỆU
        1. Tin tức, văn bản được đăng theo phạm vi: văn bản của tỉnh đến mọi đảng viên trong tỉnh, văn bản của cơ sở chỉ đến đảng viên của cơ sở đó.
        2. Văn bản không được phổ biến rộng rãi không đăng trên Sổ tay đảng viên điện tử.
        3. Đảng viên tìm kiếm văn bản theo số, tên hoặc nội dung; có thể gõ tiếng Việt không dấu.
        III. GÓP Ý, PHẢN ÁNH
        1. Đảng viên gửi góp ý, kiến nghị qua mục Góp ý; mỗi góp ý được chuyển đến cơ quan có trách nhiệm và có thời hạn trả lời.
        2. Đảng viên chịu trách nhiệm về nội dung góp ý của mình; góp ý không ẩn danh.
        IV. BẢO MẬT
        1. Không chia sẻ tài khoản, mật khẩu hoặc mã xác thực; khi mất điện thoại phải báo ngay cho bí thư chi bộ để khóa tài khoản.
        2. Không chụp ảnh, sao chép tài liệu để đăng lên mạng xã hội.
        """)

    public static let all: [SeedDocument] = [membership, cellMeetings, discipline, studying, handbook]
}
