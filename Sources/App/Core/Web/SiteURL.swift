import Vapor

/// Every URL of the site, for route registration and for links in views: no string paths elsewhere.
enum SiteURL: Sendable, Hashable {
    case home, health
    case login, logout, password
    case styles
    case orgs, orgNew, org(Int?), orgEdit(Int?), orgCadres(Int?)
    case employers, employerNew, employerEdit(Int?)
    case members, memberNew, member(Int?), memberEdit(Int?), memberStatus(Int?), memberTransfer(Int?), memberReveal(Int?)
    case memberImport, memberExport, memberTemplate, employerImport, employerExport, employerTemplate
    case importJob(Int?), importJobCommit(Int?), importJobCancel(Int?), importJobErrors(Int?)
    case audit
    case relief, reliefFiles, reliefFileNew, reliefFile(Int?), reliefFileEdit(Int?), reliefFileStatus(Int?), reliefFileFamily(Int?),
        reliefFileVerify(Int?), reliefFileReveal(Int?)
    case reliefRoundNew, reliefRounds, reliefRound(Int?), reliefRoundNotice(Int?), reliefRoundExport(Int?)
    case reliefApplications, reliefApplicationNew, reliefApplication(Int?), reliefApplicationStep(Int?), reliefApplicationPay(Int?),
        reliefApplicationReverse(Int?)
    case reliefFunds, reliefFund(Int?), reliefFundEntries(Int?), reliefMedical, reliefFileImport, reliefFileTemplate
    case petitions, petitionRegister, petitionNew, petition(Int?), petitionStep(Int?), petitionContacts(Int?), petitionHandlers(Int?),
        petitionRecoveries(Int?), petitionReveal(Int?), petitionAway
    case mediations, mediationNew, mediation(Int?), mediationOutcome(Int?), mediationRecoveries(Int?)
    case alerts
    case reportSummary, reportSummaryFile(String?), reportParagraphs, reportFinalize, snapshot(Int?), snapshotFile(Int?)
    case indicators, indicator(String?), indicatorsWorkbook
    case targets, targetDelete(Int?)
    case dashboard
    case api(API)

    enum API: Sendable, Hashable {
        case openapi
        case orgs, org(Int?)
        case employers, employer(Int?)
        case members, member(Int?), memberStatus(Int?), memberTransfer(Int?), memberImport, employerImport, importJob(Int?),
            importJobCancel(Int?)
        case reliefFiles, reliefFile(Int?), reliefFileStatus(Int?), reliefFileFamily(Int?), reliefFileVerify(Int?)
        case reliefRounds, reliefRound(Int?), reliefApplications, reliefApplication(Int?), reliefApplicationSteps(Int?),
            reliefApplicationPayments(Int?), reliefApplicationReversal(Int?)
        case reliefFunds, reliefFundEntries(Int?), reliefStats, medicalEnrolments, reliefFileImport
        case petitions, petition(Int?), petitionSteps(Int?), petitionContacts(Int?), petitionHandlers(Int?), petitionRecoveries(Int?),
            petitionQueue, petitionStats, userAway(Int?)
        case mediations, mediation(Int?), mediationOutcome(Int?), mediationRecoveries(Int?)
        case alerts
        case reportSummary, reportParagraphs, reportFinalize, snapshot(Int?)
        case indicators, indicatorRecords(String?)
        case targets, target(Int?)
    }

