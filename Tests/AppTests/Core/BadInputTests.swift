import Domain
import Fluent
import NIOCore
import Testing
import Vapor
import VaporTesting

@testable import App

extension AppTests {
    /// For each create/update endpoint: a table of bad values, the field named and the Chinese message, a 4xx, nothing saved.
    @Suite("Bad input") struct BadInputTests {
        typealias Case = (field: String, value: Any, message: String)

        func check(_ api: Client, _ method: HTTPMethod, _ path: String, valid: [String: Any], cases: [Case], count: () async throws -> Int)
            async throws
        {
            let before = try await count()
            for c in cases {
                var body = valid
                body[c.field] = c.value
                let r = try await api.json(method, path, body)
                #expect(r.status == .unprocessableEntity, "\(path) \(c.field)=\(c.value)")
                #expect(r.errorBody?.field == c.field, "\(path) \(c.field)=\(c.value): \(r.text)")
                #expect(r.errorBody?.message.contains(c.message) == true, "\(path) \(c.field)=\(c.value): \(r.text)")
            }
            #expect(try await count() == before, "\(path): nothing half-saved")
        }

        @Test("one way a refused form comes back: field errors 422 beside their fields, conflicts 409 and refusals 403 beside the field or the form")
        func refusedForms() throws {
            let fields = try #require(FormBuilder.messages(FieldErrors([FieldError(field: "name", message: "姓名不能为空")])))
            #expect(fields.errors == ["name": "姓名不能为空"] && fields.status == .unprocessableEntity)
            let conflict = try #require(FormBuilder.messages(AppError.conflict("已被他人修改", field: nil)))
            #expect(conflict.errors == [FormBuilder.formKey: "已被他人修改"] && conflict.status == .conflict)
            let named = try #require(FormBuilder.messages(AppError.conflict("该证件号已登记", field: "idNumber")))
            #expect(named.errors == ["idNumber": "该证件号已登记"])
            let refused = try #require(FormBuilder.messages(AppError.refused("只能由经办人操作")))
            #expect(refused.errors == ["form": "只能由经办人操作"] && refused.status == .forbidden)
            #expect(FormBuilder.messages(AppError.notFound("会员")) == nil, "anything else is the error page's")
            // Every form template shows the whole-form message.
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent()
            for t in ["members/form", "members/show", "employers/form", "orgs/form"] {
                let text = try String(contentsOfFile: root.path + "/Resources/Views/\(t).leaf", encoding: .utf8)
                #expect(text.contains("#(errors.form)"), "\(t) shows errors.form")
            }
        }

