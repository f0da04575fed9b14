import Foundation
import ServiceKit
import Testing

/// compose.yaml names only what the services read: every variable is one the service's
/// definition reads, every port is the one it listens on, every data folder is a
/// declared volume, every key file a declared secret, every peer address a service of
/// the file on its port. (Its schema is checked by Tools/check-compose.sh; there is no
/// Docker engine to run it here.)
@Suite struct ComposeFileTests {
    let compose: ComposeFile

    init() throws { compose = try ComposeFile.load() }

    @Test func everyServiceOfTheSuiteRunsItsOwnExecutableAndIsCheckedBySotayHealth() throws {
        #expect(Set(compose.suiteServices.map(\.name)) == Set(ServiceName.allCases.map(\.rawValue)))
        for service in compose.suiteServices {
            #expect(service.command == ["sotay-\(service.name)"], "\(service.name): \(service.command)")
            #expect(service.healthCheck == ["CMD", "sotay", "health", service.name], "\(service.name): \(service.healthCheck)")
        }
    }

    @Test func everyEngineIsOneASuiteServiceIsToldToUse() {
        for engine in compose.engines {
            let users = compose.suiteServices.filter { service in
                service.environment.values.contains { $0.contains("@\(engine.name):") || $0.contains("//\(engine.name):") }
            }
            #expect(!users.isEmpty, "\(engine.name) is used by no service of the suite")
            #expect(users.allSatisfy { $0.dependsOn.contains(engine.name) }, "\(engine.name) must start first")
        }
    }

    @Test func everyVariableIsOneTheServiceReads() throws {
        for service in compose.suiteServices {
            let definition = try #require(ServiceName(rawValue: service.name).flatMap { SuiteDefinitions.all[$0] })
            let unread = Set(service.environment.keys).subtracting(definition.variablesRead)
            #expect(unread.isEmpty, "\(service.name) sets variables it never reads: \(unread.sorted())")
        }
    }

    @Test func everyPortIsTheOneTheServiceListensOn() throws {
        for service in compose.suiteServices {
            let listen = try #require(service.listen, "\(service.name) sets no SOTAY_LISTEN")
            #expect(service.ports.allSatisfy { $0.target == listen.port }, "\(service.name): \(service.ports) vs \(listen)")
        }
    }

    @Test func everyDataFolderIsADeclaredVolumeOfItsOwn() throws {
        var owners: [String: String] = [:]
        for service in compose.suiteServices {
            let folder = try #require(service.environment["SOTAY_DATA_DIR"], "\(service.name) sets no SOTAY_DATA_DIR")
            let mount = try #require(service.volumes.first { $0.path == folder }, "\(service.name): nothing mounted at \(folder)")
            #expect(compose.volumes.contains(mount.volume), "\(service.name): volume \(mount.volume) is not declared")
            #expect(owners.updateValue(service.name, forKey: mount.volume) == nil, "volume \(mount.volume) is shared")
        }
    }

    @Test func everyKeyFileIsADeclaredSecretTheServiceMounts() throws {
        for service in compose.suiteServices {
            for (variable, path) in service.environment where variable.hasSuffix("_FILE") {
                let prefix = "/run/secrets/"
                #expect(path.hasPrefix(prefix), "\(service.name): \(variable) is not a secret: \(path)")
                let secret = String(path.dropFirst(prefix.count))
                #expect(service.secrets.contains(secret), "\(service.name) does not mount the secret \(secret)")
                #expect(compose.secrets[secret] != nil, "secret \(secret) is not declared")
            }
        }
    }

    @Test func everyPeerAddressIsAServiceOfTheFileOnItsPort() throws {
        for service in compose.suiteServices {
            for peer in ServiceName.allCases {
                guard let value = service.environment[peer.addressVariable] else { continue }
                for address in value.split(separator: ",") {
                    let target = try #require(compose.services[peer.rawValue], "\(service.name): no service \(peer.rawValue)")
                    #expect(address == "\(peer.rawValue):\(target.listen?.port ?? -1)",
                            "\(service.name): \(peer.addressVariable) names \(address)")
                }
            }
        }
    }
}
