import Domain
import Testing
import Vapor

@testable import App

extension AppTests {
    /// Every API route's documented request fields are exactly what its input reads: each route's `validate` (the one
    /// its handler calls) is run over many bodies, recording the keys it reads, and the set must equal the field list
    /// the OpenAPI document is made from — nothing documented that is never read, nothing read that is undocumented.
    @Suite("API request fields") struct APIInputTests {
        static let today = CalendarDate(clamping: 2026, 6, 30)

        /// How a route's body is read: by the keys a `validate` asks `FormFields` for, or by a Codable input's keys.
        enum Reader: Sendable {
            case form(@Sendable (FormFields) -> Void)
            case codable([String])
        }

        /// The input each route's handler reads, run as the handler runs it.
        static let readers: [String: Reader] = {
            let t = today
            let target = Indicators.relief.first
            let file = Reader.form { _ = try? HardshipFileFields.validate($0, today: t) }
            let recovery = Reader.form { _ = try? RecoveryFields.validate($0, today: t) }
            return [
                "POST /api/v1/members": .codable(MemberInput.CodingKeys.allCases.map(\.stringValue)),
                "PUT /api/v1/members/:id": .codable(MemberInput.CodingKeys.allCases.map(\.stringValue)),
                "POST /api/v1/members/:id/status": .form { _ = try? MembershipChange.status($0, today: t) },
                "POST /api/v1/members/:id/transfer": .form { _ = try? MembershipChange.transfer($0, today: t) },
                "POST /api/v1/employers": .codable(EmployerInput.CodingKeys.allCases.map(\.stringValue)),
                "PUT /api/v1/employers/:id": .codable(EmployerInput.CodingKeys.allCases.map(\.stringValue)),
                "POST /api/v1/organizations": .codable(OrganizationInput.CodingKeys.allCases.map(\.stringValue)),
                "PUT /api/v1/organizations/:id": .codable(OrganizationInput.CodingKeys.allCases.map(\.stringValue)),
                "POST /api/v1/relief/files": file,
                "PUT /api/v1/relief/files/:id": .form { _ = try? HardshipFileFields.validate($0, today: t, editing: true) },
                "POST /api/v1/relief/files/:id/status": .form { _ = try? HardshipStatusChange.validate($0, today: t) },
                "POST /api/v1/relief/files/:id/family": .form { _ = try? FamilyMemberFields.validate($0) },
                "POST /api/v1/relief/files/:id/verify": .form { _ = try? HardshipVerification.validate($0, today: t) },
                "POST /api/v1/relief/rounds": .form { _ = try? RoundFields.validate($0) },
                "POST /api/v1/relief/applications": .form { _ = try? ApplicationFields.validate($0) },
                "PUT /api/v1/relief/applications/:id": .form {
                    _ = try? ApplicationFields.validateEdit($0, keeping: .init(roundId: 1, memberId: 1, fileId: nil, appliedOn: nil, lateReason: nil))
                },
                "POST /api/v1/relief/applications/:id/steps": .form { _ = try? ReliefStepInput.parse($0, today: today) },
                "POST /api/v1/relief/applications/:id/payments": .form { _ = try? PaymentFields.validate($0, today: t) },
                "POST /api/v1/relief/applications/:id/reversal": .form { _ = try? ReliefStepInput.reversal($0, today: today) },
                "POST /api/v1/relief/funds": .form { _ = try? FundFields.validate($0) },
                "POST /api/v1/relief/funds/:id/entries": .form { _ = try? FundEntryFields.validate($0, today: t) },
                "POST /api/v1/relief/medical-enrolments": .form { _ = try? EnrolmentFields.validate($0, today: t) },
                "POST /api/v1/petitions": .form { _ = try? PetitionFields.validate($0, today: t) },
                "POST /api/v1/petitions/:id/steps": .form { _ = try? PetitionAction.parse($0, today: t) },
                "POST /api/v1/petitions/:id/contacts": .form { _ = try? ContactFields.validate($0, today: t) },
                "PUT /api/v1/petitions/:id/handlers": .form { _ = try? HandlerChange.validate($0) },
                "POST /api/v1/petitions/:id/recoveries": recovery,
                "PUT /api/v1/users/:id/away": .form { _ = AwayChange.validate($0) },
                "POST /api/v1/mediations": .form { _ = try? MediationFields.validate($0, today: t) },
                "POST /api/v1/mediations/:id/outcome": .form {
                    _ = try? MediationOutcomeFields.validate($0, appliedOn: CalendarDate(clamping: 2026, 1, 5), today: t)
                },
                "POST /api/v1/mediations/:id/recoveries": recovery,
                "PUT /api/v1/reports/summary/paragraphs": .form { _ = try? ParagraphChange.validate($0, today: t) },
                "POST /api/v1/reports/summary/finalize": .form { _ = try? ReportSubject.validate($0, today: t) },
                "PUT /api/v1/targets": .form { _ = try? TargetFields.validate($0, definition: target) },
                "POST /api/v1/users": .form { _ = try? UserFields.validate($0) },
                "POST /api/v1/negotiations": .form { _ = try? NegotiationFields.validate($0, today: t) },
                "POST /api/v1/negotiations/:id/steps": .form { _ = try? NegotiationAction.parse($0, kind: .wage, rules: ContractRules()) },
                "POST /api/v1/negotiations/:id/negotiators": .form { _ = try? NegotiatorFields.validate($0, today: t) },
                "POST /api/v1/negotiations/:id/negotiators/:seat/leave": .form {
                    _ = try? NegotiatorLeave.validate($0, joined: CalendarDate(clamping: 2026, 1, 5), today: t)
                },
                "POST /api/v1/contracts": .form { _ = try? ContractRecordFields.validate($0, today: t, rules: ContractRules()) },
                "POST /api/v1/contracts/:id/steps": .form { _ = try? ContractAction.parse($0, level: .sectoral) },
                "POST /api/v1/contracts/:id/covered": .form { _ = try? CoveredEmployerFields.validate($0) },
                "POST /api/v1/congresses": .form { _ = try? CongressFields.validate($0, today: t, rules: ContractRules()) },
                "POST /api/v1/congresses/:id/delegates": .form { _ = try? DelegateFields.validate($0, today: t) },
                "POST /api/v1/congresses/:id/sessions": .form {
                    _ = try? SessionFields.validate($0, termStart: CalendarDate(clamping: 2025, 1, 1), members: 3, today: t)
                },
                "POST /api/v1/congress-sessions/:id/resolutions": .form { _ = try? ResolutionFields.validate($0, attending: 30) },
                "POST /api/v1/congress-sessions/:id/report": .form {
                    _ = try? DoneOn.validate($0, key: "reportedOn", label: "报告日期", after: CalendarDate(clamping: 2026, 1, 5), afterLabel: "召开日期", today: t)
                },
                "POST /api/v1/proposals": .form { _ = try? ProposalFields.validate($0, today: t, rules: ContractRules()) },
                "POST /api/v1/proposals/:id/steps": .form { _ = try? ProposalAction.parse($0) },
                "POST /api/v1/disclosures": .form { _ = try? DisclosureFields.validate($0, today: t) },
                "POST /api/v1/disclosure-checks": .form { _ = try? DisclosureCheckFields.validate($0, today: t) },
                "POST /api/v1/disclosure-checks/:id/corrected": .form {
                    _ = try? DoneOn.validate($0, key: "correctedOn", label: "整改完成日期", after: CalendarDate(clamping: 2026, 1, 5), afterLabel: "检查日期", today: t)
                },
                "POST /api/v1/bargaining/weekly": .form { _ = try? ProgressReportFields.validate($0, today: t) },
                "POST /api/v1/women/committees": .form { _ = try? WomenCommitteeFields.validate($0, today: t) },
                "POST /api/v1/funds/receipts": .form { _ = try? ReceiptFields.validate($0, today: t, rules: FundsRules()) },
                "POST /api/v1/funds/receipts/:id/reverse": .form { _ = try? ReversalFields.validate($0, today: t) },
                "POST /api/v1/funds/payers": .form { _ = try? PayerFields.validate($0, today: t) },
                "POST /api/v1/funds/formalities": .form { _ = try? FormalityFields.validate($0, today: t, rules: FundsRules()) },
                "POST /api/v1/funds/returns": .form { _ = try? ReturnBatchFields.validate($0, today: t) },
                "POST /api/v1/funds/reconciliation/transfers": .form { _ = try? TransferFields.validate($0, today: t) },
                "POST /api/v1/funds/reconciliation/notes": .form { _ = try? ReconciliationNoteFields.validate($0, today: t) },
                "POST /api/v1/funds/books/entries": .form { _ = try? BookEntryFields.validate($0, today: t, rules: FundsRules()) },
                "POST /api/v1/funds/books/budgets": .form { _ = try? BudgetFields.validate($0, today: t, rules: FundsRules()) },
                "POST /api/v1/funds/books/entries/:id/decision": .form { _ = try? BookDecisionFields.validate($0) },
                "POST /api/v1/funds/books/entries/:id/reverse": .form { _ = try? ReversalFields.validate($0, today: t) },
                "POST /api/v1/activities": .form { _ = try? ActivityFields.validate($0, rules: ActivityRules()) },
                "PUT /api/v1/activities/:id": .form { _ = try? ActivityFields.validate($0, rules: ActivityRules()) },
                "POST /api/v1/activities/:id/sessions": .form {
                    _ = try? ActivitySessionFields.validate(
                        $0, startsOn: CalendarDate(clamping: 2026, 1, 1), endsOn: CalendarDate(clamping: 2026, 12, 31), guests: 5, today: t)
                },
                "POST /api/v1/activities/:id/attendance": .form { _ = try? AttendanceFields.validate($0, guests: 5) },
                "POST /api/v1/activities/:id/attendance/remove": .form { _ = try? AttendanceRemovalFields.validate($0) },
                "POST /api/v1/activities/:id/signups": .form { _ = try? SignupFields.validate($0) },
                "POST /api/v1/activities/:id/signups/cancel": .form { _ = try? SignupFields.validate($0) },
                "POST /api/v1/activities/:id/outputs": .form { _ = try? OutputFields.validate($0) },
                "POST /api/v1/activities/:id/items": .form { _ = try? ProgrammeFields.validate($0) },
                "POST /api/v1/activities/:id/costs": .form { _ = try? CostFields.validate($0) },
                "POST /api/v1/activities/:id/certificates": .form {
                    _ = try? CertificateFields.validate($0, startsOn: CalendarDate(clamping: 2026, 1, 1), today: t)
                },
                "POST /api/v1/activities/:id/results": .form { _ = try? ResultFields.validate($0, rules: ActivityRules()) },
                "POST /api/v1/ideas": .form { _ = try? IdeaFields.validate($0, today: t) },
                "POST /api/v1/ideas/:id/decision": .form { _ = try? IdeaDecisionFields.validate($0, submittedOn: CalendarDate(clamping: 2026, 1, 1), today: t) },
                "POST /api/v1/service-centres": .form { _ = try? ServiceCentreFields.validate($0, rules: ActivityRules(), today: t) },
                "PUT /api/v1/service-centres/:id": .form { _ = try? ServiceCentreFields.validate($0, rules: ActivityRules(), today: t) },
                "POST /api/v1/service-centres/:id/visits": .form {
                    _ = try? VisitFields.validate($0, openedOn: CalendarDate(clamping: 2026, 1, 1), closedOn: nil, today: t)
                },
                "POST /api/v1/funds/returns/:id/pay": .form {
                    _ = try? ReturnPaymentFields.validate($0, today: t, made: CalendarDate(clamping: 2026, 1, 5))
                },
            ]
        }()

