import Domain
import Fluent
import Vapor

/// `/api/v1/relief/…`: hardship files, rounds, applications and their workflow, payments, funds, statistics.
struct ReliefAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(
            .GET, .api(.reliefFiles), .reliefRead,
            doc: APIDoc(summary: "困难职工档案列表", queryFields: ["status", "tier", "alert", "orgId", "page"]), use: files)
        routes.endpoint(
            .POST, .api(.reliefFiles), .reliefApply, doc: APIDoc(summary: "新建困难职工档案", body: HardshipFileFields.inputFields), use: createFile)
        routes.endpoint(.GET, .api(.reliefFile(nil)), .reliefRead, doc: APIDoc(summary: "查看困难职工档案（含家庭成员）"), use: file)
        routes.endpoint(
            .PUT, .api(.reliefFile(nil)), .reliefApply, doc: APIDoc(summary: "修改困难职工档案", body: HardshipFileFields.editFields), use: updateFile)
        routes.endpoint(
            .POST, .api(.reliefFileStatus(nil)), .reliefApply,
            doc: APIDoc(summary: "档案状态变更（转正式、脱困、注销）", body: HardshipStatusChange.inputFields), use: fileStatus)
        routes.endpoint(
            .POST, .api(.reliefFileFamily(nil)), .reliefApply,
            doc: APIDoc(summary: "添加家庭成员", body: FamilyMemberFields.inputFields), use: addFamily)
        routes.endpoint(
            .POST, .api(.reliefFileVerify(nil)), .reliefApply,
            doc: APIDoc(summary: "档案复核（可更新收入）", body: HardshipVerification.inputFields),
            use: verifyFile)
        routes.endpoint(.GET, .api(.reliefRounds), .reliefRead, doc: APIDoc(summary: "帮扶批次列表"), use: rounds)
        routes.endpoint(
            .POST, .api(.reliefRounds), .reliefManage,
            doc: APIDoc(summary: "新建帮扶批次", body: RoundFields.inputFields), use: createRound)
        routes.endpoint(.GET, .api(.reliefRound(nil)), .reliefRead, doc: APIDoc(summary: "查看帮扶批次"), use: round)
        routes.endpoint(
            .GET, .api(.reliefApplications), .reliefRead,
            doc: APIDoc(summary: "帮扶申请列表", queryFields: ["roundId", "state", "orgId", "page"]),
            use: applications)
        routes.endpoint(
            .POST, .api(.reliefApplications), .reliefApply,
            doc: APIDoc(summary: "新建帮扶申请（检查申请条件）", body: ApplicationFields.inputFields), use: createApplication)
        routes.endpoint(.GET, .api(.reliefApplication(nil)), .reliefRead, doc: APIDoc(summary: "查看帮扶申请（含流转记录与发放）"), use: application)
        routes.endpoint(
            .PUT, .api(.reliefApplication(nil)), .reliefApply,
            doc: APIDoc(summary: "修改草稿或退回的帮扶申请（批次、申请人和申请日期不变）", body: ApplicationFields.editFields), use: updateApplication)
        routes.endpoint(
            .POST, .api(.reliefApplicationSteps(nil)), .reliefApply,
            doc: APIDoc(summary: "申请流转：提交、审核、复核、退回、不予通过、上报、登记上级批复", body: ReliefStepInput.inputFields),
            use: step)
        routes.endpoint(
            .POST, .api(.reliefApplicationPayments(nil)), .reliefPay,
            doc: APIDoc(summary: "登记发放（同一 token 只发放一次）", body: PaymentFields.inputFields),
            use: pay)
        routes.endpoint(
            .POST, .api(.reliefApplicationReversal(nil)), .reliefPay, doc: APIDoc(summary: "冲正发放", body: ReliefStepInput.reversalFields), use: reverse)
        routes.endpoint(.GET, .api(.reliefFunds), .reliefRead, doc: APIDoc(summary: "资金账户及余额"), use: funds)
        routes.endpoint(.POST, .api(.reliefFunds), .reliefManage, doc: APIDoc(summary: "新建资金账户", body: FundFields.inputFields), use: createFund)
        routes.endpoint(
            .GET, .api(.reliefFundEntries(nil)), .reliefRead, doc: APIDoc(summary: "资金账簿", queryFields: ["page"]), use: entries)
        routes.endpoint(
            .POST, .api(.reliefFundEntries(nil)), .reliefPay,
            doc: APIDoc(summary: "登记入账（上级下拨、本级经费、社会捐助）", body: FundEntryFields.inputFields), use: receive)
        routes.endpoint(
            .GET, .api(.reliefStats), .reliefRead, doc: APIDoc(summary: "帮扶统计（工作总结用）", queryFields: ["year", "from", "to", "orgId"]),
            use: stats)
        routes.endpoint(
            .POST, .api(.medicalEnrolments), .reliefApply, doc: APIDoc(summary: "医疗互助参保登记", body: EnrolmentFields.inputFields),
            use: enrol)
    }

    private func form(_ req: Request) throws -> FormFields { try req.decodeJSON(FormFields.self) }

    // MARK: Files

    func files(req: Request) async throws -> ListDTO<HardshipFileDTO> {
        let q = try req.query.decode(FormFields.self)
        let filter = try ReliefController.fileFilter(q)
        let s = req.application.reliefSettings
        let page = try await HardshipFiles.list(filter, in: req.scope, today: req.today, settings: s, on: req.db)
        return page.dto { HardshipFileDTO($0, settings: s, year: req.today.year) }
    }

    func createFile(req: Request) async throws -> Response {
        let f = try HardshipFileFields.validate(try form(req), today: req.today)
        let file = try await HardshipFiles.create(
            f, in: req.scope, cipher: req.application.cipher, settings: req.application.reliefSettings, actor: req.actor, at: req.now,
            on: req.db)
        return try await fileDTO(req, file.requireID()).encodeResponse(status: .created, for: req)
    }

    func file(req: Request) async throws -> HardshipFileDTO {
        try await fileDTO(req, req.id("困难职工档案"))
    }

    func updateFile(req: Request) async throws -> HardshipFileDTO {
        let id = try req.id("困难职工档案")
        let f = try HardshipFileFields.validate(try form(req), today: req.today, editing: true)
        _ = try await HardshipFiles.update(
            id, f, in: req.scope, cipher: req.application.cipher, settings: req.application.reliefSettings, actor: req.actor, at: req.now,
            on: req.db)
        return try await fileDTO(req, id)
    }

    func fileStatus(req: Request) async throws -> HardshipFileDTO {
        let id = try req.id("困难职工档案")
        try await HardshipFiles.changeStatus(
            id, try HardshipStatusChange.validate(try form(req), today: req.today), in: req.scope, actor: req.actor, at: req.now,
            on: req.db)
        return try await fileDTO(req, id)
    }

    func addFamily(req: Request) async throws -> Response {
        let id = try req.id("困难职工档案")
        let f = try FamilyMemberFields.validate(try form(req))
        _ = try await HardshipFiles.addFamilyMember(
            id, f, in: req.scope, cipher: req.application.cipher, actor: req.actor, at: req.now, on: req.db)
        return try await fileDTO(req, id).encodeResponse(status: .created, for: req)
    }

    func verifyFile(req: Request) async throws -> HardshipFileDTO {
        let id = try req.id("困难职工档案")
        try await HardshipFiles.verify(
            id, try HardshipVerification.validate(try form(req), today: req.today), in: req.scope, settings: req.application.reliefSettings, actor: req.actor, at: req.now, on: req.db
        )
        return try await fileDTO(req, id)
    }

    private func fileDTO(_ req: Request, _ id: Int) async throws -> HardshipFileDTO {
        let f = try await HardshipFiles.find(id, in: req.scope, on: req.db)
        return HardshipFileDTO(
            f, settings: req.application.reliefSettings, year: req.today.year, family: try await HardshipFiles.family(id, on: req.db))
    }

    // MARK: Rounds and applications

    func rounds(req: Request) async throws -> [ReliefRoundDTO] {
        try await ReliefRounds.list(in: req.scope, on: req.db).map(ReliefRoundDTO.init)
    }

    func createRound(req: Request) async throws -> Response {
        let f = try RoundFields.validate(try form(req))
        let r = try await ReliefRounds.create(f, in: req.scope, actor: req.actor, at: req.now, on: req.db)
        return try await ReliefRoundDTO(r).encodeResponse(status: .created, for: req)
    }

    func round(req: Request) async throws -> ReliefRoundDTO {
        ReliefRoundDTO(try await ReliefRounds.find(req.id("帮扶批次"), in: req.scope, on: req.db))
    }

    func applications(req: Request) async throws -> ListDTO<ReliefApplicationDTO> {
        let filter = try ReliefController.applicationFilter(try req.query.decode(FormFields.self))
        return try await ReliefApplications.list(filter, in: req.scope, on: req.db).dto { ReliefApplicationDTO($0) }
    }

    func createApplication(req: Request) async throws -> Response {
        let f = try ApplicationFields.validate(try form(req))
        let a = try await ReliefApplications.create(
            f, in: req.scope, settings: req.application.reliefSettings, today: req.today, actor: req.actor, at: req.now, on: req.db)
        return try await applicationDTO(req, a.requireID()).encodeResponse(status: .created, for: req)
    }

    func application(req: Request) async throws -> ReliefApplicationDTO {
        try await applicationDTO(req, req.id("帮扶申请"))
    }

    func updateApplication(req: Request) async throws -> ReliefApplicationDTO {
        let values = try form(req)
        let a = try await ReliefApplications.update(
            req.id("帮扶申请"), { try ApplicationFields.validateEdit(values, keeping: $0) }, in: req.scope,
            settings: req.application.reliefSettings, today: req.today, actor: req.actor, at: req.now, on: req.db)
        return try await applicationDTO(req, a.requireID())
    }

    /// Submitting is the applicant's step; every other step is the federation's review.
    func step(req: Request) async throws -> ReliefApplicationDTO {
        let id = try req.id("帮扶申请")
        let step = try ReliefStepInput.parse(try form(req), today: req.today)
        try req.authorize(step.action.permission)
        try await ReliefApplications.act(
            id, step.action, on: step.date, comment: nil, in: req.scope, settings: req.application.reliefSettings, actor: req.actor,
            at: req.now, on: req.db)
        return try await applicationDTO(req, id)
    }

    func pay(req: Request) async throws -> Response {
        let id = try req.id("帮扶申请")
        let p = try PaymentFields.validate(try form(req), today: req.today)
        let d = try await ReliefApplications.pay(
            id, p, in: req.scope, settings: req.application.reliefSettings, actor: req.actor, at: req.now, on: req.db)
        return try await DisbursementDTO(d).encodeResponse(status: .created, for: req)
    }

    func reverse(req: Request) async throws -> ReliefApplicationDTO {
        let id = try req.id("帮扶申请")
        let step = try ReliefStepInput.reversal(try form(req), today: req.today)
        try await ReliefApplications.act(
            id, step.action, on: step.date, comment: nil, in: req.scope, settings: req.application.reliefSettings, actor: req.actor,
            at: req.now, on: req.db)
        return try await applicationDTO(req, id)
    }

    private func applicationDTO(_ req: Request, _ id: Int) async throws -> ReliefApplicationDTO {
        let a = try await ReliefApplications.find(id, in: req.scope, on: req.db)
        return ReliefApplicationDTO(
            a, steps: try await ReliefApplications.steps(id, on: req.db),
            payments: try await ReliefApplications.disbursements(id, on: req.db))
    }

    // MARK: Funds, statistics, medical aid

    func funds(req: Request) async throws -> [FundDTO] {
        let funds = try await FundLedger.visible(in: req.scope, on: req.db)
        let balances = try await FundLedger.balances(funds.compactMap(\.id), on: req.db)
        return funds.map { FundDTO(id: $0.id ?? 0, orgId: $0.$org.id, name: $0.name, balance: balances[$0.id ?? 0] ?? 0) }
    }

    func createFund(req: Request) async throws -> Response {
        let f = try await FundLedger.create(try FundFields.validate(try form(req)), in: req.scope, actor: req.actor, at: req.now, on: req.db)
        return try await FundDTO(id: f.id ?? 0, orgId: f.$org.id, name: f.name, balance: 0).encodeResponse(status: .created, for: req)
    }

    func entries(req: Request) async throws -> ListDTO<FundEntryDTO> {
        let fund = try await FundLedger.find(req.id("资金账户"), in: req.scope, on: req.db)
        let (page, balances) = try await FundLedger.ledger(
            fund, for: req.scope, page: (try? req.query.get(Int.self, at: "page")) ?? 1, on: req.db)
        return ListDTO(
            items: zip(page.rows, balances).map { FundEntryDTO($0, balanceAfter: $1) }, total: page.total, page: page.page, per: page.per)
    }

    func receive(req: Request) async throws -> Response {
        let id = try req.id("资金账户")
        let f = try FundEntryFields.validate(try form(req), today: req.today)
        let e = try await FundLedger.receive(id, f, in: req.scope, actor: req.actor, at: req.now, on: req.db)
        return try await FundEntryDTO(e, balanceAfter: try await FundLedger.balance(id, on: req.db)).encodeResponse(
            status: .created, for: req)
    }

    func stats(req: Request) async throws -> ReliefStats {
        let q = try req.query.decode(FormFields.self)
        let (from, to) = try StatsQuery.period(q, today: req.today)
        return try await ReliefStats.compute(
            in: try await StatsQuery.subtree(q, req), from: from, to: to, today: req.today,
            settings: req.application.reliefSettings, on: req.db)
    }

    func enrol(req: Request) async throws -> Response {
        let e = try await ReliefController.enrol(req, try EnrolmentFields.validate(try form(req), today: req.today))
        return try await ["id": e.id ?? 0, "memberId": e.$member.id, "year": e.year, "fee": e.fee].encodeResponse(
            status: .created, for: req)
    }
}
