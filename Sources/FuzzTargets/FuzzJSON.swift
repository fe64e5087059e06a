import Domain
import Foundation

/// The API's JSON bodies, decoded as the API decodes them and checked by each validator that reads them.
enum FuzzJSON {
    static func run(_ data: Data) -> [String] {
        let decoder = JSONDecoder()
        let today = Fuzz.today
        if let input = try? decoder.decode(MemberInput.self, from: data) { _ = try? input.validate(today: today) }
        if let input = try? decoder.decode(EmployerInput.self, from: data) {
            _ = try? input.validate(mayForce: false, today: CalendarDate(clamping: 2026, 1, 1))
            _ = try? input.validate(mayForce: true, today: CalendarDate(clamping: 2026, 1, 1))
        }
        if let input = try? decoder.decode(OrganizationInput.self, from: data) { _ = try? input.validate(today: today) }
        guard let f = try? decoder.decode(FormFields.self, from: data) else { return [] }
        check(f, today: today)
        return []
    }

    /// Every module's form validators on one set of fields.
    static func check(_ f: FormFields, today: CalendarDate) {
        _ = try? HardshipFileFields.validate(f, today: today)
        _ = try? HardshipFileFields.validate(f, today: today, editing: true)
        _ = try? FamilyMemberFields.validate(f)
        _ = try? RoundFields.validate(f)
        _ = try? ApplicationFields.validate(f)
        _ = try? PaymentFields.validate(f, today: today)
        _ = try? FundEntryFields.validate(f, today: today)
        _ = try? ReliefAction.parse(f)
        _ = try? PetitionFields.validate(f, today: today)
        _ = try? HandlerChange.validate(f)
        _ = try? PetitionAction.parse(f, today: today)
        _ = try? ContactFields.validate(f, today: today)
        _ = try? MediationFields.validate(f, today: today)
        _ = try? MediationOutcomeFields.validate(f, appliedOn: today.adding(days: -10), today: today)
        _ = try? RecoveryFields.validate(f, today: today)
        _ = try? TargetFields.validate(f, definition: nil)
        _ = try? ReportPeriod.parse(f, today: today)
        _ = f.list("documents")
    }
}
