import Domain
import Vapor

// View models of the relief pages: finished strings (money in yuan, labels in Chinese) and explicit flags for Leaf.

struct ReliefStatsView: Encodable, Sendable {
    struct Line: Encodable, Sendable {
        var label: String
        var people: Int
        var visits: Int
        var money: String
    }

    var people: Int
    var households: Int
    var visits: Int
    var money: String
    var byKind: [Line]
    var byUnion: [Line]
    var applicationsMade: Int
    var applicationsApproved: Int
    var applicationsRejected: Int
    var filesOpen: Int
    var filesOpened: Int
    var filesExited: Int

    init(_ s: ReliefStats) {
        func lines(_ l: [ReliefStats.Line]) -> [Line] {
            l.map { Line(label: $0.label, people: $0.people, visits: $0.visits, money: Money.phrase($0.money)) }
        }
        people = s.people
        households = s.households
        visits = s.visits
        money = Money.phrase(s.money)
        byKind = lines(s.byKind)
        byUnion = lines(s.byUnion)
        applicationsMade = s.applicationsMade
        applicationsApproved = s.applicationsApproved
        applicationsRejected = s.applicationsRejected
        filesOpen = s.filesOpen
        filesOpened = s.filesOpened
        filesExited = s.filesExited
    }
}

struct AlertLink: Encodable, Sendable {
    var label: String
    var count: Int
    var url: String
}

struct RoundRow: Encodable, Sendable {
    var name: String
    var kind: String
    var dates: String
    var budget: String
    var fund: String
    var reportsUpward: Bool
    var url: String

    init(_ r: ReliefRound) {
        name = r.name
        kind = r.reliefKind?.label ?? r.kind
        dates = "\(r.startsOn) 至 \(r.endsOn)"
        budget = Money.yuan(r.budget)
        fund = r.$fund.value?.name ?? ""
        reportsUpward = r.reportsUpward
        url = SiteURL.reliefRound(r.id).path
    }
}

struct ReliefOverviewPage: Page {
    static let template = "relief/index"
    var layout: Layout
    var stats: ReliefStatsView
    var alerts: [AlertLink]
    var rounds: [RoundRow]
    var canManage: Bool
    var canApply: Bool
    var from: String
    var to: String
    var filesURL = SiteURL.reliefFiles.path
    var applicationsURL = SiteURL.reliefApplications.path
    var fundsURL = SiteURL.reliefFunds.path
    var medicalURL = SiteURL.reliefMedical.path
    var newRoundURL = SiteURL.reliefRoundNew.path
    var newFileURL = SiteURL.reliefFileNew.path
    var newApplicationURL = SiteURL.reliefApplicationNew.path
    var overviewURL = SiteURL.relief.path
}

struct ApplicationRow: Encodable, Sendable {
    var id: Int
    var member: String
    var union: String
    var round: String
    var state: String
    var stateCode: String
    var requested: String
    var approved: String
    var url: String

    init(_ a: ReliefApplication) {
        id = a.id ?? 0
        member = a.applicantName
        union = a.$org.value?.name ?? ""
        round = a.$round.value?.name ?? ""
        state = a.reliefState?.label ?? a.state
        stateCode = a.state
        requested = Money.yuan(a.requested)
        approved = (a.upperApproved ?? a.approved).map(Money.yuan) ?? ""
        url = SiteURL.reliefApplication(a.id).path
    }
}

struct ReliefRoundPage: Page {
    static let template = "relief/round"
    var layout: Layout
    var round: RoundRow
    var standards: String
    var rows: [ApplicationRow]
    var pager: Pager
    var states: [SelectOption]
    var canApply: Bool
    var newApplicationURL: String
    var noticeURL: String
    var exportURL: String
    var canExportFull: Bool
    /// A warning that people on the payment list have no bank account yet.
    var missingAccounts: String?
}

struct NoticeRow: Encodable, Sendable {
    var number: Int
    var name: String
    var union: String
    var kind: String
    var amount: String
}

struct ReliefNoticePage: Page {
    static let template = "relief/notice"
    var layout: Layout
    var title: String
    var paragraphs: [String]
    var rows: [NoticeRow]
    var issuer: String
    var date: String
    /// The form that sets the notice (not printed): its stage, period and contact telephone, as typed.
    var stages: [SelectOption]
    var from: String
    var days: String
    var contact: String
    var formURL: String
    var roundURL: String
}

struct FundRow: Encodable, Sendable {
    var name: String
    var org: String
    var balance: String
    var url: String
}

