import Domain
import Fluent
import Testing
import Vapor
import VaporTesting

@testable import App

extension AppTests {
    @Suite("Collective bargaining") struct ContractTests {
        /// The API's answer to a step: its status and, when refused, the field it names.
        static func step(_ c: Client, _ path: String, _ body: [String: Any]) async throws -> (HTTPStatus, String?, String) {
            let r = try await c.json(.POST, path, body)
            return (r.status, error(r).field, r.text)
        }

        /// The refusal's field and message (`{"error": {"field", "message"}}`).
        static func error(_ r: TestingHTTPResponse) -> (field: String?, message: String) {
            let e = r.jsonObject["error"] as? [String: Any]
            return (e?["field"] as? String, e?["message"] as? String ?? "")
        }

        /// An enterprise contract's complete filing pack.
        static let pack = FilingItem.required(for: .enterprise).map(\.rawValue)

        static func alertKinds(_ c: Client) async throws -> Set<String> {
            let r = try await c.get("/api/v1/alerts")
            return Set(((r.jsonObject["items"] as? [[String: Any]]) ?? []).compactMap { $0["kind"] as? String })
        }

        @Test("a negotiation from 要约 to 已生效 over the API: the deadline alerts on the way, a failed vote back to talks, the contract and its figures")
        func requestToInForce() async throws {
            try await withApp { app, clock in
                let w = try await World.make(app)
                let employer = try await Fixtures.employer(app, "甲电子有限公司", headcount: 120, org: w.root, union: w.unionA)
                try await Fixtures.employer(app, "乙商贸有限公司", headcount: 30, org: w.root, union: w.unionB)
                let staff = try await Client.api(app, w.users["staff"]!)
                let id = try await Fixtures.negotiation(staff, employer: employer, org: w.unionA, requestedOn: "2026-10-20")
                #expect(try await Self.alertKinds(staff).contains("contract.reply.overdue"), "no written reply 20 days after the request")
                let path = "/api/v1/negotiations/\(id)/steps"
                var r = try await Self.step(staff, path, ["action": "reply", "date": "2026-11-10", "answer": "agreed"])
                #expect(r.0 == .ok, "\(r.2)")
                r = try await Self.step(staff, path, ["action": "draft", "date": "2026-11-10"])
                #expect(r.0 == .conflict, "a draft needs a round of talks first")
                for (action, date) in [("round", "2026-11-11"), ("draft", "2026-11-12")] {
                    r = try await Self.step(staff, path, ["action": action, "date": date, "minutes": "双方交换工资调整方案"])
                    #expect(r.0 == .ok, "\(r.2)")
                }
                let vote: [String: Any] = ["action": "vote", "date": "2026-11-13", "body": "congress", "delegates": 45, "attending": 29, "approving": 28]
                r = try await Self.step(staff, path, vote.merging(["result": "passed"]) { $1 })
                #expect(r.0 == .unprocessableEntity && r.1 == "attending", "29 of 45 is short of two thirds: \(r.2)")
                r = try await Self.step(staff, path, vote.merging(["result": "failed"]) { $1 })
                #expect(r.0 == .ok)
                var n = try await staff.get("/api/v1/negotiations/\(id)")
                #expect(n.jsonObject["state"] as? String == "talking" && n.jsonObject["failedVotes"] as? Int == 1)
                for (action, date) in [("round", "2026-11-13"), ("draft", "2026-11-13")] {
                    r = try await Self.step(staff, path, ["action": action, "date": date, "minutes": "调整方案"])
                    #expect(r.0 == .ok, "\(r.2)")
                }
                r = try await Self.step(
                    staff, path, ["action": "vote", "date": "2026-11-14", "body": "allStaff", "delegates": 120, "attending": 100, "approving": 90, "result": "passed"])
                #expect(r.0 == .unprocessableEntity && r.1 == "body", "120 staff vote in a congress: \(r.2)")
                r = try await Self.step(staff, path, vote.merging(["date": "2026-11-14", "attending": 40, "approving": 36, "result": "passed"]) { $1 })
                #expect(r.0 == .ok, "\(r.2)")
                let sign: [String: Any] = [
                    "action": "sign", "date": "2026-11-15", "startsOn": "2026-12-01", "endsOn": "2027-11-30", "workers": 120, "wageRise": "8",
                    "minimumWage": "2300",
                ]
                r = try await Self.step(staff, path, sign.merging(["endsOn": "2029-12-01"]) { $1 })
                #expect(r.0 == .unprocessableEntity && r.1 == "endsOn", "a term over three years: \(r.2)")
                r = try await Self.step(staff, path, sign)
                #expect(r.0 == .ok, "\(r.2)")
                n = try await staff.get("/api/v1/negotiations/\(id)")
                let contractID = try #require(n.jsonObject["contractId"] as? Int)
                #expect(n.jsonObject["state"] as? String == "signed")
                let cpath = "/api/v1/contracts/\(contractID)/steps"
                r = try await Self.step(staff, cpath, ["action": "submit", "date": "2026-11-16", "pack": ["text", "resolution"]])
                #expect(r.0 == .unprocessableEntity && r.1 == "pack" && r.2.contains("集体合同审查登记表"), "the filing pack is incomplete: \(r.2)")
                for body in [["action": "submit", "date": "2026-11-16", "pack": Self.pack], ["action": "takeEffect", "date": "2026-11-17"]] {
                    r = try await Self.step(staff, cpath, body)
                    #expect(r.0 == .ok, "\(r.2)")
                }
                let c = try await staff.get("/api/v1/contracts/\(contractID)")
                #expect(c.jsonObject["state"] as? String == "inForce" && c.jsonObject["inForce"] as? Bool == true)
                #expect(c.jsonObject["wageRise"] as? Int == 800 && c.jsonObject["minimumWage"] as? Int == 230_000)
                #expect((c.jsonObject["covered"] as? [[String: Any]])?.first?["headcount"] as? Int == 120)
                // One of two unionised employers has a wage agreement in force; the figures and the summary say so.
                let stats = try await staff.get("/api/v1/contracts/stats?year=2026").jsonObject
                #expect(stats["unionised"] as? Int == 2 && stats["wageEmployers"] as? Int == 1 && stats["signed"] as? Int == 1)
                #expect(stats["wageRiseWorkers"] as? Int == 120 && stats["wageRise"] as? Int == 8 && stats["negotiationsStarted"] as? Int == 1)
                let summary = try await staff.get("/api/v1/reports/summary?year=2026").text
                #expect(summary.contains("已完成工资集体协商工作的企业有") && summary.contains("工资集体协商建制率达"), "\(summary.prefix(400))")
                let drill = try await staff.get("/api/v1/indicators/contracts.wageRate/records?year=2026&gap=1").text
                #expect(drill.contains("乙商贸有限公司") && !drill.contains("甲电子有限公司"), "the gap lists the employer without an agreement")
                // Publication is due 10 days after taking effect: overdue once that passes.
                #expect(!(try await Self.alertKinds(staff).contains("contract.publication.overdue")))
                clock.advance(12 * 86_400)
                #expect(try await Self.alertKinds(staff).contains("contract.publication.overdue"))
                r = try await Self.step(staff, cpath, ["action": "publish", "date": "2026-11-29", "channel": "厂务公开栏"])
                #expect(r.0 == .ok, "\(r.2)")
                #expect(!(try await Self.alertKinds(staff).contains("contract.publication.overdue")))
            }
        }

