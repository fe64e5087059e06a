import Domain
import Vapor

/// 操作日志: the administrator's page over the append-only audit log. Last in the list, it also carries the menu entry of
/// the user pages (served by the core), so the administrator's two pages end the menu together.
struct AuditModule: UnionModule {
    let name = "操作日志"
    let permissions: [Permission] = []
    let navigation = [
        NavEntry(label: "用户", url: .users, permission: .userAdmin), NavEntry(label: "操作日志", url: .audit, permission: .auditRead),
    ]

    func routes(_ app: Application) throws {
        try app.register(collection: AuditController())
    }
}
