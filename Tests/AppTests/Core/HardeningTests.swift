import Domain
import Fluent
import Foundation
import NIOCore
import Testing
import Vapor
import VaporTesting

@testable import App

extension AppTests {
    /// Issue 13's smaller findings, each with its test: tokens, passwords, the leader, ledgers, redirects, origins,
    /// LIKE patterns, reveals, imports and jobs, start-up resources.
    @Suite("Hardening") struct HardeningTests {
        @Test("API tokens expire, and a password change, a reset or disabling revokes them; each issue and revocation is audited")
        func tokens() async throws {
            try await withApp { app, clock in
                let w = try await World.make(app)
                let staff = try await Client.api(app, w.users["staff"]!)
                #expect(try await staff.get("/api/v1/members").status == .ok)
                clock.advance(Double(app.config.tokenDays) * 86_400 + 60)
                #expect(try await staff.get("/api/v1/members").status == .unauthorized)

                // A password change revokes the tokens (the session that changed it goes on).
                let officer = try await Client.api(app, w.users["officer"]!)
                #expect(try await officer.get("/api/v1/members").status == .ok)
                let web = try await Client.session(app, w.users["officer"]!)
                let changed = try await web.post(
                    "/password", ["currentPassword": World.password, "newPassword": "Other#Pass2027", "confirmPassword": "Other#Pass2027"])
                #expect(changed.status == .seeOther)
                #expect(try await officer.get("/api/v1/members").status == .unauthorized)

                let leader = try await Client.api(app, w.users["leader"]!)
                _ = try await UserQuery.resetPassword(username: "leader", app: app, actor: .system, on: app.db)
                #expect(try await leader.get("/api/v1/members").status == .unauthorized)

                let issued = try await AuditEntry.query(on: app.db).filter(\.$action == "token.issue").count()
                let revoked = try await AuditEntry.query(on: app.db).filter(\.$action == "token.revoke").all()
                #expect(issued == 3)
                #expect(revoked.count == 2 && revoked.allSatisfy { $0.after?.contains("\"count\":\"1\"") == true })
                // One token revoked by its id; the user's other token still works.
                let admin = w.users["admin"]!
                let keep = try await Client.api(app, admin)
                let drop = try await Client.api(app, admin)
                let id = try #require(try await APIToken.query(on: app.db).filter(\.$user.$id == admin.id!).sort(\.$id, .descending).first()?.id)
                try await Store.write(app.db) { tx in
                    try await APITokenQuery.revoke(userID: admin.id!, tokenID: id, reason: "命令行吊销", actor: .system, at: app.clock.now(), on: tx)
                }
                #expect(try await drop.get("/api/v1/members").status == .unauthorized)
                #expect(try await keep.get("/api/v1/members").status == .ok)
                let row = try #require(try await APIToken.find(id, on: app.db))
                #expect(row.revoked && row.revokedAt != nil && row.expiresAt != nil)
                #expect(try await APIToken.query(on: app.db).filter(\.$id != id).filter(\.$user.$id == admin.id!).first()?.lastUsedAt != nil)
            }
        }

        @Test("the command line issues tokens for a set number of days, lists them with their state, and revokes one")
        func tokenCommand() async throws {
            try await withApp { app, _ in
                _ = try await World.make(app)
                let issued = try await CapturingConsole.run(app, UserCommand(), ["token", "--username", "staff", "--days", "7", "--name", "报表"])
                let token = try #require(issued.firstMatch(of: /：(ud_\S+)/)?.output.1)
                #expect(issued.contains("7天后失效"))
                let api = Client(app: app, bearer: String(token))
                #expect(try await api.get("/api/v1/members").status == .ok)
                let listed = try await CapturingConsole.run(app, UserCommand(), ["token", "--list", "--username", "staff"])
                #expect(listed.contains("staff\t报表") && listed.contains("有效"))
                let id = try #require(try await APIToken.query(on: app.db).filter(\.$name == "报表").first()?.id)
                let revoked = try await CapturingConsole.run(app, UserCommand(), ["token", "--revoke", String(id)])
                #expect(revoked.contains("已吊销令牌 \(id)"))
                #expect(try await api.get("/api/v1/members").status == .unauthorized)
                #expect(try await CapturingConsole.run(app, UserCommand(), ["token", "--list"]).contains("已吊销"))
                await #expect(throws: StartupError.self) { try await CapturingConsole.run(app, UserCommand(), ["token", "--revoke", String(id)]) }
                await #expect(throws: StartupError.self) {
                    try await CapturingConsole.run(app, UserCommand(), ["token", "--username", "staff", "--days", "0"])
                }
            }
        }

