import Foundation
import RPC
import ServiceKit

/// compose.yaml as `Tools/check-compose.sh` leaves it in `.build/compose.json`: checked
/// against the Compose Specification's schema, with anchors and merge keys resolved.
struct ComposeFile {
    struct Service {
        let name: String
        let command: [String]
        let environment: [String: String]
        /// `HOST:CONTAINER` port pairs; a scaled service publishes a range of host ports.
        let ports: [(published: ClosedRange<Int>, target: Int)]
        /// `VOLUME:PATH` mounts.
        let volumes: [(volume: String, path: String)]
        let secrets: [String]
        let dependsOn: [String]
        /// What the engine runs to see whether the container is healthy.
        let healthCheck: [String]
        /// The `host:port` it listens on inside its container.
        var listen: HostPort? { environment["SOTAY_LISTEN"].flatMap(HostPort.init) }
    }

    let services: [String: Service]
    /// The suite's own services (those named like a `ServiceName`); the others are the
    /// engines they use (PostgreSQL).
    var suiteServices: [Service] { services.values.filter { ServiceName(rawValue: $0.name) != nil } }
    var engines: [Service] { services.values.filter { ServiceName(rawValue: $0.name) == nil } }
    let volumes: Set<String>
    let secrets: [String: String]

    /// The repository's folder: three levels above this file.
    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static func load() throws -> ComposeFile {
        let file = repository.appendingPathComponent(".build/compose.json")
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw ComposeError("\(file.path) is missing: run Tools/check-compose.sh (Tools/test.sh runs it)")
        }
        guard let document = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let services = document["services"] as? [String: [String: Any]] else {
            throw ComposeError("compose.json has no services")
        }
        return ComposeFile(
            services: try services.reduce(into: [:]) { result, entry in result[entry.key] = try service(entry.key, entry.value) },
            volumes: Set((document["volumes"] as? [String: Any])?.keys.map { $0 } ?? []),
            secrets: ((document["secrets"] as? [String: [String: Any]]) ?? [:]).compactMapValues { $0["file"] as? String })
    }

    private static func service(_ name: String, _ fields: [String: Any]) throws -> Service {
        let command: [String] = switch fields["command"] {
        case let list as [String]: list
        case let line as String: line.split(separator: " ").map(String.init)
        default: []
        }
        let environment = ((fields["environment"] as? [String: Any]) ?? [:]).mapValues { "\($0)" }
        let ports = try ((fields["ports"] as? [String]) ?? []).map { text in
            let parts = text.split(separator: ":")
            let published = parts.first?.split(separator: "-").compactMap { Int($0) } ?? []
            guard parts.count == 2, let target = Int(parts[1]), let low = published.first, let high = published.last,
                  (1...2).contains(published.count), low <= high else {
                throw ComposeError("\(name): port \(text) is not HOST:CONTAINER or LOW-HIGH:CONTAINER")
            }
            return (published: low...high, target: target)
        }
        let volumes = try ((fields["volumes"] as? [String]) ?? []).map { text in
            let parts = text.split(separator: ":").map(String.init)
            guard parts.count >= 2 else { throw ComposeError("\(name): volume \(text) is not VOLUME:PATH") }
            return (volume: parts[0], path: parts[1])
        }
        let dependsOn: [String] = switch fields["depends_on"] {
        case let list as [String]: list
        case let map as [String: Any]: Array(map.keys)
        default: []
        }
        return Service(name: name, command: command, environment: environment, ports: ports, volumes: volumes,
                       secrets: (fields["secrets"] as? [String]) ?? [], dependsOn: dependsOn,
                       healthCheck: ((fields["healthcheck"] as? [String: Any])?["test"] as? [String]) ?? [])
    }
}

struct ComposeError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
