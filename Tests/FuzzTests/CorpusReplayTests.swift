import Foundation
import FuzzTargets
import Testing

/// Every input of the committed corpus (the inputs that once stopped the server among them) through its fuzz target,
/// on every test run: none may trap, and no invariant may break.
@Suite("Fuzz corpus replay") struct CorpusReplayTests {
    static func corpus(_ target: FuzzTarget) -> [URL] {
        guard let dir = Bundle.module.url(forResource: "Corpus/" + target.rawValue, withExtension: nil) else { return [] }
        return ((try? FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)) ?? [])
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    @Test("each target's corpus replays cleanly", arguments: FuzzTarget.allCases)
    func replay(_ target: FuzzTarget) throws {
        let files = Self.corpus(target)
        #expect(files.count >= 4, "\(target.rawValue) has a seed corpus")
        for file in files {
            let broken = target.run(try Data(contentsOf: file))
            #expect(broken.isEmpty, "\(target.rawValue)/\(file.lastPathComponent): \(broken)")
        }
    }

    @Test("the inputs that stopped the server are in the corpus")
    func crashesKept() {
        let names = FuzzTarget.allCases.flatMap { Self.corpus($0).map(\.lastPathComponent) }
        for crash in ["crash-20-digit-year", "crash-year-9999", "crash-date-in-roster"] { #expect(names.contains(crash)) }
    }
}
