import Foundation
import Testing

/// Reviewed files beside a test (route table, page and document snapshots): the test fails with the first differing
/// line when the output changes; `UNIONDESK_RECORD=1 swift test --filter …` writes the new output for review in the diff.
enum Golden {
    static func check(_ actual: String, _ name: String, near file: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("__golden__").appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["UNIONDESK_RECORD"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        guard actual != expected else { return }
        let (a, e) = (actual.components(separatedBy: "\n"), expected.components(separatedBy: "\n"))
        let line = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
        Issue.record(
            "\(name) differs at line \(line + 1): expected «\(line < e.count ? e[line] : "(end)")», got «\(line < a.count ? a[line] : "(end)")» (UNIONDESK_RECORD=1 to accept)",
            sourceLocation: sourceLocation)
    }
}
