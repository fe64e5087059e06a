import Foundation
import Fluent
import Logging
import NIOConcurrencyHelpers
import Testing
import Vapor
import VaporTesting

@testable import App

/// The root of every database-backed suite: serialized, because on PostgreSQL they share one database.
@Suite(.serialized) struct AppTests {}

/// A clock the test moves by hand.
final class TestClock: Sendable {
    private let box = NIOLockedValueBox(Date(timeIntervalSince1970: 1_795_000_000))  // 2026-11-18 19:06 in Asia/Shanghai
    var now: Date { box.withLockedValue { $0 } }
    func advance(_ seconds: TimeInterval) { box.withLockedValue { $0 += seconds } }
}

/// Every log line written during the run, for the log scan.
enum CapturedLogs {
    static let lines = NIOLockedValueBox<[String]>([])
    static let bootstrap: Void = {
        LoggingSystem.bootstrap { label in CapturingLogHandler(label: label) }
    }()
}

struct CapturingLogHandler: LogHandler {
    let label: String
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        CapturedLogs.lines.withLockedValue {
            $0.append("\(event.level) \(label) \(event.message) \(all) \(event.error.map { "\($0)" } ?? "")")
        }
    }
}

/// Builds the app the way `serve` does, migrated, on in-memory SQLite or on `DATABASE_URL` (with every module unless
/// a test leaves one out).
func withApp(modules: [any UnionModule] = Modules.all, _ body: (Application, TestClock) async throws -> Void) async throws {
    _ = CapturedLogs.bootstrap
    let app = try await Application.make(.testing)
    let clock = TestClock()
    do {
        try await configure(app, modules: modules)
        app.clock = AppClock(now: { clock.now })
        try await app.autoRevertIfPostgres()
        try await app.autoMigrate()
        try await body(app, clock)
        try await app.autoRevert()
    } catch {
        try? await app.autoRevert()
        try await app.asyncShutdown()
        throw error
    }
    try await app.asyncShutdown()
}

/// `withApp` on a database file in WAL mode instead of memory (on PostgreSQL the same server), for tests of concurrent
/// writers: an in-memory SQLite database is one connection, so nothing would race.
func withFileApp(_ body: (Application, TestClock) async throws -> Void) async throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ud-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    setenv("UNIONDESK_DB", dir.appendingPathComponent("t.sqlite").path, 1)
    defer { unsetenv("UNIONDESK_DB") }
    try await withApp { app, clock in
        if !app.db.isPostgres { try await app.db.sql.raw("PRAGMA journal_mode=WAL").run() }
        try await body(app, clock)
    }
}

extension Application {
    /// A run that crashed earlier may have left tables behind in the shared PostgreSQL database.
    func autoRevertIfPostgres() async throws {
        if db.isPostgres { try? await autoRevert() }
    }
}

var isPostgres: Bool { Environment.get("DATABASE_URL").map { !$0.isEmpty } ?? false }
