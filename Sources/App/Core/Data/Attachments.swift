import Crypto
import Domain
import Fluent
import SQLKit
import Vapor

/// A scanned document or a photo kept with a record (附件): sealed at rest with the field cipher, kept in the database
/// (so a backup holds it and a restore brings it back) and never deleted — a withdrawn one stays, with who withdrew it,
/// when and why.
final class Attachment: Model, @unchecked Sendable {
    static let schema = "attachments"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] {
        [
            $id, $owner, $ownerID, $slot, $orgID, $fileName, $mediaType, $size, $digest, $content, $addedBy, $addedAt, $withdrawnAt,
            $withdrawnBy, $withdrawReason,
        ]
    }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    /// The kind of record it belongs to (`contract`) and that record's id.
    @Field(key: "owner") var owner: String
    @Field(key: "owner_id") var ownerID: Int
    /// What it is for within the record (a filing item such as `text`).
    @Field(key: "slot") var slot: String
    /// The owning record's organisation, for housekeeping and reports.
    @Field(key: "org_id") var orgID: Int
    /// The name it is shown and downloaded under (`AttachmentName.clean`), never a path.
    @Field(key: "file_name") var fileName: String
    @Field(key: "media_type") var mediaType: String
    @Field(key: "size") var size: Int
    /// Keyed hash of the content: the same file twice in one place is refused.
    @Field(key: "digest") var digest: String
    @Field(key: "content") var content: Data
    @OptionalField(key: "added_by") var addedBy: Int?
    @Field(key: "added_at") var addedAt: Date
    @OptionalField(key: "withdrawn_at") var withdrawnAt: Date?
    @OptionalField(key: "withdrawn_by") var withdrawnBy: Int?
    @OptionalField(key: "withdraw_reason") var withdrawReason: String?

    init() {}

    var listed: Attachments.Listed {
        .init(id: id ?? 0, slot: slot, file_name: fileName, media_type: mediaType, size: size, added_at: addedAt, added_by: addedBy)
    }
}

/// Adding, listing, downloading and withdrawing attachments. A module owns the routes (it checks its record is in the
/// caller's scope first) and names the record as an `Owner`; this keeps the files.
enum Attachments {
    /// A record that holds attachments: its kind (`contract`) and id, and its organisation.
    struct Owner: Sendable, Hashable {
        var kind: String
        var id: Int
        var orgID: Int
    }

    /// Files one record may hold at once (withdrawn ones not counted).
    static let maxPerOwner = 50

    /// The body an upload route accepts: the file and its multipart wrapping.
    static func bodyLimit(_ config: AppConfig) -> Int { config.maxAttachmentBytes + 64 * 1024 }

    /// An attachment as lists show it (without its content).
    struct Listed: Decodable, Sendable {
        var id: Int
        var slot: String
        var file_name: String
        var media_type: String
        var size: Int
        var added_at: Date
        var added_by: Int?
    }

    /// A file checked and sealed, ready to store.
    struct Checked: Sendable {
        var type: AttachmentType
        var name: String
        var size: Int
        var digest: String
        var sealed: Data
    }

    /// Checks the bytes (not empty, within the limit, a PDF, JPEG or PNG by content) and seals them.
    static func check(_ bytes: ByteBuffer?, sentName: String?, maxBytes: Int, cipher: FieldCipher) throws -> Checked {
        guard let bytes, bytes.readableBytes > 0 else { throw FieldError(field: "file", message: "请选择要上传的文件（PDF、JPG 或 PNG）") }
        guard bytes.readableBytes <= maxBytes else {
            throw FieldError(field: "file", message: "文件过大：每个附件不超过\(maxBytes / 1_048_576)MB，请压缩或分页扫描后再上传")
        }
        let data = Data(buffer: bytes)
        guard let type = AttachmentType.sniff(data) else { throw FieldError(field: "file", message: AttachmentType.accepted) }
        return Checked(
            type: type, name: AttachmentName.clean(sentName, type: type, fallback: "附件"), size: data.count,
            digest: cipher.index("attachment:" + SHA256.hash(data: data).hex), sealed: try cipher.seal(data))
    }

    /// Checks and stores a file in its own transaction.
    static func add(
        _ bytes: ByteBuffer?, sentName: String?, slot: String, to owner: Owner, maxBytes: Int, cipher: FieldCipher, actor: Audit.Actor,
        at now: Date, on db: any Database
    ) async throws -> Attachment {
        let file = try check(bytes, sentName: sentName, maxBytes: maxBytes, cipher: cipher)
        return try await Store.write(db) { tx in try await store(file, slot: slot, to: owner, actor: actor, at: now, on: tx) }
    }

    /// Stores a checked file within the caller's transaction: at most `maxPerOwner` per record, the same file once per slot.
    static func store(_ file: Checked, slot: String, to owner: Owner, actor: Audit.Actor, at now: Date, on tx: any Database) async throws
        -> Attachment
    {
        let current = Attachment.query(on: tx).filter(\.$owner == owner.kind).filter(\.$ownerID == owner.id).filter(\.$withdrawnAt == nil)
        guard try await current.count() < maxPerOwner else {
            throw AppError.conflict("每条记录最多保存\(maxPerOwner)个附件，请先撤回不再需要的附件", field: "file")
        }
        guard try await current.copy().filter(\.$slot == slot).filter(\.$digest == file.digest).count() == 0 else {
            throw AppError.conflict("同一文件已经上传过", field: "file")
        }
        let a = Attachment()
        a.owner = owner.kind
        a.ownerID = owner.id
        a.slot = slot
        a.orgID = owner.orgID
        a.fileName = file.name
        a.mediaType = file.type.mediaType
        a.size = file.size
        a.digest = file.digest
        a.content = file.sealed
        a.addedBy = actor.userID
        a.addedAt = now
        try await a.create(on: tx)
        try await Audit.record(
            AttachmentAudit.add, entity: owner.kind, id: owner.id, after: ["slot": slot, "file": a.fileName, "size": String(a.size)],
            actor: actor, at: now, on: tx)
        return a
    }

