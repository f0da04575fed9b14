import Foundation
import OrgContracts
@testable import OperatorCLI
import OrgService
import RPC
import ServiceKit
import Testing

/// What trying the suite as a new user found in `sotay`, each fixed and kept fixed.
@Suite struct OperatorCLITests {
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sotay-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func aSecondSuiteOnTheSameDataFolderIsRefusedWhileTheFirstRuns() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var first: SuiteLock? = try SuiteLock(dataFolder: folder, services: [])
        #expect {
            _ = try SuiteLock(dataFolder: folder, services: [])
        } throws: { error in
            "\(error)".contains("already running") && "\(error)".contains("pid \(getpid())")
        }
        withExtendedLifetime(first) {}
        first = nil
        // Free once the first lock is gone. Another test of this process may be
        // starting a child at this moment: until the child's exec, it shares the
        // descriptor (and so the lock), so the lock is waited for, briefly.
        var again: SuiteLock?
        for _ in 0..<500 where again == nil {
            again = try? SuiteLock(dataFolder: folder, services: [])
            if again == nil { usleep(10_000) }
        }
        #expect(again != nil)
    }

    @Test func aPortAServiceListensOnIsNotFree() async throws {
        try await OrgHarness.with { harness in
            #expect(!SuiteLock.portIsFree(harness.running.port))
        }
    }

    @Test func aServiceLogIsAppendedToEvenWhenSomeoneElseWroteToItMeanwhile() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appendingPathComponent("org.log")
        let trigger = folder.appendingPathComponent("go")
        let script = folder.appendingPathComponent("service.sh")
        try "#!/bin/sh\necho started\nwhile [ ! -e \"$TRIGGER\" ]; do sleep 0.05; done\necho stopped\n"
            .write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        try "an earlier run\n".write(to: log, atomically: true, encoding: .utf8)
        let launch = ServiceLaunch(service: .org, executable: script, listen: "", environment: ["TRIGGER": trigger.path],
                                   logPath: log.path)
        let process = ServiceProcess(launch, onExit: { _, _ in })
        try process.start()
        // Another writer (a second `sotay up` refused) appends while the first runs.
        let other = try FileHandle(forWritingTo: log)
        other.seekToEndOfFile()
        other.write(Data("Address already in use\n".utf8))
        try other.close()
        #expect(FileManager.default.createFile(atPath: trigger.path, contents: nil))
        #expect(await process.waitForExit() == 0)
        let text = try String(contentsOf: log, encoding: .utf8)
        #expect(text.hasPrefix("an earlier run\n"))
        #expect(text.contains("Address already in use\n"), "the other writer's line is not overwritten")
        #expect(text.hasSuffix("stopped\n"))
    }

    @Test(arguments: [
        (["SOTAY_LISTEN": "nonsense"], "SOTAY_LISTEN"),
        (["SOTAY_LOG_LEVEL": "loud"], "SOTAY_LOG_LEVEL"),
        (["SOTAY_AUTH_ADDR": "here"], "SOTAY_AUTH_ADDR"),
    ])
    func upRefusesAnEnvironmentItCannotHonourWithStatus78(variables: [String: String], variable: String) {
        let supervisor = Supervisor(binaryFolder: URL(fileURLWithPath: "/nonexistent"),
                                    dataFolder: URL(fileURLWithPath: "/nonexistent"), environment: variables)
        #expect {
            try supervisor.checkEnvironment(for: [.org, .auth])
        } throws: { error in
            (error as? CLIError)?.exitCode == 78 && "\(error)".hasPrefix(variable)
        }
    }

    @Test func orgWithoutItsDataKeyFileRefusesToStartWithStatus78() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let tokenKey = folder.appendingPathComponent("token.key")
        try (try TokenKeyRing.newKeyLine(id: "k1") + "\n").write(to: tokenKey, atomically: true, encoding: .utf8)
        await #expect {
            _ = try await ServiceMain.start(OrgServiceDefinition.definition, environment: [
                "SOTAY_LISTEN": "127.0.0.1:0", "SOTAY_DATA_DIR": folder.appendingPathComponent("org").path,
                "SOTAY_TOKEN_KEY_FILE": tokenKey.path,
                "SOTAY_ORG_DATA_KEY_FILE": folder.appendingPathComponent("missing.key").path,
            ])
        } throws: { error in
            let failure = error as? ServiceStartError
            return failure?.exitStatus == 78 && failure?.description.contains("SOTAY_ORG_DATA_KEY_FILE") == true
        }
    }

    @Test func anEmptyOutboxIsNotAFailure() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try OutboxCommand(["--data", folder.path]).run() == 0)
    }

    @Test func staffLookUpUnitsMembersAndCountsFromTheCommandLine() async throws {
        try await OrgHarness.with { harness in
            let tree = try await harness.smallTree()
            let admin = try harness.asAdmin(of: tree.province.id)
            let member = try await harness.createMember("Đỗ Thị Mai Giang", card: "YB-77", in: tree.cellA.id, as: admin)
            let environment = OperatorEnvironment(variables: [
                "SOTAY_TLS": "off",  // The harness's org serves plain TCP.
                "SOTAY_ORG_ADDR": "127.0.0.1:\(harness.running.port)",
                "SOTAY_TOKEN_KEY_FILE": harness.folder.appendingPathComponent("token.key").path,
            ])
            // Without a session: an operator token, which reads the tree but no member.
            var nobody = AppSession()
            nobody.file = harness.folder.appendingPathComponent("no-session.txt")
            func run(_ arguments: [String], as session: AppSession) async throws -> String {
                try await StaffCommands(arguments: arguments, environment: environment, session: session).output()
            }
            let units = try await run(["units", "list"], as: nobody)
            #expect(units.hasPrefix("\(tree.province.id)  Đảng bộ tỉnh Yên Bái") && units.contains("\n\(tree.cellA.id)      Chi bộ thôn Khe Hóp  ["))
            #expect(try await run(["search", "units", "khe hop", "--ids"], as: nobody)
                    == "\(tree.commune.id)\n\(tree.cellA.id)\n")
            #expect(try await run(["counts", tree.commune.id], as: nobody).contains("members 1: 1 official"))
            await #expect {
                _ = try await run(["search", "members", "giang"], as: nobody)
            } throws: { "\($0)".contains("org:") }

            // A staff member logged in with `sotay app`: their grants.
            var staff = AppSession()
            staff.file = harness.folder.appendingPathComponent("session.txt")
            try "member=admin-1\naccess=\(try #require(admin.metadata[MetadataKey.authorization]).dropFirst("Bearer ".count))\n"
                .write(to: staff.file, atomically: true, encoding: .utf8)
            #expect(try await run(["search", "members", "d mai", "--unit", tree.commune.id], as: staff)
                    == "\(member.id)  Đỗ Thị Mai Giang  born 1980  official  unit \(tree.cellA.id)\n")
            let shown = try await run(["member", "show", member.id], as: staff)
            #expect(shown.contains("full name    Đỗ Thị Mai Giang") && shown.contains("Chi bộ thôn Khe Hóp"))
            #expect(try await run(["search", "members", "nobody"], as: staff) == "no member found\n")
        }
    }
}
