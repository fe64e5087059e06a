import Domain
import Vapor

/// 预警中心: every module's deadlines and notices in one list, most pressing first.
struct AlertsModule: UnionModule {
    let name = "预警中心"
    let permissions: [Permission] = []
    let navigation = [NavEntry(label: "预警中心", url: .alerts, permission: .signedIn)]

    func routes(_ app: Application) throws {
        try app.register(collection: AlertController())
    }
}

// MARK: URLs

extension SiteURL {
    static let alerts = SiteURL("/alerts")
}
extension SiteURL.API {
    static let alerts = SiteURL.API("/alerts")
}
