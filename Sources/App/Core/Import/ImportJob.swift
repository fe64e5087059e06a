import Domain
import Fluent
import Vapor

/// A roster import run in the background: persisted, so it survives a reload and any server process may run it.
final class ImportJob: Model, @unchecked Sendable {
    static let schema = "import_jobs"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] {
        [
            $id, $userID, $kind, $status, $dryRun, $mode, $unionID, $sheet, $fileName, $data, $progress, $cancelRequested, $result, $error,
            $createdAt, $finishedAt, $heartbeatAt, $attempts,
        ]
    }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "user_id") var userID: Int
    @Field(key: "kind") var kind: String
    /// queued → running → done | failed | cancelled
    @Field(key: "status") var status: String
    @Field(key: "dry_run") var dryRun: Bool
    @Field(key: "mode") var mode: String
    @OptionalField(key: "union_id") var unionID: Int?
    @OptionalField(key: "sheet") var sheet: String?
    @Field(key: "file_name") var fileName: String
    /// The uploaded file itself, so a job does not depend on one machine's disk.
    @Field(key: "data") var data: Data
    @Field(key: "progress") var progress: Int
    @Field(key: "cancel_requested") var cancelRequested: Bool
    @OptionalField(key: "result") var result: String?
    @OptionalField(key: "error") var error: String?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "finished_at") var finishedAt: Date?
    /// Last sign of life from the process running the job; a running job whose process died is taken up again.
    @OptionalField(key: "heartbeat_at") var heartbeatAt: Date?
    /// How many times a process has started the job (nil: never).
    @OptionalField(key: "attempts") var attempts: Int?

    init() {}
}

extension ImportJob {
    /// The finished job's report (stored encrypted), if it has one.
    func stored(_ cipher: FieldCipher) -> ImportJobs.Stored? {
        guard let result, let sealed = Data(base64Encoded: result), let plain = try? cipher.open(sealed) else { return nil }
        return try? JSONDecoder().decode(ImportJobs.Stored.self, from: plain)
    }
}

extension ImportJob {
    var jobStatus: ImportJobs.Status? { ImportJobs.Status(rawValue: status) }
}
