import Foundation
import ServiceKit
import Testing

@Suite struct KeyFilePermissionsTests {
    @Test func aKeyFileOthersCanReadIsWarnedAboutByVariableAndMode() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sotay-key-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        try "k1 AAAA\n".write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        let warning = try #require(KeyFilePermissions.warning(path: file.path, variable: "SOTAY_TOKEN_KEY_FILE"))
        #expect(warning.hasPrefix("SOTAY_TOKEN_KEY_FILE:") && warning.contains("644"))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        #expect(KeyFilePermissions.warning(path: file.path, variable: "SOTAY_TOKEN_KEY_FILE") == nil)
    }
}
