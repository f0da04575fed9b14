import OrgContracts
import RPC

extension OrgHandlers {
    func startImport(_ request: StartImportRequest, context: CallContext) async throws -> StartImportResponse {
        throw RPCError(.unimplemented, "imports are being built")
    }
    func addImportRows(_ request: AddImportRowsRequest, context: CallContext) async throws -> AddImportRowsResponse {
        throw RPCError(.unimplemented, "imports are being built")
    }
    func planImport(_ request: PlanImportRequest, context: CallContext) async throws -> ImportReport {
        throw RPCError(.unimplemented, "imports are being built")
    }
    func applyImport(_ request: ApplyImportRequest, context: CallContext) async throws -> ImportReport {
        throw RPCError(.unimplemented, "imports are being built")
    }
}
