import Crypto
import Domain
import Fluent
import Foundation
import Office
import Testing
import Vapor
import VaporTesting

@testable import App

/// The defects a township cadre met in daily use (issue 16), each checked through the pages they use.
extension AppTests {
    @Suite("Everyday use by cadres") struct EverydayUseTests {
        @Test("home is the day's work: each role sees what waits for it, each count a link to its list")
        func homeIsTheDaysWork() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let s = try await ReliefSetup.make(app, w)
                let m = try await Fixtures.member(app, name: "郑好", id: Fixtures.ids[1], union: w.unionA)
                _ = try await Fixtures.application(try await Client.api(app, w.users["officer"]!), round: s.roundID, member: m)
                _ = try await Fixtures.submittedApplication(app, w, s, idNumber: Fixtures.ids[3])
                _ = try await Fixtures.petition(s.staff, w)
                let officer = try await Client.session(app, w.users["officer"]!).get("/")
                #expect(officer.text.contains("id=\"work-relief-draft\"") && officer.text.contains("href=\"/relief/applications?state=draft\""))
                #expect(!officer.text.contains("work-relief-submitted"), "an officer reviews nothing")
                let staff = try await Client.session(app, w.users["staff"]!).get("/")
                #expect(staff.text.contains("id=\"work-relief-submitted\"") && staff.text.contains("href=\"/relief/applications?state=submitted\""))
                #expect(staff.text.contains("id=\"work-petitions\"") && staff.text.contains("XF2026-0001 李**"))
                #expect(staff.text.contains("受理告知") && staff.text.contains("（剩"))
                // The World's unions were elected on 2023-05-01 for three years.
                #expect(staff.text.contains("id=\"work-reelections\"") && staff.text.contains("已超期"))
                let leader = try await Client.session(app, w.users["leader"]!).get("/")
                #expect(!leader.text.contains("work-relief") && !leader.text.contains("work-petitions"))
            }
        }

        @Test("a save confirms on the page the redirect leads to, once, without script")
        func flashAfterSave() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let staff = try await Client.session(app, w.users["staff"]!)
                let saved = try await staff.post(
                    "/members", ["name": "赵敏", "idNumber": Fixtures.ids[2], "unionId": String(w.unionA.id!), "joinDate": "2024-01-01"])
                #expect(saved.status == .seeOther)
                let flash = try #require(saved.cookie(Flash.cookie))
                var next = staff
                next.cookie = (staff.cookie ?? "") + "; " + flash
                let page = try await next.get(try #require(saved.headers.first(name: .location)))
                #expect(page.text.contains("id=\"flash\"") && page.text.contains("已保存，会员证号 GH"))
                #expect(!page.text.contains("<dt>文化程度</dt>") && !page.text.contains("<dt>手机号码</dt>"), "no label without its value")
                // Shown once: the page clears the cookie.
                #expect(page.headers[.setCookie].contains { $0.hasPrefix(Flash.cookie + "=;") && $0.contains("Max-Age=0") })
                #expect(!(try await staff.get(try #require(saved.headers.first(name: .location)))).text.contains("id=\"flash\""))
            }
        }

        @Test("a petition extended by 40 days or without a reason is refused at the top and beside the field, typed values kept")
        func refusedExtensionIsNotSilent() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let api = try await Client.api(app, w.users["staff"]!)
                let id = try await Fixtures.petition(api, w)
                #expect(try await api.json(.POST, "/api/v1/petitions/\(id)/steps", ["action": "accept", "date": "2026-11-12"]).status == .ok)
                let web = try await Client.session(app, w.users["staff"]!)
                let page = try await web.get("/petitions/\(id)")
                #expect(page.text.contains("id=\"extend-form\"") && page.text.contains("id=\"extend-days\""))
                #expect(!page.text.contains("id=\"accept-form\""), "only the steps the flow allows now")
                #expect(page.text.contains("<dt>受理</dt>") && !page.text.contains("<dt>答复</dt>") && !page.text.contains("<dt>延期</dt>"))
                let long = try await web.post(
                    "/petitions/\(id)/step",
                    ["form": "extend", "action": "extend", "date": "2026-11-18", "days": "40", "reason": "企业停产，需多方协调", "approver": "王主席"])
                #expect(long.status == .unprocessableEntity)
                #expect(long.text.contains("id=\"problems\"") && long.text.contains("<a href=\"#extend-days\">延长天数应为1到30天</a>"))
                #expect(long.text.contains("id=\"extend-days-error\"") && long.text.contains("value=\"企业停产，需多方协调\""))
                let noReason = try await web.post(
                    "/petitions/\(id)/step", ["form": "extend", "action": "extend", "date": "2026-11-18", "days": "30", "approver": "王主席"])
                #expect(noReason.status == .unprocessableEntity && noReason.text.contains("id=\"extend-reason-error\""))
                let ok = try await web.post(
                    "/petitions/\(id)/step",
                    ["form": "extend", "action": "extend", "date": "2026-11-18", "days": "30", "reason": "企业停产，需多方协调", "approver": "王主席"])
                #expect(ok.status == .seeOther)
                // Reasons keep the full-width comma they were typed with.
                #expect(try await Petition.find(id, on: app.db)?.extensionReason == "企业停产，需多方协调")
            }
        }

        @Test("a petition's letters print once their step is done: 受理告知书 after acceptance, 答复意见书 after the answer")
        func petitionLetters() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let api = try await Client.api(app, w.users["staff"]!)
                let id = try await Fixtures.petition(api, w)
                let web = try await Client.session(app, w.users["staff"]!)
                #expect(try await web.get("/petitions/\(id)/letters/acceptance").status == .notFound, "not accepted yet")
                #expect(try await api.json(.POST, "/api/v1/petitions/\(id)/steps", ["action": "accept", "date": "2026-11-12"]).status == .ok)
                let page = try await web.get("/petitions/\(id)")
                #expect(page.text.contains("href=\"/petitions/\(id)/letters/acceptance\"") && !page.text.contains("letters/reply"))
                let notice = try await web.get("/petitions/\(id)/letters/acceptance")
                #expect(notice.status == .ok && notice.text.contains("信访事项受理告知书") && notice.text.contains("李秀英："))
                #expect(notice.text.contains("已于2026年11月12日予以受理") && notice.text.contains("60日内办结"))
                #expect(notice.text.contains("测试镇总工会（盖章）"))
                let reply = try await api.json(
                    .POST, "/api/v1/petitions/\(id)/steps",
                    ["action": "reply", "date": "2026-11-18", "summary": "经协调，企业已于11月17日足额支付拖欠工资。", "reference": "测工信复〔2026〕3号"])
                #expect(reply.status == .ok, "\(reply.text)")
                let answer = try await web.get("/petitions/\(id)/letters/reply")
                #expect(answer.text.contains("信访事项答复意见书") && answer.text.contains("测工信复〔2026〕3号"))
                #expect(answer.text.contains("企业已于11月17日足额支付拖欠工资") && answer.text.contains("30日内"))
                #expect(try await web.get("/petitions/\(id)/letters/refusal").status == .notFound)
                #expect(try await web.get("/petitions/\(id)/letters/bogus").status == .notFound)
            }
        }

        @Test("the summary's print version keeps its official-document styles: the page's policy allows exactly its inline style")
        func printVersionStyled() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let staff = try await Client.session(app, w.users["staff"]!)
                let page = try await staff.get("/reports/summary/html?orgId=\(w.root.id!)&year=2026")
                #expect(page.status == .ok)
                let csp = try #require(page.headers.first(name: "Content-Security-Policy"))
                let text = page.text
                let open = try #require(text.range(of: "<style>"))
                let close = try #require(text.range(of: "</style>"))
                let style = String(text[open.upperBound..<close.lowerBound])
                #expect(style.contains("@page { size: A4") && style.contains("text-align: center") && style.contains(".signature"))
                let hash = Data(SHA256.hash(data: Data(style.utf8))).base64EncodedString()
                #expect(csp.contains("style-src 'self' 'sha256-\(hash)'") && csp.contains("script-src 'self'"))
                #expect(try await staff.get("/").headers.first(name: "Content-Security-Policy") == SecurityHeadersMiddleware.csp)
            }
        }

        @Test("an import names every reason a row is refused, each under its column, and the error report keeps them on one line")
        func importReportsEveryError() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let file = FileManager.default.temporaryDirectory.appendingPathComponent("ud-errors-\(UUID().uuidString).csv")
                defer { try? FileManager.default.removeItem(at: file) }
                try "姓名,身份证号,手机号码,入会日期\n张三,110105194912310021,12345,2024-02-30\n李四,\(Fixtures.ids[1]),13800138000,2024-03-01\n"
                    .write(to: file, atomically: true, encoding: .utf8)
                let report = try await MemberImport(file: file, union: w.unionA, dryRun: true, scope: w.scope(of: w.root), actor: .system)
                    .run(app: app, on: app.db)
                #expect(report.total == 2 && report.invalid == 1 && report.valid == 1)
                let row2 = report.errors.filter { $0.row == 2 }
                #expect(Set(row2.map(\.column)) == ["身份证号", "手机号码", "入会日期"], "\(row2)")
            }
        }

        @Test("workbooks carry numbers as numbers: money in yuan with #,##0.00, rates as percentages; ID and phone columns are text")
        func exportsAreNumbers() throws {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("ud-cells-\(UUID().uuidString).xlsx")
            defer { try? FileManager.default.removeItem(at: url) }
            let w = try XlsxWriter(url: url)
            try w.addSheet(
                "表", columns: [.init("金额"), .init("比率"), .init("身份证号", text: true)],
                rows: [[.money(fen: 3_400_000), .percent(96), .text("11010519491231002X")], [.money(fen: -5), .percent(0), .empty]])
            try w.close()
            var rows: [TableRow] = []
            try XlsxReader(url: url).forEachRow { rows.append($0) }
            #expect(rows[1][0] == Cell(.number, "34000.00") && rows[1][1] == Cell(.number, "0.96"))
            #expect(rows[2][0].text == "-0.05" && rows[2][1].text == "0.00")
            #expect(rows[1][2] == .text("11010519491231002X"))
        }

        @Test("the administrator manages users on pages: create, change role, disable and enable, reset a password, tokens")
        func userAdministration() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                #expect(try await Client.session(app, w.users["staff"]!).get("/users").status == .forbidden)
                let admin = try await Client.session(app, w.users["admin"]!)
                let list = try await admin.get("/users")
                #expect(list.status == .ok && list.text.contains("officer") && list.text.contains("基层工会干部"))
                let bad = try await admin.post("/users", ["username": "x", "role": "unionOfficer", "orgId": String(w.unionA.id!)])
                #expect(bad.status == .unprocessableEntity && bad.text.contains("id=\"username-error\""))
                let made = try await admin.post(
                    "/users", ["username": "wangli", "displayName": "王丽", "role": "unionOfficer", "orgId": String(w.unionB.id!)])
                #expect(made.status == .ok && made.text.contains("id=\"secret-value\"") && made.text.contains("此密码只显示这一次"))
                let user = try #require(try await User.query(on: app.db).filter(\.$username == "wangli").first())
                #expect(user.mustChangePassword && user.$org.id == w.unionB.id)
                let id = try user.requireID()
                let changed = try await admin.post(
                    "/users/\(id)", ["displayName": "王丽", "role": "federationStaff", "orgId": String(w.root.id!)])
                #expect(changed.status == .seeOther)
                #expect(try await User.find(id, on: app.db)?.role == "federationStaff")
                let ask = try await admin.post("/users/\(id)/disable", [:])
                #expect(ask.status == .ok && ask.text.contains("确认停用用户"))
                #expect(try await User.find(id, on: app.db)?.disabled == false)
                #expect(try await admin.post("/users/\(id)/disable", ["confirmed": "1"]).status == .seeOther)
                #expect(try await User.find(id, on: app.db)?.disabled == true)
                #expect(try await admin.post("/users/\(id)/enable", [:]).status == .seeOther)
                #expect(try await User.find(id, on: app.db)?.disabled == false)
                let reset = try await admin.post("/users/\(id)/reset-password", ["confirmed": "1"])
                #expect(reset.status == .ok && reset.text.contains("临时密码"))
                let token = try await admin.post("/users/\(id)/tokens", ["name": "数据对接"])
                #expect(token.status == .ok && token.text.contains(">ud_"))
                let issued = try #require(try await APIToken.query(on: app.db).filter(\.$user.$id == id).first())
                #expect(try await admin.get("/users/\(id)").text.contains("数据对接"))
                #expect(try await admin.post("/tokens/\(issued.requireID())/revoke", [:]).status == .seeOther)
                #expect(try await APIToken.find(issued.id, on: app.db)?.revoked == true)
                #expect(try await admin.post("/users/\(w.users["admin"]!.id!)/disable", ["confirmed": "1"]).status == .conflict)
                // Each step is in the audit log in words.
                let log = try await admin.get("/audit?entity=user").auditTable
                #expect(log.contains("创建用户") && log.contains("修改用户") && log.contains("停用用户") && log.contains("启用用户") && log.contains("重置密码"))
            }
        }

        @Test("every audit action the sources declare is registered by a module, so the audit page names it in Chinese")
        func everyAuditActionHasALabel() throws {
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent()
            let dir = root.appendingPathComponent("Sources/App")
            var text = ""
            let files = try #require(FileManager.default.enumerator(atPath: dir.path))
            for case let path as String in files where path.hasSuffix(".swift") {
                text += (try? String(contentsOf: dir.appendingPathComponent(path), encoding: .utf8)) ?? ""
            }
            let declared = try Regex(#"(?:enum (\w+): String, AuditAction|extension ([\w.]+): AuditAction)"#)
            let types = text.matches(of: declared).compactMap { m in (m.output[1].substring ?? m.output[2].substring).map(String.init) }
            #expect(types.count >= 8, "\(types)")
            let registered = text.split(separator: "\n").filter { $0.contains("auditActions:") }.joined(separator: "\n")
            for t in types { #expect(registered.contains(t), "\(t) is recorded but no module lists it in auditActions") }
        }

        @Test("the org tree is a tree: pinyin order, subtree counts, search and type filter with the matches' parents, folding")
        func orgTree() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                try await Fixtures.member(app, name: "树一", id: Fixtures.ids[0], union: w.unionA1)
                try await Fixtures.member(app, name: "树二", id: Fixtures.ids[1], union: w.unionB)
                let staff = try await Client.session(app, w.users["staff"]!)
                let all = try await staff.get("/orgs").text
                // 甲 (jiǎ) before 乙 (yǐ), though 乙 comes first by code point.
                let jia = try #require(all.range(of: "甲公司工会</a>")), yi = try #require(all.range(of: "乙公司工会</a>"))
                #expect(jia.lowerBound < yi.lowerBound)
                #expect(all.contains("3 个 / 2 人"), "the federation's unions and members below it")
                #expect(all.contains("data-fold=\"\(w.unionA.path)\""), "a node with children can fold")
                let found = try await staff.get("/orgs?q=%E4%B8%80%E8%BD%A6%E9%97%B4").text  // 一车间
                #expect(found.contains("甲公司一车间分工会") && found.contains("找到 1 个"))
                #expect(found.contains("class=\"context\"") && !found.contains("乙公司工会</a>"), "its parents as context, nothing else")
                let federations = try await staff.get("/orgs?type=federation").text
                #expect(federations.contains("测试镇总工会") && !federations.contains("乙公司工会</a>"))
                #expect(try await staff.get("/orgs?type=bogus").status == .unprocessableEntity)
            }
        }

        @Test("a cadre's record is corrected on a form of its own: a blank phone keeps the number; audited; only in the subtree")
        func cadreIsEditable() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let a = w.unionA.id!
                let web = try await Client.session(app, w.users["staff"]!)
                let added = try await web.post(
                    "/orgs/\(a)/cadres", ["name": "王主席", "post": "chair", "phone": "13800138000", "termFrom": "2023-05-01"])
                #expect(added.status == .seeOther)
                let c = try #require(try await Cadre.query(on: app.db).filter(\.$org.$id == a).first())
                #expect(try await web.get("/orgs/\(a)").text.contains("href=\"/cadres/\(c.id!)/edit\""))
                let form = try await web.get("/cadres/\(c.id!)/edit")
                #expect(form.status == .ok && form.text.contains("value=\"王主席\"") && form.text.contains("现为 138****8000"))
                let bad = try await web.post("/cadres/\(c.id!)/edit", ["name": "王", "post": "chair", "termFrom": "2023-05-01", "termTo": "2020-01-01"])
                #expect(bad.status == .unprocessableEntity && bad.text.contains("id=\"termTo-error\""))
                let ok = try await web.post("/cadres/\(c.id!)/edit", ["name": "王建华", "post": "viceChair", "termFrom": "2023-05-01"])
                #expect(ok.status == .seeOther)
                let saved = try #require(try await Cadre.find(c.id, on: app.db))
                #expect(saved.name == "王建华" && saved.post == "viceChair" && saved.phoneMasked == "138****8000")
                #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "cadre.update").count() == 1)
                #expect(try await Client.session(app, w.users["leader"]!).get("/cadres/\(c.id!)/edit").status == .forbidden)
                #expect(try await Client.session(app, w.users["staff2"]!).get("/cadres/\(c.id!)/edit").status == .notFound)
            }
        }

        @Test("on the demo, every record a leader's drill-downs link to opens for the leader, and each drill-down pages on")
        func leaderLinksOpen() async throws {
            try await withApp { app, _ in
                _ = try #require(try await DemoTownship.loadIfEmpty(app))
                let root = try #require(try await Organization.query(on: app.db).filter(\.$name == "示例镇总工会").first())
                let leader = try await Client.session(app, try await World.user(app, "boss", role: .leader, org: root))
                var opened = 0
                for d in app.indicatorSources.flatMap(\.definitions) {
                    for gap in [false, true] where !gap || d.gap != nil {
                        let path = "/indicators/\(d.code.rawValue)?year=2026" + (gap ? "&gap=1" : "")
                        let page = try await leader.get(path)
                        #expect(page.status == .ok, "\(path)")
                        for m in page.text.matches(of: /<td><a href="([^"]+)">查看<\/a><\/td>/).prefix(2) {
                            let link = String(m.output.1)
                            #expect(try await leader.get(link).status == .ok, "\(path) → \(link)")
                            opened += 1
                        }
                        if let next = page.text.firstMatch(of: /<a href="([^"]+)" rel="next">/) {
                            let more = String(next.output.1).replacingOccurrences(of: "&amp;", with: "&")
                            let status = try await leader.get(more).status
                            #expect(!more.contains("?year=2026?") && status == .ok, "\(more)")
                        }
                    }
                }
                #expect(opened > 20, "the demo's drill-downs link to records")
            }
        }

        @Test("a card number finds its member, typed in full or short, in either case")
        func cardNumberSearch() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let m = try await Fixtures.member(app, name: "钱多多", id: Fixtures.ids[0], union: w.unionA)
                let staff = try await Client.session(app, w.users["staff"]!)
                let digits = String(Int(m.cardNumber.dropFirst(2)) ?? 0)
                for q in [m.cardNumber, m.cardNumber.lowercased(), "GH" + digits] {
                    let r = try await staff.get("/members?q=" + q)
                    #expect(r.text.contains("钱多多"), "\(q)")
                }
            }
        }

        @Test("every pager keeps its query: a drill-down's next page keeps its period")
        func pagerKeepsQuery() {
            let paged = Paged(rows: [1, 2], total: 120, page: 1, per: 50)
            let pager = Pager(paged, base: "/reports/indicators/x?orgId=1&year=2026", query: [("gap", "1")])
            #expect(pager.next == "/reports/indicators/x?orgId=1&year=2026&gap=1&page=2")
            #expect(Pager(paged, base: "/members", query: [("q", "张")]).next == "/members?q=%E5%BC%A0&page=2")
        }

        @Test("a leader's 查看 opens a page they may read: an employer's record, not its edit form")
        func linksRespectPermissions() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let e = try await Fixtures.employer(app, "测试镇顺达电子厂", headcount: 30, org: w.root)
                let leader = try await Client.session(app, w.users["leader"]!)
                let gap = try await leader.get("/indicators/org.coverage8?gap=1&year=2026")
                #expect(gap.status == .ok && gap.text.contains("/employers/\(e.id!)\"") && !gap.text.contains("/employers/\(e.id!)/edit"))
                let page = try await leader.get("/employers/\(e.id!)")
                #expect(page.status == .ok && page.text.contains("测试镇顺达电子厂") && page.text.contains("人数与建会变动"))
                #expect(!page.text.contains("id=\"edit\""))
                #expect(try await leader.get("/employers/\(e.id!)/edit").status == .forbidden)
                let list = try await leader.get("/employers")
                #expect(list.text.contains("href=\"/employers/\(e.id!)\""))
            }
        }

        @Test("the alert centre counts records, not deadlines, and a statutory limit passed sorts above an older re-election")
        func alertCentreCountsSubjects() async throws {
            struct Fake: AlertSource {
                let module = "fake"
                let label = "测试"
                let kinds: [(code: String, label: String)] = [("fake.late", "逾期"), ("fake.term", "换届")]
                func alerts(_ q: AlertQuery, on db: any Database) async throws -> [AlertItem] {
                    [
                        AlertItem(
                            module: module, kind: "fake.term", label: "换届已超期", severity: .overdue, subject: "甲工会", orgName: "甲", due: "2025-01-01",
                            daysLeft: -600, url: "/orgs/1"),
                        AlertItem(
                            module: module, kind: "fake.late", label: "受理告知已逾期", severity: .statutoryOverdue, subject: "XF1", orgName: "镇",
                            due: "2026-11-10", daysLeft: -8, url: "/petitions/1"),
                        AlertItem(
                            module: module, kind: "fake.late", label: "办理答复已逾期", severity: .statutoryOverdue, subject: "XF1", orgName: "镇",
                            due: "2026-11-12", daysLeft: -6, url: "/petitions/1"),
                    ]
                }
            }
            try await withApp { app, _ in
                let q = AlertQuery(scope: Scope(orgID: 1, path: "/1/"), today: CalendarDate(clamping: 2026, 11, 18))
                let r = try await AlertCentre.collect(q, sources: [Fake()], on: app.db)
                #expect(r.counts.first { $0.kind == "fake.late" }?.count == 1, "one petition late on two deadlines")
                #expect(r.subjects == 2)
                #expect(r.items.map(\.url) == ["/petitions/1", "/petitions/1", "/orgs/1"])
                let lines = AlertCentre.bySubject(r.items)
                #expect(lines.map(\.labels) == [["受理告知已逾期", "办理答复已逾期"], ["换届已超期"]])
            }
        }

        @Test("a member's status changes only with a reason for 去世/退会/退休 and after a confirmation page that says what happens")
        func memberStatusAsksFirst() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let m = try await Fixtures.member(app, name: "孙丽", id: Fixtures.ids[1], union: w.unionA)
                let staff = try await Client.session(app, w.users["staff"]!)
                let show = try await staff.get("/members/\(m.id!)")
                #expect(show.text.contains("<option value=\"\">请选择</option>"), "no status is chosen for the user")
                let noReason = try await staff.post("/members/\(m.id!)/status", ["status": "deceased", "date": "2026-11-01"])
                #expect(noReason.status == .unprocessableEntity && noReason.text.contains("id=\"reason-error\""))
                let ask = try await staff.post("/members/\(m.id!)/status", ["status": "deceased", "date": "2026-11-01", "reason": "病故"])
                #expect(ask.status == .ok && ask.text.contains("确认会籍变更") && ask.text.contains("由“在会”变为“去世”"))
                #expect(ask.text.contains("name=\"confirmed\" value=\"1\"") && ask.text.contains("name=\"reason\" value=\"病故\""))
                #expect(try await Member.find(m.id, on: app.db)?.status == "active", "nothing changes before the confirmation")
                let done = try await staff.post(
                    "/members/\(m.id!)/status", ["status": "deceased", "date": "2026-11-01", "reason": "病故", "confirmed": "1"])
                #expect(done.status == .seeOther)
                #expect(try await Member.find(m.id, on: app.db)?.status == "deceased")
            }
        }

        @Test("a draft missing a document is changed and submitted; another is withdrawn with its reason, and says so when met again")
        func reliefDraftsAreNoDeadEnd() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let s = try await ReliefSetup.make(app, w)
                let m = try await Fixtures.member(app, name: "周红", id: Fixtures.ids[1], union: w.unionA)
                let officer = try await Client.session(app, w.users["officer"]!)
                // First the round, then only that kind's fields.
                let first = try await officer.get("/relief/applications/new")
                #expect(first.text.contains("下一步") && !first.text.contains("coveredCost") && !first.text.contains("schoolLevel"))
                let second = try await officer.get("/relief/applications/new?roundId=\(s.roundID)")
                #expect(second.text.contains("festivalTarget") && !second.text.contains("schoolLevel") && !second.text.contains("coveredCost"))
                let made = try await officer.post(
                    "/relief/applications", ["roundId": String(s.roundID), "member": m.cardNumber, "festivalTarget": "on"])
                #expect(made.status == .seeOther, "\(made.text.prefix(300))")
                let page = try #require(made.headers.first(name: .location))
                let id = try #require(Int(page.split(separator: "/").last ?? ""))
                let refused = try await officer.post(page + "/step", ["action": "submit"])
                #expect(refused.status == .unprocessableEntity && refused.text.contains("提交前请补齐申请材料：申请审批表"))
                #expect(refused.text.contains("尚缺：申请审批表") && refused.text.contains("href=\"\(page)/edit\""))
                #expect(refused.text.contains("未建困难职工档案"))
                let edit = try await officer.get(page + "/edit")
                #expect(edit.status == .ok && edit.text.contains("周红") && edit.text.contains("value=\"applicationForm\""))
                let changed = try await officer.post(
                    page + "/edit", ["documents[]": "applicationForm", "festivalTarget": "on", "note": "节前走访，家中困难"])
                #expect(changed.status == .seeOther, "\(changed.text.prefix(300))")
                #expect(try await officer.post(page + "/step", ["action": "submit"]).status == .seeOther)
                #expect(try await ReliefApplication.find(id, on: app.db)?.state == "submitted")
                #expect(try await officer.get(page + "/edit").status == .conflict, "a submitted application is not edited")
                // Returned for completion, it is the applicant's to change and submit again.
                let staff = try await Client.session(app, w.users["staff"]!)
                #expect(try await staff.post(page + "/step", ["action": "return", "reason": "请补充情况说明"]).status == .seeOther)
                #expect(try await officer.get(page).text.contains("id=\"withdraw-form\""))
                let completed = try await officer.post(
                    page + "/edit", ["documents[]": "applicationForm", "festivalTarget": "on", "note": "节前走访，家中困难，已补充说明"])
                #expect(completed.status == .seeOther)
                #expect(try await officer.post(page + "/step", ["action": "submit"]).status == .seeOther)
                #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "relief.edit").count() == 2)
                // Withdrawn, with its reason; a second application in the round names it, and an open draft says what to do.
                let other = try await Fixtures.member(app, name: "吴刚", id: Fixtures.ids[3], union: w.unionA)
                let draft = try await Fixtures.application(try await Client.api(app, w.users["officer"]!), round: s.roundID, member: other)
                let noReason = try await officer.post("/relief/applications/\(draft)/step", ["action": "withdraw"])
                #expect(noReason.status == .unprocessableEntity)
                let withdrawn = try await officer.post("/relief/applications/\(draft)/step", ["action": "withdraw", "reason": "家属已另行申请"])
                #expect(withdrawn.status == .seeOther)
                #expect(try await ReliefApplication.find(draft, on: app.db)?.state == "withdrawn")
                let again = try await officer.post(
                    "/relief/applications",
                    ["roundId": String(s.roundID), "member": other.cardNumber, "festivalTarget": "on", "documents[]": "applicationForm"])
                #expect(again.status == .conflict && again.text.contains("（编号\(draft)，已撤回）"))
                let duplicate = try await officer.post(
                    "/relief/applications", ["roundId": String(s.roundID), "member": m.cardNumber, "festivalTarget": "on"])
                #expect(duplicate.status == .conflict && duplicate.text.contains("已提交待审核"))
            }
        }

        @Test("payment and 定稿 ask first on a page that states what will happen; nothing is done before the confirmation")
        func irreversibleStepsAskFirst() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let s = try await ReliefSetup.make(app, w)
                let base = try await Fixtures.submittedApplication(app, w, s, idNumber: Fixtures.ids[1])
                #expect(try await s.staff.json(.POST, base + "/steps", ["action": "approve", "amount": "500"]).status == .ok)
                let id = try #require(Int(base.split(separator: "/").last ?? ""))
                let payer = try await Client.session(app, w.users["admin"]!)
                let form = ["method": "bankTransfer", "paidOn": "2026-11-18", "token": "tok-confirm-0001"]
                let ask = try await payer.post("/relief/applications/\(id)/pay", form)
                #expect(ask.status == .ok && ask.text.contains("确认发放") && ask.text.contains("500.00 元"))
                #expect(ask.text.contains("发放登记后不能修改或删除"))
                #expect(try await Disbursement.query(on: app.db).count() == 0)
                var confirmed = form
                confirmed["confirmed"] = "1"
                #expect(try await payer.post("/relief/applications/\(id)/pay", confirmed).status == .seeOther)
                #expect(try await Disbursement.query(on: app.db).count() == 1)
                let staff = try await Client.session(app, w.users["staff"]!)
                let final = try await staff.post("/reports/summary-finalize", ["orgId": String(w.root.id!), "year": "2026"])
                #expect(final.status == .ok && final.text.contains("确认定稿上报") && final.text.contains("不能修改或撤回"))
                #expect(try await SummarySnapshot.query(on: app.db).count() == 0)
                let done = try await staff.post("/reports/summary-finalize", ["orgId": String(w.root.id!), "year": "2026", "confirmed": "1"])
                #expect(done.status == .seeOther)
                #expect(try await SummarySnapshot.query(on: app.db).count() == 1)
                // Deleting a target asks first too.
                let set = try await s.staff.json(.PUT, "/api/v1/targets", ["indicator": "org.coverage8", "year": 2026, "value": "90%"])
                #expect(set.status == .ok, "\(set.text)")
                let target = try #require(try await Target.query(on: app.db).first())
                let askDelete = try await staff.post("/targets/\(target.id!)/delete", [:])
                #expect(askDelete.status == .ok && askDelete.text.contains("确认删除目标"))
                #expect(try await Target.query(on: app.db).count() == 1)
                #expect(try await staff.post("/targets/\(target.id!)/delete", ["confirmed": "1"]).status == .seeOther)
                #expect(try await Target.query(on: app.db).count() == 0)
            }
        }
    }
}
