import Domain
import Vapor

/// 操作日志: the administrator's page over the append-only audit log.
struct AuditModule: UnionModule {
    let name = "操作日志"
    let permissions: [Permission] = []
    let navigation = [NavEntry(label: "操作日志", url: .audit, permission: .auditRead)]

    func routes(_ app: Application) throws {
        try app.register(collection: AuditController())
    }
}
