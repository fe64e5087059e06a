import Domain
import Fluent
import Vapor

/// The org tree: federations and grassroots unions, their details and cadres.
struct OrganizationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, .orgs, .orgRead, use: index)
        routes.endpoint(.GET, .orgNew, .orgWrite, use: new)
        routes.endpoint(.POST, .orgs, .orgWrite, use: create)
        routes.endpoint(.GET, .org(nil), .orgRead, use: show)
        routes.endpoint(.GET, .orgEdit(nil), .orgWrite, use: edit)
        routes.endpoint(.POST, .orgEdit(nil), .orgWrite, use: update)
        routes.endpoint(.POST, .orgCadres(nil), .orgWrite, use: addCadre)
        routes.endpoint(.POST, .orgCadreEnd(nil), .orgWrite, use: endCadre)
        routes.endpoint(.GET, .cadreEdit(nil), .orgWrite, use: editCadre)
        routes.endpoint(.POST, .cadreEdit(nil), .orgWrite, use: updateCadre)
    }

    func index(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let orgs = try await Organization.scoped(p.scope, on: req.db).all()
        let counts = try await Registers.memberCounts(in: p.scope, on: req.today, on: req.db).mapValues(\.all)
        let q = try req.query.decode(FormFields.self)
        let type = Input.optional(q["type"])
        if let type, type != OrgLevel.federation.rawValue, UnionType(rawValue: type) == nil {
            throw FieldError(field: "type", message: "类型“\(type.prefix(20))”无效")
        }
        let filter = TreeFilter(q: Input.optional(q["q"]), type: type)
        let tree = TreeRow.build(orgs, counts: counts, today: req.today, rootPath: p.scope.path, filter: filter)
        let matches = tree.filter { !$0.context }.count
        return try await OrganizationListPage(
            layout: Layout(title: "组织", principal: p, active: .orgs), tree: tree, canWrite: req.may(.orgWrite), q: filter.q ?? "",
            types: TreeFilter.choices(selected: type),
            shown: filter.isEmpty ? "共 \(orgs.count) 个组织" : "找到 \(matches) 个（共 \(orgs.count) 个），灰色为其上级组织"
        ).render(req)
    }

    func new(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let parent = (try? req.query.get(String.self, at: "parentId")) ?? String(p.scope.orgID)
        return try await form(
            req, title: "新增组织", action: SiteURL.orgs.path, values: OrganizationInput(parentId: parent, foundedOn: req.today.iso), errors: [:])
    }

    func create(req: Request) async throws -> Response {
        let input = try req.content.decode(OrganizationInput.self)
        do {
            let f = try input.validate(today: req.today)
            let org = try await OrganizationQuery.create(f, in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return req.redirect(to: SiteURL.org(org.id).path, flash: "已保存")
        } catch {
            guard let (errors, status) = req.refusal(error) else { throw error }
            return try await form(req, title: "新增组织", action: SiteURL.orgs.path, values: input, errors: errors, status: status)
        }
    }

    func show(req: Request) async throws -> Response {
        try await showPage(req, cadreErrors: [:])
    }

    func edit(req: Request) async throws -> Response {
        let org = try await OrganizationQuery.find(req.id("组织"), in: req.scope, on: req.db)
        return try await form(req, title: "编辑组织", action: SiteURL.orgEdit(org.id).path, values: OrganizationInput(org), errors: [:], editing: true)
    }

    func update(req: Request) async throws -> Response {
        let id = try req.id("组织")
        let input = try req.content.decode(OrganizationInput.self)
        do {
            let f = try input.validate(today: req.today)
            _ = try await OrganizationQuery.update(id, f, in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return req.redirect(to: SiteURL.org(id).path, flash: "已保存")
        } catch {
            guard let (errors, status) = req.refusal(error) else { throw error }
            return try await form(
                req, title: "编辑组织", action: SiteURL.orgEdit(id).path, values: input, errors: errors, status: status, editing: true)
        }
    }

    func addCadre(req: Request) async throws -> Response {
        let id = try req.id("组织")
        do {
            let f = try CadreFields.validate(try req.content.decode(FormFields.self), today: req.today)
            try await OrganizationQuery.addCadre(
                orgID: id, f, in: req.scope, cipher: req.application.cipher, actor: req.actor, at: req.now, on: req.db)
            return req.redirect(to: SiteURL.org(id).path, flash: "已保存工会干部")
        } catch {
            guard let (errors, status) = req.refusal(error) else { throw error }
            return try await showPage(req, cadreErrors: errors, status: status)
        }
    }

    /// A cadre's record corrected (name, post, phone, term); a blank phone keeps the one on record.
    func editCadre(req: Request) async throws -> Response {
        let c = try await OrganizationQuery.cadre(req.id("工会干部"), in: req.scope, on: req.db)
        var values = FormFields(["name": c.name, "post": c.post, "termFrom": c.termFrom ?? "", "termTo": c.termTo ?? ""])
        values["phone"] = nil
        return try await cadreForm(req, c, values: values, errors: [:])
    }

    func updateCadre(req: Request) async throws -> Response {
        let c = try await OrganizationQuery.cadre(req.id("工会干部"), in: req.scope, on: req.db)
        let values = try req.content.decode(FormFields.self)
        do {
            try await OrganizationQuery.updateCadre(
                c, try CadreFields.validate(values, today: req.today), cipher: req.application.cipher, actor: req.actor, at: req.now,
                on: req.db)
            return req.redirect(to: SiteURL.org(c.$org.id).path, flash: "已保存工会干部")
        } catch {
            guard let (errors, status) = req.refusal(error) else { throw error }
            return try await cadreForm(req, c, values: values, errors: errors, status: status)
        }
    }

    private func cadreForm(
        _ req: Request, _ c: Cadre, values: FormFields, errors: [String: String], status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        var f = FormBuilder(values, errors: errors)
        f.text("name", "姓名", required: true)
        f.choice("post", "职务", CadrePost.self, required: true)
        f.text("phone", "手机", hint: c.phoneMasked.map { "现为 \($0)；留空保持不变" } ?? "选填")
        f.date("termFrom", "任职日期", required: true)
        f.date("termTo", "任期届满或离任日期", hint: "留空为仍在任；提前离任请用组织页的“离任”")
        return try await FormPage(
            layout: Layout(title: "修改工会干部 · \(c.name)", principal: try req.requirePrincipal(), active: .orgs),
            action: SiteURL.cadreEdit(c.id).path, form: f, submitLabel: "保存", formID: "cadre-form"
        ).render(req, status: status)
    }

    /// 离任: `cadreId` and `date` (default today, never later, not before the term began).
    func endCadre(req: Request) async throws -> Response {
        let id = try req.id("组织")
        let f = try req.content.decode(FormFields.self)
        do {
            guard let cadre = try Input.id(f["cadreId"], field: "endDate", label: "工会干部") else {
                throw FieldError(field: "endDate", message: "请选择离任的工会干部")
            }
            let day = try Input.requiredDate(Input.optional(f["date"]) ?? req.today.iso, field: "endDate", label: "离任日期", notAfter: req.today)
            try await OrganizationQuery.endCadreTerm(cadre, orgID: id, on: day, in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return req.redirect(to: SiteURL.org(id).path, flash: "已保存")
        } catch let e as FieldError {
            return try await showPage(req, cadreErrors: [e.field: e.message])
        }
    }

    private func showPage(_ req: Request, cadreErrors: [String: String], status: HTTPResponseStatus = .ok) async throws -> Response {
        let p = try req.requirePrincipal()
        let org = try await OrganizationQuery.find(req.id("组织"), in: p.scope, on: req.db)
        let id = try org.requireID()
        let sub = Scope(orgID: id, path: org.path)
        let subtree = try await Organization.scoped(sub, on: req.db).all()
        let counts = try await Registers.memberCounts(in: sub, on: req.today, on: req.db).mapValues(\.all)
        let cadres = try await Cadre.query(on: req.db).filter(\.$org.$id == id).sort(\.$id).all()
        let hosted = try await Employer.query(on: req.db).filter(\.$union.$id == id).sort(\.$name).all()
        let parent = try await org.$parent.get(on: req.db)
        let events = try await OrgHistory.events(of: id, on: req.db)
        let names = Dictionary(subtree.compactMap { o in o.id.map { ($0, o.name) } } + (parent.flatMap { p in p.id.map { [($0, p.name)] } } ?? []),
            uniquingKeysWith: { a, _ in a })
        let due = org.reElectionDue.flatMap(CalendarDate.init(parsing:))
        var fields: [OrganizationShowPage.Field] = [
            .init(label: "层级", value: OrgLevel(rawValue: org.level)?.label ?? org.level),
            .init(label: "上级组织", value: parent?.name ?? "—"),
            .init(label: "会员人数", value: "\(counts[id] ?? 0) 人（本级）／\(counts.values.reduce(0, +)) 人（含下级）"),
        ]
        if let t = org.unionType.flatMap(UnionType.init(rawValue:)) { fields.append(.init(label: "工会类型", value: t.label)) }
        fields += [
            .init(label: "行政区划代码", value: org.regionCode ?? "—"),
            .init(label: "统一社会信用代码", value: org.creditCode ?? "—"),
            .init(label: "成立日期", value: org.foundedOn ?? "—"),
            .init(label: "本届选举日期", value: org.electedOn ?? "—"),
            .init(label: "任期", value: "\(org.termYears)年"),
            .init(label: "换届到期", value: due.map { "\($0.iso)（\(ReElectionState.of(due: $0, today: req.today).label)）" } ?? "—"),
            .init(label: "状态", value: org.orgStatus?.label ?? org.status),
        ]
        if let ended = org.endedOn { fields.append(.init(label: "\(org.orgStatus?.label.dropFirst() ?? "终止")日期", value: ended)) }
        let page = OrganizationShowPage(
            layout: Layout(title: org.name, principal: p, active: .orgs), id: id, name: org.name,
            fields: fields,
            cadres: cadres.map {
                .init(
                    id: $0.id ?? 0, serving: $0.termTo == nil,
                    name: $0.name, post: CadrePost(rawValue: $0.post)?.label ?? $0.post, phone: $0.phoneMasked ?? "",
                    term: $0.termFrom == nil && $0.termTo == nil ? "—" : "\($0.termFrom ?? "—") 至 \($0.termTo ?? "今")",
                    editURL: SiteURL.cadreEdit($0.id).path)
            },
            employers: hosted.map { .init(name: $0.name, headcount: $0.headcount, url: SiteURL.employer($0.id).path) },
            children: Array(TreeRow.build(subtree, counts: counts, today: req.today, rootPath: org.path).dropFirst()),
            events: events.map { .init(date: $0.onDate, kind: OrgEvent.Kind(rawValue: $0.kind)?.label ?? $0.kind, detail: $0.detail(names: names)) },
            hasEmployers: !hosted.isEmpty, hasChildren: subtree.count > 1,
            canWrite: req.may(.orgWrite), editURL: SiteURL.orgEdit(id).path, cadreURL: SiteURL.orgCadres(id).path,
            cadreEndURL: SiteURL.orgCadreEnd(id).path, today: req.today.iso,
            membersURL: SiteURL.members.path + "?unionId=\(id)", posts: SelectOption.list(CadrePost.self, selected: nil),
            cadreErrors: cadreErrors)
        return try await page.render(req, status: cadreErrors.isEmpty ? .ok : .unprocessableEntity)
    }

    private func form(
        _ req: Request, title: String, action: String, values: OrganizationInput, errors: [String: String], status: HTTPResponseStatus = .ok,
        editing: Bool = false
    ) async throws -> Response {
        let p = try req.requirePrincipal()
        let parents = try await Organization.scoped(p.scope, on: req.db).sort(\.$path).all()
        return try await OrganizationFormPage(title: title, action: action, values: values, errors: errors, parents: parents, principal: p, editing: editing)
            .render(req, status: status)
    }
}