        /// A value of the right kind that passes the common checks, so the input reads on past them.
        static func sample(_ f: InputField) -> [String] {
            let special: [String: String] = [
                "region": "440606", "token": "token-123456", "standardKey": "default", "handlerB": "2", "year": "2026", "half": "1",
                "idNumber": Fixtures.ids[0], "headIdNumber": Fixtures.ids[0], "petitionerIdNumber": Fixtures.ids[1],
                "petitionerPhone": "13800138000", "householdSize": "3", "workers": "3", "welfare": "festival",
            ]
            if let s = special[f.name] { return [s] }
            switch f.kind {
            case .text: return ["测试内容"]
            case .integer: return ["2"]
            case .id: return ["1"]
            case .money: return ["100"]
            case .date: return ["2026-03-01"]
            case .flag: return ["true"]
            case .choice(let codes), .list(let codes): return codes.isEmpty ? ["测试"] : codes
            }
        }

        /// The keys `read` asks for over the empty body, the full body, the full body less each field, each field alone,
        /// and every code of each choice with the rest full.
        static func reads(_ fields: [InputField], _ read: @Sendable (FormFields) -> Void) -> Set<String> {
            let full = Dictionary(uniqueKeysWithValues: fields.map { ($0.name, sample($0)[0]) })
            var bodies = [[String: String](), full]
            for f in fields {
                bodies.append(full.filter { $0.key != f.name })
                bodies.append([f.name: full[f.name] ?? ""])
                for v in sample(f).dropFirst() { bodies.append(full.merging([f.name: v]) { $1 }) }
            }
            let log = FieldReads()
            FormFields.$reads.withValue(log) {
                for b in bodies { read(FormFields(b)) }
            }
            return log.all
        }

