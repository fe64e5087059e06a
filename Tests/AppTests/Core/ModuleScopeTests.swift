import Domain
import Fluent
import Testing
import Vapor
import VaporTesting

@testable import App

extension AppTests {
    /// The subtree rule over every module's records (the members and organizations matrix is `ScopeMatrixTests`):
    /// each role, from its own place in the tree, meets records of its own federation and of a neighbouring one through
    /// pages, API, lists, drill-downs, summaries, dashboards, targets, alerts, exports and import jobs.
    @Suite("Subtree scope over every module") struct ModuleScopeTests {
        /// Where a record sits: seen from below (a round or fund of the federation above is usable by its unions), or
        /// only by its own subtree.
        enum Reach { case subtree, subtreeOrAbove }

        struct Record {
            var name: String
            var org: Organization
            var reach: Reach
            var paths: [String]
            var permission: Permission
            /// Text the record's pages show that no page outside its reach may (the member's name).
            var marker: String? = nil
        }

        @Test("every module's records: visible exactly to the subtree (rounds and funds also to the unions below), 404 elsewhere")
        func everyModule() async throws {
            try await withApp { app, _ in
                var w = try await World.make(app)
                w.users["staff3"] = try await World.user(app, "staff3", role: .federationStaff, org: w.other)
                var records: [Record] = []
                for (fed, staffName, union, id) in [(w.root, "staff", w.unionA, Fixtures.ids[0]), (w.other, "staff2", w.unionC, Fixtures.ids[3])] {
                    let tag = fed.name
                    let s = try await ReliefSetup.make(app, w, by: staffName)
                    let member = try await Fixtures.member(app, name: "会员\(tag)", id: id, union: union)
                    let applicationID = try await Fixtures.application(s.staff, round: s.roundID, member: member)
                    let file = try await Fixtures.hardshipFile(s.staff, member: member)
                    let handlers = staffName == "staff" ? (w.users["staff"]!.id!, w.users["admin"]!.id!) : (w.users["staff2"]!.id!, w.users["staff3"]!.id!)
                    let petition = try await Fixtures.petition(s.staff, w, handlers: handlers)
                    let mediation = try await Fixtures.mediation(s.staff, petition: petition)
                    let employer = try await Fixtures.employer(app, "\(tag)协商企业", headcount: 50, org: fed, union: union)
                    let negotiation = try await Fixtures.negotiation(s.staff, employer: employer, org: union)
                    let contract = try await Fixtures.contract(s.staff, ["employerId": employer.id!, "orgId": union.id!])
                    let scan = try await s.staff.send(
                        .POST, "/api/v1/contracts/\(contract)/files?slot=text", body: ByteBuffer(bytes: AppTests.ContractFilesTests.pdf))
                    let scanURL = try #require(scan.jsonObject["url"] as? String, "\(scan.text)")
                    let congress = try await s.staff.json(
                        .POST, "/api/v1/congresses",
                        ["kind": "workers", "level": "enterprise", "employerId": employer.id!, "orgId": union.id!, "termStart": "2026-01-10",
                         "termYears": 3, "staff": 50])
                    let congressID = try #require(congress.jsonObject["id"] as? Int, "\(congress.text)")
                    let session = try await s.staff.json(
                        .POST, "/api/v1/congresses/\(congressID)/sessions", ["title": "第一次会议", "heldOn": "2026-03-01", "attending": 40])
                    let sessionID = try #require((session.jsonObject["sessions"] as? [[String: Any]])?.first?["id"] as? Int, "\(session.text)")
                    let proposal = try await s.staff.json(
                        .POST, "/api/v1/proposals",
                        ["sessionId": sessionID, "title": "\(tag)提案", "content": "内容", "proposer": "王丽", "cosigners": "李华、张敏", "submittedOn": "2026-02-20"])
                    let proposalID = try #require(proposal.jsonObject["id"] as? Int, "\(proposal.text)")
                    let receipt = try await s.staff.json(
                        .POST, "/api/v1/funds/receipts",
                        ["employerId": employer.id!, "month": "2026-10", "base": "100000", "channel": "tax", "receivedOn": "2026-11-10"])
                    let receiptID = try #require(receipt.jsonObject["id"] as? Int, "\(receipt.text)")
                    _ = try await s.staff.json(.POST, "/api/v1/funds/formalities", ["employerId": employer.id!, "on": "2026-11-01", "done": FundsRules().formalities])
                    let batch = try await s.staff.json(.POST, "/api/v1/funds/returns", ["from": "2026-10", "to": "2026-10", "on": "2026-11-15"])
                    let batchID = try #require(batch.jsonObject["id"] as? Int, "\(batch.text)")
                    let entry = try await s.staff.json(
                        .POST, "/api/v1/funds/books/entries",
                        ["orgId": union.id!, "side": "expense", "category": "activities", "amount": "800", "on": "2026-05-01", "description": "\(tag)运动会"])
                    let entryID = try #require(entry.jsonObject["id"] as? Int, "\(entry.text)")
                    let activity = try await s.staff.json(
                        .POST, "/api/v1/activities", ["orgId": union.id!, "kind": "sports", "title": "\(tag)趣味运动会", "startsOn": "2026-05-01"])
                    let activityID = try #require((activity.jsonObject["activity"] as? [String: Any])?["id"] as? Int, "\(activity.text)")
                    let idea = try await s.staff.json(.POST, "/api/v1/ideas", ["orgId": union.id!, "card": member.cardNumber, "title": "\(tag)建议", "submittedOn": "2026-04-01"])
                    let ideaID = try #require(idea.jsonObject["id"] as? Int, "\(idea.text)")
                    let point = try await s.staff.json(.POST, "/api/v1/service-centres", ["orgId": union.id!, "kind": "home", "name": "\(tag)职工之家", "openedOn": "2025-01-01"])
                    let centreID = try #require(point.jsonObject["id"] as? Int, "\(point.text)")
                    let target = try await s.staff.json(.PUT, "/api/v1/targets", ["orgId": fed.id!, "indicator": "members.new", "year": 2026, "value": 10])
                    #expect(target.status == .ok || target.status == .created, "\(target.text)")
                    let o = fed.id!
                    records += [
                        Record(name: "\(tag) round", org: fed, reach: .subtreeOrAbove, paths: [
                            "/relief/rounds/\(s.roundID)", "/api/v1/relief/rounds/\(s.roundID)", "/relief/rounds/\(s.roundID)/notice",
                        ], permission: .reliefRead),
                        Record(name: "\(tag) fund", org: fed, reach: .subtreeOrAbove, paths: ["/relief/funds/\(s.fundID)"], permission: .reliefRead),
                        Record(name: "\(tag) application", org: union, reach: .subtree, paths: [
                            "/relief/applications/\(applicationID)", "/api/v1/relief/applications/\(applicationID)",
                        ], permission: .reliefRead, marker: member.name),
                        Record(name: "\(tag) hardship file", org: union, reach: .subtree, paths: [
                            "/relief/files/\(file)", "/api/v1/relief/files/\(file)",
                        ], permission: .reliefRead, marker: member.name),
                        Record(name: "\(tag) petition", org: fed, reach: .subtree, paths: [
                            "/petitions/\(petition)", "/api/v1/petitions/\(petition)",
                        ], permission: .petitionRead),
                        Record(name: "\(tag) mediation", org: fed, reach: .subtree, paths: [
                            "/mediations/\(mediation)", "/api/v1/mediations/\(mediation)",
                        ], permission: .petitionRead),
                        Record(name: "\(tag) negotiation", org: union, reach: .subtree, paths: [
                            "/negotiations/\(negotiation)", "/api/v1/negotiations/\(negotiation)",
                        ], permission: .contractRead),
                        Record(name: "\(tag) contract", org: union, reach: .subtree, paths: [
                            "/contracts/\(contract)", "/api/v1/contracts/\(contract)", scanURL, "/contracts/\(contract)/files/\(scanURL.split(separator: "/").last ?? "")",
                        ], permission: .contractRead),
                        Record(name: "\(tag) congress", org: union, reach: .subtree, paths: [
                            "/congresses/\(congressID)", "/api/v1/congresses/\(congressID)",
                        ], permission: .contractRead),
                        Record(name: "\(tag) proposal", org: union, reach: .subtree, paths: [
                            "/proposals/\(proposalID)", "/api/v1/proposals/\(proposalID)",
                        ], permission: .contractRead),
                        Record(name: "\(tag) dues receipt", org: union, reach: .subtree, paths: [
                            "/funds/receipts/\(receiptID)", "/api/v1/funds/receipts/\(receiptID)", "/funds/employers/\(employer.id!)",
                        ], permission: .fundsRead),
                        Record(name: "\(tag) return batch", org: fed, reach: .subtree, paths: [
                            "/funds/returns/\(batchID)", "/api/v1/funds/returns/\(batchID)", "/funds/returns/\(batchID)/export.xlsx",
                        ], permission: .fundsRead),
                        Record(name: "\(tag) book entry", org: union, reach: .subtree, paths: [
                            "/funds/books/entries/\(entryID)", "/funds/books?orgId=\(union.id!)&year=2026", "/api/v1/funds/books?orgId=\(union.id!)&year=2026",
                        ], permission: .fundsRead, marker: "\(tag)运动会"),
                        Record(name: "\(tag) activity", org: union, reach: .subtree, paths: [
                            "/activities/\(activityID)", "/api/v1/activities/\(activityID)",
                        ], permission: .activitiesRead, marker: "\(tag)趣味运动会"),
                        Record(name: "\(tag) idea", org: union, reach: .subtree, paths: ["/ideas/\(ideaID)", "/api/v1/ideas/\(ideaID)"], permission: .activitiesRead, marker: "\(tag)建议"),
                        Record(name: "\(tag) service centre", org: union, reach: .subtree, paths: [
                            "/service-centres/\(centreID)", "/api/v1/service-centres/\(centreID)",
                        ], permission: .activitiesRead, marker: "\(tag)职工之家"),
                        Record(name: "\(tag) books export", org: union, reach: .subtree, paths: ["/funds/books/export.xlsx?orgId=\(union.id!)&year=2026"], permission: .fundsRead),
                        Record(name: "\(tag) reports", org: fed, reach: .subtree, paths: [
                            "/reports/summary?orgId=\(o)&year=2026", "/api/v1/reports/summary?orgId=\(o)&year=2026",
                            "/dashboard?orgId=\(o)&year=2026", "/indicators?orgId=\(o)&year=2026",
                            "/indicators/petitions.received?orgId=\(o)&year=2026", "/indicators/contracts.wageRate?orgId=\(o)&year=2026",
                            "/indicators/funds.received?orgId=\(o)&year=2026", "/api/v1/funds/stats?orgId=\(o)&year=2026",
                            "/indicators/activities.held?orgId=\(o)&year=2026", "/api/v1/activities/stats?orgId=\(o)&year=2026",
                            "/api/v1/indicators/relief.money/records?orgId=\(o)&year=2026", "/indicators/export.xlsx?orgId=\(o)&year=2026",
                            "/targets?orgId=\(o)&year=2026", "/api/v1/targets?orgId=\(o)&year=2026",
                        ], permission: .reportRead),
                    ]
                }
                for (username, user) in w.users.sorted(by: { $0.key < $1.key }) where username != "staff3" {
                    let role = Role(rawValue: user.role)!
                    let home = try #require(try await Organization.find(user.$org.id, on: app.db))
                    let (web, api) = (try await Client.session(app, user), try await Client.api(app, user))
                    for r in records {
                        let within = r.org.path.hasPrefix(home.path)
                        let visible = within || (r.reach == .subtreeOrAbove && home.path.hasPrefix(r.org.path))
                        for path in r.paths {
                            let client = path.hasPrefix("/api/") ? api : web
                            let got = try await client.get(path)
                            let expected: HTTPResponseStatus = !role.may(r.permission) ? .forbidden : visible ? .ok : .notFound
                            #expect(got.status == expected, "\(username) → \(r.name) \(path): \(got.status.code)")
                            if visible, got.status == .ok, let marker = r.marker { #expect(got.text.contains(marker), "\(username) → \(r.name) shows it") }
                            if !visible, let marker = r.marker { #expect(!got.text.contains(marker), "\(username) → \(r.name): nothing leaks") }
                        }
                    }
                    // Lists and counts hold only the subtree's records.
                    let applications = try await api.get("/api/v1/relief/applications")
                    let petitions = try await api.get("/api/v1/petitions")
                    let ownFederation = home.path.hasPrefix(w.root.path) ? w.root : w.other
                    let petitionsSeen = home.path == ownFederation.path ? 1 : 0
                    let applicationsSeen = home.path == ownFederation.path || home.path == w.unionA.path ? 1 : 0
                    #expect((applications.jsonObject["total"] as? Int) == applicationsSeen, "\(username) applications listed")
                    #expect((petitions.jsonObject["total"] as? Int) == petitionsSeen, "\(username) petitions listed")
                    // The alert centre: nothing from the neighbouring federation.
                    let alerts = try await api.get("/api/v1/alerts").text
                    let neighbour = ownFederation.path == w.root.path ? "会员\(w.other.name)" : "会员\(w.root.name)"
                    #expect(!alerts.contains(neighbour), "\(username) alerts")
                }
                // A payments list of another federation's round is not exported (a POST, refused as unknown).
                let staff = try await Client.session(app, w.users["staff"]!)
                let otherRound = try #require(records.first { $0.name == "\(w.other.name) round" }?.paths.first?.split(separator: "/").last)
                #expect(try await staff.post("/relief/rounds/\(otherRound)/payments.xlsx", [:]).status == .notFound)
                // An import job is its owner's (and the administrator's) only.
                let officer = try await Client.api(app, w.users["officer"]!)
                let job = try await officer.send(.POST, "/api/v1/members/import?dryRun=true", body: ByteBuffer(string: "姓名,身份证号\n"))
                #expect(job.status == .accepted, "\(job.text)")
                let jobID = try #require(job.jsonObject["id"] as? Int)
                for (username, status) in [("officer", HTTPResponseStatus.ok), ("admin", .ok), ("staff", .notFound), ("staff2", .notFound)] {
                    let got = try await Client.api(app, w.users[username]!).get("/api/v1/imports/\(jobID)")
                    #expect(got.status == status, "\(username) → import job")
                }
            }
        }
    }
}
