import Domain
import Fluent
import Testing
import Vapor
import VaporTesting

@testable import App

extension AppTests {
    @Suite("Sign-in, sessions, CSRF and headers") struct AuthTests {
        /// Opens the sign-in page and signs in, as a browser does; returns the response to the POST.
        func signIn(_ app: Application, _ user: String, _ password: String, oldSession: String? = nil) async throws -> TestingHTTPResponse {
            let page = try await app.testing().sendRequest(.GET, "/login")
            #expect(page.status == .ok)
            let csrfCookie = try #require(page.cookie(SessionCookie.csrfName))
            let token = String(csrfCookie.dropFirst(SessionCookie.csrfName.count + 1))
            #expect(page.text.contains("value=\"\(token)\""))
            let cookie = [csrfCookie, oldSession].compactMap { $0 }.joined(separator: "; ")
            return try await Client(app: app, cookie: cookie).post("/login", ["_csrf": token, "username": user, "password": password])
        }

        @Test("signing in issues a new HttpOnly SameSite session cookie and the home page opens")
        func signInWorks() async throws {
            try await withApp { app, _ in
                _ = try await World.make(app)
                let res = try await signIn(app, "staff", World.password)
                #expect(res.status == .seeOther)
                let setCookie = try #require(res.headers[.setCookie].first { $0.hasPrefix("ud_session=") })
                #expect(setCookie.contains("HttpOnly"))
                #expect(setCookie.contains("SameSite=Lax"))
                #expect(setCookie.contains("Path=/"))
                #expect(!setCookie.contains("Secure"))
                let home = try await Client(app: app, cookie: res.cookie("ud_session")).get("/")
                #expect(home.status == .ok)
                #expect(home.text.contains("测试镇总工会"))
                let audit = try await AuditEntry.query(on: app.db).filter(\.$action == "login").count()
                #expect(audit == 1)
            }
        }

        @Test("a wrong password is refused in Chinese and audited; an unknown user gets the same answer")
        func wrongPassword() async throws {
            try await withApp { app, _ in
                _ = try await World.make(app)
                let bad = try await signIn(app, "staff", "Wrong#Pass1")
                #expect(bad.status == .unauthorized)
                #expect(bad.text.contains("用户名或密码错误"))
                let unknown = try await signIn(app, "nobody", "Wrong#Pass1")
                #expect(unknown.status == .unauthorized)
                #expect(unknown.text.contains("用户名或密码错误"))
                #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "login.failed").count() == 2)
            }
        }

