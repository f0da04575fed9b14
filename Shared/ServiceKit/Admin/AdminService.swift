import AdminContracts
import Foundation
import RPC
import Store

/// `sotay.admin.v1.Admin`, served by every service: metrics for scraping, an online
/// backup and an integrity check of the service's database. Operators only.
struct AdminService: AdminHandler {
    let service: ServiceName
    let metricsRegistry: MethodMetrics
    let database: Database

    func metrics(_ request: MetricsRequest, context: CallContext) async throws -> MetricsResponse {
        try requireOperator(context)
        var response = MetricsResponse()
        response.prometheusText = metricsRegistry.prometheusText(service: service.rawValue)
        return response
    }

    func backup(_ request: BackupRequest, context: CallContext) async throws -> BackupResponse {
        try requireOperator(context)
        let path = request.path
        guard path.hasPrefix("/") else {
            throw RPCError.invalidArgument(field: "path", "must be an absolute path")
        }
        guard !FileManager.default.fileExists(atPath: path) else {
            throw RPCError.invalidArgument(field: "path", "a file already exists there; choose a new name")
        }
        var isFolder: ObjCBool = false
        let folder = (path as NSString).deletingLastPathComponent
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw RPCError.invalidArgument(field: "path", "its folder does not exist")
        }
        let started = ContinuousClock.now
        try await database.backup(to: path)
        var response = BackupResponse()
        response.path = path
        response.sizeBytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0
        response.durationMS = Int64((ContinuousClock.now - started) / .milliseconds(1))
        return response
    }

    func integrityCheck(_ request: IntegrityCheckRequest, context: CallContext) async throws -> IntegrityCheckResponse {
        try requireOperator(context)
        var response = IntegrityCheckResponse()
        response.problems = try await database.integrityCheck()
        return response
    }

    private func requireOperator(_ context: CallContext) throws {
        guard try context.requireCaller().isOperator else {
            throw RPCError(.permissionDenied, "admin calls need the operator role")
        }
    }
}
