import Domain
import Vapor

struct AlertRow: Encodable, Sendable {
    var module: String
    var label: String
    var badge: String
    var subject: String
    var orgName: String
    var due: String
    var url: String

    /// A record's line: its alerts' labels together, at its most pressing one's severity and due date.
    init(_ a: AlertItem, labels: [String], moduleLabel: String) {
        module = moduleLabel
        label = labels.joined(separator: "、")
        switch a.severity {
        case .statutoryOverdue, .overdue: badge = "badge bad"
        case .dueSoon: badge = "badge warn"
        case .notice: badge = "badge"
        }
        subject = a.subject
        orgName = a.orgName
        due = a.due.map { d in a.daysLeft.map { "\(d)（\($0 < 0 ? "逾期\(-$0)天" : "剩\($0)天")）" } ?? d } ?? ""
        url = a.url
    }
}

struct AlertCountRow: Encodable, Sendable {
    var module: String
    var label: String
    var count: Int
    var url: String
}

struct AlertCentrePage: Page {
    static let template = "alerts/index"
    var layout: Layout
    var rows: [AlertRow]
    var total: Int
    var counts: [AlertCountRow]
    var modules: [SelectOption]
    var severities: [SelectOption]
    var mine: Bool
    var listURL = SiteURL.alerts.path
}