        @Test("five failures lock the account from that address for 15 minutes; other addresses still sign in")
        func lockout() async throws {
            try await withApp { app, clock in
                _ = try await World.make(app)
                for _ in 0..<5 { #expect(try await signIn(app, "staff", "Wrong#Pass1").status == .unauthorized) }
                let locked = try await signIn(app, "staff", World.password)
                #expect(locked.status == .tooManyRequests)
                #expect(locked.text.contains("锁定"))
                #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "login.locked").count() == 1)
                // Failures from another address do not lock this one out.
                try await LoginFailure.query(on: app.db).delete()
                for _ in 0..<5 {
                    let f = LoginFailure()
                    f.username = "staff"
                    f.source = "192.0.2.7"
                    f.at = clock.now
                    try await f.create(on: app.db)
                }
                #expect(try await signIn(app, "staff", World.password).status == .seeOther)
                // And the lock ends after 15 minutes.
                for _ in 0..<5 { _ = try await signIn(app, "leader", "Wrong#Pass1") }
                #expect(try await signIn(app, "leader", World.password).status == .tooManyRequests)
                clock.advance(15 * 60 + 1)
                #expect(try await signIn(app, "leader", World.password).status == .seeOther)
            }
        }

        @Test("signing in replaces an existing session id, and the old one stops working (no fixation)")
        func noFixation() async throws {
            try await withApp { app, _ in
                _ = try await World.make(app)
                let first = try #require(try await signIn(app, "staff", World.password).cookie("ud_session"))
                let second = try #require(try await signIn(app, "staff", World.password, oldSession: first).cookie("ud_session"))
                #expect(first != second)
                let replay = try await Client(app: app, cookie: first).get("/")
                #expect(replay.status == .seeOther)
                #expect(replay.headers.first(name: .location)?.hasPrefix("/login") == true)
            }
        }

        @Test("idle for 30 minutes or signed in for 12 hours ends the session on the server")
        func timeouts() async throws {
            try await withApp { app, clock in
                let w = try await World.make(app)
                let c = try await Client.session(app, w.users["staff"]!)
                clock.advance(29 * 60)
                #expect(try await c.get("/").status == .ok)
                clock.advance(31 * 60)
                #expect(try await c.get("/").status == .seeOther)
                #expect(try await UserSession.query(on: app.db).count() == 0)
                let d = try await Client.session(app, w.users["staff"]!)
                for _ in 0..<25 {
                    clock.advance(29 * 60)
                    _ = try await d.get("/")
                }
                #expect(try await d.get("/").status == .seeOther)
            }
        }

        @Test("housekeeping removes expired sessions and stale failures, and keeps live ones")
        func housekeeping() async throws {
            try await withApp { app, clock in
                let w = try await World.make(app)
                _ = try await Client.session(app, w.users["staff"]!)
                clock.advance(10 * 60)
                let f = LoginFailure()
                f.username = "staff"
                f.source = "192.0.2.1"
                f.at = clock.now
                try await f.create(on: app.db)
                let live = try await Client.session(app, w.users["leader"]!)
                try await Housekeeping.purge(app)
                #expect(try await UserSession.query(on: app.db).count() == 2)
                #expect(try await LoginFailure.query(on: app.db).count() == 1)
                clock.advance(21 * 60)
                try await Housekeeping.purge(app)
                #expect(try await UserSession.query(on: app.db).count() == 1, "the session idle for 31 minutes is gone")
                #expect(try await LoginFailure.query(on: app.db).count() == 1, "21 minutes: the failure may still count")
                #expect(try await live.get("/").status == .ok)
                clock.advance(10 * 60)
                try await Housekeeping.purge(app)
                #expect(try await LoginFailure.query(on: app.db).count() == 0)
            }
        }

        @Test("signing out destroys the session; replaying the cookie is refused")
        func logout() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let c = try await Client.session(app, w.users["staff"]!)
                #expect(try await c.post("/logout", [:]).status == .seeOther)
                #expect(try await c.get("/").status == .seeOther)
                #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "logout").count() == 1)
            }
        }

