import Foundation
@testable import OperatorCLI
import Testing

/// The HTML report as a browser shows it: headless Chromium (Debian's `chromium`,
/// installed by Tools/test.sh) parses it into the DOM we drew and paints it. With
/// `SOTAY_REPORT_SCREENSHOT=FILE.png` the screenshot is kept there for a look by eye
/// (docs/operations.md, "The monthly report").
@Suite struct ChromiumRenderTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test func chromiumParsesEveryChartAndPaintsMoreThanABlankPage() throws {
        let browser = try #require(Self.chromium, "chromium is not installed (Tools/test.sh installs it)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sotay-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("report.html")
        try ReportFixture.report.html().write(to: report, atomically: true, encoding: .utf8)
        let blank = folder.appendingPathComponent("blank.html")
        try "<!doctype html><html><body></body></html>".write(to: blank, atomically: true, encoding: .utf8)

        let dom = try run(browser, ["--dump-dom", report.absoluteString])
        // Eight shares, one chart each, a bar pair and two labels per subordinate unit.
        #expect(dom.components(separatedBy: "<svg").count - 1 == 8)
        #expect(dom.components(separatedBy: "<rect").count - 1 == 8 * 3 * 2)
        #expect(dom.contains("Huyện ủy Mù Cang Chải") && !dom.contains("<script>alert"))

        let reportShot = folder.appendingPathComponent("report.png")
        let blankShot = folder.appendingPathComponent("blank.png")
        _ = try run(browser, ["--screenshot=\(reportShot.path)", "--window-size=1280,1400", report.absoluteString])
        _ = try run(browser, ["--screenshot=\(blankShot.path)", "--window-size=1280,1400", blank.absoluteString])
        let painted = try Data(contentsOf: reportShot), empty = try Data(contentsOf: blankShot)
        #expect(painted.starts(with: [0x89, 0x50, 0x4E, 0x47]))  // a PNG
        // Text and bars compress far worse than a white page of the same size.
        #expect(painted.count > 4 * empty.count, "report \(painted.count) bytes, blank \(empty.count)")
        if let keep = ProcessInfo.processInfo.environment["SOTAY_REPORT_SCREENSHOT"] {
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(at: reportShot, to: URL(fileURLWithPath: keep))
        }
    }

    /// Runs headless Chromium and returns what it printed; root needs --no-sandbox.
    private func run(_ browser: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                             "--user-data-dir=\(FileManager.default.temporaryDirectory.path)/sotay-chromium-\(getpid())"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "chromium exited \(process.terminationStatus)")
        return String(decoding: data, as: UTF8.self)
    }
}
