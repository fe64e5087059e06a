import Domain
import Fluent
import Foundation
import NIOCore
import Testing
import Vapor
import VaporTesting

@testable import App

extension AppTests {
    @Suite("Filing pack documents") struct ContractFilesTests {
        static let pdf = Array("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".utf8)
        static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF 登记表".utf8)
        static let exe: [UInt8] = Array("MZ\u{90}\u{0}this program cannot be run in DOS mode".utf8)

        @Test("documents of the filing pack: checked by content, sealed at rest, listed by item, downloaded and withdrawn, each audited")
        func attachWithdraw() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let employer = try await Fixtures.employer(app, "甲电子有限公司", headcount: 120, org: w.root, union: w.unionA)
                let api = try await Client.api(app, w.users["staff"]!)
                let id = try await Fixtures.contract(api, ["employerId": employer.id!, "orgId": w.unionA.id!])
                let web = try await Client.session(app, w.users["staff"]!)
                let files = "/contracts/\(id)/files"
                let stored = { try await Attachment.query(on: app.db).count() }

                // Refused, each beside its field, nothing stored.
                let refusals: [(String, [UInt8], String, [String: String], HTTPStatus, String)] = [
                    ("a program renamed .pdf", Self.exe, "合同.pdf", ["slot": "text"], .unprocessableEntity, AttachmentType.accepted),
                    ("an empty file", [], "合同.pdf", ["slot": "text"], .unprocessableEntity, "请选择要上传的文件"),
                    ("no item chosen", Self.pdf, "合同.pdf", [:], .unprocessableEntity, "材料不能为空"),
                    ("an item an enterprise contract does not file", Self.pdf, "名单.pdf", ["slot": "coveredList"], .unprocessableEntity, "不需报送"),
                ]
                for (what, bytes, name, fields, status, message) in refusals {
                    let r = try await web.upload(files, bytes: bytes, filename: name, fields: fields.merging(["form": "files"]) { $1 })
                    #expect(r.status == status, "\(what): \(r.status)")
                    #expect(r.text.contains(message), "\(what): the message is shown")
                    #expect(r.text.contains("href=\"#files-\(fields["slot"] == nil || what.contains("item") ? "slot" : "file")\""), "\(what): linked to its field")
                }
                #expect(try await stored() == 0, "nothing half-saved")

                // Uploaded through the page under a path-like name: the name is cleaned, the bytes sealed.
                var r = try await web.upload(files, bytes: Self.pdf, filename: "../../etc/合同文本.pdf", fields: ["slot": "text", "form": "files"])
                #expect(r.status == .seeOther, "\(r.text)")
                let a = try #require(try await Attachment.query(on: app.db).first())
                #expect(a.fileName == "合同文本.pdf" && a.mediaType == "application/pdf" && a.size == Self.pdf.count && a.orgID == w.unionA.id)
                let plain = try app.cipher.open(a.content)
                #expect(!a.content.starts(with: Data("%PDF".utf8)) && plain == Data(Self.pdf), "sealed at rest")
                r = try await web.upload(files, bytes: Self.pdf, filename: "again.pdf", fields: ["slot": "text", "form": "files"])
                #expect(r.status == .conflict && r.text.contains("同一文件已经上传过"))

                // The page lists it under its item; the filing step's checklist comes ticked for it.
                var page = try await web.get("/contracts/\(id)")
                #expect(page.text.contains("合同文本.pdf") && page.text.contains("id=\"pack-registrationForm\""))
                #expect(page.text.contains("value=\"text\" checked") && !page.text.contains("value=\"registrationForm\" checked"))

