import Testing
@testable import ServiceKit

@Suite struct MetricsTests {
    @Test func countsAndHistogramsRenderAsPrometheusText() {
        let metrics = MethodMetrics()
        metrics.record(method: "/sotay.org.v1.OrgService/GetUnit", code: "OK", seconds: 0.0004)
        metrics.record(method: "/sotay.org.v1.OrgService/GetUnit", code: "OK", seconds: 0.003)
        metrics.record(method: "/sotay.org.v1.OrgService/GetUnit", code: "NOT_FOUND", seconds: 0.02)
        let text = metrics.prometheusText(service: "org")
        #expect(text.contains(#"sotay_rpc_calls_total{code="OK",method="/sotay.org.v1.OrgService/GetUnit",service="org"} 2"#))
        #expect(text.contains(#"sotay_rpc_calls_total{code="NOT_FOUND",method="/sotay.org.v1.OrgService/GetUnit",service="org"} 1"#))
        #expect(text.contains(#"sotay_rpc_latency_seconds_bucket{le="0.0005",method="/sotay.org.v1.OrgService/GetUnit",service="org"} 1"#))
        #expect(text.contains(#"sotay_rpc_latency_seconds_bucket{le="0.005",method="/sotay.org.v1.OrgService/GetUnit",service="org"} 2"#))
        #expect(text.contains(#"sotay_rpc_latency_seconds_bucket{le="+Inf",method="/sotay.org.v1.OrgService/GetUnit",service="org"} 3"#))
        #expect(text.contains(#"sotay_rpc_latency_seconds_count{method="/sotay.org.v1.OrgService/GetUnit",service="org"} 3"#))
    }
}