    /// The record's current attachments, oldest first, without their content.
    static func list(_ owner: Owner, on db: any Database) async throws -> [Listed] {
        try await db.sql.raw(
            """
            SELECT id, slot, file_name, media_type, size, added_at, added_by FROM attachments
            WHERE owner = \(bind: owner.kind) AND owner_id = \(bind: owner.id) AND withdrawn_at IS NULL ORDER BY id
            """
        ).all(decoding: Listed.self)
    }

    /// One current attachment of the record, or 404 (another record's, or withdrawn).
    static func find(_ id: Int, of owner: Owner, on db: any Database) async throws -> Attachment {
        guard let a = try await Attachment.find(id, on: db), a.owner == owner.kind, a.ownerID == owner.id, a.withdrawnAt == nil else {
            throw AppError.notFound("附件")
        }
        return a
    }

    /// The file as a download (never shown inline: it is the uploader's content, not ours), audited: a filing pack holds
    /// identity documents.
    static func download(_ id: Int, of owner: Owner, cipher: FieldCipher, actor: Audit.Actor, at now: Date, on db: any Database)
        async throws
        -> Response
    {
        let a = try await find(id, of: owner, on: db)
        let data = try cipher.open(a.content)
        try await Audit.record(
            AttachmentAudit.download, entity: owner.kind, id: owner.id, after: ["file": a.fileName], actor: actor, at: now, on: db)
        let type = AttachmentType.allCases.first { $0.mediaType == a.mediaType } ?? .pdf
        let response = Response.attachment(data, contentType: a.mediaType, name: a.fileName, fallback: "attachment.\(type.fileExtension)")
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    /// Takes the file out of the record's list; it stays stored, with the reason.
    static func withdraw(_ id: Int, of owner: Owner, reason: String, actor: Audit.Actor, at now: Date, on db: any Database) async throws {
        try await Store.write(db) { db in
            let a = try await find(id, of: owner, on: db)
            a.withdrawnAt = now
            a.withdrawnBy = actor.userID
            a.withdrawReason = reason
            try await a.update(on: db)
            try await Audit.record(
                AttachmentAudit.withdraw, entity: owner.kind, id: owner.id, after: ["file": a.fileName, "reason": reason], actor: actor,
                at: now, on: db)
        }
    }
}

/// What the audit log records of attachments.
enum AttachmentAudit: String, AuditAction, CaseIterable {
    case add = "attachment.add", download = "attachment.download", withdraw = "attachment.withdraw"

    var auditLabel: String {
        switch self {
        case .add: "上传附件"
        case .download: "下载附件"
        case .withdraw: "撤回附件"
        }
    }
}

extension Request {
    /// An attachment upload: the multipart form of a page (its `file` and other fields), or over the API the body itself
    /// with the fields in the query.
    func attachmentUpload() async throws -> (file: ByteBuffer?, name: String?, fields: FormFields) {
        if isAPI {
            let body = try await body.collect(max: maxBodySize).get()
            let query = try self.query.decode(FormFields.self)
            return (body, query["name"], query)
        }
        struct Form: Decodable, Sendable {
            var file: File?
            var slot: String?
            var form: String?
        }
        let form = try await decodeMultipart(Form.self)
        var fields = FormFields()
        fields["slot"] = form.slot
        fields["form"] = form.form
        return (form.file?.data, form.file?.filename, fields)
    }
}

extension Request {
    /// A file posted from a record's page by its form `form`: added to `owner`'s `slot`, then back to `back` saying
    /// `saved` and the file's name, or the page again with the refusal beside the file.
    func attach(
        to owner: Attachments.Owner, slot: String, form: String, back: String, saved: String,
        page: (FormFields, [String: String], HTTPResponseStatus) async throws -> Response
    ) async throws -> Response {
        let upload = try await attachmentUpload()
        var typed = upload.fields
        typed["form"] = form
        do {
            let a = try await Attachments.add(
                upload.file, sentName: upload.name, slot: slot, to: owner, maxBytes: application.config.maxAttachmentBytes,
                cipher: application.cipher,
                actor: actor, at: now, on: db)
            return redirect(to: back, flash: "\(saved)：\(a.fileName)")
        } catch {
            guard let (errors, status) = refusal(error, form: form) else { throw error }
            return try await page(typed, errors, status)
        }
    }

    /// A file sent as an API request's body (its name in the query's `name`): added to `owner`'s `slot`, answered 201
    /// with the file and where to fetch it (`url` of its id).
    func attachFromAPI(to owner: Attachments.Owner, slot: String, url: (Int) -> String) async throws -> Response {
        let upload = try await attachmentUpload()
        let a = try await Attachments.add(
            upload.file, sentName: upload.name, slot: slot, to: owner, maxBytes: application.config.maxAttachmentBytes,
            cipher: application.cipher,
            actor: actor, at: now, on: db)
        return try await AttachmentDTO(a.listed, url: url(try a.requireID())).encodeResponse(status: .created, for: self)
    }
}
