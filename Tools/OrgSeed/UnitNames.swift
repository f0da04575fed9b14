/// Names of the units below a province: what the commune's own cells, the blocs'
/// grassroots units and the cells inside those are called ("Chi bộ Trường THCS Mỏ
/// Vàng", "Đảng bộ Sở Y tế", "Chi bộ Khoa Nội").
enum UnitNames {
    /// An organisation that can be a grassroots unit, and what its cells are called
    /// when it is a grassroots committee.
    struct Organisation {
        let name: String
        let parts: [String]
    }

    /// Lists that run out continue with a number ("Phòng Nghiệp vụ 3").
    static func part(_ parts: [String], _ index: Int, fallback: String) -> String {
        index < parts.count ? parts[index] : "\(fallback) \(index - parts.count + 1)"
    }

    // MARK: A commune's or ward's own cells

    static func communeCell(_ type: SeedCellType, index: Int, commune: String, place: String,
                            random: inout SeedRandom) -> String {
        switch type {
        case .administrativeAgency:
            let names = ["Cơ quan Đảng ủy", "Cơ quan HĐND – UBND", "Cơ quan Mặt trận Tổ quốc và các đoàn thể",
                         "Trung tâm Phục vụ hành chính công"]
            return "Chi bộ " + part(names, index, fallback: "Cơ quan chuyên môn") + " " + commune
        case .publicServiceUnit:
            let names = ["Trường Mầm non", "Trường Tiểu học", "Trường THCS", "Trạm Y tế", "Trường PTDTBT Tiểu học và THCS",
                         "Trường Tiểu học và THCS"]
            let name = names[index % names.count]
            return name == "Trạm Y tế" ? "Chi bộ Trạm Y tế " + commune : "Chi bộ \(name) \(place)"
        case .armedForces:
            return index % 2 == 0 ? "Chi bộ Quân sự " + commune : "Chi bộ Dân quân thường trực " + commune
        case .enterprise:
            let products = ["chè", "quế", "nông nghiệp", "dịch vụ tổng hợp", "lâm nghiệp", "thủy sản", "du lịch cộng đồng"]
            return index % 3 == 2 ? "Chi bộ Quỹ tín dụng nhân dân " + commune
                : "Chi bộ Hợp tác xã \(random.pick(products)) \(place)"
        case .villageResidential:
            return "Chi bộ " + place
        }
    }

    // MARK: The blocs' grassroots units

    static func partyAgency(_ index: Int, province: Province) -> Organisation {
        let committee = province.isCity ? "Thành ủy" : "Tỉnh ủy"
        let names = ["Văn phòng \(committee)", "Ban Tổ chức \(committee)", "Ban Tuyên giáo và Dân vận \(committee)",
                     "Ủy ban Kiểm tra \(committee)", "Ban Nội chính \(committee)", "Ban Chính sách, chiến lược \(committee)",
                     "Cơ quan Ủy ban MTTQ Việt Nam \(province.adjective)", "Tỉnh đoàn",
                     "Hội Liên hiệp Phụ nữ \(province.adjective)", "Hội Nông dân \(province.adjective)",
                     "Hội Cựu chiến binh \(province.adjective)", "Liên đoàn Lao động \(province.adjective)"]
        return Organisation(name: part(names, index, fallback: "Cơ quan Đảng \(province.adjective) số"),
                            parts: ["Phòng Tổng hợp", "Phòng Nghiệp vụ", "Phòng Hành chính – Quản trị", "Phòng Tài chính"])
    }

    static func department(_ index: Int, province: Province) -> Organisation {
        let names = ["Văn phòng UBND \(province.adjective)", "Sở Tài chính", "Sở Nội vụ", "Sở Tư pháp", "Sở Xây dựng",
                     "Sở Nông nghiệp và Môi trường", "Sở Công Thương", "Sở Khoa học và Công nghệ",
                     "Sở Văn hóa, Thể thao và Du lịch", "Sở Giáo dục và Đào tạo", "Sở Y tế", "Sở Dân tộc và Tôn giáo",
                     "Thanh tra \(province.adjective)", "Thuế \(province.adjective)", "Kho bạc Nhà nước khu vực",
                     "Bảo hiểm xã hội \(province.adjective)", "Thống kê \(province.adjective)"]
        return Organisation(name: part(names, index, fallback: "Chi cục"),
                            parts: ["Văn phòng", "Phòng Tổ chức cán bộ", "Phòng Kế hoạch – Tài chính", "Thanh tra Sở",
                                    "Phòng Pháp chế", "Phòng Quản lý chuyên ngành", "Chi cục Kiểm lâm", "Chi cục Thủy lợi"])
    }

