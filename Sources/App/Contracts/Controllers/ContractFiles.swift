import Domain
import Fluent
import Vapor

/// The filing pack's documents (报送材料): scans and photos of each item the review asks for, uploaded, downloaded and
/// withdrawn on the contract's page.
extension ContractController {
    static func owner(_ c: CollectiveContract) throws -> Attachments.Owner {
        Contracts.owner(try c.requireID(), org: c.$org.id)
    }

    func upload(req: Request) async throws -> Response {
        let c = try await Contracts.find(req.id("集体合同"), in: req.scope, on: req.db)
        let id = try c.requireID()
        let upload = try await req.attachmentUpload()
        var typed = upload.fields
        typed["form"] = "files"
        do {
            let item = try FilingItem.slot(upload.fields["slot"], level: c.contractLevel)
            let a = try await Attachments.add(
                upload.file, sentName: upload.name, slot: item.rawValue, to: try Self.owner(c), maxBytes: req.application.config.maxAttachmentBytes,
                cipher: req.application.cipher, actor: req.actor, at: req.now, on: req.db)
            return req.redirect(to: SiteURL.contract(id).path + "#pack", flash: "已上传“\(item.label)”：\(a.fileName)")
        } catch {
            guard let (errors, status) = req.refusal(error, form: "files") else { throw error }
            return try await page(req, errors: errors, typed: typed, status: status)
        }
    }

    func download(req: Request) async throws -> Response {
        let c = try await Contracts.find(req.id("集体合同"), in: req.scope, on: req.db)
        return try await Attachments.download(
            req.id("附件", parameter: "file"), of: try Self.owner(c), cipher: req.application.cipher, actor: req.actor, at: req.now, on: req.db)
    }

    func withdraw(req: Request) async throws -> Response {
        try await perform(req) { values, id in
            let c = try await Contracts.find(id, in: req.scope, on: req.db)
            let owner = try Self.owner(c)
            let file = try await Attachments.find(try req.id("附件", parameter: "file"), of: owner, on: req.db)
            let reason = try Input.requiredText(values["reason"], field: "reason", label: "撤回原因", max: 200)
            if let ask = try await req.askFirst(
                values, title: "确认撤回附件",
                statements: ["从\(c.number)的报送材料中撤回“\(file.fileName)”，原因：\(reason)。", "撤回后不再列出；原文件保留在系统中备查，不能恢复列出。"],
                confirmLabel: "确认撤回", cancelURL: SiteURL.contract(id).path)
            {
                throw AskedFirst(response: ask)
            }
            try await Attachments.withdraw(try file.requireID(), of: owner, reason: reason, actor: req.actor, at: req.now, on: req.db)
            return "已撤回附件：\(file.fileName)"
        }
    }

    /// Each item of the contract's pack with the documents attached to it.
    static func pack(_ c: CollectiveContract, typed: FormFields, errors: [String: String], req: Request) async throws -> [PackRow] {
        let id = try c.requireID()
        let files = try await Attachments.list(try owner(c), on: req.db)
        return FilingItem.required(for: c.contractLevel).map { item in
            PackRow(
                code: item.rawValue, label: item.label,
                files: files.filter { $0.slot == item.rawValue }.map {
                    AttachmentRow(
                        $0, url: SiteURL.contractFile(id, $0.id).path, withdrawURL: SiteURL.contractFileWithdraw(id, $0.id).path,
                        timeZone: req.application.config.timeZone, typed: typed, errors: errors)
                })
        }
    }

    /// The upload form: which item, and the file.
    static func fileForm(_ c: CollectiveContract, typed: FormFields, errors: [String: String], req: Request) -> FieldGroup {
        let posted = typed["form"] == "files"
        var f = FormBuilder(posted ? typed : FormFields(), errors: posted ? errors : [:], idPrefix: "files-")
        f.choice("slot", "材料", FilingItem.self, cases: FilingItem.required(for: c.contractLevel), required: true)
        f.file(
            "file", "文件", accept: AttachmentRow.accept,
            hint: "扫描件或照片：PDF、JPG 或 PNG，每个不超过\(req.application.config.maxAttachmentBytes / 1_048_576)MB")
        return FieldGroup(fields: f.fields)
    }
}

/// One item of the filing pack and its documents.
struct PackRow: Encodable, Sendable {
    var code: String
    var label: String
    var files: [AttachmentRow]
    var attached: Bool { !files.isEmpty }

    enum CodingKeys: String, CodingKey { case code, label, files, attached }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(code, forKey: .code)
        try c.encode(label, forKey: .label)
        try c.encode(files, forKey: .files)
        try c.encode(attached, forKey: .attached)
    }
}