struct ReliefFundsPage: Page {
    static let template = "relief/funds"
    var layout: Layout
    var rows: [FundRow]
    var canManage: Bool
    var form: FieldGroup
    var action: String
}

struct LedgerRow: Encodable, Sendable {
    var date: String
    var kind: String
    var amount: String
    var balance: String
    var note: String
    var overdraft: Bool

    /// `balance` is nil where the viewer may not see the fund's other lines.
    init(_ e: FundEntry, balance: Int?) {
        date = e.onDate
        kind =
            e.entryKind == .moneyIn
            ? e.source.flatMap(FundSource.init(rawValue:))?.label ?? FundEntryKind.moneyIn.label : e.entryKind?.label ?? e.kind
        amount = Money.yuan(e.amount)
        self.balance = balance.map(Money.yuan) ?? "—"
        note = e.note ?? ""
        overdraft = e.overdraft
    }
}

struct ReliefFundPage: Page {
    static let template = "relief/fund"
    var layout: Layout
    var org: String
    var balance: String
    var rows: [LedgerRow]
    var pager: Pager
    var canReceive: Bool
    var form: FieldGroup
    var formError: String?
    var action: String
}

struct MedicalRow: Encodable, Sendable {
    var name: String
    var card: String
    var fee: String
    var year: Int
}

struct MedicalPage: Page {
    static let template = "relief/medical"
    var layout: Layout
    var year: Int
    var scheme: String
    var rows: [MedicalRow]
    var total: Int
    var pager: Pager
    var canEnrol: Bool
    var form: FieldGroup
    var formError: String?
    var action: String
}

struct HardshipFileRow: Encodable, Sendable {
    var id: Int
    var member: String
    var union: String
    var tier: String
    var suggested: String
    var status: String
    var monthlyPerPerson: String
    var verifiedOn: String
    var url: String

    init(_ f: HardshipFile, settings: ReliefSettings, year: Int) {
        id = f.id ?? 0
        member = f.headName
        union = f.$org.value?.name ?? ""
        tier = HardshipTier(rawValue: f.tier)?.label ?? f.tier
        let (line, s) = HardshipFiles.suggestedTier(f, settings: settings, year: year)
        suggested = line == nil ? "未配置低保标准" : (s?.label ?? "高于相对困难线")
        status = f.fileStatus?.label ?? f.status
        monthlyPerPerson = Money.yuan(HardshipFiles.income(of: f).monthlyPerPerson)
        verifiedOn = f.verifiedOn
        url = SiteURL.reliefFile(f.id).path
    }
}

struct HardshipFileListPage: Page {
    static let template = "relief/files"
    var layout: Layout
    var rows: [HardshipFileRow]
    var pager: Pager
    var statuses: [SelectOption]
    var tiers: [SelectOption]
    var alerts: [SelectOption]
    var canApply: Bool
    var listURL = SiteURL.reliefFiles.path
    var newURL = SiteURL.reliefFileNew.path
    var importURL = SiteURL.reliefFileImport.path
}

/// A file's fields as label/value pairs, with the income test spelled out.
struct HardshipFileView: Encodable, Sendable {
    struct Field: Encodable, Sendable {
        var label: String
        var value: String
    }

    var fields: [Field]
    var tierWarning: String
    var hasTierWarning: Bool

