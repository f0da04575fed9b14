@testable import RPC
import Testing

@Suite struct SystemErrorTests {
    @Test func aFailureReportedWithoutErrnoDoesNotEndInSuccess() {
        let resolve = SystemError(operation: "resolve nowhere: Name or service not known", errno: 0)
        #expect(resolve.description == "resolve nowhere: Name or service not known")
        #expect(SystemError(operation: "bind", errno: 98).description == "bind: Address already in use")
    }
}