    /// The path with the id filled in, or `:id` when nil (the route pattern).
    var path: String {
        func id(_ n: Int?) -> String { n.map(String.init) ?? ":id" }
        switch self {
        case .home: return "/"
        case .health: return "/healthz"
        case .login: return "/login"
        case .logout: return "/logout"
        case .password: return "/password"
        case .styles: return "/styles.css"
        case .orgs: return "/orgs"
        case .orgNew: return "/orgs/new"
        case .org(let n): return "/orgs/\(id(n))"
        case .orgEdit(let n): return "/orgs/\(id(n))/edit"
        case .orgCadres(let n): return "/orgs/\(id(n))/cadres"
        case .employers: return "/employers"
        case .employerNew: return "/employers/new"
        case .employerEdit(let n): return "/employers/\(id(n))/edit"
        case .members: return "/members"
        case .memberNew: return "/members/new"
        case .member(let n): return "/members/\(id(n))"
        case .memberEdit(let n): return "/members/\(id(n))/edit"
        case .memberStatus(let n): return "/members/\(id(n))/status"
        case .memberTransfer(let n): return "/members/\(id(n))/transfer"
        case .memberReveal(let n): return "/members/\(id(n))/reveal"
        case .memberImport: return "/members/import"
        case .memberExport: return "/members/export"
        case .memberTemplate: return "/members/template"
        case .employerImport: return "/employers/import"
        case .employerExport: return "/employers/export"
        case .employerTemplate: return "/employers/template"
        case .importJob(let n): return "/imports/\(id(n))"
        case .importJobCommit(let n): return "/imports/\(id(n))/commit"
        case .importJobCancel(let n): return "/imports/\(id(n))/cancel"
        case .importJobErrors(let n): return "/imports/\(id(n))/errors"
        case .audit: return "/audit"
        case .relief: return "/relief"
        case .reliefFiles: return "/relief/files"
        case .reliefFileNew: return "/relief/files/new"
        case .reliefFile(let n): return "/relief/files/\(id(n))"
        case .reliefFileEdit(let n): return "/relief/files/\(id(n))/edit"
        case .reliefFileStatus(let n): return "/relief/files/\(id(n))/status"
        case .reliefFileFamily(let n): return "/relief/files/\(id(n))/family"
        case .reliefFileVerify(let n): return "/relief/files/\(id(n))/verify"
        case .reliefFileReveal(let n): return "/relief/files/\(id(n))/reveal"
        case .reliefRoundNew: return "/relief/rounds/new"
        case .reliefRounds: return "/relief/rounds"
        case .reliefRound(let n): return "/relief/rounds/\(id(n))"
        case .reliefRoundNotice(let n): return "/relief/rounds/\(id(n))/notice"
        case .reliefRoundExport(let n): return "/relief/rounds/\(id(n))/payments.xlsx"
        case .reliefApplications: return "/relief/applications"
        case .reliefApplicationNew: return "/relief/applications/new"
        case .reliefApplication(let n): return "/relief/applications/\(id(n))"
        case .reliefApplicationStep(let n): return "/relief/applications/\(id(n))/step"
        case .reliefApplicationPay(let n): return "/relief/applications/\(id(n))/pay"
        case .reliefApplicationReverse(let n): return "/relief/applications/\(id(n))/reverse"
        case .reliefFunds: return "/relief/funds"
        case .reliefFund(let n): return "/relief/funds/\(id(n))"
        case .reliefFundEntries(let n): return "/relief/funds/\(id(n))/entries"
        case .reliefMedical: return "/relief/medical"
        case .reliefFileImport: return "/relief/files/import"
        case .reliefFileTemplate: return "/relief/files/template"
        case .petitions: return "/petitions"
        case .petitionRegister: return "/petitions/register"
        case .petitionNew: return "/petitions/new"
        case .petition(let n): return "/petitions/\(id(n))"
        case .petitionStep(let n): return "/petitions/\(id(n))/step"
        case .petitionContacts(let n): return "/petitions/\(id(n))/contacts"
        case .petitionHandlers(let n): return "/petitions/\(id(n))/handlers"
        case .petitionRecoveries(let n): return "/petitions/\(id(n))/recoveries"
        case .petitionReveal(let n): return "/petitions/\(id(n))/reveal"
        case .petitionAway: return "/petitions/away"
        case .mediations: return "/mediations"
        case .mediationNew: return "/mediations/new"
        case .mediation(let n): return "/mediations/\(id(n))"
        case .mediationOutcome(let n): return "/mediations/\(id(n))/outcome"
        case .mediationRecoveries(let n): return "/mediations/\(id(n))/recoveries"
        case .alerts: return "/alerts"
        case .reportSummary: return "/reports/summary"
        case .reportSummaryFile(let format): return "/reports/summary/\(format ?? ":format")"
        case .reportParagraphs: return "/reports/summary-paragraphs"
        case .reportFinalize: return "/reports/summary-finalize"
        case .snapshot(let n): return "/reports/snapshots/\(id(n))"
        case .snapshotFile(let n): return "/reports/snapshots/\(id(n))/docx"
        case .indicators: return "/indicators"
        case .indicatorsWorkbook: return "/indicators/export.xlsx"
        case .indicator(let code): return "/indicators/\(code ?? ":code")"
        case .targets: return "/targets"
        case .dashboard: return "/dashboard"
        case .targetDelete(let n): return "/targets/\(id(n))/delete"
        case .api(let api):
            switch api {
            case .openapi: return "/api/v1/openapi.json"
            case .orgs: return "/api/v1/organizations"
            case .org(let n): return "/api/v1/organizations/\(id(n))"
            case .employers: return "/api/v1/employers"
            case .employer(let n): return "/api/v1/employers/\(id(n))"
            case .members: return "/api/v1/members"
            case .member(let n): return "/api/v1/members/\(id(n))"
            case .memberStatus(let n): return "/api/v1/members/\(id(n))/status"
            case .memberTransfer(let n): return "/api/v1/members/\(id(n))/transfer"
            case .memberImport: return "/api/v1/members/import"
            case .employerImport: return "/api/v1/employers/import"
            case .importJob(let n): return "/api/v1/imports/\(id(n))"
            case .importJobCancel(let n): return "/api/v1/imports/\(id(n))/cancel"
            case .reliefFiles: return "/api/v1/relief/files"
            case .reliefFile(let n): return "/api/v1/relief/files/\(id(n))"
            case .reliefFileStatus(let n): return "/api/v1/relief/files/\(id(n))/status"
            case .reliefFileFamily(let n): return "/api/v1/relief/files/\(id(n))/family"
            case .reliefFileVerify(let n): return "/api/v1/relief/files/\(id(n))/verify"
            case .reliefRounds: return "/api/v1/relief/rounds"
            case .reliefRound(let n): return "/api/v1/relief/rounds/\(id(n))"
            case .reliefApplications: return "/api/v1/relief/applications"
            case .reliefApplication(let n): return "/api/v1/relief/applications/\(id(n))"
            case .reliefApplicationSteps(let n): return "/api/v1/relief/applications/\(id(n))/steps"
            case .reliefApplicationPayments(let n): return "/api/v1/relief/applications/\(id(n))/payments"
            case .reliefApplicationReversal(let n): return "/api/v1/relief/applications/\(id(n))/reversal"
            case .reliefFunds: return "/api/v1/relief/funds"
            case .reliefFundEntries(let n): return "/api/v1/relief/funds/\(id(n))/entries"
            case .reliefStats: return "/api/v1/relief/stats"
            case .medicalEnrolments: return "/api/v1/relief/medical-enrolments"
            case .reliefFileImport: return "/api/v1/relief/files/import"
            case .petitions: return "/api/v1/petitions"
            case .petition(let n): return "/api/v1/petitions/\(id(n))"
            case .petitionSteps(let n): return "/api/v1/petitions/\(id(n))/steps"
            case .petitionContacts(let n): return "/api/v1/petitions/\(id(n))/contacts"
            case .petitionHandlers(let n): return "/api/v1/petitions/\(id(n))/handlers"
            case .petitionRecoveries(let n): return "/api/v1/petitions/\(id(n))/recoveries"
            case .petitionQueue: return "/api/v1/petitions/queue"
            case .petitionStats: return "/api/v1/petitions/stats"
            case .userAway(let n): return "/api/v1/users/\(id(n))/away"
            case .mediations: return "/api/v1/mediations"
            case .mediation(let n): return "/api/v1/mediations/\(id(n))"
            case .mediationOutcome(let n): return "/api/v1/mediations/\(id(n))/outcome"
            case .mediationRecoveries(let n): return "/api/v1/mediations/\(id(n))/recoveries"
            case .alerts: return "/api/v1/alerts"
            case .reportSummary: return "/api/v1/reports/summary"
            case .reportParagraphs: return "/api/v1/reports/summary/paragraphs"
            case .reportFinalize: return "/api/v1/reports/summary/finalize"
            case .snapshot(let n): return "/api/v1/reports/snapshots/\(id(n))"
            case .indicators: return "/api/v1/indicators"
            case .indicatorRecords(let code): return "/api/v1/indicators/\(code ?? ":code")/records"
            case .targets: return "/api/v1/targets"
            case .target(let n): return "/api/v1/targets/\(id(n))"
            }
        }
    }

    var pattern: [PathComponent] { path.pathComponents }

    /// Routes that accept a roster upload, with the larger body limit.
    static let uploads: Set<String> = [
        SiteURL.memberImport.path, SiteURL.api(.memberImport).path, SiteURL.employerImport.path,
        SiteURL.api(.employerImport).path, SiteURL.reliefFileImport.path, SiteURL.api(.reliefFileImport).path,
    ]

    /// Pages a user whose password must be changed may still open.
    var allowedBeforePasswordChange: Bool {
        switch self {
        case .password, .logout, .login, .styles: true
        default: false
        }
    }
}

extension Request {
    /// The `:id` parameter as a positive integer, or 404 (a malformed id is just an unknown one).
    func id(_ what: String) throws -> Int {
        guard let s = parameters.get("id"), let n = Int(s), n > 0 else { throw AppError.notFound(what) }
        return n
    }
}
