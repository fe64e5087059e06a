import Domain
import Fluent
import NIOCore
import Office
import Testing
import Vapor
import VaporTesting

@testable import App

extension AppTests {
    @Suite("Employer list import and export") struct EmployerImportTests {
        static let list = """
            示例镇企业名录（2026年）
            序号,企业名称,统一社会信用代码,从业人数,所属行业,登记注册类型,地址,所建工会,备注
            1,示例科技有限公司,91110108551385082Q,120,信息技术,私营,示例镇科技路1号,甲公司工会,
            2,示例五金厂,91110000600037341N,30,制造业,私营,,,校验位错
            3,示例物流有限公司,91310115MA1K3BTP2B,45人,交通物流,外商投资,,,
            4,示例物流二部,91310115MA1K3BTP2B,12,交通物流,,,,与3同码
            5,示例餐饮店,,6,住宿餐饮,个体工商户,,不存在的工会,
            6,示例纸品厂,,,制造业,,,,缺人数
            """

        func upload(_ api: Client, _ app: Application, _ text: String, query: String = "") async throws -> [String: Any] {
            let r = try await api.send(
                .POST, "/api/v1/employers/import" + query, headers: ["Content-Type": "text/csv"], body: ByteBuffer(string: text))
            #expect(r.status == .accepted, "\(r.text)")
            try await ImportJobs.drain(app)
            let job = try await api.get(try #require(r.headers.first(name: .location)))
            return try #require(job.jsonObject["report"] as? [String: Any], "\(job.text)")
        }

        @Test("synonym headers below a title, checked codes, in-file duplicates, unknown unions, missing headcount")
        func importList() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let api = try await Client.api(app, w.users["staff"]!)
                let r = try await upload(api, app, Self.list)
                #expect(r["total"] as? Int == 6 && r["inserted"] as? Int == 2 && r["invalid"] as? Int == 4 && r["duplicates"] as? Int == 1)
                let errors = try #require(r["errors"] as? [[String: Any]])
                let byRow = Dictionary(uniqueKeysWithValues: errors.map { ($0["row"] as! Int, $0) })
                #expect((byRow[4]?["message"] as? String)?.contains("校验位错误") == true && byRow[4]?["column"] as? String == "统一社会信用代码")
                #expect(byRow[6]?["message"] as? String == "与第5行是同一单位")
                #expect((byRow[7]?["message"] as? String)?.contains("找不到名为“不存在的工会”") == true)
                #expect(byRow[8]?["column"] as? String == "职工人数")
                let tech = try #require(try await Employer.query(on: app.db).filter(\.$name == "示例科技有限公司").first())
                #expect(tech.$union.id == w.unionA.id && tech.headcount == 120 && tech.industry == "it" && tech.$org.id == w.root.id)
                #expect(try await Employer.query(on: app.db).filter(\.$name == "示例物流有限公司").first()?.headcount == 45)
                #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "employer.import").count() == 1)
                // Again: already registered, unless updating.
                let again = try await upload(api, app, Self.list)
                #expect(again["inserted"] as? Int == 0 && again["existing"] as? Int == 2)
                let upsert = try await upload(api, app, Self.list.replacingOccurrences(of: ",120,", with: ",150,"), query: "?mode=upsert")
                #expect(upsert["updated"] as? Int == 2)
                #expect(try await Employer.find(tech.id, on: app.db)?.headcount == 150)
                // Officers may not import employers.
                let officer = try await Client.api(app, w.users["officer"]!)
                #expect(try await officer.send(.POST, "/api/v1/employers/import", body: ByteBuffer(string: Self.list)).status == .forbidden)
            }
        }

        @Test("the export has the import columns, takes the list's filters, and imports back as already registered")
        func exportRoundTrip() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let api = try await Client.api(app, w.users["staff"]!)
                _ = try await upload(api, app, Self.list)
                let web = try await Client.session(app, w.users["staff"]!)
                let without = try await web.get("/employers?hasUnion=no")
                #expect(without.text.contains(">未建会</span>") && !without.text.contains("示例科技有限公司"))
                let list = try await web.get("/employers?hasUnion=yes")
                #expect(!list.text.contains(">未建会</span>"))
                let link = try #require(list.text.firstMatch(of: /href="(\/employers\/export\?[^"]*)"/)?.output.1)
                let export = try await web.get(String(link).replacingOccurrences(of: "&amp;", with: "&"))
                #expect(export.status == .ok)
                let url = FileManager.default.temporaryDirectory.appendingPathComponent("emp-\(UUID().uuidString).xlsx")
                defer { try? FileManager.default.removeItem(at: url) }
                try Data(buffer: export.body).write(to: url)
                var rows: [TableRow] = []
                try XlsxReader(url: url).forEachRow { rows.append($0) }
                #expect(rows.count == 2, "only the employer with a union")
                #expect(rows[0].cells.map(\.text).prefix(8) == EmployerColumn.allCases.map(\.title)[...])
                // The headcount and union are those of the day last recorded (统计日期), which imports back as it is.
                #expect(rows[1][0].text == "示例科技有限公司" && rows[1][6].text == "甲公司工会" && rows[1][7].text == "2026-11-18")
                #expect(rows[1][8].text == "100人以上")
                let back = try await EmployerImport(file: url, mode: .upsert, dryRun: true, scope: w.scope(of: w.root), actor: .system, today: CalendarDate(clamping: 2026, 11, 18))
                    .run(app: app, on: app.db)
                #expect(back.total == 1 && back.toUpdate == 1 && back.invalid == 0 && back.unknownColumns.isEmpty)
                let template = try await web.get("/employers/template")
                try Data(buffer: template.body).write(to: url)
                #expect(try XlsxReader(url: url).sheetNames == ["单位名录", "填写说明"])
            }
        }
    }
}