        @Test("a new password may not be any of the last five")
        func passwordHistory() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let c = try await Client.session(app, w.users["staff"]!)
                func change(_ from: String, _ to: String) async throws -> TestingHTTPResponse {
                    try await c.post("/password", ["currentPassword": from, "newPassword": to, "confirmPassword": to])
                }
                let same = try await change(World.password, World.password)
                #expect(same.status == .unprocessableEntity && same.text.contains("最近5次"))
                let chain = ["Union#Desk01", "Union#Desk02", "Union#Desk03", "Union#Desk04"]
                var current = World.password
                for next in chain {
                    #expect(try await change(current, next).status == .seeOther)
                    current = next
                }
                // The first password is now five back: still refused; a sixth change frees it.
                #expect(try await change(current, World.password).status == .unprocessableEntity)
                #expect(try await change(current, "Union#Desk05").status == .seeOther)
                #expect(try await change("Union#Desk05", World.password).status == .seeOther)
            }
        }

        @Test("the read-only leader cannot change anything: every state-changing route refuses, and nothing is written")
        func leaderWritesNothing() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let leader = w.users["leader"]!
                let web = try await Client.session(app, leader)
                let api = try await Client.api(app, leader)
                // The leader's own account only: changing their password and signing out.
                let own: Set<String> = ["POST /password", "POST /logout", "POST /login"]
                // Import jobs check their own kind's permission (a job the leader cannot have: 404).
                let jobs: Set<String> = ["POST /imports/:id/commit", "POST /imports/:id/cancel", "POST /api/v1/imports/:id/cancel"]
                let tables = ["members", "employers", "organizations", "relief_applications", "petitions", "targets", "funds", "users"]
                func counts() async throws -> [Int] {
                    var out: [Int] = []
                    for t in tables {
                        struct Row: Decodable { var n: Int }
                        out.append(try await app.db.sql.raw("SELECT COUNT(*) AS n FROM \(ident: t)").first(decoding: Row.self)?.n ?? -1)
                    }
                    return out
                }
                let before = try await counts()
                var checked = 0
                for route in app.routes.all where [.POST, .PUT, .PATCH, .DELETE].contains(route.method) {
                    let pattern = "/" + route.path.map(\.description).joined(separator: "/")
                    let name = "\(route.method.rawValue) \(pattern)"
                    if own.contains(name) { continue }
                    let path = "/" + route.path.map { c -> String in
                        if case .parameter = c { return String(w.unionA.id!) }
                        return c.description
                    }.joined(separator: "/")
                    let r: TestingHTTPResponse
                    if path.hasPrefix("/api/") {
                        r = try await api.json(route.method, path, ["name": "领导", "amount": "100", "action": "approve"])
                    } else {
                        r = try await web.post(path, ["name": "领导", "amount": "100", "action": "approve"])
                    }
                    let expected: Set<UInt> = jobs.contains(name) ? [404] : [403]
                    #expect(expected.contains(r.status.code), "\(name) answered \(r.status.code) to the leader")
                    checked += 1
                }
                #expect(checked > 40)
                #expect(try await counts() == before)
                // Refusals of the reveal routes are recorded as failed reveals.
                let denied = try await AuditEntry.query(on: app.db).filter(\.$action ~~ ["access.denied", "reveal.failed"]).count()
                #expect(denied == checked - jobs.count, "\(denied) denials audited of \(checked)")
            }
        }

        @Test("a union sees only its own payments in its federation's fund ledger, without the balances")
        func ledgerOfOthers() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let s = try await ReliefSetup.make(app, w)
                let own = try await Fixtures.submittedApplication(app, w, s, idNumber: Fixtures.ids[1])
                let other = try await Fixtures.submittedApplication(app, w, s, idNumber: Fixtures.ids[2], union: w.unionB)
                for (i, base) in [own, other].enumerated() {
                    #expect(try await s.staff.json(.POST, base + "/steps", ["action": "approve", "amount": "300"]).status == .ok)
                    let paid = try await s.staff.json(.POST, base + "/payments", ["token": "tok-ledger-\(i)", "paidOn": "2026-11-18"])
                    #expect(paid.status == .created)
                }
                let path = "/api/v1/relief/funds/\(s.fundID)/entries"
                let all = try #require(try await s.staff.get(path).jsonObject["items"] as? [[String: Any]])
                #expect(all.count == 3 && all.allSatisfy { $0["balanceAfter"] is Int })
                let officer = try await Client.api(app, w.users["officer"]!)
                let mine = try #require(try await officer.get(path).jsonObject["items"] as? [[String: Any]])
                #expect(mine.count == 1 && mine[0]["amount"] as? Int == -30_000 && mine[0]["balanceAfter"] == nil)
                let page = try await Client.session(app, w.users["officer"]!).get("/relief/funds/\(s.fundID)")
                #expect(page.status == .ok && page.text.components(separatedBy: "300.00").count == 2)
            }
        }

        @Test("after sign-in only this site's paths are followed; Origin must match scheme, host and port")
        func redirectsAndOrigins() async throws {
            for bad in ["/\t/evil.example", "//evil.example", "/\\evil.example", "https://evil.example", "/\n/evil", "/ /x", "javascript:x", nil] {
                #expect(SessionController.safeNext(bad) == "/", "\(String(describing: bad))")
            }
            #expect(SessionController.safeNext("/members?q=%E5%BC%A0&page=2") == "/members?q=%E5%BC%A0&page=2")
            #expect(CSRFMiddleware.sameOrigin("http://127.0.0.1:8080", host: "127.0.0.1:8080", scheme: "http"))
            #expect(CSRFMiddleware.sameOrigin("http://gh.example", host: "gh.example:80", scheme: "http"))
            #expect(!CSRFMiddleware.sameOrigin("http://127.0.0.1:9999", host: "127.0.0.1:8080", scheme: "http"))
            #expect(!CSRFMiddleware.sameOrigin("https://127.0.0.1:8080", host: "127.0.0.1:8080", scheme: "http"))
            #expect(!CSRFMiddleware.sameOrigin("http://127.0.0.1.evil:8080", host: "127.0.0.1:8080", scheme: "http"))
            #expect(!CSRFMiddleware.sameOrigin("null", host: "127.0.0.1:8080", scheme: "http"))
            try await withApp { app, _ in
                let w = try await World.make(app)
                let c = try await Client.session(app, w.users["staff"]!)
                let form = ["name": "李四", "idNumber": Fixtures.ids[1], "unionId": String(w.unionA.id!)]
                let otherPort = try await c.post("/members", form, headers: ["Host": "127.0.0.1:8080", "Origin": "http://127.0.0.1:9090"])
                #expect(otherPort.status == .forbidden)
                let same = try await c.post("/members", form, headers: ["Host": "127.0.0.1:8080", "Origin": "http://127.0.0.1:8080"])
                #expect(same.status == .seeOther)
            }
        }

        @Test("LIKE patterns take % and _ literally; failed reveals are audited")
        func likeAndReveals() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let staff = try await Client.api(app, w.users["staff"]!)
                for name in ["甲五金厂", "乙100%服装厂"] {
                    let r = try await staff.json(.POST, "/api/v1/employers", ["name": name, "headcount": 10, "orgId": w.root.id!])
                    #expect(r.status == .created, "\(r.text)")
                }
                func found(_ q: String) async throws -> Int {
                    let escaped = q.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? q
                    return (try await staff.get("/api/v1/employers?q=\(escaped)").jsonObject["items"] as? [[String: Any]])?.count ?? -1
                }
                #expect(try await found("%") == 1)
                #expect(try await found("_") == 0)
                #expect(try await found("五金") == 1)
                let web = try await Client.session(app, w.users["admin"]!)
                #expect(try await web.get("/audit?action=_").auditTable.contains("新增单位") == false)
                #expect(try await web.get("/audit?action=employer").auditTable.contains("新增单位"))

                let member = try await Fixtures.member(app, id: Fixtures.ids[0], union: w.unionA)
                let stranger = try await Fixtures.member(app, name: "邻镇人", id: Fixtures.ids[3], union: w.unionC)
                let leader = try await Client.session(app, w.users["leader"]!)
                #expect(try await leader.post("/members/\(member.id!)/reveal", [:]).status == .forbidden)
                let outside = try await Client.session(app, w.users["staff"]!).post("/members/\(stranger.id!)/reveal", [:])
                #expect(outside.status == .notFound)
                let failed = try await AuditEntry.query(on: app.db).filter(\.$action == "reveal.failed").all()
                #expect(failed.count == 2 && failed.allSatisfy { !$0.success })
                #expect(Set(failed.compactMap(\.username)) == ["leader", "staff"])
            }
        }

        @Test("an import report masks ID, phone and account numbers, valid or not")
        func reportMasking() {
            #expect(ImportReport.shown("11010519491231002X", column: "身份证号") == "110105********002X")
            #expect(ImportReport.shown("110105194912310021", column: "身份证号") == "110105********0021")
            #expect(ImportReport.shown("1101051949123", column: "身份证号") == "110******9123")
            #expect(ImportReport.shown("1101 0519 4912 3100 21", column: "备注") == "110105********0021")
            #expect(ImportReport.shown("13800138000", column: "备注") == "138****8000")
            #expect(ImportReport.shown("6222 0212 3456", column: "银行账号") == "622*****3456")
            #expect(ImportReport.shown("张三", column: "姓名") == "张三")
            #expect(ImportReport.shown("2026-13-01", column: "入会日期") == "2026-13-01")
        }

        @Test("a job left running by a dead process is queued again once, then failed with a message; never running for ever")
        func jobRecovery() async throws {
            try await withApp { app, clock in
                let w = try await World.make(app)
                func job(attempts: Int?, heartbeat: Date?) async throws -> ImportJob {
                    let j = ImportJob()
                    j.userID = w.users["staff"]!.id!
                    j.kind = MemberImporter().kind
                    j.status = ImportJobs.Status.running.rawValue
                    j.dryRun = true
                    j.mode = ImportMode.insert.rawValue
                    j.fileName = "名册.csv"
                    j.data = try app.cipher.seal(Data("姓名,身份证号\n张三,11010519491231002X\n".utf8))
                    j.progress = 0
                    j.cancelRequested = false
                    j.createdAt = clock.now
                    j.attempts = attempts
                    j.heartbeatAt = heartbeat
                    try await j.create(on: app.db)
                    return j
                }
                let alive = try await job(attempts: 1, heartbeat: clock.now)
                let once = try await job(attempts: 1, heartbeat: clock.now.addingTimeInterval(-120))
                let twice = try await job(attempts: 2, heartbeat: nil)
                let mine = try await job(attempts: 1, heartbeat: nil)
                app.runningJobs.withLockedValue { _ = $0.insert(mine.id!) }
                #expect(try await ImportJobs.recover(app, everyRunning: false) == 2)
                func status(_ j: ImportJob) async throws -> ImportJob { try #require(try await ImportJob.find(j.id, on: app.db)) }
                #expect(try await status(alive).status == "running")
                #expect(try await status(mine).status == "running")
                #expect(try await status(once).status == "queued")
                let failed = try await status(twice)
                #expect(failed.status == "failed" && failed.error == ImportJobs.interrupted && failed.data.isEmpty)
                // At start on SQLite every running job is the dead process's; a queued one runs to the end.
                app.runningJobs.withLockedValue { $0.removeAll() }
                #expect(try await ImportJobs.recover(app, everyRunning: true) == 2)
                #expect(try await ImportJobs.drain(app) == 3)
                #expect(try await ImportJob.query(on: app.db).filter(\.$status == "running").count() == 0)
                #expect(try await status(once).status == "done")
            }
        }

        @Test("uploads: more at once than allowed answers 429 with a message; the gate is released after each")
        func uploadGate() async throws {
            let gate = UploadGate(perUser: 2, total: 3)
            #expect(gate.enter(1) && gate.enter(1) && !gate.enter(1))
            #expect(gate.enter(2) && !gate.enter(3))
            gate.leave(1)
            #expect(gate.enter(3))
            try await withApp { app, _ in
                let w = try await World.make(app)
                let staff = w.users["staff"]!
                app.uploadGate = UploadGate(perUser: 1, total: 4)
                #expect(app.uploadGate.enter(staff.id!))
                let api = try await Client.api(app, staff)
                let busy = try await api.send(.POST, "/api/v1/members/import", body: ByteBuffer(string: "姓名,身份证号\n"))
                #expect(busy.status == .tooManyRequests)
                #expect(busy.errorBody?.message.contains("正在上传和检查的文件过多") == true)
                app.uploadGate.leave(staff.id!)
                let ok = try await api.send(.POST, "/api/v1/members/import?dryRun=true", body: ByteBuffer(string: "姓名,身份证号\n"))
                #expect(ok.status == .accepted, "\(ok.text)")
                #expect(app.uploadGate.enter(staff.id!), "the upload left the gate")
            }
        }

        @Test("only the commands that store personal data create the key file; a stand-in key cannot encrypt")
        func keyFileOnlyWhenNeeded() throws {
            for (args, creates) in [
                (["uniondesk"], true), (["uniondesk", "--db", "x.sqlite"], true), (["uniondesk", "serve", "--port", "8080"], true),
                (["uniondesk", "demo"], true), (["uniondesk", "user", "create"], true), (["uniondesk", "--help"], false),
                (["uniondesk", "demo", "--help"], false), (["uniondesk", "report", "summary"], false), (["uniondesk", "backup", "-o", "b"], false),
                (["uniondesk", "restore", "b"], false),
            ] {
                #expect(AppConfig.createsKey(args) == creates, "\(args)")
            }
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ud-key-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            var config = AppConfig.load(.testing)
            (config.store, config.keyFile, config.createsKey) = (.sqliteFile(dir.path + "/u.sqlite"), dir.path + "/key", false)
            let standIn = try FieldCipher.load(config, logger: Logger(label: "test"))
            #expect(!FileManager.default.fileExists(atPath: dir.path + "/key"))
            #expect(throws: StartupError.self) { try standIn.encrypt("440524188001010014") }
            config.createsKey = true
            let real = try FieldCipher.load(config, logger: Logger(label: "test"))
            #expect(FileManager.default.fileExists(atPath: dir.path + "/key"))
            #expect(try real.decrypt(try real.encrypt("张三")) == "张三")
        }

        @Test("start-up stops when templates, the stylesheet or the common-password list are missing")
        func failClosed() throws {
            let empty = FileManager.default.temporaryDirectory.appendingPathComponent("ud-empty-\(UUID().uuidString)/").path
            try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: empty) }
            #expect(throws: StartupError.self) { try StartupResources.checkViews(empty) }
            #expect(throws: StartupError.self) { try StartupResources.commonPasswords(empty) }
            #expect(throws: StartupError.self) { try StartupResources.publicFile("styles.css", empty) }
            try "123456\npassword\n".write(toFile: empty + "common-passwords.txt", atomically: true, encoding: .utf8)
            #expect(throws: StartupError.self) { try StartupResources.commonPasswords(empty) }
            // The project's own resources pass, and every page template named in the sources exists.
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent()
            try StartupResources.checkViews(root.path + "/Resources/Views/")
            #expect(try StartupResources.commonPasswords(root.path + "/Resources/").count > 19_000)
            let sources = FileManager.default.enumerator(atPath: root.path + "/Sources/App")?.compactMap { $0 as? String } ?? []
            var templates = 0
            for file in sources where file.hasSuffix(".swift") {
                let text = try String(contentsOfFile: root.path + "/Sources/App/" + file, encoding: .utf8)
                for m in text.matches(of: /static let template = "([^"]+)"/) {
                    templates += 1
                    #expect(FileManager.default.fileExists(atPath: root.path + "/Resources/Views/\(m.output.1).leaf"), "\(m.output.1)")
                }
            }
            #expect(templates > 30)
        }
    }
}
