import Domain
import Fluent
import Vapor

/// The steps posted from an activity's page, each back to the page with its confirmation, or the page again with the
/// refusal beside its field.
extension ActivityController {
    /// A form of the activity's page.
    func onActivity(_ req: Request, _ body: @escaping (Int, FormFields) async throws -> String) async throws -> Response {
        let id = try req.id("活动")
        return try await RecordPage.perform(req, back: SiteURL.activity(id).path, page: { typed, errors, status in
            try await activityPage(req, typed: typed, errors: errors, status: status)
        }) { values in try await body(id, values) }
    }

    func addSession(req: Request) async throws -> Response {
        try await onActivity(req) { id, v in
            let s = try await Activities.addSession(id, v, today: req.today, in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return "已增加\(s.onDate)的场次"
        }
    }

    func attend(req: Request) async throws -> Response {
        try await onActivity(req) { id, v in
            let n = try await Activities.attend(id, v, today: req.today, in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return "已登记出勤，新增会员\(n)人"
        }
    }

    func upload(req: Request) async throws -> Response {
        let a = try await Activities.find(req.id("活动"), in: req.scope, on: req.db)
        return try await req.attach(to: try Activities.owner(a), slot: "photo", form: "photo", back: SiteURL.activity(a.id).path, saved: "已上传") {
            typed, errors, status in try await activityPage(req, typed: typed, errors: errors, status: status)
        }
    }

    func download(req: Request) async throws -> Response {
        let a = try await Activities.find(req.id("活动"), in: req.scope, on: req.db)
        return try await Attachments.download(
            req.id("附件", parameter: "file"), of: try Activities.owner(a), cipher: req.application.cipher, actor: req.actor, at: req.now, on: req.db)
    }

    /// A sign-in sheet for a session: its card column recorded as typed cards are (all or nothing).
    func attendSheet(req: Request) async throws -> Response {
        let id = try req.id("活动")
        struct Sheet: Decodable, Sendable {
            var file: File?
            var sessionId: String?
        }
        let sheet = try await req.decodeMultipart(Sheet.self)
        var values = FormFields()
        values["sessionId"] = sheet.sessionId
        values["form"] = "sheet"
        do {
            var cards = values
            cards["cards"] = try await SignInSheets.cards(sheet.file?.data, app: req.application).joined(separator: ",")
            let n: Int
            do {
                n = try await Activities.attend(id, cards, today: req.today, in: req.scope, actor: req.actor, at: req.now, on: req.db)
            } catch {
                // What the cards were refused for is the sheet's fault: said beside the file.
                guard let e = FieldErrors(error) else { throw error }
                throw FieldErrors(e.errors.map { $0.field == "cards" ? FieldError(field: "file", message: $0.message) : $0 })
            }
            return req.redirect(to: SiteURL.activity(id).path, flash: "已按签到表登记出勤，新增会员\(n)人")
        } catch {
            guard let (errors, status) = req.refusal(error, form: "sheet") else { throw error }
            return try await activityPage(req, typed: values, errors: errors, status: status)
        }
    }

    func removeAttendance(req: Request) async throws -> Response {
        try await onActivity(req) { id, v in
            let f = try AttendanceRemovalFields.validate(v)
            if let ask = try await req.askFirst(
                v, title: "确认撤销出勤", statements: ["撤销会员证号\(f.card)在该场次的出勤，原因：\(f.reason)。", "撤销后人数、人次随之减少；操作记入日志。"],
                confirmLabel: "确认撤销", cancelURL: SiteURL.activity(id).path)
            {
                throw AskedFirst(response: ask)
            }
            let m = try await Activities.removeAttendance(id, f, in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return "已撤销\(m.name)的出勤"
        }
    }

    func signUp(req: Request) async throws -> Response {
        try await onActivity(req) { id, v in
            let s = try await Activities.signUp(id, try SignupFields.validate(v), today: req.today, in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return "\(s.member.name)\(s.signupStatus == .waiting ? "已列为候补（名额已满）" : "已报名")"
        }
    }

    func cancel(req: Request) async throws -> Response {
        try await onActivity(req) { id, v in
            let promoted = try await Activities.cancel(id, try SignupFields.validate(v), in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return "已取消报名" + (promoted.map { "，候补的\($0.name)转为报名" } ?? "")
        }
    }

    func addOutput(req: Request) async throws -> Response {
        try await onActivity(req) { id, v in
            let f = try OutputFields.validate(v)
            try await Activities.addOutput(id, f, in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return "已登记成果：\(f.label)\(Quantity.text(f.quantity))\(f.unit)"
        }
    }

    func addItem(req: Request) async throws -> Response {
        try await onActivity(req) { id, v in
            let f = try ProgrammeFields.validate(v)
            try await Activities.addItem(id, f, in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return "已登记\(f.kind.label)“\(f.title)”"
        }
    }

    func linkCost(req: Request) async throws -> Response {
        try await onActivity(req) { id, v in
            try await Activities.linkCost(id, entry: try CostFields.validate(v).entryId, in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return "已关联经费支出"
        }
    }

    func addResult(req: Request) async throws -> Response {
        try await onActivity(req) { id, v in
            let rules = req.application.activityRules
            let f = try ResultFields.validate(v, rules: rules)
            try await Activities.addResult(id, f, rules: rules, in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return "已登记\(f.award.label)"
        }
    }

    func certify(req: Request) async throws -> Response {
        try await onActivity(req) { id, v in
            let n = try await Activities.certify(id, v, today: req.today, in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return "已登记结业证书\(n)人"
        }
    }
}
