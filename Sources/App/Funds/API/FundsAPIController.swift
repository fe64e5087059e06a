import Domain
import Fluent
import Vapor

/// `/api/v1/funds/…`: receipts and reversals, payers, return formalities, arrears, return batches and their payment,
/// and the figures of the summary's 经费收缴. The tax bureau's list is imported through the shared import API.
struct FundsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(
            .GET, .api(.fundsReceipts), .fundsRead, doc: APIDoc(summary: "工会经费到账记录", queryFields: ["month", "channel", "stream", "q", "page"]),
            use: receipts)
        routes.endpoint(
            .POST, .api(.fundsReceipts), .fundsRecord, doc: APIDoc(summary: "登记工会经费到账（金额留空按工资总额×比例）", body: ReceiptFields.inputFields),
            use: create)
        routes.endpoint(.GET, .api(.fundsReceipt(nil)), .fundsRead, doc: APIDoc(summary: "查看经费到账记录"), use: receipt)
        routes.endpoint(
            .POST, .api(.fundsReceiptReverse(nil)), .fundsRecord, doc: APIDoc(summary: "冲销经费到账记录（记一笔负数）", body: ReversalFields.inputFields),
            use: reverse)
        routes.endpoint(
            .POST, .api(.fundsPayers), .fundsRecord, doc: APIDoc(summary: "缴费登记（起缴月份与月工资总额）", body: PayerFields.inputFields), use: register)
        routes.endpoint(
            .POST, .api(.fundsFormalities), .fundsRecord, doc: APIDoc(summary: "登记返还手续完善情况", body: FormalityFields.inputFields), use: formalities)
        routes.endpoint(.GET, .api(.fundsArrears), .fundsRead, doc: APIDoc(summary: "欠缴工会经费（截至今天，含账龄）"), use: arrears)
        routes.endpoint(.GET, .api(.fundsReturns), .fundsRead, doc: APIDoc(summary: "经费返还批次"), use: returns)
        routes.endpoint(
            .POST, .api(.fundsReturns), .fundsRecord, doc: APIDoc(summary: "制作经费返还批次", body: ReturnBatchFields.inputFields), use: draw)
        routes.endpoint(.GET, .api(.fundsReturn(nil)), .fundsRead, doc: APIDoc(summary: "查看返还批次（含明细）"), use: batch)
        routes.endpoint(
            .POST, .api(.fundsReturnPay(nil)), .fundsApprove, doc: APIDoc(summary: "审核拨付返还批次（须由制表人以外的人）", body: ReturnPaymentFields.inputFields),
            use: pay)
        routes.endpoint(
            .GET, .api(.fundsStats), .fundsRead, doc: APIDoc(summary: "工会经费统计（工作总结用）", queryFields: ["year", "half", "from", "to", "orgId"]),
            use: stats)
    }

    private func form(_ req: Request) throws -> FormFields { try req.decodeJSON(FormFields.self) }

    func receipts(req: Request) async throws -> ListDTO<ReceiptDTO> {
        let list = try await FundsController.list(
            try FundsController.filter(try req.query.decode(FormFields.self), today: req.today), in: req.scope, on: req.db)
        return list.dto(ReceiptDTO.init)
    }

    func create(req: Request) async throws -> Response {
        let r = try await DuesReceipts.record(
            try ReceiptFields.validate(try form(req), today: req.today, rules: req.application.fundsRules), in: req.scope, actor: req.actor, at: req.now,
            on: req.db)
        return try await ReceiptDTO(try await DuesReceipts.find(try r.requireID(), in: req.scope, on: req.db)).encodeResponse(status: .created, for: req)
    }

    func receipt(req: Request) async throws -> ReceiptDTO { ReceiptDTO(try await DuesReceipts.find(req.id("经费到账记录"), in: req.scope, on: req.db)) }

    func reverse(req: Request) async throws -> Response {
        let r = try await DuesReceipts.reverse(
            req.id("经费到账记录"), try ReversalFields.validate(try form(req), today: req.today), in: req.scope, actor: req.actor, at: req.now, on: req.db)
        return try await ReceiptDTO(try await DuesReceipts.find(try r.requireID(), in: req.scope, on: req.db)).encodeResponse(status: .created, for: req)
    }

    func register(req: Request) async throws -> Response {
        let p = try await DuesReceipts.register(
            try PayerFields.validate(try form(req), today: req.today), in: req.scope, actor: req.actor, at: req.now, on: req.db)
        return try await PayerDTO(p).encodeResponse(status: .created, for: req)
    }

    func formalities(req: Request) async throws -> Response {
        let rules = req.application.fundsRules
        let f = try await DuesReceipts.formalities(
            try FormalityFields.validate(try form(req), today: req.today, rules: rules), rules: rules, in: req.scope, actor: req.actor, at: req.now,
            on: req.db)
        return try await FormalityDTO(f).encodeResponse(status: .created, for: req)
    }

    func arrears(req: Request) async throws -> [ArrearsDTO] {
        try await DuesArrearsList.compute(in: req.scope, asOf: req.today, rules: req.application.fundsRules, on: req.db).map(ArrearsDTO.init)
    }

    func returns(req: Request) async throws -> [ReturnBatchDTO] {
        try await ReturnBatch.query(on: req.db).filter(try req.scope.contains(column: "dues_returns.org_id")).sort(\.$madeOn, .descending)
            .sort(\.$id, .descending).limit(500).all().map { ReturnBatchDTO($0) }
    }

    func draw(req: Request) async throws -> Response {
        let b = try await Returns.draw(
            try ReturnBatchFields.validate(try form(req), today: req.today), rules: req.application.fundsRules, in: req.scope, actor: req.actor,
            at: req.now, on: req.db)
        return try await ReturnBatchDTO(b, lines: try await Returns.lines(try b.requireID(), on: req.db)).encodeResponse(status: .created, for: req)
    }

    func batch(req: Request) async throws -> ReturnBatchDTO {
        let b = try await Returns.find(req.id("返还批次"), in: req.scope, on: req.db)
        return ReturnBatchDTO(b, lines: try await Returns.lines(try b.requireID(), on: req.db))
    }

    func pay(req: Request) async throws -> ReturnBatchDTO {
        let id = try req.id("返还批次")
        let b = try await Returns.find(id, in: req.scope, on: req.db)
        let f = try ReturnPaymentFields.validate(try form(req), today: req.today, made: CalendarDate(parsing: b.madeOn) ?? req.today)
        let paid = try await Returns.pay(id, f, in: req.scope, actor: req.actor, at: req.now, on: req.db)
        return ReturnBatchDTO(paid, lines: try await Returns.lines(id, on: req.db))
    }

    func stats(req: Request) async throws -> FundsFigures {
        let q = try req.query.decode(FormFields.self)
        return try await FundsStats.compute(
            in: try await StatsQuery.subtree(q, req), period: try ReportPeriod.parse(q, today: req.today), today: req.today,
            rules: req.application.fundsRules, on: req.db)
    }
}
