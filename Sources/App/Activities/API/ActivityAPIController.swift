import Domain
import Fluent
import Vapor

extension ActivityFigures: Content {}

/// `/api/v1/activities/…`: the list, recording and correcting an activity or class, its sessions, attendance by card
/// number, sign-ups and cancellations, programme items, outputs, the book entries that paid, certificates, and the
/// figures of a period.
struct ActivityAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(
            .GET, .api(.activities), .activitiesRead, doc: APIDoc(summary: "活动和培训班（按开始日期的年度）", queryFields: ["year", "category", "kind", "q", "page"]),
            use: list)
        routes.endpoint(.POST, .api(.activities), .activitiesRecord, doc: APIDoc(summary: "登记活动或培训班（同时建立第一场）", body: ActivityFields.inputFields), use: create)
        routes.endpoint(.GET, .api(.activityStats), .activitiesRead, doc: APIDoc(summary: "活动和培训统计（人数、人次）", queryFields: ["year", "half", "from", "to", "orgId"]), use: stats)
        routes.endpoint(.GET, .api(.activity(nil)), .activitiesRead, doc: APIDoc(summary: "一项活动或培训班（场次、出勤、报名、成果、经费）"), use: show)
        routes.endpoint(.PUT, .api(.activity(nil)), .activitiesRecord, doc: APIDoc(summary: "修改活动或培训班", body: ActivityFields.inputFields), use: update)
        routes.endpoint(.POST, .api(.activitySessions(nil)), .activitiesRecord, doc: APIDoc(summary: "增加场次或课次", body: ActivitySessionFields.inputFields), use: addSession)
        routes.endpoint(
            .POST, .api(.activityAttendance(nil)), .activitiesRecord, doc: APIDoc(summary: "登记出勤（会员证号，全部有效才登记）", body: AttendanceFields.inputFields),
            use: attend)
        routes.endpoint(
            .POST, .api(.activitySignInSheet(nil)), .activitiesRecord,
            doc: APIDoc(
                summary: "按签到表登记出勤（请求体为 .xlsx 或 .csv，表头有“会员证号”；sessionId 为场次）", queryFields: ["sessionId"],
                fileBody: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv"]),
            body: .stream, use: attendSheet)
        routes.endpoint(
            .POST, .api(.activityPhotos(nil)), .activitiesRecord,
            doc: APIDoc(summary: "上传活动照片或资料（请求体为 JPG、PNG 或 PDF；name 为文件名）", queryFields: ["name"], fileBody: AttachmentType.allCases.map(\.mediaType)),
            body: .stream, use: upload)
        routes.endpoint(
            .POST, .api(.activityAttendanceRemoval(nil)), .activitiesRecord,
            doc: APIDoc(summary: "撤销登记错的出勤（写明原因）", body: AttendanceRemovalFields.inputFields), use: removeAttendance)
        routes.endpoint(.POST, .api(.activitySignups(nil)), .activitiesRecord, doc: APIDoc(summary: "报名（名额满后列为候补）", body: SignupFields.inputFields), use: signUp)
        routes.endpoint(
            .POST, .api(.activitySignupCancel(nil)), .activitiesRecord, doc: APIDoc(summary: "取消报名（第一位候补转为报名）", body: SignupFields.inputFields), use: cancel)
        routes.endpoint(.POST, .api(.activityOutputs(nil)), .activitiesRecord, doc: APIDoc(summary: "登记活动成果（数量和单位）", body: OutputFields.inputFields), use: addOutput)
        routes.endpoint(.POST, .api(.activityItems(nil)), .activitiesRecord, doc: APIDoc(summary: "登记节目、场次或剧目", body: ProgrammeFields.inputFields), use: addItem)
        routes.endpoint(.POST, .api(.activityCosts(nil)), .activitiesRecord, doc: APIDoc(summary: "关联主办工会账上的经费支出", body: CostFields.inputFields), use: linkCost)
        routes.endpoint(
            .POST, .api(.activityCertificates(nil)), .activitiesRecord, doc: APIDoc(summary: "颁发结业证书（须有出勤记录）", body: CertificateFields.inputFields),
            use: certify)
    }

    private func form(_ req: Request) throws -> FormFields { try req.decodeJSON(FormFields.self) }

    func list(req: Request) async throws -> ListDTO<ActivityDTO> {
        let list = try await ActivityController.list(
            try ActivityController.filter(try req.query.decode(FormFields.self), today: req.today), in: req.scope, on: req.db)
        let rules = req.application.activityRules
        return list.dto { ActivityDTO($0, rules: rules) }
    }

    func create(req: Request) async throws -> Response {
        let a = try await Activities.create(
            try ActivityFields.validate(try form(req), rules: req.application.activityRules), in: req.scope, actor: req.actor, at: req.now, on: req.db)
        return try await ActivityDetailDTO.of(a, rules: req.application.activityRules, on: req.db).encodeResponse(status: .created, for: req)
    }

    func show(req: Request) async throws -> ActivityDetailDTO {
        try await ActivityDetailDTO.of(try await Activities.find(req.id("活动"), in: req.scope, on: req.db), rules: req.application.activityRules, on: req.db)
    }

    func update(req: Request) async throws -> ActivityDetailDTO {
        let a = try await Activities.update(
            req.id("活动"), try ActivityFields.validate(try form(req), rules: req.application.activityRules), in: req.scope, actor: req.actor, at: req.now,
            on: req.db)
        return try await ActivityDetailDTO.of(a, rules: req.application.activityRules, on: req.db)
    }

    /// Runs a step on the activity and answers with the activity as it now stands (201).
    private func step(_ req: Request, values: FormFields? = nil, _ body: (Int, FormFields) async throws -> Void) async throws -> Response {
        let id = try req.id("活动")
        try await body(id, try values ?? form(req))
        return try await ActivityDetailDTO.of(try await Activities.find(id, in: req.scope, on: req.db), rules: req.application.activityRules, on: req.db)
            .encodeResponse(status: .created, for: req)
    }

    func addSession(req: Request) async throws -> Response {
        try await step(req) { id, v in _ = try await Activities.addSession(id, v, today: req.today, in: req.scope, actor: req.actor, at: req.now, on: req.db) }
    }

    func attend(req: Request) async throws -> Response {
        try await step(req) { id, v in _ = try await Activities.attend(id, v, today: req.today, in: req.scope, actor: req.actor, at: req.now, on: req.db) }
    }

    func attendSheet(req: Request) async throws -> Response {
        let body = try await req.body.collect(max: req.application.config.maxAttachmentBytes).get()
        var values = try req.query.decode(FormFields.self)
        values["cards"] = try await SignInSheets.cards(body, app: req.application).joined(separator: ",")
        return try await step(req, values: values) { id, v in
            _ = try await Activities.attend(id, v, today: req.today, in: req.scope, actor: req.actor, at: req.now, on: req.db)
        }
    }

    func upload(req: Request) async throws -> Response {
        let a = try await Activities.find(req.id("活动"), in: req.scope, on: req.db)
        return try await req.attachFromAPI(to: try Activities.owner(a), slot: "photo") { SiteURL.activityPhoto(a.id, $0).path }
    }

    func removeAttendance(req: Request) async throws -> Response {
        try await step(req) { id, v in
            _ = try await Activities.removeAttendance(id, try AttendanceRemovalFields.validate(v), in: req.scope, actor: req.actor, at: req.now, on: req.db)
        }
    }

    func signUp(req: Request) async throws -> Response {
        try await step(req) { id, v in
            _ = try await Activities.signUp(id, try SignupFields.validate(v), today: req.today, in: req.scope, actor: req.actor, at: req.now, on: req.db)
        }
    }

    func cancel(req: Request) async throws -> Response {
        try await step(req) { id, v in _ = try await Activities.cancel(id, try SignupFields.validate(v), in: req.scope, actor: req.actor, at: req.now, on: req.db) }
    }

    func addOutput(req: Request) async throws -> Response {
        try await step(req) { id, v in try await Activities.addOutput(id, try OutputFields.validate(v), in: req.scope, actor: req.actor, at: req.now, on: req.db) }
    }

    func addItem(req: Request) async throws -> Response {
        try await step(req) { id, v in try await Activities.addItem(id, try ProgrammeFields.validate(v), in: req.scope, actor: req.actor, at: req.now, on: req.db) }
    }

    func linkCost(req: Request) async throws -> Response {
        try await step(req) { id, v in
            try await Activities.linkCost(id, entry: try CostFields.validate(v).entryId, in: req.scope, actor: req.actor, at: req.now, on: req.db)
        }
    }

    func certify(req: Request) async throws -> Response {
        try await step(req) { id, v in _ = try await Activities.certify(id, v, today: req.today, in: req.scope, actor: req.actor, at: req.now, on: req.db) }
    }

    func stats(req: Request) async throws -> ActivityFigures {
        let q = try req.query.decode(FormFields.self)
        return try await ActivityStats.compute(
            in: try await StatsQuery.subtree(q, req), period: try ReportPeriod.parse(q, today: req.today), today: req.today,
            rules: req.application.activityRules, on: req.db)
    }
}
