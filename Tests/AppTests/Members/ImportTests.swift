import Domain
import Fluent
import NIOCore
import Office
import Testing
import Vapor
import VaporTesting

@testable import App

/// The Office fixtures, read from the source tree (they belong to the OfficeTests bundle).
func officeFixture(_ name: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("OfficeTests/Fixtures/\(name)")
}

extension Client {
    /// A multipart upload of a roster file, as the import form sends it (under a path-like name, which must not matter).
    func upload(_ path: String, file: URL, fields: [String: String]) async throws -> TestingHTTPResponse {
        try await upload(path, bytes: Array(try Data(contentsOf: file)), filename: "../../etc/\(file.lastPathComponent)", fields: fields)
    }
}

extension AppTests {
    @Suite("Roster import and export") struct ImportTests {
        @Test("a real roster: header below a title, synonyms, true row numbers, mangled IDs, duplicates, gender check")
        func dryRun() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let report = try await MemberImport(
                    file: officeFixture("roster-openpyxl.xlsx"), union: w.unionA, dryRun: true,
                    scope: w.scope(of: w.root), actor: .system
                ).run(app: app, on: app.db)
                #expect(report.headerRow == 3)
                #expect(report.total == 7 && report.valid == 2 && report.invalid == 5 && report.duplicates == 2)
                #expect(report.unknownColumns.isEmpty)
                let byRow = Dictionary(grouping: report.errors, by: \.row)
                #expect(byRow[5]?.first?.message == "与第4行的身份证号重复")
                #expect(byRow[8]?.first?.message.contains("被 Excel 存成了数字") == true)
                #expect(byRow[9]?.first?.column == "身份证号")
                #expect(byRow[10]?.first?.message.contains("性别与身份证号不符") == true)
                #expect(byRow[11]?.first?.message == "与第4行的身份证号重复")
                #expect(try await Member.query(on: app.db).count() == 0)
                // Without a target or a known employer, a preview reports the rows it cannot place; a command-line
                // check of the bare file still checks everything else.
                let unplaced = try await MemberImport(
                    file: officeFixture("roster-gbk.csv"), dryRun: true, scope: w.scope(of: w.root),
                    actor: .system
                ).run(app: app, on: app.db)
                #expect(unplaced.valid == 0 && unplaced.errors.allSatisfy { $0.column == "所在工会" && $0.message.contains("无法确定所在工会") })
                let bare = try await MemberImport(
                    file: officeFixture("roster-gbk.csv"), dryRun: true, unplacedAllowed: true,
                    scope: w.scope(of: w.root), actor: .system
                ).run(app: app, on: app.db)
                #expect(bare.valid == 3 && bare.invalid == 0)
            }
        }

        @Test("upload → background check → commit through the web; one transaction, one audit entry, join events")
        func webFlow() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let c = try await Client.session(app, w.users["staff"]!)
                #expect(try await c.get("/members/import").status == .ok)
                let upload = try await c.upload(
                    "/members/import", file: officeFixture("roster-utf8-bom.csv"),
                    fields: ["unionId": String(w.unionB.id!), "mode": "insert"])
                #expect(upload.status == .seeOther)
                let page = try #require(upload.headers.first(name: .location))
                let waiting = try await c.get(page)
                #expect(waiting.text.contains("排队中") && waiting.text.contains("http-equiv=\"refresh\""))
                #expect(try await ImportJobs.drain(app) == 1)
                let preview = try await c.get(page)
                #expect(preview.text.contains("id=\"count-valid\">3<") && !preview.text.contains("http-equiv"))
                #expect(!preview.text.contains("有误的行") && !preview.text.contains("未识别的列"), "empty sections stay hidden")
                #expect(try await Member.query(on: app.db).count() == 0)
                let commit = try await c.post(page + "/commit", [:])
                #expect(commit.status == .seeOther)
                let written = try #require(commit.headers.first(name: .location))
                try await ImportJobs.drain(app)
                let done = try await c.get(written)
                #expect(done.text.contains("已新增会员 3 人"))
                let members = try await Member.query(on: app.db).all()
                #expect(members.count == 3 && members.allSatisfy { $0.$union.id == w.unionB.id! })
                #expect(Set(members.map(\.name)) == ["张三", "李, 四", "王五"])
                #expect(members.first { $0.name == "李, 四" }?.idNumberMasked == "130503********0016")
                #expect(try await MemberEvent.query(on: app.db).filter(\.$kind == "joined").count() == 3)
                #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "member.import").count() == 1)
                // A checked file is committed once; another user cannot see the job at all.
                #expect(try await c.post(page + "/commit", [:]).status == .conflict)
                #expect(try await Client.session(app, w.users["leader"]!).get(page).status == .notFound)
                #expect(try await Client.session(app, w.users["staff2"]!).get(page).status == .notFound)
            }
        }

        @Test("a queued job can be cancelled; it then never runs")
        func cancel() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let api = try await Client.api(app, w.users["staff"]!)
                let r = try await api.send(
                    .POST, "/api/v1/members/import?unionId=\(w.unionA.id!)",
                    body: ByteBuffer(data: try Data(contentsOf: officeFixture("roster-gbk.csv"))))
                #expect(r.status == .accepted)
                let url = try #require(r.headers.first(name: .location))
                let cancelled = try await api.json(.POST, url + "/cancel", [:])
                #expect(cancelled.jsonObject["status"] as? String == "cancelled")
                #expect(try await ImportJobs.drain(app) == 0)
                #expect(try await Member.query(on: app.db).count() == 0)
            }
        }

        @Test("a file of several batches is one transaction: stopped after batches were written, nothing is kept")
        func batchesAreAllOrNothing() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let rows = 3 * MemberImport.batchSize + 500
                let file = FileManager.default.temporaryDirectory.appendingPathComponent("ud-batches-\(UUID().uuidString).csv")
                defer { try? FileManager.default.removeItem(at: file) }
                var csv = "姓名,身份证号,入会日期\n"
                for i in 0..<rows {
                    let birth = try #require(CalendarDate(year: 1980 + i % 20, month: 1 + i % 12, day: 1 + i % 28))
                    let id = try IDNumber.compose(region: "441900", birth: birth, sequence: i % 1000)
                    csv += "职工\(i),\(id.value),2024-03-01\n"
                }
                try csv.write(to: file, atomically: true, encoding: .utf8)
                struct Stop: Error {}
                // Stops while the third batch is read, after the first ones went into the open transaction.
                let stopping = MemberImport(
                    file: file, union: w.unionA, scope: w.scope(of: w.root), actor: .system,
                    progress: { n in if n >= 3 * MemberImport.batchSize { throw Stop() } })
                await #expect(throws: Stop.self) { try await stopping.run(app: app, on: app.db) }
                #expect(try await Member.query(on: app.db).count() == 0)
                #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "member.import").count() == 0)
                let (root, day) = (w.scope(of: w.root), CalendarDate(clamping: 2024, 3, 1))
                #expect(try await MemberTallies.counts(in: root, on: day, on: app.db).isEmpty)
                // The same file in full: every row written, each with its joining event, in file order.
                let report = try await MemberImport(file: file, union: w.unionA, scope: w.scope(of: w.root), actor: .system)
                    .run(app: app, on: app.db)
                #expect(report.total == rows && report.inserted == report.valid && report.invalid == report.duplicates)
                #expect(try await Member.query(on: app.db).count() == report.inserted)
                #expect(try await MemberEvent.query(on: app.db).count() == report.inserted)
                #expect(report.errors.map(\.row) == report.errors.map(\.row).sorted())
                // The maintained counts took the new members on their joining day, and not the day before.
                let counted = try await MemberTallies.counts(in: root, on: day, on: app.db)
                #expect(counted == (try await Registers.memberCountsFromEvents(in: root, on: day, on: app.db)))
                #expect(counted.values.reduce(0) { $0 + $1.all } == report.inserted)
                #expect(try await MemberTallies.counts(in: root, on: day.adding(days: -1), on: app.db).isEmpty)
            }
        }

        @Test("rows are placed by their employer column; insert mode refuses people already registered, upsert updates them")
        func placementAndModes() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                _ = try await EmployerQuery.create(
                    try EmployerInput(
                        name: "示例公司", headcount: "50", orgId: String(w.root.id!),
                        unionId: String(w.unionA.id!)
                    ).validate(mayForce: false, today: CalendarDate(clamping: 2026, 11, 18)), in: w.scope(of: w.root), actor: .system, at: Date(), on: app.db)
                let existing = try await Fixtures.member(app, name: "旧名", id: "11010519491231002X", union: w.unionA)
                let api = try await Client.api(app, w.users["staff"]!)
                let file = try Data(contentsOf: officeFixture("roster-gbk.csv"))
                func importFile(_ query: String) async throws -> [String: Any] {
                    let r = try await api.send(
                        .POST, "/api/v1/members/import" + query, headers: ["Content-Type": "text/csv"], body: ByteBuffer(data: file))
                    #expect(r.status == .accepted)
                    try await ImportJobs.drain(app)
                    let job = try await api.get(try #require(r.headers.first(name: .location)))
                    #expect(job.jsonObject["status"] as? String == "done")
                    let report = job.jsonObject["report"] as? [String: Any]
                    return try #require(report)
                }
                let r = try await importFile("")
                #expect(r["total"] as? Int == 3 && r["inserted"] as? Int == 2 && r["existing"] as? Int == 1 && r["invalid"] as? Int == 1)
                let first = try #require((r["errors"] as? [[String: Any]])?.first)
                #expect(first["row"] as? Int == 2 && (first["message"] as? String)?.contains("已是会员") == true)
                #expect(try await Member.query(on: app.db).filter(\.$union.$id == w.unionA.id!).count() == 3)
                let upsert = try await importFile("?mode=upsert")
                #expect(upsert["updated"] as? Int == 3 && upsert["inserted"] as? Int == 0)
                #expect(try await Member.find(existing.id, on: app.db)?.name == "张三")
            }
        }

        @Test(
            "hostile files are refused with the reason, at upload or when the job reads them, and nothing is written",
            arguments: [
                ("bad-truncated.xlsx", "损坏"), ("bad-old.xls", "旧版 Excel"), ("bad-renamed-docx.xlsx", "不是 Excel 工作簿"),
                ("bad-no-header.xlsx", "找不到表头"), ("bad-wide.xlsx", "列数超过上限"), ("bad-big-cell.xlsx", "内容过长"),
                ("bad-zip-bomb.xlsx", "过大"), ("bad-xxe.xlsx", "DTD"),
            ])
        func hostile(_ name: String, _ reason: String) async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let api = try await Client.api(app, w.users["staff"]!)
                let r = try await api.send(
                    .POST, "/api/v1/members/import?unionId=\(w.unionA.id!)",
                    body: ByteBuffer(data: try Data(contentsOf: officeFixture(name))))
                if r.status == .accepted {
                    try await ImportJobs.drain(app)
                    let job = try await api.get(try #require(r.headers.first(name: .location)))
                    #expect(job.jsonObject["status"] as? String == "failed", "\(name)")
                    #expect((job.jsonObject["error"] as? String)?.contains(reason) == true, "\(name): \(job.text)")
                } else {
                    #expect(r.status == .unprocessableEntity, "\(name)")
                    #expect(r.errorBody?.field == "file" && r.errorBody?.message.contains(reason) == true, "\(name): \(r.text)")
                }
                #expect(try await api.send(.POST, "/api/v1/members/import", body: ByteBuffer()).status == .unprocessableEntity)
                #expect(try await Member.query(on: app.db).count() == 0)
            }
        }

        @Test("exports: masked by default, full only with the permission and audited, formulas neutralised, round trip")
        func export() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                try await Fixtures.member(app, name: "=HYPERLINK", id: Fixtures.ids[0], phone: "13800138000", union: w.unionA)
                try await Fixtures.member(app, name: "李四", id: Fixtures.ids[1], union: w.unionB)
                let staff = try await Client.session(app, w.users["staff"]!)
                func rows(_ r: TestingHTTPResponse) throws -> [TableRow] {
                    let url = FileManager.default.temporaryDirectory.appendingPathComponent("t-\(UUID().uuidString).xlsx")
                    defer { try? FileManager.default.removeItem(at: url) }
                    try Data(buffer: r.body).write(to: url)
                    var out: [TableRow] = []
                    try XlsxReader(url: url).forEachRow { out.append($0) }
                    return out
                }
                let masked = try await staff.get("/members/export?unionId=\(w.unionA.id!)")
                #expect(masked.status == .ok)
                #expect(masked.headers.first(name: .contentDisposition)?.contains("filename*=UTF-8''") == true)
                let m = try rows(masked)
                #expect(m.count == 2 && m[0][1].text == "身份证号")
                #expect(m[1][0].text == "'=HYPERLINK" && m[1][1].text == "110105********002X" && m[1][2].text == "138****8000")
                // Full numbers only by a CSRF-checked form post; a link (GET) stays masked whatever it asks.
                #expect(try rows(try await staff.get("/members/export?full=1")).allSatisfy { !$0[1].text.contains("11010519491231002X") })
                var noToken = staff
                noToken.csrf = "wrong"
                #expect(try await noToken.post("/members/export", [:]).status == .forbidden)
                let full = try rows(try await staff.post("/members/export", [:]))
                #expect(full.count == 3 && full.contains { $0[1].text == "11010519491231002X" })
                let audits = try await AuditEntry.query(on: app.db).filter(\.$action == "member.export").all()
                #expect(audits.count == 3 && audits.filter { $0.after?.contains("\"full\":\"true\"") == true }.count == 1)
                let leader = try await Client.session(app, w.users["leader"]!)
                #expect(try await leader.post("/members/export", [:]).status == .forbidden)
                #expect(try await leader.get("/members/export").status == .ok)
                let officer = try rows(try await Client.session(app, w.users["officer"]!).get("/members/export"))
                #expect(officer.count == 2, "an officer exports only their own union")
                // Round trip: the full export imports back as people already registered.
                let url = FileManager.default.temporaryDirectory.appendingPathComponent("rt-\(UUID().uuidString).xlsx")
                defer { try? FileManager.default.removeItem(at: url) }
                try Data(buffer: try await staff.post("/members/export", [:]).body).write(to: url)
                let back = try await MemberImport(file: url, mode: .upsert, dryRun: true, scope: w.scope(of: w.root), actor: .system).run(
                    app: app, on: app.db)
                #expect(back.total == 2 && back.toUpdate == 2 && back.invalid == 0 && back.unknownColumns.isEmpty)
            }
        }

        @Test("the blank template has the import columns and an instructions sheet; the error report has a reason column")
        func templateAndErrorReport() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let c = try await Client.session(app, w.users["staff"]!)
                let t = try await c.get("/members/template")
                let url = FileManager.default.temporaryDirectory.appendingPathComponent("tpl-\(UUID().uuidString).xlsx")
                defer { try? FileManager.default.removeItem(at: url) }
                try Data(buffer: t.body).write(to: url)
                let reader = try XlsxReader(url: url)
                #expect(reader.sheetNames == ["会员名册", "填写说明"])
                var header: [String] = []
                try reader.forEachRow { header = $0.cells.map(\.text) }
                #expect(header == RosterColumn.allCases.map(\.title))
                let upload = try await c.upload(
                    "/members/import", file: officeFixture("roster-openpyxl.xlsx"), fields: ["unionId": String(w.unionA.id!)])
                try await ImportJobs.drain(app)
                let page = try #require(upload.headers.first(name: .location))
                #expect(try await c.get(page).text.contains("id=\"error-report\""))
                let report = try await c.get(page + "/errors")
                #expect(report.status == .ok)
                try Data(buffer: report.body).write(to: url)
                var rows: [TableRow] = []
                try XlsxReader(url: url).forEachRow { rows.append($0) }
                #expect(rows[0].cells.last?.text == "错误原因")
                #expect(rows.count == 6)
                #expect(rows[1][0].text == "5" && rows[1].cells.last?.text.contains("重复") == true)
            }
        }
    }
}
