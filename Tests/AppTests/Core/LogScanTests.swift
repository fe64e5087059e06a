import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

extension AppTests {
    @Suite("Logs") struct LogScanTests {
        @Test("no password, token, full ID number or phone number appears in any log line written during the run")
        func scan() async throws {
            var secrets: [String] = [World.password, "Wrong#Secret9"] + Fixtures.ids
            try await withApp { app, _ in
                let w = try await World.make(app)
                let web = try await Client.session(app, w.users["staff"]!)
                let api = try await Client.api(app, w.users["staff"]!)
                secrets += [
                    try #require(web.cookie).replacingOccurrences(of: "ud_session=", with: ""), try #require(web.csrf),
                    try #require(api.bearer), "13800138000", "13912345678",
                ]
                let m = try await Fixtures.member(app, id: Fixtures.ids[0], phone: "13800138000", union: w.unionA)
                _ = try await web.post(
                    "/members", ["name": "日志", "idNumber": Fixtures.ids[1], "phone": "13912345678", "unionId": String(w.unionA.id!)])
                _ = try await web.post("/members/\(m.id!)/reveal", [:])
                _ = try await web.get("/members?q=\(Fixtures.ids[1])")
                _ = try await api.get("/api/v1/members?q=13912345678")
                _ = try await api.json(.POST, "/api/v1/members", ["name": "坏", "idNumber": "340524198001010013", "unionId": w.unionA.id!])
                _ = try await Client(app: app, cookie: "ud_csrf=t").post(
                    "/login", ["_csrf": "t", "username": "staff", "password": "Wrong#Secret9"])
            }
            let lines = CapturedLogs.lines.withLockedValue { $0 }
            #expect(lines.count > 20, "the capture works")
            for line in lines {
                for s in secrets { #expect(!line.contains(s), "log line leaks a secret: \(line.prefix(200))") }
                // Whole alphanumeric words only: digits inside hashes or ciphertext are not numbers.
                for word in line.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) }) {
                    let w = String(word)
                    let isPhone = w.count == 11 && w.allSatisfy(\.isNumber) && (try? PhoneNumber(w)) != nil
                    #expect(!isPhone, "phone-like number in log: \(line.prefix(200))")
                    if w.count == 18 { #expect((try? IDNumber(w)) == nil, "ID number in log: \(line.prefix(200))") }
                }
            }
        }
    }

    @Suite("Demo township") struct DemoTests {
        @Test("the demo is a believable, deterministic township with valid ID numbers")
        func demo() async throws {
            try await withApp { app, _ in
                let accounts = try #require(try await DemoTownship.loadIfEmpty(app))
                #expect(accounts.map(\.username) == ["staff", "reviewer", "officer", "leader"])
                #expect(try await DemoTownship.loadIfEmpty(app) == nil)
                let unions = try await Organization.query(on: app.db).filter(\.$level == "union").count()
                #expect((38...45).contains(unions))
                #expect(try await Employer.query(on: app.db).count() == 150)
                let members = try await Member.query(on: app.db).all()
                #expect((2900...3100).contains(members.count))
                #expect(try await Employer.query(on: app.db).filter(\.$union.$id == nil).filter(\.$headcount >= 8).count() > 0)
                #expect(members.contains { $0.status == "retired" } && members.contains { $0.status == "left" })
                #expect(try await MemberEvent.query(on: app.db).filter(\.$kind == "transfer").count() > 0)
                // Three cadres in each union in being (the one dissolved last year has none left).
                let inBeing = try await Organization.query(on: app.db).filter(\.$level == "union").filter(\.$status == "active").count()
                #expect(try await Cadre.query(on: app.db).count() == inBeing * 3)
                for m in members.prefix(200) {
                    let id = try IDNumber(app.cipher.decrypt(m.idNumberEncrypted))
                    #expect(id.masked == m.idNumberMasked && id.birthDate.iso == m.birthDate && id.gender.rawValue == m.gender)
                }
                #expect(Set(members.map(\.cardNumber)).count == members.count)
                // Relief in both years, consistent: one payment per paid application, ledgers never below zero.
                let today = app.clock.today(in: app.config.timeZone)
                let root = Scope(orgID: 1, path: "/1/")
                for year in [today.year - 1, today.year] {
                    let s = try await ReliefStats.compute(
                        in: root, from: CalendarDate(year: year, month: 1, day: 1)!, to: CalendarDate(year: year, month: 12, day: 31)!,
                        today: today,
                        settings: app.reliefSettings, on: app.db)
                    #expect(s.people > 30 && s.households > 20 && s.money > 0 && s.byKind.count >= 3, "\(year): \(s)")
                }
                let paid = try await ReliefApplication.query(on: app.db).filter(\.$state == "paid").all()
                #expect(try await Disbursement.query(on: app.db).count() == paid.count)
                #expect(try await FundEntry.query(on: app.db).filter(\.$kind == "payment").count() == paid.count)
                for fund in try await Fund.query(on: app.db).all() {
                    let entries = try await FundEntry.query(on: app.db).filter(\.$fund.$id == fund.id!).sort(\.$onDate).sort(\.$id).all()
                    var balance = 0
                    for e in entries {
                        balance += e.amount
                        #expect(balance >= 0, "\(fund.name) below zero on \(e.onDate)")
                    }
                }
                let alerts = try await HardshipFiles.alertCounts(in: root, today: today, settings: app.reliefSettings, on: app.db)
                #expect(HardshipFiles.Alert.allCases.allSatisfy { (alerts[$0] ?? 0) > 0 }, "\(alerts)")
                // Petitions: last year as the seed summary tells it, this year with open work on the alert centre.
                let rules = app.petitionRules
                let last = try await PetitionStats.compute(
                    in: root, from: CalendarDate(year: today.year - 1, month: 1, day: 1)!,
                    to: CalendarDate(year: today.year - 1, month: 12, day: 31)!,
                    today: today, rules: rules, on: app.db)
                #expect(last.received == 57 && last.transferred == 38 && last.direct == 19, "\(last)")
                #expect(last.acceptance.percent == 100 && last.handling.percent == 100 && last.transferReply.percent == 100, "\(last)")
                #expect(last.wages.migrantWorkers == 20 && last.injury.workers == 2 && last.mediations == 12, "\(last)")
                let thisYear = try await PetitionStats.compute(
                    in: root, from: CalendarDate(year: today.year, month: 1, day: 1)!, to: today, today: today, rules: rules, on: app.db)
                #expect(thisYear.received > 40 && thisYear.overdue >= 1 && thisYear.unreported == 1, "\(thisYear)")
                let kinds = Set(
                    try await AlertCentre.collect(AlertQuery(scope: root, today: today), sources: app.alertSources, on: app.db).items.map(
                        \.kind))
                #expect(
                    kinds.isSuperset(of: [
                        "petition.overdue", "petition.dueSoon", "petition.unreported", "mediation.overdue", "relief.notReverified",
                    ]),
                    "\(kinds)")
                let names = members.prefix(5).map(\.name)
                try await app.autoRevert()
                try await app.autoMigrate()
                _ = try await DemoTownship.loadIfEmpty(app)
                let again = try await Member.query(on: app.db).sort(\.$id).limit(5).all().map(\.name)
                #expect(again == names, "same seed, same township")
                let password = try await UserQuery.ensureFirstAdmin(app: app, on: app.db)
                #expect(password != nil)
            }
        }
    }
}