    init(_ f: HardshipFile, settings: ReliefSettings, today: CalendarDate) {
        let income = HardshipFiles.income(of: f)
        let (line, suggested) = HardshipFiles.suggestedTier(f, settings: settings, year: today.year)
        let tier = HardshipTier(rawValue: f.tier)
        let causes = f.otherCauses.split(separator: ",").compactMap { HardshipCause(rawValue: String($0))?.label }.joined(separator: "、")
        var fields: [Field] = [
            Field(label: "户主", value: f.headName + (f.$member.id == nil ? "（非会员）" : "") + " " + f.headIdNumberMasked),
            Field(label: "所在工会", value: f.org.name),
            Field(label: "档案状态", value: (f.fileStatus?.label ?? f.status) + "（\(f.statusSince)起）"),
            Field(label: "困难类别", value: tier?.label ?? f.tier),
            Field(label: "主要致困原因", value: HardshipCause(rawValue: f.mainCause)?.label ?? f.mainCause),
            Field(label: "次要致困原因", value: causes.isEmpty ? "—" : causes), Field(label: "家庭人口", value: "\(f.householdSize)人"),
            Field(
                label: "近12个月家庭收入",
                value:
                    "\(Money.yuan(income.wages + income.business + income.property + income.transfer + income.other))元，刚性支出\(Money.yuan(income.unavoidableCosts))元"
            ),
            Field(label: "月人均收入", value: "\(Money.yuan(income.monthlyPerPerson))元"),
            Field(
                label: "当地低保标准",
                value: line.map { "\(Money.yuan($0))元/人·月（\(today.year)年）→ 建议类别：\(suggested?.label ?? "高于相对困难线")" }
                    ?? "未配置（请在帮扶配置中设置当地低保标准）"),
        ]
        if let s = f.health { fields.append(Field(label: "健康状况", value: s)) }
        if let s = f.disability { fields.append(Field(label: "残疾情况", value: s)) }
        if let s = f.housing { fields.append(Field(label: "住房情况", value: s)) }
        if let s = f.workStatus { fields.append(Field(label: "工作状况", value: WorkStatus(rawValue: s)?.label ?? s)) }
        fields.append(Field(label: "银行账号", value: f.bankMasked ?? "未登记"))
        fields.append(Field(label: "建档日期", value: f.openedOn))
        fields.append(Field(label: "最近核查", value: f.verifiedOn))
        if let r = f.statusReason { fields.append(Field(label: "状态变更原因", value: r)) }
        self.fields = fields
        let mismatch = line != nil && tier.map(HardshipTier.current.contains) == true && tier != .accidental && suggested != tier
        tierWarning = mismatch ? "所选类别“\(tier?.label ?? "")”与按收入测算的建议类别“\(suggested?.label ?? "不符合困难条件")”不一致，请核实收入或说明原因。" : ""
        hasTierWarning = mismatch
    }
}

struct FamilyRow: Encodable, Sendable {
    var name: String
    var idNumber: String
    var relation: String
    var income: String
    var status: String
}

struct HardshipFilePage: Page {
    static let template = "relief/file"
    var layout: Layout
    var file: HardshipFileView
    var revealedBank: String
    var hasRevealed: Bool
    var family: [FamilyRow]
    var applications: [ApplicationRow]
    var isOpen: Bool
    var canApply: Bool
    var canReveal: Bool
    var familyForm: FieldGroup
    var statusForm: FieldGroup
    var formError: String?
    var today: String
    var editURL: String
    var familyURL: String
    var statusURL: String
    var verifyURL: String
    var revealURL: String
    var applyURL: String
}

struct ApplicationListPage: Page {
    static let template = "relief/applications"
    var layout: Layout
    var rows: [ApplicationRow]
    var pager: Pager
    var states: [SelectOption]
    var rounds: [SelectOption]
    var listURL = SiteURL.reliefApplications.path
    var newURL = SiteURL.reliefApplicationNew.path
}

struct ApplicationView: Encodable, Sendable {
    var id: Int
    var member: String
    var card: String
    var union: String
    var round: String
    var kind: String
    var state: String
    var stateCode: String
    var requested: String
    var approved: String
    var upperApproved: String
    var amountReason: String
    var upperReason: String
    var budgetReason: String
    var reversalReason: String
    var documents: [String]
    /// The documents its kind requires that a draft still lacks (submitting waits for them).
    var missing: String
    /// What the reviewer weighs: the household's tier, size and income per person a month (from its file).
    var household: String
    var note: String
    var appliedOn: String
    /// Entered after its round ended (补录): the reason given.
    var lateReason: String

    init(_ a: ReliefApplication) {
        appliedOn = a.appliedOn
        lateReason = a.lateReason ?? ""
        id = a.id ?? 0
        member = a.applicantName
        card = a.member?.cardNumber ?? "非会员"
        union = a.org.name
        round = a.round.name
        kind = a.round.reliefKind?.label ?? a.round.kind
        state = a.reliefState?.label ?? a.state
        stateCode = a.state
        requested = Money.yuan(a.requested)
        approved = a.approved.map(Money.yuan) ?? ""
        upperApproved = a.upperApproved.map(Money.yuan) ?? ""
        amountReason = a.amountReason ?? ""
        upperReason = a.upperReason ?? ""
        budgetReason = a.budgetReason ?? ""
        reversalReason = a.reversalReason ?? ""
        household = a.file.map { f in
            let income = HardshipFiles.income(of: f)
            return "\(HardshipTier(rawValue: f.tier)?.label ?? f.tier)；家庭人口\(f.householdSize)人；"
                + "人均月收入\(Money.yuan(income.monthlyPerPerson))元（档案编号\(f.id ?? 0)，\(f.verifiedOn)核实）"
        } ?? "未建困难职工档案"
        let provided = ReliefApplications.decodeList(a.documents)
        documents = provided.map { ReliefDocument(rawValue: $0)?.label ?? $0 }
        missing =
            (a.reliefState?.isEditable ?? false)
            ? (a.round.reliefKind.map(ReliefDocument.required(for:)) ?? []).filter { !provided.contains($0.rawValue) }.map(\.label)
                .joined(separator: "、") : ""
        note = a.note ?? ""
    }
}

