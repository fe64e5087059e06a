import Domain
import Fluent
import Vapor

/// The parts of the bargaining forms that the negotiation and the contract forms share: the parties for the level
/// chosen (one employer, or the employers' side of a sector or area), the terms of a contract, and the steps' forms.
enum BargainingForms {
    /// The level is asked first (by GET): an enterprise's negotiation names the employer, a sector's or area's names
    /// the employers' side. Nil when no level is chosen yet.
    static func chosenLevel(_ values: FormFields) -> ContractLevel? { values["level"].flatMap(ContractLevel.init(rawValue:)) }

    static func levelChoice(_ req: Request, action: String, title: String, intro: String) async throws -> Response {
        var f = FormBuilder(FormFields(["kind": ContractKind.wage.rawValue]), errors: [:])
        f.choice("kind", "合同种类", ContractKind.self, required: true)
        f.choice("level", "层级", ContractLevel.self, required: true)
        var page = FormPage(
            layout: Layout(title: title, principal: try req.requirePrincipal(), active: .contracts), action: action, form: f,
            submitLabel: "下一步", intro: intro, formID: "level-form")
        page.isGet = true
        return try await page.render(req)
    }

    /// The parties' fields for `level`: the bargaining union, then the employer or the employers' side.
    static func parties(_ f: inout FormBuilder, level: ContractLevel, req: Request) async throws {
        let scope = try req.scope
        let unions = try await OrganizationQuery.choices(in: scope, byName: true, limit: 500, on: req.db)
        f.hidden("level", level.rawValue)
        f.choice("kind", "合同种类", ContractKind.self, required: true)
        f.select("orgId", "协商工会（职工方）", unions, hint: "企业工会，或为行业性、区域性协商的总工会、行业工会", required: true)
        if level.coversMany {
            f.text("counterpart", "企业方", hint: "如“石材行业企业方代表”“工业园区企业代表”", required: true)
        } else {
            let employers = try await Employer.scoped(scope, on: req.db).sort(\.$name).limit(500).all().map {
                (String($0.id ?? 0), "\($0.name)（\($0.headcount)人）")
            }
            f.select("employerId", "企业", employers, required: true)
        }
    }

    /// The terms a contract sets (on signing, or registering one as it stands).
    static func terms(_ f: inout FormBuilder, kind: ContractKind?, rules: ContractRules) {
        f.text("title", "合同名称", hint: "可不填，默认为“企业方＋合同种类”")
        f.date("startsOn", "期限起始日", required: true)
        f.date("endsOn", "期限截止日", hint: "期限1至\(rules.maxTermYears)年", required: true)
        f.text("workers", "覆盖职工人数", required: true)
        f.text("womenWorkers", "其中女职工人数")
        if kind == nil || kind == .wage || kind == .comprehensive {
            f.text("wageRise", "工资增幅（%）", hint: "约定的工资增长幅度，如 15 或 12.5")
            f.text("minimumWage", "最低工资（元/月）", hint: "合同约定的企业最低工资")
        }
    }

    /// A page's forms for the steps `codes` allows, each with only its own fields; the posted one keeps what was typed.
    static func stepForms<C: RawRepresentable & Sendable>(
        _ codes: [C], label: (C) -> String, typed: FormFields, errors: [String: String], today: CalendarDate,
        fields: (C, inout FormBuilder) -> Void
    ) -> [StepForm] where C.RawValue == String {
        codes.map { code in
            let posted = typed["form"] == code.rawValue
            var f = FormBuilder(
                posted ? typed : FormFields(["date": today.iso, "form": code.rawValue]), errors: posted ? errors : [:], idPrefix: code.rawValue + "-")
            f.hidden("form", code.rawValue)
            f.date("date", "日期", required: true)
            fields(code, &f)
            return StepForm(code: code.rawValue, label: label(code), fields: f.fields)
        }
    }
}
