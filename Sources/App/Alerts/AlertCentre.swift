import Domain
import Fluent
import Vapor

/// One item of the alert centre (预警中心): a deadline approaching or missed, or a duty not done, in any module.
struct AlertItem: Content, Sendable {
    enum Severity: String, Codable, Sendable, CaseIterable, Comparable {
        case overdue, dueSoon, notice

        var label: String {
            switch self {
            case .overdue: "逾期"
            case .dueSoon: "即将到期"
            case .notice: "提醒"
            }
        }

        private var rank: Int {
            switch self {
            case .overdue: 0
            case .dueSoon: 1
            case .notice: 2
            }
        }

        static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    /// The source module's code (`petitions`, `relief`, `organizations` …).
    var module: String
    /// The alert's code within the module and its label (`petition.overdue`, 已逾期).
    var kind: String
    var label: String
    var severity: Severity
    /// What the alert is about, masked (`XF2026-0003 张** 欠薪`).
    var subject: String
    var orgName: String
    var due: String?
    /// Days left until `due` (negative: days late).
    var daysLeft: Int?
    var url: String
    /// The users this alert is theirs to act on (a petition's A handler, or B while A is away); empty for everyone.
    var handlerIds: [Int] = []
}

/// What one source is asked for: the caller's subtree on a day, optionally one handler's items only.
struct AlertQuery: Sendable {
    var scope: Scope
    var today: CalendarDate
    var handler: Int?
    /// At most this many items per source (the count per kind is still complete).
    var limit = 500
}

/// A module that feeds the alert centre. Each module registers one source; the centre never knows their rules.
protocol AlertSource: Sendable {
    var module: String { get }
    var label: String { get }
    /// The alert kinds this source raises, `(code, label)`, for the centre's filters.
    var kinds: [(code: String, label: String)] { get }
    func alerts(_ q: AlertQuery, on db: any Database) async throws -> [AlertItem]
}

enum AlertCentre {
    struct Result: Content, Sendable {
        struct Count: Content, Sendable {
            var module: String
            var kind: String
            var label: String
            var count: Int
        }

        var items: [AlertItem]
        var counts: [Count]
    }

    /// Every source's alerts, most pressing first (overdue before due soon before notices; fewest days left first).
    static func collect(
        _ q: AlertQuery, sources: [any AlertSource], module: String? = nil, severity: AlertItem.Severity? = nil, on db: any Database
    ) async throws -> Result {
        var items: [AlertItem] = []
        for s in sources where module == nil || s.module == module {
            items += try await s.alerts(q, on: db)
        }
        if let h = q.handler { items = items.filter { $0.handlerIds.isEmpty || $0.handlerIds.contains(h) } }
        let counts = sources.flatMap { s in
            s.kinds.map { k in
                Result.Count(module: s.module, kind: k.code, label: k.label, count: items.count { $0.kind == k.code })
            }
        }
        if let severity { items = items.filter { $0.severity == severity } }
        items.sort { ($0.severity, $0.daysLeft ?? Int.max, $0.subject) < ($1.severity, $1.daysLeft ?? Int.max, $1.subject) }
        return Result(items: items, counts: counts)
    }
}

extension Application {
    private struct AlertSourcesKey: StorageKey { typealias Value = [any AlertSource] }

    /// The registered sources, in the order modules registered them.
    var alertSources: [any AlertSource] {
        get { storage[AlertSourcesKey.self] ?? [] }
        set { storage[AlertSourcesKey.self] = newValue }
    }
}
