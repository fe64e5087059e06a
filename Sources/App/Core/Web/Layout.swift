import Domain
import Leaf
import Vapor

/// What the base template needs on every page: title, the signed-in user, the CSRF token, navigation.
struct Layout: Encodable, Sendable {
    struct NavItem: Encodable, Sendable {
        var label: String
        var url: String
        var active: Bool
    }

    var title: String
    var user: String?
    var roleLabel: String?
    var csrf: String?
    var nav: [NavItem]
    var home = SiteURL.home.path
    var logoutURL = SiteURL.logout.path
    var passwordURL = SiteURL.password.path
    var stylesURL = SiteURL.styles.path
    var scriptURL = SiteURL.script.path
    /// The confirmation of the save that led here (“已保存”), shown once.
    var flash: String?
    /// Why the form on this page was refused, every message at the top (each also beside its field).
    var problems: [Problem] = []
    var hasProblems = false
    /// Reload the page every so many seconds (a running job's progress), without any script.
    var refreshSeconds: Int?

    /// The page's own entry in the navigation, marked as the current one.
    var activePath: String?

    /// The navigation is filled in when the page renders, from the modules this server runs.
    init(title: String, principal: Principal?, active: SiteURL? = nil) {
        self.title = title
        user = principal?.displayName
        roleLabel = principal?.role.label
        csrf = principal?.csrfToken
        activePath = active?.path
        nav = []
    }

    /// Every module's entries that the user's role may open (none before a required password change).
    static func navigation(_ modules: [any UnionModule], principal: Principal?, active: String?) -> [NavItem] {
        guard let p = principal, !p.mustChangePassword else { return [] }
        return modules.flatMap(\.navigation).filter { p.role.may($0.permission) }.map {
            NavItem(label: $0.label, url: $0.url.path, active: $0.url.path == active)
        }
    }
}

/// A page: a Leaf template and the finished view model it renders.
protocol Page: Encodable, Sendable {
    static var template: String { get }
    var layout: Layout { get set }
}

extension Page {
    func render(_ req: Request, status: HTTPResponseStatus = .ok) async throws -> Response {
        var page = self
        page.layout.nav = Layout.navigation(req.application.modules, principal: req.principal, active: layout.activePath)
        page.layout.problems = req.problems
        page.layout.hasProblems = !req.problems.isEmpty
        page.layout.flash = Flash.waiting(req)
        let response = try await req.leaf.render(Self.template, page).encodeResponse(for: req)
        response.status = status
        if page.layout.flash != nil { Flash.clear(response, req.application) }
        return response
    }
}

struct ErrorPage: Page {
    static let template = "error"
    var layout: Layout
    var status: Int
    var message: String

    init(status: HTTPResponseStatus, message: String, principal: Principal?) {
        layout = Layout(title: "出错了", principal: principal)
        self.status = Int(status.code)
        self.message = message
    }
}

/// An option of a `<select>`.
struct SelectOption: Encodable, Sendable {
    var value: String
    var label: String
    var selected: Bool

    static func list<C: Choice>(_ type: C.Type, selected: String?) -> [SelectOption] {
        C.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == selected || $0.label == selected) }
    }
}

/// Errors by field key, for showing each message next to its field.
func errorMap(_ e: FieldErrors) -> [String: String] {
    var map: [String: String] = [:]
    for err in e.errors where map[err.field] == nil { map[err.field] = err.message }
    return map
}

/// Links for a paged list, keeping the other query parameters.
struct Pager: Encodable, Sendable {
    var page: Int
    var pageCount: Int
    /// The total as shown (“10000 以上” past the count limit).
    var total: String
    var prev: String?
    var next: String?

    init<T>(_ p: Paged<T>, base: String, query: [(String, String?)]) {
        page = p.page
        pageCount = p.pageCount
        total = p.totalText
        func link(_ n: Int) -> String {
            var items = query.compactMap { k, v in
                v.flatMap { $0.isEmpty ? nil : "\(k)=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            }
            items.append("page=\(n)")
            // A base that carries its own query (a drill-down's period) keeps it.
            return base + (base.contains("?") ? "&" : "?") + items.joined(separator: "&")
        }
        prev = p.page > 1 ? link(p.page - 1) : nil
        next = p.page < p.pageCount ? link(p.page + 1) : nil
    }
}

/// A hidden input of a form that repeats what a page shows (a list's filters).
struct HiddenField: Encodable, Sendable {
    var name: String
    var value: String
}
