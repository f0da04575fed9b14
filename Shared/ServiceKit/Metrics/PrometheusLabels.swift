/// Renders a Prometheus label set: `{a="x",b="y"}` with keys sorted and values escaped.
enum PrometheusLabels {
    static func render(_ labels: [String: String]) -> String {
        let pairs = labels.keys.sorted().map { key in
            "\(key)=\"\(escape(labels[key] ?? ""))\""
        }
        return "{" + pairs.joined(separator: ",") + "}"
    }

    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
