import Domain
import Fluent
import SQLKit
import Vapor

/// Relief on the home page's to-do list: for the applicant, drafts to finish and applications returned for completion;
/// for the reviewer, applications to review and amounts waiting for a second person; for the payer, what may be paid.
struct ReliefWorkSource: WorkSource {
    func items(_ q: WorkQuery, on db: any Database) async throws -> [WorkItem] {
        let p = q.principal
        struct Row: Decodable { var state: String; var n: Int }
        let rows = try await db.sql.raw(
            """
            SELECT state, COUNT(*) AS n FROM relief_applications \
            WHERE \(p.scope.contains("org_id")) GROUP BY state
            """
        ).all(decoding: Row.self)
        let count = Dictionary(rows.map { ($0.state, $0.n) }, uniquingKeysWith: +)
        var wanted: [(ReliefState, String)] = []
        if p.role.may(.reliefApply) { wanted += [(.returned, "退回待补充的帮扶申请"), (.draft, "未提交的帮扶申请草稿")] }
        if p.role.may(.reliefReview) {
            wanted += [
                (.submitted, "待审核的帮扶申请"), (.firstApproved, "待复核的帮扶申请（核定金额）"), (.upperRecorded, "待复核的上级批复"),
                (.reversalRequested, "待复核的冲正"),
            ]
        }
        if p.role.may(.reliefPay) { wanted += [(.approved, "审核通过待发放或上报"), (.upperApproved, "上级已批准待发放")] }
        return wanted.compactMap { state, label in
            guard let n = count[state.rawValue], n > 0 else { return nil }
            return WorkItem(
                id: "work-relief-\(state.rawValue)", label: label, count: n,
                url: SiteURL.reliefApplications.path + "?state=\(state.rawValue)", urgent: state == .returned)
        }
    }
}
