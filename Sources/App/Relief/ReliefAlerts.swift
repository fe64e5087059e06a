import Domain
import Fluent
import Vapor

/// Hardship files due for attention (DOMAIN.md §8.3): not re-verified in time, never assisted, income above the line.
struct HardshipFileAlertSource: AlertSource {
    var settings: ReliefSettings
    let module = "relief"
    let label = "困难帮扶"
    var kinds: [(code: String, label: String)] { HardshipFiles.Alert.allCases.map { ("relief.\($0.rawValue)", $0.label) } }

    func alerts(_ q: AlertQuery, on db: any Database) async throws -> [AlertItem] {
        var out: [AlertItem] = []
        for alert in HardshipFiles.Alert.allCases {
            let files = try await HardshipFiles.filtered(
                HardshipFiles.Filter(alert: alert), in: q.scope, today: q.today, settings: settings, on: db
            )
            .sort(\.$verifiedOn).limit(q.limit).all()
            out += files.map { f in
                AlertItem(
                    module: module, kind: "relief.\(alert.rawValue)", label: alert.label, severity: .notice,
                    subject: "困难职工档案 \(Masking.name(f.headName))", orgName: f.org.name, due: nil, daysLeft: nil,
                    url: SiteURL.reliefFile(f.id).path)
            }
        }
        return out
    }
}
