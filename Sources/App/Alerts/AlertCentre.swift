import Domain
import Fluent
import Vapor

/// One item of the alert centre (预警中心): a deadline approaching or missed, or a duty not done, in any module.
struct AlertItem: Content, Sendable {
    /// How pressing: a statutory time limit passed (a person waits on it: a petition's answer, a mediation's 15
    /// days) before any other overdue duty (a re-election), before what is due soon, before notices.
    enum Severity: String, Codable, Sendable, CaseIterable, Comparable {
        case statutoryOverdue, overdue, dueSoon, notice

        var label: String {
            switch self {
            case .statutoryOverdue: "超过法定期限"
            case .overdue: "逾期"
            case .dueSoon: "即将到期"
            case .notice: "提醒"
            }
        }

        private var rank: Int {
            switch self {
            case .statutoryOverdue: 0
            case .overdue: 1
            case .dueSoon: 2
            case .notice: 3
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
    /// What the alert is about, masked (`XF2026-0003 张** 欠薪`); its `url` names the record, so one record with
    /// two deadlines passed is one subject.
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
        /// Per kind, the records it concerns (a petition late on two deadlines counts once).
        var counts: [Count]
        /// The records the items concern.
        var subjects: Int
    }

    /// Every source's alerts, most pressing first: by severity, then the earliest due date (items without one last).
    static func collect(
        _ q: AlertQuery, sources: [any AlertSource], module: String? = nil, severity: AlertItem.Severity? = nil, on db: any Database
    ) async throws -> Result {
        var items: [AlertItem] = []
        for s in sources where module == nil || s.module == module {
            items += try await s.alerts(q, on: db)
        }
        if let h = q.handler { items = items.filter { $0.handlerIds.isEmpty || $0.handlerIds.contains(h) } }
        var subjectsByKind: [String: Set<String>] = [:]
        for i in items { subjectsByKind[i.kind, default: []].insert(i.url) }
        let counts = sources.flatMap { s in
            s.kinds.map { k in
                Result.Count(module: s.module, kind: k.code, label: k.label, count: subjectsByKind[k.code]?.count ?? 0)
            }
        }
        if let severity { items = items.filter { $0.severity == severity } }
        items.sort { ($0.severity, $0.due ?? "9999", $0.subject) < ($1.severity, $1.due ?? "9999", $1.subject) }
        return Result(items: items, counts: counts, subjects: Set(items.map(\.url)).count)
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

extension AlertCentre {
    /// One line per record: its alerts' labels together, at the most pressing one's severity and earliest due date
    /// (the items come sorted, so a record's first item is its most pressing).
    static func bySubject(_ items: [AlertItem]) -> [(first: AlertItem, labels: [String])] {
        var order: [String] = []
        var groups: [String: (first: AlertItem, labels: [String])] = [:]
        for i in items {
            if groups[i.url] == nil {
                order.append(i.url)
                groups[i.url] = (i, [i.label])
            } else {
                groups[i.url]?.labels.append(i.label)
            }
        }
        return order.compactMap { groups[$0] }
    }
}