        @Test("disabling a user ends their sessions and API tokens at once")
        func disable() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let c = try await Client.session(app, w.users["officer"]!)
                let api = try await Client.api(app, w.users["officer"]!)
                #expect(try await api.get("/api/v1/members").status == .ok)
                try await UserQuery.disable(username: "officer", app: app, actor: .system, on: app.db)
                #expect(try await c.get("/").status == .seeOther)
                #expect(try await api.get("/api/v1/members").status == .unauthorized)
            }
        }

        @Test("a new password must be set first; weak ones are refused with the reason")
        func mustChangePassword() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let (user, initial) = try await UserQuery.create(
                    username: "newbie", displayName: "新人", role: .federationStaff,
                    orgID: w.root.requireID(), app: app, actor: .system, on: app.db)
                let c = try await Client.session(app, user)
                let home = try await c.get("/members")
                #expect(home.status == .seeOther)
                #expect(home.headers.first(name: .location) == "/password")
                let cases: [(String, String)] = [
                    ("Ab1!", "至少需要8个字符"), ("abcdefgh", "至少3类"), ("P@ssw0rd", "过于常见"), ("Newbie#2026", "不能包含用户名"),
                ]
                for (pw, message) in cases {
                    let r = try await c.post("/password", ["currentPassword": initial, "newPassword": pw, "confirmPassword": pw])
                    #expect(r.status == .unprocessableEntity)
                    #expect(r.text.contains(message), "\(pw)")
                    #expect(r.text.contains("id=\"newPassword-error\""))
                }
                let wrong = try await c.post(
                    "/password", ["currentPassword": "nope", "newPassword": "Union#Desk77", "confirmPassword": "Union#Desk77"])
                #expect(wrong.text.contains("当前密码不正确"))
                let ok = try await c.post(
                    "/password", ["currentPassword": initial, "newPassword": "Union#Desk77", "confirmPassword": "Union#Desk77"])
                #expect(ok.status == .seeOther)
                #expect(try await c.get("/members").status == .ok)
            }
        }

        @Test("a password older than 90 days must be changed at sign-in")
        func passwordAge() async throws {
            try await withApp { app, clock in
                _ = try await World.make(app)
                clock.advance(91 * 86_400)
                let res = try await signIn(app, "staff", World.password)
                let c = Client(app: app, cookie: res.cookie("ud_session"))
                #expect(try await c.get("/").headers.first(name: .location) == "/password")
            }
        }

        @Test("state-changing forms without the right token, or from another origin, are refused")
        func csrf() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                var c = try await Client.session(app, w.users["staff"]!)
                let form = ["name": "李四", "idNumber": Fixtures.ids[1], "unionId": String(w.unionA.id!)]
                let foreign = try await c.post("/members", form, headers: ["Origin": "http://evil.example"])
                #expect(foreign.status == .forbidden)
                c.csrf = "wrong"
                let wrong = try await c.post("/members", form)
                #expect(wrong.status == .forbidden)
                #expect(wrong.text.contains("表单已过期"))
                c.csrf = nil
                #expect(try await c.post("/members", form).status == .forbidden)
                #expect(try await Member.query(on: app.db).count() == 0)
                // Sign-in without the double-submit cookie is refused too.
                let login = try await Client(app: app).post("/login", ["_csrf": "x", "username": "staff", "password": World.password])
                #expect(login.status == .forbidden)
            }
        }

        @Test("pages carry CSP without inline script, nosniff, frame-ancestors, referrer policy and no-store")
        func headers() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let c = try await Client.session(app, w.users["staff"]!)
                for path in ["/", "/members", "/login", "/api/v1/openapi.json", "/nope"] {
                    let r = try await c.get(path)
                    let csp = r.headers.first(name: "Content-Security-Policy") ?? ""
                    #expect(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "\(path)")
                    #expect(csp.contains("frame-ancestors 'none'"), "\(path)")
                    #expect(r.headers.first(name: "X-Content-Type-Options") == "nosniff", "\(path)")
                    #expect(r.headers.first(name: "Referrer-Policy") == "same-origin", "\(path)")
                    #expect(r.headers.first(name: .cacheControl) == "no-store", "\(path)")
                }
                // Sections without content stay hidden (Leaf takes empty strings and arrays for true).
                #expect(try await c.get("/orgs/\(w.unionA.id!)").text.contains("下级组织"))
                #expect(!(try await c.get("/orgs/\(w.unionB.id!)").text.contains("下级组织")))
                #expect(try await c.get("/").text.contains("<td>总工会</td>"))
                let html = try await c.get("/members")
                #expect(!html.text.contains("<script>"))
                #expect(!html.text.contains(" onclick="))
            }
        }

        @Test("behind TLS the cookie is Secure with the __Host- prefix")
        func secureCookie() async throws {
            try await withApp { app, _ in
                _ = try await World.make(app)
                app.config.secureCookies = true
                let res = try await signIn(app, "staff", World.password)
                let set = try #require(res.headers[.setCookie].first { $0.hasPrefix("__Host-ud_session=") })
                #expect(set.contains("Secure"))
                #expect(set.contains("Path=/"))
            }
        }
    }
}
