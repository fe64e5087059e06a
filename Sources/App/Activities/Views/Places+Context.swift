import Domain
import Fluent
import SQLKit
import Vapor

/// An idea as lists show it.
struct IdeaRow: Sendable {
    static let columns = ["提出日期", "建议", "提出人", "所在单位", "等级", "状态", "经济效益（元）", "奖励（元）"]
    var cells: [String]
    var url: String

    init(_ i: Idea) {
        cells = [
            i.submittedOn, i.title, i.$member.value.map { "\($0.name)（\($0.cardNumber)）" } ?? "", i.employer ?? "", i.grade ?? "", i.standing,
            i.savings.map { Money.yuan($0) } ?? "", i.reward.map { Money.yuan($0) } ?? "",
        ]
        url = SiteURL.idea(i.id).path
    }

    var tableRow: RecordTable.Row { .init(cells: cells, url: url) }
    var pageRow: RecordPage.Row {
        .init(cells: cells.enumerated().map { n, text in RecordPage.Cell(text, url: n == 1 ? url : nil, num: n >= 6) })
    }
}

/// What a centre logged in a period: visits, volunteers, books lent.
struct CentreTally: Sendable {
    var visits = 0
    var volunteers = 0
    var booksLent = 0

    static func of(_ ids: [Int], from: CalendarDate, to: CalendarDate, on db: any Database) async throws -> [Int: CentreTally] {
        guard !ids.isEmpty else { return [:] }
        struct Row: Decodable { var centre_id: Int; var visits: Int?; var volunteers: Int?; var books: Int? }
        let rows = try await db.sql.raw(
            """
            SELECT centre_id, CAST(SUM(visits) AS BIGINT) AS visits, CAST(SUM(volunteers) AS BIGINT) AS volunteers, CAST(SUM(books_lent) AS BIGINT) AS books \
            FROM centre_visits WHERE centre_id IN (\(unsafeRaw: ids.map(String.init).joined(separator: ","))) AND on_date >= \(bind: from.iso) \
            AND on_date <= \(bind: to.iso) GROUP BY centre_id
            """
        ).all(decoding: Row.self)
        return Dictionary(rows.map { ($0.centre_id, CentreTally(visits: $0.visits ?? 0, volunteers: $0.volunteers ?? 0, booksLent: $0.books ?? 0)) }) { a, _ in a }
    }
}

/// A service centre as lists show it, with its standard and what it logged.
struct CentreRow: Sendable {
    static let columns = ["名称", "类别", "所属工会", "建成日期", "达标情况", "接待（人次）", "志愿者（人次）", "借阅（册）"]
    var cells: [String]
    var url: String
    var up: Bool

    init(_ p: ServiceCentre, rules: ActivityRules, tally: CentreTally?) {
        let missing = p.missing(rules)
        up = missing.isEmpty
        cells = [
            p.name, rules.centreKind(p.kind)?.label ?? p.kind, p.$org.value?.name ?? "", p.openedOn + (p.closedOn.map { "（\($0)停用）" } ?? ""),
            up ? "达标" : "缺：" + missing.joined(separator: "、"), String(tally?.visits ?? 0), String(tally?.volunteers ?? 0), String(tally?.booksLent ?? 0),
        ]
        url = SiteURL.serviceCentre(p.id).path
    }

    var tableRow: RecordTable.Row { .init(cells: cells, url: url) }
    var pageRow: RecordPage.Row {
        .init(
            cells: cells.enumerated().map { n, text in
                RecordPage.Cell(
                    n == 4 ? "" : text, url: n == 0 ? url : nil, badge: n == 4 ? Badge(label: text, cls: up ? "badge ok" : "badge warn") : nil, num: n >= 5)
            })
    }
}
