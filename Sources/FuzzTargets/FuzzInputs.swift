import Domain
import Foundation

enum FuzzInputs {
    /// Every closed list a form or the API chooses from.
    static let choices: [any Choice.Type] = [
        MemberStatus.self, Education.self, PoliticalStatus.self, CadrePost.self, PetitionSource.self, PetitionCategory.self,
        PetitionState.self, Satisfaction.self, ContactKind.self, MediationOutcome.self, RecoveryKind.self, HardshipTier.self,
        HardshipCause.self, HardshipFileStatus.self, WorkStatus.self, ReliefKind.self, SchoolLevel.self, ScholarshipExclusion.self,
        PaymentMethod.self, FundSource.self, Ownership.self, Industry.self, OrgLevel.self, UnionType.self, OrgStatus.self,
        ReliefState.self, Role.self, ReliefDocument.self,
    ]
    static let policy = PasswordPolicy(common: ["password", "12345678", "p@ssw0rd"])

    static func run(_ data: Data) -> [String] {
        var broken: [String] = []
        let text = Fuzz.text(data)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(8).map(String.init) {
            _ = Input.optional(line)
            _ = try? Input.required(line, field: "f", name: "字段")
            if let name = try? Input.name(line, field: "name", label: "姓名") {
                if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .format }) {
                    broken.append("a name kept a format character")
                }
                if name.count > 30 { broken.append("a name longer than its limit") }
            }
            if let t = try? Input.text(line, field: "note", label: "说明", max: 200), t.count > 200 {
                broken.append("a text longer than its limit")
            }
            _ = try? Input.requiredText(line, field: "note", label: "说明", max: 200)
            if let n = try? Input.int(line, field: "n", label: "数量", range: 0...100_000), !(0...100_000).contains(n) {
                broken.append("\(n) outside its range")
            }
            if let id = try? Input.id(line, field: "id", label: "编号"), id <= 0 { broken.append("id \(id) not positive") }
            _ = Input.flag(line)
            _ = try? Input.money(line, field: "amount", label: "金额")
            for type in choices { _ = try? type.parse(line, field: "kind", name: "类型") }
            _ = RosterColumn.match(line)
            _ = EmployerColumn.match(line)
            _ = HardshipColumn.match(line)
            _ = try? policy.validate(line, username: "staff")
        }
        _ = try? ReportPeriod.parse(Fuzz.fields(text), today: Fuzz.today)
        return broken
    }
}
