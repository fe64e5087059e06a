import Domain
import Fluent
import Testing
import Vapor
import VaporTesting

@testable import App

extension AppTests {
    @Suite("Snapshots of what people review") struct SnapshotTests {
        /// The pages and documents cadres read and sign, from the demo on the test clock's day (2026-11-19), compared
        /// with the reviewed copies in `__golden__/` (the CSRF token, the one value that changes per session, masked).
        @Test("the demo's work summary (Markdown and page), dashboard, relief application and petition pages")
        func reviewedOutputs() async throws {
            try await withApp { app, _ in
                _ = try #require(try await DemoTownship.loadIfEmpty(app))
                let root = try #require(try await Organization.query(on: app.db).filter(\.$name == "示例镇总工会").first())
                let cadre = try await Client.session(app, try await World.user(app, "cadre", role: .federationStaff, org: root))
                let org = try root.requireID()
                let application = try #require(try await ReliefApplication.query(on: app.db).filter(\.$state == "paid").sort(\.$id).first())
                let petition = try #require(try await Petition.query(on: app.db).sort(\.$id).first())
                for (name, path) in [
                    ("summary-2026.md", "/reports/summary/md?orgId=\(org)&year=2026"),
                    ("summary-2026-page.html", "/reports/summary?orgId=\(org)&year=2026"),
                    ("dashboard-2026.html", "/dashboard?orgId=\(org)&year=2026"),
                    ("relief-application.html", SiteURL.reliefApplication(try application.requireID()).path),
                    ("petition.html", SiteURL.petition(try petition.requireID()).path),
                ] {
                    let response = try await cadre.get(path)
                    #expect(response.status == .ok, "\(path)")
                    let masked = response.text.replacing(/name="_csrf" value="[^"]*"/, with: #"name="_csrf" value="…""#)
                        .replacing(/<meta name="csrf-token" content="[^"]*"/, with: #"<meta name="csrf-token" content="…""#)
                    try Golden.check(masked, name, near: #filePath)
                }
            }
        }
    }
}
