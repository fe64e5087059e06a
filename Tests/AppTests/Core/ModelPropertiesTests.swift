import Fluent
import Testing

@testable import App

/// Every model lists its property wrappers by hand (`properties`), so that Fluent decodes a row without reflecting over
/// the model: reflection was a fifth of a county list page's CPU. These tests keep each list equal to what reflection
/// finds, and the models here equal to the tables the migrations create.
@Suite("Model properties") struct ModelPropertiesTests {
    static let models: [any Model.Type] = [
        APIToken.self, Activity.self, ActivityCost.self, ActivityOutput.self, ActivitySession.self, Attachment.self, Attendance.self,
        AuditEntry.self, BankTransfer.self, BargainingReport.self, BookApproval.self, BookEntry.self, Budget.self, Cadre.self,
        CentreVisit.self, Certificate.self, CollectiveContract.self, CompetitionResult.self, Congress.self, CongressSession.self,
        ContractEvent.self, CoveredEmployer.self, Delegate.self, Disbursement.self, Disclosure.self, DisclosureCheck.self, DuesPayer.self,
        DuesReceipt.self, Employer.self, EmployerSnapshot.self, Fund.self, FundEntry.self, HardshipFamilyMember.self, HardshipFile.self,
        Idea.self, ImportJob.self, LoginFailure.self, Mediation.self, MedicalEnrolment.self, Member.self, MemberEvent.self,
        Negotiation.self, Negotiator.self, OrgEvent.self, Organization.self, PasswordHistory.self, Petition.self, PetitionEvent.self,
        ProgrammeItem.self, Proposal.self, ReconciliationNote.self, Recovery.self, ReliefApplication.self, ReliefRound.self,
        ReliefStep.self, Resolution.self, ReturnBatch.self, ReturnFormality.self, ReturnItem.self, ReturnLine.self, ServiceCentre.self,
        Signup.self, SummaryEdit.self, SummarySnapshot.self, Target.self, User.self, UserSession.self, WomenCommittee.self,
    ]

    @Test("each model's list holds its property wrappers, each once, in the order they are declared")
    func listsMatchReflection() {
        for type in Self.models {
            let model = type.init()
            let reflected = Mirror(reflecting: model).children.compactMap { child in
                (child.value as? any AnyProperty).map { (name: child.label ?? "?", id: ObjectIdentifier($0 as AnyObject)) }
            }
            let listed = model.properties.map { ObjectIdentifier($0 as AnyObject) }
            let missing = reflected.filter { !listed.contains($0.id) }.map(\.name)
            #expect(missing.isEmpty, "\(type).properties leaves out \(missing)")
            #expect(listed == reflected.map(\.id), "\(type).properties is not its wrappers in order, each once: \(reflected.map(\.name))")
        }
    }
}

extension AppTests {
    @Test("the models with listed properties are every table the migrations create")
    func everyTableHasItsModel() async throws {
        try await withApp { app, _ in
            struct Row: Decodable { var name: String }
            let tables = try await app.db.sql.raw(
                app.db.isPostgres
                    ? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()"
                    : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            ).all(decoding: Row.self).map(\.name)
            // The migrations' own record, and the named counters (membership card numbers), written as SQL.
            let withoutModel: Set = ["_fluent_migrations", "counters", "member_tallies"]
            #expect(Set(tables).subtracting(withoutModel) == Set(ModelPropertiesTests.models.map { $0.schema }))
        }
    }
}