                // Over the API: the body is the file, the item in the query; the contract lists both.
                var h = HTTPHeaders()
                h.contentType = HTTPMediaType(type: "image", subType: "jpeg")
                r = try await api.send(.POST, "/api/v1/contracts/\(id)/files?slot=registrationForm&name=登记表.jpeg", headers: h, body: ByteBuffer(bytes: Self.jpeg))
                #expect(r.status == .created, "\(r.text)")
                #expect(r.jsonObject["name"] as? String == "登记表.jpg" && r.jsonObject["mediaType"] as? String == "image/jpeg")
                r = try await api.send(.POST, "/api/v1/contracts/\(id)/files?slot=license", headers: h, body: ByteBuffer(bytes: Self.exe))
                #expect(r.status == .unprocessableEntity && r.errorBody?.field == "file")
                let detail = try await api.get("/api/v1/contracts/\(id)")
                let listed = try #require(detail.jsonObject["files"] as? [[String: Any]])
                #expect(listed.map { $0["slot"] as? String } == ["text", "registrationForm"])

                // Downloaded as an attachment, never inline, not cached; the download is audited.
                let url = try #require(listed.first?["url"] as? String)
                r = try await api.get(url)
                #expect(r.status == .ok && Array(r.body.readableBytesView) == Self.pdf)
                #expect(r.headers.contentType?.description == "application/pdf")
                #expect(r.headers.first(name: .contentDisposition)?.hasPrefix("attachment;") == true)
                #expect(r.headers.first(name: .cacheControl) == "no-store")
                r = try await web.get("/contracts/\(id)/files/\(a.id!)")
                #expect(r.status == .ok && Array(r.body.readableBytesView) == Self.pdf)
                let audited = try await AuditEntry.query(on: app.db).filter(\.$action ~~ "attachment.").all().map(\.action)
                #expect(audited.filter { $0 == "attachment.download" }.count == 2 && audited.filter { $0 == "attachment.add" }.count == 2)

                // Outside the subtree it does not exist.
                let stranger = try await Client.api(app, w.users["staff2"]!)
                #expect(try await stranger.get(url).status == .notFound)

                // Withdrawn: a reason is needed (beside its own field), then asked first; the file stays stored, unlisted.
                let withdraw = "/contracts/\(id)/files/\(a.id!)/withdraw"
                r = try await web.post(withdraw, ["form": "withdraw-\(a.id!)", "reason": ""])
                #expect(r.status == .unprocessableEntity && r.text.contains("id=\"withdraw-\(a.id!)-reason-error\""))
                r = try await web.post(withdraw, ["form": "withdraw-\(a.id!)", "reason": "扫描不清"])
                #expect(r.status == .ok && r.text.contains("确认撤回"), "asked first")
                #expect(try await Attachment.find(a.id, on: app.db)?.withdrawnAt == nil)
                r = try await web.post(withdraw, ["form": "withdraw-\(a.id!)", "reason": "扫描不清", "confirmed": "1"])
                #expect(r.status == .seeOther)
                let kept = try #require(try await Attachment.find(a.id, on: app.db))
                #expect(kept.withdrawnAt != nil && kept.withdrawReason == "扫描不清" && !kept.content.isEmpty)
                #expect(try await web.get("/contracts/\(id)/files/\(a.id!)").status == .notFound)
                page = try await web.get("/contracts/\(id)")
                #expect(!page.text.contains("合同文本.pdf") && page.text.contains("登记表.jpg"))
                r = try await web.upload(files, bytes: Self.pdf, filename: "重扫.pdf", fields: ["slot": "text", "form": "files"])
                #expect(r.status == .seeOther, "the same file may be attached again once withdrawn")
            }
        }

        @Test("an attachment over the limit is refused before it is read")
        func tooLarge() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let employer = try await Fixtures.employer(app, "甲电子有限公司", headcount: 120, org: w.root, union: w.unionA)
                let api = try await Client.api(app, w.users["staff"]!)
                let id = try await Fixtures.contract(api, ["employerId": employer.id!, "orgId": w.unionA.id!])
                let big = Self.pdf + [UInt8](repeating: 0x20, count: app.config.maxAttachmentBytes + 128 * 1024)
                let r = try await api.send(.POST, "/api/v1/contracts/\(id)/files?slot=text", body: ByteBuffer(bytes: big))
                #expect(r.status == .payloadTooLarge)
                #expect(try await Attachment.query(on: app.db).count() == 0)
            }
        }
    }
}
