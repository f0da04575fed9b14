import OrgContracts
import RPC

/// Imports through the real RPC, from CSV text without quoting (the server's tests do
/// not need the CLI's reader): line 1 is the header, each later line a row.
extension OrgHarness {
    func stageImport(_ kind: ImportKind, _ csv: String, as options: CallOptions? = nil) async throws -> String {
        let options = try options ?? asOperator
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var start = StartImportRequest()
        start.kind = kind
        start.columns = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        start.sourceName = kind == .units ? "units.csv" : "members.csv"
        let importID = try await org.startImport(start, options: options).importID
        var add = AddImportRowsRequest()
        add.importID = importID
        add.rows = lines.enumerated().dropFirst().map { index, line in
            var row = ImportRow()
            row.line = Int32(index + 1)
            row.values = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return row
        }
        _ = try await org.addImportRows(add, options: options)
        return importID
    }

    func planImport(_ importID: String, detailLimit: Int32 = 0) async throws -> ImportReport {
        var request = PlanImportRequest()
        request.importID = importID
        request.detailLimit = detailLimit
        return try await org.planImport(request, options: try asOperator)
    }

    func applyImport(_ importID: String) async throws -> ImportReport {
        var request = ApplyImportRequest()
        request.importID = importID
        return try await org.applyImport(request, options: try asOperator)
    }

    /// Stages, plans and applies a file that must be clean.
    @discardableResult
    func importFile(_ kind: ImportKind, _ csv: String) async throws -> ImportReport {
        try await applyImport(try await stageImport(kind, csv))
    }

    func counts(of unitID: String) async throws -> SubtreeCounts {
        var request = GetSubtreeCountsRequest()
        request.unitID = unitID
        return try await org.getSubtreeCounts(request, options: try asOperator)
    }

    /// Every active unit (test trees are small: one page).
    func activeUnits() async throws -> [OrgUnit] {
        var snapshot = GetTreeSnapshotRequest()
        snapshot.pageSize = 10_000
        return try await org.getTreeSnapshot(snapshot, options: try asOperator).units.filter { $0.state == .active }
    }

    func rootUnit() async throws -> OrgUnit {
        try await activeUnits().first { $0.parentID.isEmpty } ?? OrgUnit()
    }

    func unit(code: String) async throws -> OrgUnit? {
        try await activeUnits().first { $0.code == code }
    }

    func member(named name: String) async throws -> MemberSummary? {
        let root = try await rootUnit()
        var request = SearchMembersRequest()
        request.query = name
        request.withinUnitID = root.id
        return try await org.searchMembers(request, options: try asAdmin(of: root.id)).members.first { $0.fullName == name }
    }
}

/// The registry export the import tests start from: a province with a commune of two
/// village cells and a bloc with a school committee and its cell, rows out of order
/// (children before their parents).
enum RegistryExport {
    static let units = """
        code,name,kind,cell_type,parent_code
        KH-01,Chi bộ thôn Khe Hóp,cell,village_residential,XKH
        YB,Đảng bộ tỉnh Yên Bái,committee,,
        XKH,Đảng bộ xã Khe Hóp,committee,,YB
        KH-02,Chi bộ thôn Bản Mù,cell,village_residential,XKH
        CDSP-TN,Chi bộ Khoa Tự nhiên,cell,public_service_unit,CDSP
        KCQ,Đảng bộ Khối cơ quan tỉnh,committee,,YB
        CDSP,Đảng bộ Trường Cao đẳng Sư phạm,grassroots_committee,,KCQ
        """

    static let memberHeader = "card_number,full_name,birth_date,gender,citizen_id,phone,email,unit_code,status,admitted_on,official_on"

    static let members = """
        \(memberHeader)
        YB-0001,Nguyễn Thị Hồng,1985-03-02,female,015185000001,0912 000 001,,KH-01,probationary,2024-05-19,
        YB-0002,Đặng Văn Lâm,1979-11-30,male,,0912 000 002,lam@example.vn,KH-01,official,2001-02-03,2002-02-03
        YB-0003,Triệu Thị Mai,1990-01-15,female,,,,KH-02,exempt,2010-06-01,2011-06-01
        YB-0004,Hoàng Văn Phúc,1970-07-07,male,,,,CDSP-TN,official,1995-01-01,1996-01-01
        """
}