        @Test("each route documents exactly the fields its input reads, with their types")
        func exact() async throws {
            try await withApp { app, _ in
                var seen = Set<String>()
                for route in app.routes.all {
                    guard let fields = (route.userInfo["apiDoc"] as? APIDoc)?.body, !fields.isEmpty else { continue }
                    let name = "\(route.method.rawValue) /" + route.path.map(\.description).joined(separator: "/")
                    seen.insert(name)
                    let documented = Set(fields.map(\.name))
                    #expect(documented.count == fields.count, "\(name) lists a field twice")
                    switch Self.readers[name] {
                    case nil: Issue.record("\(name) has a body but no reader here: add the input its handler validates")
                    case .codable(let keys)?: #expect(documented == Set(keys), "\(name)")
                    case .form(let read)?:
                        let read = Self.reads(fields, read)
                        #expect(read.subtracting(documented).isEmpty, "\(name) reads undocumented \(read.subtracting(documented).sorted())")
                        #expect(documented.subtracting(read).isEmpty, "\(name) documents unread \(documented.subtracting(read).sorted())")
                    }
                }
                #expect(Set(Self.readers.keys) == seen, "readers for routes that are gone: \(Set(Self.readers.keys).subtracting(seen).sorted())")

                // The document carries each field's type and what is required.
                let doc = try await Client(app: app).get("/api/v1/openapi.json").jsonObject
                let paths = try #require(doc["paths"] as? [String: [String: Any]])
                let op = try #require(paths["/api/v1/relief/funds/{id}/entries"]?["post"] as? [String: Any])
                let schema = try #require(
                    (((op["requestBody"] as? [String: Any])?["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"]
                        as? [String: Any])
                let props = try #require(schema["properties"] as? [String: [String: Any]])
                #expect(props["onDate"]?["format"] as? String == "date")
                #expect(props["source"]?["enum"] as? [String] == FundSource.allCases.map(\.rawValue))
                #expect(Set(schema["required"] as? [String] ?? []) == ["source", "amount"])
            }
        }

        @Test("a read outside the recording is not seen, and a read inside is")
        func recorderSeesReads() {
            let f = FormFields(["a": "1"])
            _ = f["outside"]
            let log = FieldReads()
            FormFields.$reads.withValue(log) {
                _ = f["a"]
                _ = f.list("b")
            }
            #expect(log.all == ["a", "b"])
        }
    }
}
