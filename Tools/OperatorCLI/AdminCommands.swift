import AdminContracts
import AuthContracts
import Foundation
import RPC
import ServiceKit

/// `sotay health`, `metrics`, `backup` and `check`: one call each to running services.
struct AdminCommands {
    let environment: OperatorEnvironment

    /// Prints each service's health (by default, every service built beside this
    /// program, or all six when none is); fails when any is not SERVING.
    func health(_ names: [String]) async throws -> Int32 {
        let built = Supervisor.builtServices(in: Supervisor.ownFolder).map(\.0)
        let services = names.isEmpty ? (built.isEmpty ? ServiceName.allCases : built)
            : try names.map(environment.service(named:))
        var allServing = true
        for service in services {
            let channel = try environment.channel(to: service)
            let answer = await HealthProbe.check(channel)
            channel.close()
            allServing = allServing && answer == .serving
            print("\(service.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0))"
                  + "\(try environment.address(of: service).description.padding(toLength: 17, withPad: " ", startingAt: 0)) \(answer)")
        }
        return allServing ? 0 : 1
    }

    func metrics(_ name: String) async throws -> Int32 {
        let response = try await withAdmin(name) { admin, options in
            try await admin.metrics(MetricsRequest(), options: options)
        }
        print(response.prometheusText, terminator: "")
        return 0
    }

    func backup(_ name: String, to file: String) async throws -> Int32 {
        var request = BackupRequest()
        request.path = URL(fileURLWithPath: file).standardizedFileURL.path
        let response = try await withAdmin(name, timeout: .seconds(3600)) { admin, options in
            try await admin.backup(request, options: options)
        }
        print("backed up \(name) to \(response.path): \(response.sizeBytes) bytes in \(response.durationMS) ms")
        return 0
    }

    func check(_ name: String) async throws -> Int32 {
        let response = try await withAdmin(name, timeout: .seconds(3600)) { admin, options in
            try await admin.integrityCheck(IntegrityCheckRequest(), options: options)
        }
        if response.problems.isEmpty {
            print("\(name): integrity check ok")
            return 0
        }
        print("\(name): \(response.problems.count) problem(s):")
        for problem in response.problems { print("  \(problem)") }
        return 1
    }

    private func withAdmin<Response>(
        _ name: String, timeout: Duration = .seconds(10),
        _ body: (AdminClient, CallOptions) async throws -> Response
    ) async throws -> Response {
        let service = try environment.service(named: name)
        let channel = try environment.channel(to: service)
        defer { channel.close() }
        let options = CallOptions(timeout: timeout, metadata: try OperatorToken.metadata(keyFile: environment.tokenKeyFile))
        do {
            return try await body(AdminClient(channel: channel), options)
        } catch let error as RPCError {
            throw CLIError(description: "\(name): \(error)")
        }
    }
}

extension AdminCommands {
    /// `sotay appoint-admin MEMBER_ID UNIT_ID`: the operator appoints a unit's first
    /// administrator (the member needs an account); administrators grant the rest.
    func appointAdministrator(memberID: String, unitID: String) async throws -> Int32 {
        let channel = try environment.channel(to: .auth)
        defer { channel.close() }
        var request = GrantRoleRequest()
        request.memberID = memberID
        request.role = .administrator
        request.unitID = unitID
        request.reason = "appointed by the operator"
        let options = CallOptions(metadata: try OperatorToken.metadata(keyFile: environment.tokenKeyFile))
        do {
            let grants = try await AuthServiceClient(channel: channel).grantRole(request, options: options)
            print("\(memberID) now holds: " + grants.grants.map { "\($0.role) on \($0.unitID)" }.joined(separator: ", "))
            return 0
        } catch let error as RPCError {
            throw CLIError(description: "auth: \(error)")
        }
    }
}