        @Test("members: every field is checked on create and update")
        func members() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let api = try await Client.api(app, w.users["staff"]!)
                let valid: [String: Any] = [
                    "name": "钱七", "idNumber": Fixtures.ids[4], "phone": "13900001111", "unionId": w.unionA.id!,
                    "joinDate": "2025-01-02",
                ]
                let cases: [Case] = [
                    ("name", "", "姓名不能为空"), ("name", String(repeating: "长", count: 31), "不能超过30个字"), ("name", "<script>", "不允许的字符"),
                    ("idNumber", "", "身份证号不能为空"), ("idNumber", "340524198001010013", "校验位错误"), ("idNumber", "360426199113010079", "出生日期无效"),
                    ("idNumber", "4.41900E+17", "科学计数法"), ("idNumber", "1234", "应为18位"), ("idNumber", "T60426199101010078", "前17位只能是数字"),
                    ("phone", "1380013800", "11位数字"), ("phone", "12800138000", "号段无效"), ("gender", "女", "性别与身份证号不符"),
                    ("gender", "未知", "性别应为"), ("education", "幼儿园", "文化程度“幼儿园”无效"), ("politicalStatus", "x", "政治面貌"),
                    ("unionId", "", "所在工会不能为空"), ("unionId", "abc", "所在工会无效"), ("unionId", 999_999, "管辖范围内的基层工会"),
                    ("employerId", 999_999, "工作单位不存在"), ("joinDate", "2025-02-30", "不是有效日期"), ("joinDate", "2099-01-01", "不能晚于今天"),
                    ("joinDate", "1940-01-01", "不能早于出生日期"), ("ethnicity", String(repeating: "族", count: 11), "民族不能超过10个字"),
                ]
                try await check(api, .POST, "/api/v1/members", valid: valid, cases: cases) { try await Member.query(on: app.db).count() }
                let m = try await Fixtures.member(app, id: Fixtures.ids[3], union: w.unionA)
                var update = valid
                update["idNumber"] = Fixtures.ids[3]
                try await check(api, .PUT, "/api/v1/members/\(m.id!)", valid: update, cases: Array(cases.prefix(12))) {
                    try await AuditEntry.query(on: app.db).filter(\.$action == "member.update").count()
                }
            }
        }

        @Test("employers: name, credit code, headcount, links")
        func employers() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let api = try await Client.api(app, w.users["staff"]!)
                let valid: [String: Any] = ["name": "示例科技有限公司", "creditCode": "91110108551385082Q", "headcount": 30, "orgId": w.root.id!]
                let cases: [Case] = [
                    ("name", "", "单位名称不能为空"), ("creditCode", "91110000600037341N", "校验位错误"), ("creditCode", "9111000060003IOZSV", "不允许的字符"),
                    ("creditCode", "9111", "应为18位"), ("headcount", -1, "0到1000000之间"), ("headcount", "很多", "职工人数应为"),
                    ("headcount", "", "职工人数不能为空"), ("industry", "矿业", "行业“矿业”无效"), ("ownership", "x", "经济类型"),
                    ("orgId", w.other.id!, "所属组织不存在或不在您的管辖范围内"), ("unionId", w.root.id!, "所建工会应为"),
                    ("forceCode", true, "只有系统管理员"),
                ]
                var body = valid
                body["creditCode"] = "91110000600037341N"
                let r = try await api.json(.POST, "/api/v1/employers", body.merging(["forceCode": true]) { $1 })
                #expect(r.errorBody?.message.contains("只有系统管理员") == true)
                try await check(api, .POST, "/api/v1/employers", valid: valid, cases: Array(cases.dropLast())) {
                    try await Employer.query(on: app.db).count()
                }
                // An admin may force a legacy code, with a reason that is audited.
                let admin = try await Client.api(app, w.users["admin"]!)
                let noReason = try await admin.json(.POST, "/api/v1/employers", body.merging(["forceCode": true]) { $1 })
                #expect(noReason.errorBody?.field == "forceReason")
                let ok = try await admin.json(
                    .POST, "/api/v1/employers", body.merging(["forceCode": true, "forceReason": "福建早期试点代码"]) { $1 })
                #expect(ok.status == .created)
                #expect(ok.jsonObject["creditCodeForced"] as? Bool == true)
                let audit = try #require(try await AuditEntry.query(on: app.db).filter(\.$action == "employer.create").first())
                #expect(audit.after?.contains("福建早期试点代码") == true)
                let existing = try await EmployerQuery.create(
                    try EmployerInput(name: "已有单位", headcount: "9", orgId: String(w.root.id!))
                        .validate(mayForce: false, today: CalendarDate(clamping: 2026, 11, 18)), in: w.scope(of: w.root), actor: .system, at: Date(), on: app.db)
                try await check(api, .PUT, "/api/v1/employers/\(existing.id!)", valid: valid, cases: Array(cases.prefix(8))) {
                    try await AuditEntry.query(on: app.db).filter(\.$action == "employer.update").count()
                }
                let dup = try await api.json(.POST, "/api/v1/employers", valid)
                #expect(dup.status == .created)
                let again = try await api.json(.POST, "/api/v1/employers", valid)
                #expect(again.errorBody?.message.contains("已登记为其他单位") == true)
            }
        }

        @Test("organizations: name, level, parent, region, credit code, dates, term")
        func organizations() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let api = try await Client.api(app, w.users["staff"]!)
                let valid: [String: Any] = [
                    "name": "丁公司工会", "level": "union", "unionType": "enterprise", "parentId": w.root.id!,
                    "electedOn": "2024-01-10", "termYears": 5,
                ]
                let cases: [Case] = [
                    ("name", "", "组织名称不能为空"), ("level", "village", "组织层级"), ("unionType", "club", "工会类型"), ("parentId", "", "上级组织不能为空"),
                    ("parentId", w.other.id!, "上级组织不存在或不在您的管辖范围内"), ("regionCode", "44060", "6位数字"),
                    ("creditCode", "91110108551385082Q", "应以81开头"), ("foundedOn", "2099-01-01", "成立日期不能晚于今天"),
                    ("electedOn", "2024-13-01", "不是有效日期"), ("termYears", 4, "任期只能是3年或5年"), ("status", "gone", "状态"),
                ]
                try await check(api, .POST, "/api/v1/organizations", valid: valid, cases: cases) {
                    try await Organization.query(on: app.db).count()
                }
                try await check(api, .PUT, "/api/v1/organizations/\(w.unionB.id!)", valid: valid, cases: cases) {
                    try await AuditEntry.query(on: app.db).filter(\.$action == "org.update").count()
                }
                // Moving a node under its own child is refused.
                let cycle = try await api.json(
                    .PUT, "/api/v1/organizations/\(w.unionA.id!)", valid.merging(["name": "甲公司工会", "parentId": w.unionA1.id!]) { $1 })
                #expect(cycle.errorBody?.message == "上级组织不能是本组织或其下级")
                let created = try await api.json(.POST, "/api/v1/organizations", valid)
                #expect(created.status == .created)
                #expect(created.jsonObject["reElectionDue"] as? String == "2029-01-10")
            }
        }

        @Test("status changes and transfers: bad status, date, reason and target")
        func memberChanges() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let api = try await Client.api(app, w.users["staff"]!)
                let m = try await Fixtures.member(app, id: Fixtures.ids[0], union: w.unionA)
                let status: [Case] = [
                    ("status", "flying", "会籍状态“flying”无效"), ("status", "transferred", "不能从“在会”改为“转出”"),
                    ("date", "2026-02-30", "不是有效日期"), ("date", "2099-01-01", "不能晚于今天"), ("date", "2019-01-01", "不能早于上次变更日期"),
                    ("reason", String(repeating: "因", count: 201), "原因不能超过200个字"),
                ]
                try await check(
                    api, .POST, "/api/v1/members/\(m.id!)/status", valid: ["status": "retired", "date": "2026-01-01", "reason": "退休"], cases: status
                ) {
                    try await MemberEvent.query(on: app.db).count()
                }
                let transfer: [Case] = [
                    ("unionId", w.unionA.id!, "与当前所在工会相同"), ("unionId", w.root.id!, "转入工会应为"),
                    ("unionId", w.unionC.id!, "转入工会应为"), ("date", "2099-01-01", "不能晚于今天"),
                ]
                try await check(
                    api, .POST, "/api/v1/members/\(m.id!)/transfer", valid: ["unionId": w.unionB.id!, "date": "2026-01-01"], cases: transfer
                ) {
                    try await MemberEvent.query(on: app.db).count()
                }
            }
        }

        @Test("the dates that stopped the server (20 digits, year 9999) answer 422 naming the field, by any role")
        func hostileDates() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let leader = try await Client.api(app, w.users["leader"]!)
                let web = try await Client.session(app, w.users["leader"]!)
                for (path, field) in [
                    ("/api/v1/petitions/stats?from=99999999999999999999-01-01&to=2026-12-31", "from"),
                    ("/api/v1/petitions/stats?from=2026-01-01&to=9999-12-31", "to"),
                    ("/api/v1/relief/stats?from=2026-01-01&to=2101-01-01", "to"),
                    ("/api/v1/reports/summary?from=1899-12-31&to=2026-12-31", "from"),
                    ("/api/v1/relief/stats?year=99999999999999999999", "year"),
                ] {
                    let r = try await leader.get(path)
                    #expect(r.status == .unprocessableEntity, "\(path): \(r.text)")
                    #expect(r.errorBody?.field == field, "\(path): \(r.text)")
                }
                for path in ["/dashboard?from=2026-01-01&to=9999-12-31", "/dashboard?from=99999999999999999999-01-01&to=2026-01-01"] {
                    let r = try await web.get(path)
                    #expect(r.status == .unprocessableEntity, "\(path)")
                    #expect(r.text.contains("不是有效日期") || r.text.contains("超出可接受的范围"), "\(path)")
                }
                // Still serving.
                #expect(try await leader.get("/api/v1/petitions/stats?year=2026").status == .ok)
            }
        }

        @Test("malformed JSON, wrong content type, oversize bodies and unknown ids answer 4xx, never 5xx")
        func transport() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let api = try await Client.api(app, w.users["staff"]!)
                var json = HTTPHeaders()
                json.contentType = .json
                let broken = try await api.send(.POST, "/api/v1/members", headers: json, body: ByteBuffer(string: "{\"name\": "))
                #expect(broken.status == .badRequest)
                #expect(broken.errorBody?.message.contains("请求格式错误") == true)
                let wrongType = try await api.send(
                    .POST, "/api/v1/members", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "name=x"))
                #expect(wrongType.status == .unsupportedMediaType)
                let arrayBody = try await api.send(.POST, "/api/v1/members", headers: json, body: ByteBuffer(string: "[1,2]"))
                #expect(arrayBody.status == .badRequest)
                let big = try await api.send(
                    .POST, "/api/v1/members", headers: json,
                    body: ByteBuffer(string: "{\"name\":\"" + String(repeating: "a", count: 2_000_000) + "\"}"))
                #expect(big.status == .payloadTooLarge)
                for path in ["/api/v1/members/999999", "/api/v1/members/abc", "/api/v1/employers/0", "/api/v1/organizations/-1"] {
                    let r = try await api.get(path)
                    #expect(r.status == .notFound, "\(path)")
                    #expect(r.errorBody?.code == "not_found", "\(path)")
                }
                let anonymous = try await Client(app: app).get("/api/v1/members")
                #expect(anonymous.status == .unauthorized)
                #expect(anonymous.errorBody?.message == "请先登录")
                let page = try await Client.session(app, w.users["staff"]!).get("/members/abc")
                #expect(page.status == .notFound)
                #expect(page.text.contains("会员不存在或不在您的管辖范围内"))
            }
        }
    }
}