    static func publicService(_ index: Int, province: Province, place: String) -> Organisation {
        switch index % 5 {
        case 0:
            return Organisation(name: index == 0 ? "Bệnh viện Đa khoa \(province.adjective)" : "Trung tâm Y tế khu vực \(place)",
                                parts: ["Khoa Nội", "Khoa Ngoại", "Khoa Sản", "Khoa Nhi", "Khoa Hồi sức cấp cứu",
                                        "Khoa Xét nghiệm", "Khoa Dược", "Phòng Kế hoạch tổng hợp", "Khoa Y học cổ truyền"])
        case 1:
            return Organisation(name: index == 1 ? "Trường THPT Chuyên Nguyễn Tất Thành" : "Trường THPT \(place)",
                                parts: ["Tổ Toán – Tin", "Tổ Ngữ văn", "Tổ Khoa học tự nhiên", "Tổ Khoa học xã hội",
                                        "Tổ Ngoại ngữ"])
        case 2:
            return Organisation(name: index == 2 ? "Trường Cao đẳng \(province.name)" : "Trung tâm Giáo dục nghề nghiệp \(place)",
                                parts: ["Khoa Kinh tế", "Khoa Kỹ thuật", "Khoa Nông lâm", "Phòng Đào tạo"])
        case 3:
            return Organisation(name: index == 3 ? "Trung tâm Kiểm soát bệnh tật \(province.adjective)"
                                    : "Ban Quản lý dự án đầu tư xây dựng khu vực \(place)",
                                parts: ["Khoa Phòng chống bệnh truyền nhiễm", "Phòng Kế hoạch", "Phòng Kỹ thuật"])
        default:
            return Organisation(name: index == 4 ? "Báo và Phát thanh, Truyền hình \(province.name)"
                                    : "Trung tâm Văn hóa – Thể thao \(place)",
                                parts: ["Phòng Thời sự", "Phòng Chuyên đề", "Phòng Kỹ thuật", "Phòng Biên tập"])
        }
    }

    static func enterprise(_ index: Int, province: Province, place: String, random: inout SeedRandom) -> Organisation {
        let named = ["VNPT \(province.name)", "Viettel \(province.name)", "Công ty Điện lực \(province.name)",
                     "Agribank chi nhánh \(province.name)", "Công ty Cổ phần Cấp nước \(province.name)"]
        let sectors = ["Xi măng", "Chè", "Lâm nghiệp", "Khoáng sản", "Môi trường đô thị", "Xây dựng", "Thương mại",
                       "Vận tải", "Thủy điện", "Giống cây trồng", "Dược phẩm", "May mặc"]
        let forms = ["Công ty Cổ phần", "Công ty TNHH MTV", "Công ty TNHH"]
        let name = index < named.count ? named[index] : "\(random.pick(forms)) \(random.pick(sectors)) \(place)"
        return Organisation(name: name, parts: ["Phòng Kỹ thuật", "Phòng Kinh doanh", "Phòng Tổ chức – Hành chính",
                                                "Phân xưởng sản xuất", "Đội thi công"])
    }

    static func military(_ index: Int, province: Province) -> Organisation {
        let names = ["Cơ quan Bộ Chỉ huy Quân sự \(province.adjective)", "Ban Chỉ huy Phòng thủ khu vực 1",
                     "Ban Chỉ huy Phòng thủ khu vực 2", "Tiểu đoàn bộ binh", "Bộ Chỉ huy Bộ đội Biên phòng \(province.adjective)"]
        return Organisation(name: part(names, index, fallback: "Ban Chỉ huy Phòng thủ khu vực"),
                            parts: ["Phòng Tham mưu", "Phòng Chính trị", "Phòng Hậu cần – Kỹ thuật", "Đại đội 1",
                                    "Đại đội 2", "Đại đội 3"])
    }

    static func police(_ index: Int, communes: [String]) -> Organisation {
        if index < communes.count { return Organisation(name: "Công an " + communes[index], parts: []) }
        let names = ["Phòng Tham mưu", "Phòng An ninh chính trị nội bộ", "Phòng Cảnh sát hình sự",
                     "Phòng Cảnh sát giao thông", "Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ",
                     "Phòng Cảnh sát kinh tế", "Phòng Quản lý hành chính về trật tự xã hội", "Trại tạm giam",
                     "Phòng Hậu cần"]
        return Organisation(name: part(names, index - communes.count, fallback: "Phòng nghiệp vụ"),
                            parts: ["Đội Tổng hợp", "Đội Nghiệp vụ 1", "Đội Nghiệp vụ 2", "Đội Điều tra"])
    }
}
