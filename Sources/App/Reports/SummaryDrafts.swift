import Domain
import Fluent
import Foundation
import Vapor

/// Staff edits of a summary and its finalisation. Edits are kept per org and period: regenerating refreshes the
/// figures, keeps the edited prose, and shows a conflict where an edited paragraph's generated text has changed.
/// Finalising freezes the summary as it stands into an immutable, audited snapshot for upward reporting.
enum SummaryDrafts {
    static func edits(org: Int, period: ReportPeriod, on db: any Database) async throws -> [ParagraphEdit] {
        try await SummaryEdit.query(on: db).filter(\.$org.$id == org).filter(\.$periodKey == period.key).sort(\.$id).all()
            .map { ParagraphEdit(key: $0.paragraphKey, text: $0.text, baseText: $0.baseText, afterKey: $0.afterKey) }
    }

    /// The summary drafted from the records with the staff's edits applied.
    static func current(org: Organization, period: ReportPeriod, today: CalendarDate, app: Application, on db: any Database) async throws
        -> EditedSummary
    {
        let generated = try await WorkSummaries.compose(org: org, period: period, today: today, app: app, on: db)
        return SummaryEdits.apply(try await edits(org: org.requireID(), period: period, on: db), to: generated)
    }

    /// Rewrites a paragraph (`key`), adds one after `afterKey`, or with empty text returns a paragraph to the
    /// generated text (an added one is removed). The generated text at the time is kept as the edit's base.
    static func save(
        _ edit: ParagraphChange, org: Organization, today: CalendarDate, app: Application, actor: Audit.Actor, at now: Date,
        on db: any Database
    ) async throws {
        let orgID = try org.requireID()
        let (period, key, afterKey, body) = (edit.subject.period, edit.key, edit.afterKey, edit.text)
        let generated = try await WorkSummaries.compose(org: org, period: period, today: today, app: app, on: db)
        let existing = try await edits(org: orgID, period: period, on: db)
        let paragraphKey: String
        var base = ""
        if let afterKey {
            guard generated.paragraphs.contains(where: { $0.key == afterKey }) || existing.contains(where: { $0.key == afterKey }) else {
                throw FieldError(field: "afterKey", message: "要在其后添加的段落不存在")
            }
            paragraphKey = key ?? "added.\(UUID().uuidString.prefix(8))"
        } else {
            guard let key else { throw FieldError(field: "key", message: "请指明要修改的段落") }
            if let p = generated.paragraphs.first(where: { $0.key == key }) {
                base = p.text
            } else if !existing.contains(where: { $0.key == key }) {
                throw FieldError(field: "key", message: "要修改的段落不存在")
            }
            paragraphKey = key
        }
        let baseText = base
        let periodKey = period.key
        try await Store.write(db) { tx in
            let row = try await SummaryEdit.query(on: tx).filter(\.$org.$id == orgID).filter(\.$periodKey == periodKey)
                .filter(\.$paragraphKey == paragraphKey).first()
            if let body {
                let e = row ?? SummaryEdit()
                e.$org.id = orgID
                e.periodKey = periodKey
                e.paragraphKey = paragraphKey
                e.text = body
                e.afterKey = afterKey ?? row?.afterKey
                e.baseText = e.afterKey == nil ? baseText : ""
                e.userID = actor.userID
                try await e.save(on: tx)
            } else {
                try await row?.delete(on: tx)
            }
            try await Audit.record(
                ReportAudit.summaryEdit, entity: "organization", id: orgID,
                after: ["period": periodKey, "paragraph": paragraphKey, "change": body == nil ? "恢复生成文字" : "修改"], actor: actor, at: now,
                on: tx)
        }
    }

    /// Freezes the summary as it stands; refused while an edited paragraph's figures have changed unseen.
    static func finalize(
        org: Organization, period: ReportPeriod, today: CalendarDate, app: Application, actor: Audit.Actor, at now: Date,
        on db: any Database
    )
        async throws -> SummarySnapshot
    {
        let current = try await current(org: org, period: period, today: today, app: app, on: db)
        if !current.conflicts.isEmpty {
            throw AppError.conflict("有\(current.conflicts.count)段修改过的文字所依据的数字已变化，请先逐段核对后再定稿", field: nil)
        }
        let snapshot = SummarySnapshot()
        snapshot.$org.id = try org.requireID()
        snapshot.periodKey = period.key
        snapshot.title = current.summary.title
        snapshot.body = String(decoding: try JSONEncoder().encode(current.summary), as: UTF8.self)
        snapshot.createdBy = actor.userID
        return try await Store.write(db) { tx in
            try await snapshot.create(on: tx)
            try await Audit.record(
                ReportAudit.summaryFinalize, entity: "summary_snapshot", id: snapshot.id,
                after: ["title": snapshot.title, "period": snapshot.periodKey],
                actor: actor, at: now, on: tx)
            return snapshot
        }
    }

    static func snapshots(org: Int, on db: any Database) async throws -> [SummarySnapshot] {
        try await SummarySnapshot.query(on: db).filter(\.$org.$id == org).sort(\.$id, .descending).all()
    }

    static func snapshot(_ id: Int, in scope: Scope, on db: any Database) async throws -> (SummarySnapshot, WorkSummary) {
        guard
            let s = try await SummarySnapshot.query(on: db).filter(\.$id == id).filter(scope.contains(column: "summary_snapshots.org_id"))
                .first()
        else { throw AppError.notFound("定稿") }
        return (s, try JSONDecoder().decode(WorkSummary.self, from: Data(s.body.utf8)))
    }
}
