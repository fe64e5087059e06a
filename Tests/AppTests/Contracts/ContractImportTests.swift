import Domain
import Fluent
import NIOCore
import Testing
import Vapor
import VaporTesting

@testable import App

extension AppTests {
    @Suite("Contract register import") struct ContractImportTests {
        static let good = """
            示例镇集体合同台账
            序号,企业名称,签订工会,种类,层级,企业方,签订日期,期限截止,职工人数,工资增长幅度,报送日期,生效日期
            1,甲电子有限公司,甲公司工会,工资专项,企业,,2026-03-01,2027-02-28,120,6.5,2026-03-08,2026-03-23
            2,,,综合,区域性,工业园区企业方代表,2025-06-08,2028-06-07,600,,2025-06-15,2025-06-30
            """

        func upload(_ api: Client, _ app: Application, _ text: String) async throws -> [String: Any] {
            let r = try await api.send(.POST, "/api/v1/contracts/import", headers: ["Content-Type": "text/csv"], body: ByteBuffer(string: text))
            #expect(r.status == .accepted, "\(r.text)")
            try await ImportJobs.drain(app)
            let job = try await api.get(try #require(r.headers.first(name: .location)))
            return try #require(job.jsonObject["report"] as? [String: Any], "\(job.text)")
        }

        @Test("a register as federations keep it: short kind names, in force from its dates; a bad row writes nothing; again changes nothing")
        func importRegister() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                try await Fixtures.employer(app, "甲电子有限公司", headcount: 120, org: w.root, union: w.unionA)
                try await Fixtures.employer(app, "邻镇丙公司", headcount: 80, org: w.other, union: w.unionC)
                let api = try await Client.api(app, w.users["staff"]!)
                let bad = Self.good + """

                    3,邻镇丙公司,,工资专项,企业,,2026-03-01,2027-02-28,80,,,
                    4,甲电子有限公司,,安全卫生专项,企业,,2026-03-01,2030-02-28,120,,,
                    5,甲电子有限公司,甲公司工会,工资专项,企业,,2026-03-01,2027-02-28,120,,,
                    """
                var r = try await upload(api, app, bad)
                #expect(r["invalid"] as? Int == 3 && r["duplicates"] as? Int == 1 && r["inserted"] as? Int == 0, "\(r)")
                let errors = try #require(r["errors"] as? [[String: Any]])
                #expect(errors.contains { ($0["message"] as? String)?.contains("邻镇丙公司") == true && $0["column"] as? String == "企业名称" })
                #expect(errors.contains { $0["column"] as? String == "期限截止" && ($0["message"] as? String)?.contains("1至3年") == true })
                #expect(try await CollectiveContract.query(on: app.db).count() == 0, "all or nothing")
                r = try await upload(api, app, Self.good)
                #expect(r["inserted"] as? Int == 2 && r["invalid"] as? Int == 0, "\(r)")
                let wage = try #require(try await CollectiveContract.query(on: app.db).filter(\.$kind == "wage").first())
                #expect(wage.contractState == .inForce && wage.wageRise == 650 && wage.$org.id == w.unionA.id)
                let park = try #require(try await CollectiveContract.query(on: app.db).filter(\.$level == "regional").first())
                #expect(park.counterpart == "工业园区企业方代表" && park.$org.id == w.root.id)
                r = try await upload(api, app, Self.good)
                #expect(r["inserted"] as? Int == 0 && r["existing"] as? Int == 2)
                let officer = try await Client.api(app, try await World.user(app, "officerB", role: .unionOfficer, org: w.unionB))
                let refused = try await officer.send(.POST, "/api/v1/contracts/import", headers: ["Content-Type": "text/csv"], body: ByteBuffer(string: Self.good))
                #expect(refused.status == .accepted)
                try await ImportJobs.drain(app)
                let job = try await officer.get(try #require(refused.headers.first(name: .location)))
                #expect((job.jsonObject["report"] as? [String: Any])?["inserted"] as? Int == 0, "another union's employer and union are not found")
            }
        }
    }
}
