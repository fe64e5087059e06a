import Domain
import Fluent
import Vapor

/// The member register: search, add, edit, status, transfer, the audited reveal of full numbers, and the export.
struct MemberController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, .members, .memberRead, use: index)
        routes.endpoint(.GET, .memberNew, .memberWrite, use: new)
        routes.endpoint(.POST, .members, .memberWrite, use: create)
        routes.endpoint(.GET, .member(nil), .memberRead, use: show)
        routes.endpoint(.GET, .memberEdit(nil), .memberWrite, use: edit)
        routes.endpoint(.POST, .memberEdit(nil), .memberWrite, use: update)
        routes.endpoint(.POST, .memberStatus(nil), .memberWrite, use: changeStatus)
        routes.endpoint(.POST, .memberTransfer(nil), .memberWrite, use: transfer)
        routes.endpoint(.POST, .memberReveal(nil), .memberReveal, use: reveal)
        routes.endpoint(.GET, .memberExport, .memberRead) { try await export($0, full: false) }
        // Full numbers leave the server only by a form post (CSRF-checked, never a link a page can trigger), audited.
        routes.endpoint(.POST, .memberExport, .memberReveal) { try await export($0, full: true) }
    }

    struct ListQuery: Content {
        var q: String?
        var unionId: String?
        var status: String?
        var page: Int?

        /// The list's filter; the export takes the same one.
        var filter: MemberQuery.Filter {
            MemberQuery.Filter(
                q: q, unionId: unionId.flatMap { Int($0) }, status: status.flatMap(MemberStatus.init(rawValue:)), page: page ?? 1)
        }
    }

    func index(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let lq = try req.query.decode(ListQuery.self)
        let result = try await MemberQuery.list(lq.filter, in: p.scope, cipher: req.application.cipher, on: req.db)
        let unions = try await unionOptions(req, selected: lq.unionId)
        let pager = Pager(result, base: SiteURL.members.path, query: [("q", lq.q), ("unionId", lq.unionId), ("status", lq.status)])
        var filters = [("unionId", lq.unionId), ("status", lq.status)].compactMap { k, v in v.flatMap { $0.isEmpty ? nil : "\(k)=\($0)" } }
        if let q = lq.q.flatMap(Input.optional), let e = q.addingPercentEncoding(withAllowedCharacters: .alphanumerics) {
            filters.append("q=\(e)")
        }
        let export = SiteURL.memberExport.path + "?" + filters.joined(separator: "&")
        let onRoll = filters.isEmpty ? try await req.membersByUnionToday().values.reduce(0, +) : nil
        return try await MemberListPage(
            layout: Layout(title: "会员", principal: p, active: .members), rows: result.rows.map(MemberRow.init),
            pager: pager, q: lq.q ?? "", unions: unions, statuses: SelectOption.list(MemberStatus.self, selected: lq.status),
            canWrite: req.may(.memberWrite), canReveal: req.may(.memberReveal), onRoll: onRoll, hasOnRoll: onRoll != nil, exportURL: export,
            exportFilters: [("q", lq.q), ("unionId", lq.unionId), ("status", lq.status)].compactMap { k, v in
                v.flatMap(Input.optional).map { HiddenField(name: k, value: $0) }
            }
        ).render(req)
    }

    func new(req: Request) async throws -> Response {
        let union = try? req.query.get(String.self, at: "unionId")
        return try await form(
            req, title: "新增会员", action: SiteURL.members.path, values: MemberInput(unionId: union, joinDate: req.today.iso),
            errors: [:], current: nil)
    }

    func create(req: Request) async throws -> Response {
        let input = try req.content.decode(MemberInput.self)
        do {
            let f = try input.validate(today: req.today)
            let m = try await MemberQuery.create(
                f, in: req.scope, cipher: req.application.cipher, actor: req.actor, at: req.now, on: req.db)
            return req.redirect(to: SiteURL.member(m.id).path, flash: "已保存，会员证号 \(m.cardNumber)")
        } catch {
            guard let (errors, status) = req.refusal(error) else { throw error }
            return try await form(
                req, title: "新增会员", action: SiteURL.members.path, values: input, errors: errors, status: status, current: nil)
        }
    }

    func show(req: Request) async throws -> Response {
        try await showPage(req, revealed: nil, errors: [:])
    }

    func edit(req: Request) async throws -> Response {
        let m = try await MemberQuery.find(req.id("会员"), in: req.scope, on: req.db)
        return try await form(req, title: "编辑会员", action: SiteURL.memberEdit(m.id).path, values: MemberInput(m), errors: [:], current: m)
    }

    func update(req: Request) async throws -> Response {
        let id = try req.id("会员")
        var input = try req.content.decode(MemberInput.self)
        let current = try await MemberQuery.find(id, in: req.scope, on: req.db)
        let shown = input
        do {
            // A blank ID or phone field keeps the stored value (the form never shows it in full).
            let cipher = req.application.cipher
            if Input.optional(input.idNumber) == nil { input.idNumber = try cipher.decrypt(current.idNumberEncrypted) }
            if Input.optional(input.phone) == nil, let p = current.phoneEncrypted { input.phone = try cipher.decrypt(p) }
            let f = try input.validate(today: req.today)
            _ = try await MemberQuery.update(id, f, in: req.scope, cipher: cipher, actor: req.actor, at: req.now, on: req.db)
            return req.redirect(to: SiteURL.member(id).path, flash: "已保存")
        } catch {
            guard let (errors, status) = req.refusal(error) else { throw error }
            return try await form(
                req, title: "编辑会员", action: SiteURL.memberEdit(id).path, values: shown, errors: errors, status: status, current: current)
        }
    }

    func changeStatus(req: Request) async throws -> Response {
        try await change(req, MembershipChange.status)
    }

    func transfer(req: Request) async throws -> Response {
        try await change(req, MembershipChange.transfer)
    }

    /// A change of standing is checked, then confirmed on a page that says what it does, then made.
    private func change(
        _ req: Request, _ validate: (FormFields, CalendarDate) throws(FieldErrors) -> MembershipChange
    ) async throws -> Response {
        let id = try req.id("会员")
        let values = try req.content.decode(FormFields.self)
        do {
            let c = try validate(values, req.today)
            let checked = try await MemberQuery.check(id, c, in: req.scope, on: req.db)
            let m = checked.member
            let what: String
            switch c.change {
            case .status(let s): what = "将\(m.name)（\(m.cardNumber)）的会籍由“\(m.memberStatus?.label ?? m.status)”变为“\(s.label)”，自 \(c.date.iso) 起。"
            case .transfer:
                what = "将\(m.name)（\(m.cardNumber)）的会籍自 \(c.date.iso) 起由\(m.union.name)转入\(checked.target?.name ?? "所选工会")。"
            }
            if let ask = try await req.askFirst(
                values, title: "确认会籍变更",
                statements: [what, c.reason.map { "原因：\($0)" } ?? "", "变更记入会籍历史和操作日志，统计按变更日期计算。"].filter { !$0.isEmpty },
                confirmLabel: "确认变更", cancelURL: SiteURL.member(id).path)
            {
                return ask
            }
            try await MemberQuery.make(checked, actor: req.actor, at: req.now, on: req.db)
            return req.redirect(to: SiteURL.member(id).path, flash: "已办理会籍变更")
        } catch {
            guard let (errors, status) = req.refusal(error) else { throw error }
            return try await showPage(req, revealed: nil, errors: errors, typed: values, status: status)
        }
    }

    func reveal(req: Request) async throws -> Response {
        let id = try req.id("会员")
        let full = try await MemberQuery.reveal(
            id, in: req.scope, cipher: req.application.cipher, actor: req.actor, at: req.now, on: req.db)
        return try await showPage(req, revealed: full, errors: [:])
    }

    private func showPage(
        _ req: Request, revealed: (idNumber: String, phone: String?)?, errors: [String: String], typed: FormFields = FormFields(),
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let p = try req.requirePrincipal()
        let m = try await MemberQuery.find(req.id("会员"), in: p.scope, on: req.db)
        let id = try m.requireID()
        let events = try await MemberQuery.history(id, on: req.db)
        let names = try await Organization.scoped(p.scope, on: req.db).all()
        let nameOf = Dictionary(uniqueKeysWithValues: names.compactMap { o in o.id.map { ($0, o.name) } })
        let fields: [MemberShowPage.Field] = [
            .init(label: "姓名", value: m.name, id: "name"),
            .init(label: "身份证号", value: revealed?.idNumber ?? m.idNumberMasked, id: "idNumber"),
            .init(label: "手机号码", value: revealed.map { $0.phone ?? "" } ?? (m.phoneMasked ?? ""), id: "phone"),
            .init(label: "性别", value: Gender(rawValue: m.gender)?.label ?? "", id: "gender"),
            .init(label: "出生日期", value: m.birthDate, id: "birthDate"),
            .init(label: "民族", value: m.ethnicity, id: "ethnicity"),
            .init(label: "文化程度", value: m.education.flatMap(Education.init(rawValue:))?.label ?? "", id: "education"),
            .init(label: "政治面貌", value: m.politicalStatus.flatMap(PoliticalStatus.init(rawValue:))?.label ?? "", id: "politicalStatus"),
            .init(label: "所在工会", value: m.union.name, id: "union"),
            .init(label: "工作单位", value: m.employer?.name ?? "", id: "employer"),
            .init(label: "入会日期", value: m.joinDate, id: "joinDate"),
            .init(label: "会员证号", value: m.cardNumber, id: "cardNumber"),
            .init(label: "会籍状态", value: "\(m.memberStatus?.label ?? m.status)（自 \(m.statusSince)）", id: "status"),
            .init(label: "农民工", value: m.migrantWorker ? "是" : "否", id: "migrantWorker"),
            .init(label: "劳模", value: m.modelWorker ? "是" : "否", id: "modelWorker"),
        ]
        let history = events.map { e -> MemberShowPage.Event in
            let text: String
            switch e.kind {
            case "joined": text = "入会（\(e.toUnionID.flatMap { nameOf[$0] } ?? "")）"
            case "transfer":
                text = "会籍接转：\(e.fromUnionID.flatMap { nameOf[$0] } ?? "其他工会") → \(e.toUnionID.flatMap { nameOf[$0] } ?? "其他工会")"
            default:
                let from = e.fromStatus.flatMap(MemberStatus.init(rawValue:))?.label ?? ""
                let to = e.toStatus.flatMap(MemberStatus.init(rawValue:))?.label ?? ""
                text = "会籍状态：\(from) → \(to)"
            }
            return .init(date: e.onDate, text: text, reason: e.reason ?? "")
        }
        let unions = names.filter { $0.level == OrgLevel.union.rawValue && $0.id != m.$union.id }
            .compactMap { o in o.id.map { SelectOption(value: String($0), label: o.name, selected: false) } }
        let current = m.memberStatus ?? .active
        let page = MemberShowPage(
            layout: Layout(title: m.name, principal: p, active: .members), name: m.name, fields: fields.filter { !$0.value.isEmpty },
            history: history, revealed: revealed != nil, canWrite: req.may(.memberWrite), canReveal: req.may(.memberReveal),
            editURL: SiteURL.memberEdit(id).path, statusURL: SiteURL.memberStatus(id).path,
            transferURL: SiteURL.memberTransfer(id).path, revealURL: SiteURL.memberReveal(id).path,
            statuses: MemberStatus.allCases.filter { current.canChange(to: $0) }.map {
                SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == typed["status"])
            }, typedReason: typed["reason"] ?? "",
            hasStatuses: MemberStatus.allCases.contains { current.canChange(to: $0) }, unions: unions, today: req.today.iso, errors: errors)
        return try await page.render(req, status: status)
    }

    /// The list's 所在组织 filter: the nodes directly below the caller's, and below a federation chosen among them its
    /// own nodes — a county's twenty towns rather than its two thousand unions in one list.
    private func unionOptions(_ req: Request, selected: String?) async throws -> [SelectOption] {
        struct Node: Decodable { var id: Int; var name: String; var parent_id: Int?; var level: String }
        let scope = try req.scope
        let chosen = selected.flatMap { Int($0) }
        var parents = [scope.orgID]
        if let chosen, chosen != scope.orgID,
            let node = try await req.db.sql.raw(
                "SELECT id, name, parent_id, level FROM organizations WHERE id = \(bind: chosen) AND path LIKE \(bind: scope.path + "%")"
            ).first(decoding: Node.self)
        {
            // A chosen federation opens; a chosen union shows among its federation's.
            let open = node.level == OrgLevel.federation.rawValue ? chosen : node.parent_id
            if let open, open != scope.orgID { parents.append(open) }
        }
        let nodes = try await req.db.sql.raw(
            "SELECT id, name, parent_id, level FROM organizations WHERE parent_id IN (\(binds: parents)) ORDER BY name"
        ).all(decoding: Node.self)
        func option(_ o: Node, indent: String) -> SelectOption {
            SelectOption(value: String(o.id), label: indent + o.name, selected: o.id == chosen)
        }
        return nodes.filter { $0.parent_id == scope.orgID }.flatMap { top in
            [option(top, indent: "")] + nodes.filter { $0.parent_id == top.id && top.id != scope.orgID }.map { option($0, indent: "　") }
        }
    }

    private func form(
        _ req: Request, title: String, action: String, values: MemberInput, errors: [String: String], status: HTTPResponseStatus = .ok,
        current: Member?
    ) async throws -> Response
    {
        let p = try req.requirePrincipal()
        let unions = try await Organization.scoped(p.scope, on: req.db).filter(\.$level == OrgLevel.union.rawValue).sort(\.$name).all()
        let employers = try await Employer.scoped(p.scope, on: req.db).sort(\.$name).limit(500).all()
        return try await MemberFormPage(
            title: title, action: action, values: values, errors: errors, unions: unions,
            employers: employers, current: current, principal: p
        ).render(req, status: status)
    }

    func export(_ req: Request, full: Bool) async throws -> Response {
        let p = try req.requirePrincipal()
        let lq = try full ? req.content.decode(ListQuery.self) : req.query.decode(ListQuery.self)
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("ud-export-\(UUID().uuidString).xlsx")
        let count = try await MemberExport.write(lq.filter, full: full, scope: p.scope, cipher: req.application.cipher, to: out, on: req.db)
        let filters = [lq.q.map { _ in "q" }, lq.unionId.map { "unionId=\($0)" }, lq.status.map { "status=\($0)" }].compactMap { $0 }
        try await req.audit(
            MemberAudit.export, entity: "member",
            after: ["rows": String(count), "full": String(full), "filter": filters.joined(separator: ",")])
        return try Response.xlsxDownload(out, name: full ? "会员名册（完整）.xlsx" : "会员名册.xlsx")
    }
}
