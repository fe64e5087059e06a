import Domain
import Fluent
import SQLKit
import Vapor

/// An activity's sessions and attendances, for lists: 场次, members' attendances and non-members' (人次).
struct ActivityTally: Sendable {
    var sessions = 0
    var memberVisits = 0
    var guestVisits = 0

    var visits: Int { memberVisits + guestVisits }

    /// The tallies of these activities, in two statements.
    static func of(_ ids: [Int], on db: any Database) async throws -> [Int: ActivityTally] {
        guard !ids.isEmpty else { return [:] }
        struct S: Decodable { var activity_id: Int; var n: Int; var guests: Int? }
        struct A: Decodable { var activity_id: Int; var n: Int }
        let list = ids.map(String.init).joined(separator: ",")
        var out: [Int: ActivityTally] = [:]
        for r in try await db.sql.raw(
            "SELECT activity_id, COUNT(*) AS n, CAST(SUM(guest_visits) AS BIGINT) AS guests FROM activity_sessions WHERE activity_id IN (\(unsafeRaw: list)) GROUP BY activity_id"
        ).all(decoding: S.self) {
            out[r.activity_id, default: .init()].sessions = r.n
            out[r.activity_id, default: .init()].guestVisits = r.guests ?? 0
        }
        for r in try await db.sql.raw(
            """
            SELECT s.activity_id, COUNT(*) AS n FROM activity_attendance a JOIN activity_sessions s ON s.id = a.session_id \
            WHERE s.activity_id IN (\(unsafeRaw: list)) GROUP BY s.activity_id
            """
        ).all(decoding: A.self) {
            out[r.activity_id, default: .init()].memberVisits = r.n
        }
        return out
    }
}

/// An activity as lists show it.
struct ActivityRow: Sendable {
    static let columns = ["日期", "名称", "类别", "主办", "场次", "参加人次", "观众（估计）"]
    var cells: [String]
    var url: String
    var sending: Bool

    init(_ a: Activity, rules: ActivityRules, tally: ActivityTally? = nil) {
        sending = a.isSending
        let days = a.startsOn == a.endsOn ? a.startsOn : "\(a.startsOn)至\(a.endsOn)"
        cells = [
            days, a.title, rules.label(a.kind), a.hostedBy.map { "\($0)（选派）" } ?? a.org.name, tally.map { String($0.sessions) } ?? "",
            tally.map { String($0.visits) } ?? "", a.audience.map(String.init) ?? "",
        ]
        url = SiteURL.activity(a.id).path
    }

    var tableRow: RecordTable.Row { .init(cells: cells, url: url) }

    var pageRow: RecordPage.Row {
        .init(
            cells: cells.enumerated().map { i, text in
                RecordPage.Cell(
                    text, url: i == 1 ? url : nil, badge: i == 3 && sending ? Badge(label: "上级举办", cls: "badge") : nil, num: i >= 4)
            })
    }
}

/// Activities' headline for a year to date, each figure linked to its records.
enum ActivityHeadline {
    static func figures(_ f: ActivityFigures, year: Int) -> [RecordPage.Figure] {
        func link(_ code: IndicatorCode) -> String { SiteURL.indicator(code).path + "?year=\(year)" }
        return [
            .init(label: "开展职工活动", value: "\(f.held)次", url: link(.activitiesHeld)),
            .init(label: "参加活动人数", value: "\(f.people)人", url: link(.activitiesPeople)),
            .init(label: "参加活动人次", value: "\(f.visits)人次", url: link(.activitiesVisits)),
            .init(label: "举办培训班", value: "\(f.classes)期", url: link(.trainingClasses)),
            .init(label: "培训人数", value: "\(f.trainees)人", url: link(.trainingPeople)),
            .init(label: "培训人次", value: "\(f.trainingVisits)人次", url: link(.trainingVisits)),
            .init(label: "选派参加上级培训", value: "\(f.sent)人", url: link(.trainingSent)),
            .init(label: "活动投入经费", value: Money.phrase(f.cost), url: link(.activitiesCost)),
        ]
    }
}