struct StepRow: Encodable, Sendable {
    /// The day the step was taken, and when it was entered.
    var on: String
    var at: String
    var action: String
    var state: String
    var amount: String
    var comment: String
    var user: String

    init(_ s: ReliefStep, user: String, zone: TimeZone) {
        on = s.onDate
        at =
            s.createdAt.map {
                ISO8601DateFormatter.string(
                    from: $0, timeZone: zone,
                    formatOptions: [
                        .withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate, .withSpaceBetweenDateAndTime,
                    ])
            } ?? ""
        action = ReliefAction.label(ofStep: s.action) ?? s.action
        state = ReliefState(rawValue: s.toState)?.label ?? s.toState
        amount = s.amount.map(Money.yuan) ?? ""
        comment = s.comment ?? ""
        self.user = user
    }
}

struct PaymentRow: Encodable, Sendable {
    var kind: String
    var amount: String
    var method: String
    var paidOn: String

    init(_ d: Disbursement) {
        kind = d.disbursementKind?.label ?? d.kind
        amount = Money.yuan(d.amount)
        method = PaymentMethod(rawValue: d.method)?.label ?? d.method
        paidOn = d.paidOn
    }
}

extension ReliefAction.Code {
    /// Which steps an application's page offers, by step (`approve`, `returnForCompletion` …), and the forms that group
    /// them (`review`, `upper`): exactly the steps in `allowed`.
    static func offers(_ allowed: Set<ReliefAction.Code>) -> [String: Bool] {
        var offers = Dictionary(uniqueKeysWithValues: allCases.map { (String(describing: $0), allowed.contains($0)) })
        offers["review"] = !allowed.isDisjoint(with: [.approve, .secondApprove, .reject, .returnForCompletion, .decline])
        offers["upper"] = !allowed.isDisjoint(with: [.upperApprove, .upperReject])
        return offers
    }
}

struct ApplicationPage: Page {
    static let template = "relief/application"
    var layout: Layout
    var application: ApplicationView
    var steps: [StepRow]
    var payments: [PaymentRow]
    var formError: String?
    var amount: String
    var reason: String
    /// The day a step form proposes (today; a step entered late takes the day it happened).
    var date: String
    /// The steps offered: exactly what the flow allows this person now (`ReliefFlow.allowedActions`).
    var offers: [String: Bool]
    var payForm: FieldGroup
    /// A fresh submit token per page view: a double click or a retry of this form pays once.
    var token: String
    var stepURL: String
    var payURL: String
    var reverseURL: String
    var roundURL: String
    var fileURL: String
    var hasFile: Bool
    /// A draft or a returned application can still be changed by its applicant.
    var editURL: String?
}

extension ApplicationView {
    /// A stored application as its form's values, for changing a draft or a returned application.
    static func formValues(_ a: ReliefApplication) -> FormFields {
        var v = FormFields()
        v["requested"] = Money.yuan(a.requested).replacingOccurrences(of: ",", with: "")
        v["standardKey"] = a.standardKey
        v["documents"] = ReliefApplications.decodeList(a.documents).joined(separator: ",")
        v["note"] = a.note
        if let facts = try? JSONDecoder().decode(ReliefApplications.Facts.self, from: Data(a.facts.utf8)) {
            v["schoolLevel"] = facts.schoolLevel
            v["exclusions"] = facts.exclusions.joined(separator: ",")
            v["workInjury"] = facts.workInjury ? "on" : nil
            v["festivalTarget"] = facts.festivalTarget ? "on" : nil
            v["suddenCause"] = facts.suddenCause ? "on" : nil
            v["hospitalDays"] = facts.hospitalDays.map(String.init)
            v["coveredCost"] = facts.coveredCost.map { Money.yuan($0).replacingOccurrences(of: ",", with: "") }
        }
        return v
    }
}