        @Test("bad input is refused with the field named and nothing saved")
        func badInput() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let mine = try await Fixtures.employer(app, "甲电子有限公司", headcount: 120, org: w.root, union: w.unionA)
                let theirs = try await Fixtures.employer(app, "邻镇丙公司", headcount: 80, org: w.other, union: w.unionC)
                let staff = try await Client.api(app, w.users["staff"]!)
                let negotiation = try await Fixtures.negotiation(staff, employer: mine, requestedOn: "2026-09-01")
                let sectoral = try await Fixtures.contract(staff, ["level": "sectoral", "counterpart": "五金行业企业方", "workers": 200])
                let counts = { (try await Negotiation.query(on: app.db).count(), try await CollectiveContract.query(on: app.db).count(),
                    try await CoveredEmployer.query(on: app.db).count(), try await Negotiator.query(on: app.db).count()) }
                let before = try await counts()
                let request: [String: Any] = [
                    "kind": "wage", "level": "enterprise", "employerId": mine.id!, "requestedBy": "union", "requestedOn": "2026-11-01", "request": "协商",
                ]
                let record: [String: Any] = [
                    "kind": "wage", "level": "enterprise", "employerId": mine.id!, "signedOn": "2026-03-01", "startsOn": "2026-03-01",
                    "endsOn": "2027-02-28", "workers": 40,
                ]
                let cases: [(String, String, [String: Any], String)] = [
                    ("future request", "/api/v1/negotiations", request.merging(["requestedOn": "2026-12-30"]) { $1 }, "requestedOn"),
                    ("employer outside the subtree", "/api/v1/negotiations", request.merging(["employerId": theirs.id!]) { $1 }, "employerId"),
                    ("sector without its employers' side", "/api/v1/negotiations", request.merging(["level": "sectoral"]) { $1 }, "counterpart"),
                    ("term over three years", "/api/v1/contracts", record.merging(["endsOn": "2029-03-05"]) { $1 }, "endsOn"),
                    ("ends before it starts", "/api/v1/contracts", record.merging(["endsOn": "2026-02-01"]) { $1 }, "endsOn"),
                    ("filed before signed", "/api/v1/contracts", record.merging(["filedOn": "2026-02-01"]) { $1 }, "filedOn"),
                    ("in force without filing", "/api/v1/contracts", record.merging(["effectiveOn": "2026-03-20"]) { $1 }, "effectiveOn"),
                    ("women over workers", "/api/v1/contracts", record.merging(["womenWorkers": 41]) { $1 }, "womenWorkers"),
                    ("unknown kind", "/api/v1/contracts", record.merging(["kind": "bonus"]) { $1 }, "kind"),
                    ("covered employer outside the subtree", "/api/v1/contracts/\(sectoral)/covered", ["employerId": theirs.id!], "employerId"),
                    ("second chief on a side", "/api/v1/negotiations/\(negotiation)/negotiators",
                     ["side": "workers", "name": "另一首席", "chief": true, "joinedOn": "2026-09-02"], "chief"),
                    ("negotiator before the request", "/api/v1/negotiations/\(negotiation)/negotiators",
                     ["side": "workers", "name": "早到", "joinedOn": "2026-08-01"], "joinedOn"),
                    ("reply before the request", "/api/v1/negotiations/\(negotiation)/steps", ["action": "reply", "date": "2026-08-20", "answer": "agreed"], "date"),
                    ("refusal without a reason", "/api/v1/negotiations/\(negotiation)/steps", ["action": "reply", "date": "2026-09-20", "answer": "refused"], "note"),
                ]
                for (name, path, body, field) in cases {
                    let r = try await staff.json(.POST, path, body)
                    #expect(r.status == .unprocessableEntity, "\(name): \(r.status) \(r.text)")
                    let (named, message) = Self.error(r)
                    #expect(named == field, "\(name): \(r.text)")
                    #expect(message.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF }, "\(name): a Chinese message")
                }
                #expect(try await counts() == before, "nothing half-saved")
            }
        }

        @Test("a renewal in force replaces the contract it renews from its day; last year's figures stay as they were")
        func renewal() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let employer = try await Fixtures.employer(app, "甲电子有限公司", headcount: 60, org: w.root, union: w.unionA, since: "2024-01-01")
                let staff = try await Client.api(app, w.users["staff"]!)
                let old = try await Fixtures.contract(
                    staff, ["employerId": employer.id!, "signedOn": "2025-01-10", "startsOn": "2025-01-15", "endsOn": "2026-12-31",
                            "filedOn": "2025-01-15", "effectiveOn": "2025-02-01", "wageRise": "6"])
                let scope = Scope(orgID: w.root.id!, path: w.root.path)
                let today = app.clock.today(in: app.config.timeZone)
                let lastYear = try await ContractStats.compute(in: scope, period: try .year(2025), today: today, rules: ContractRules(), on: app.db)
                #expect(lastYear.wageEmployers == 1 && lastYear.inForce == 1 && lastYear.wageRise == 6)
                let n = try await staff.json(
                    .POST, "/api/v1/negotiations",
                    ["kind": "wage", "level": "enterprise", "employerId": employer.id!, "requestedBy": "union", "requestedOn": "2026-10-01",
                     "request": "续签", "renewsId": old])
                let id = try #require(n.jsonObject["id"] as? Int)
                for side in ["workers", "employer"] {
                    for k in 0..<3 {
                        _ = try await staff.json(.POST, "/api/v1/negotiations/\(id)/negotiators", ["side": side, "name": "代表\(side)\(k)", "chief": k == 0, "joinedOn": "2026-10-01"])
                    }
                }
                let steps: [[String: Any]] = [
                    ["action": "reply", "date": "2026-10-05", "answer": "agreed"], ["action": "round", "date": "2026-10-10", "minutes": "续签"],
                    ["action": "draft", "date": "2026-10-12"],
                    ["action": "vote", "date": "2026-10-20", "body": "allStaff", "delegates": 60, "attending": 50, "approving": 45, "result": "passed"],
                    ["action": "sign", "date": "2026-10-25", "startsOn": "2027-01-01", "endsOn": "2027-12-31", "workers": 60, "wageRise": "7"],
                ]
                for s in steps {
                    let r = try await staff.json(.POST, "/api/v1/negotiations/\(id)/steps", s)
                    #expect(r.status == .ok, "\(r.text)")
                }
                let newID = try #require(try await staff.get("/api/v1/negotiations/\(id)").jsonObject["contractId"] as? Int)
                for s in [["action": "submit", "date": "2026-10-28", "pack": Self.pack], ["action": "takeEffect", "date": "2026-11-12"]] as [[String: Any]] {
                    let r = try await staff.json(.POST, "/api/v1/contracts/\(newID)/steps", s)
                    #expect(r.status == .ok, "\(r.text)")
                }
                let replaced = try await staff.get("/api/v1/contracts/\(old)").jsonObject
                #expect(replaced["supersededOn"] as? String == "2026-11-12" && replaced["inForce"] as? Bool == false)
                let now = try await ContractStats.compute(in: scope, period: try .year(2026), today: today, rules: ContractRules(), on: app.db)
                #expect(now.inForce == 1 && now.wageEmployers == 1, "the renewal, not both")
                let again = try await ContractStats.compute(in: scope, period: try .year(2025), today: today, rules: ContractRules(), on: app.db)
                #expect(again == lastYear, "a past year's figures are the same whenever produced")
                let refused = try await staff.json(.POST, "/api/v1/contracts/\(old)/steps", ["action": "end", "date": "2026-11-15", "note": "x"])
                #expect(refused.status == .conflict, "a replaced contract cannot be ended again: \(refused.text)")
            }
        }

        @Test("pages: the register with its figures, a refused step beside its field, signing asks first, a union officer sees their own only")
        func pages() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let employer = try await Fixtures.employer(app, "甲电子有限公司", headcount: 60, org: w.root, union: w.unionA)
                let api = try await Client.api(app, w.users["staff"]!)
                let id = try await Fixtures.negotiation(api, employer: employer, org: w.unionA, requestedOn: "2026-10-01")
                let web = try await Client.session(app, w.users["staff"]!)
                let list = try await web.get("/contracts")
                #expect(list.status == .ok && list.text.contains("工资集体协商建制率"))
                #expect(try await web.get("/negotiations").text.contains("甲电子有限公司"))
                let page = try await web.get("/negotiations/\(id)")
                #expect(page.text.contains("id=\"reply-form\"") && !page.text.contains("id=\"sign-form\""), "only the step the flow allows")
                #expect(page.text.contains("书面回应要约"))
                let refused = try await web.post("/negotiations/\(id)/step", ["action": "reply", "form": "reply", "date": "2026-10-05", "answer": "refused"])
                #expect(refused.status == .unprocessableEntity && refused.text.contains("拒绝协商须写明正当理由"))
                #expect(refused.text.contains("id=\"reply-note-error\""), "beside the field")
                for s in [["action": "reply", "date": "2026-10-05", "answer": "agreed"], ["action": "round", "date": "2026-10-06", "minutes": "一轮"],
                          ["action": "draft", "date": "2026-10-07"],
                          ["action": "vote", "date": "2026-10-08", "body": "allStaff", "delegates": "60", "attending": "50", "approving": "45", "result": "passed"]] {
                    let r = try await web.post("/negotiations/\(id)/step", s)
                    #expect(r.status == .seeOther || r.status == .found || r.status == .ok, "\(r.status)")
                }
                let sign = ["action": "sign", "date": "2026-10-09", "startsOn": "2026-11-01", "endsOn": "2027-10-31", "workers": "60"]
                let ask = try await web.post("/negotiations/\(id)/step", sign)
                #expect(ask.status == .ok && ask.text.contains("确认签字"), "signing asks first")
                #expect(try await CollectiveContract.query(on: app.db).count() == 0)
                let done = try await web.post("/negotiations/\(id)/step", sign.merging(["confirmed": "1"]) { $1 })
                #expect(done.status == .seeOther || done.status == .found, "\(done.status)")
                let contract = try #require(try await CollectiveContract.query(on: app.db).first())
                #expect(done.headers.first(name: .location) == "/contracts/\(contract.id!)")
                let docx = try await web.get("/contracts/\(contract.id!)/text.docx")
                #expect(docx.status == .ok && docx.headers.contentType?.subType == "vnd.openxmlformats-officedocument.wordprocessingml.document")
                #expect(docx.body.getString(at: 0, length: 2) == "PK")
                // A union officer of another union does not see the negotiation.
                let otherOfficer = try await World.user(app, "officerB", role: .unionOfficer, org: w.unionB)
                let b = try await Client.session(app, otherOfficer)
                #expect(try await b.get("/negotiations/\(id)").status == .notFound)
                #expect(try await b.get("/contracts/\(contract.id!)").status == .notFound)
                let officer = try await Client.session(app, w.users["officer"]!)
                #expect(try await officer.get("/contracts/\(contract.id!)").status == .ok)
            }
        }
    }
}
