import Fluent
import Vapor

/// Removes rows that can no longer matter: sessions past their idle or absolute lifetime (they are also
/// refused when presented), and failed sign-ins older than the lockout needs. Run by the server's worker loop.
enum Housekeeping {
    static func purge(_ app: Application) async throws {
        let now = app.clock.now()
        let session = app.config.session
        let lockout = app.config.lockout
        try await UserSession.query(on: app.db).group(.or) {
            $0.filter(\.$lastSeenAt < now.addingTimeInterval(-session.idle)).filter(
                \.$createdAt < now.addingTimeInterval(-session.absolute))
        }.delete()
        try await LoginFailure.query(on: app.db).filter(\.$at < now.addingTimeInterval(-(lockout.window + lockout.lockFor))).delete()
    }
}
