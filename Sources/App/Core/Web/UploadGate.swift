import NIOConcurrencyHelpers
import Vapor

/// Bounds the uploads being received and checked at once: per user and in all (`UNIONDESK_UPLOADS_PER_USER`,
/// `UNIONDESK_UPLOADS_TOTAL`). One more answers 429 with a message instead of queueing work the server cannot hold.
final class UploadGate: Sendable {
    let perUser: Int
    let total: Int
    private let state = NIOLockedValueBox((all: 0, byUser: [Int: Int]()))

    init(perUser: Int, total: Int) {
        self.perUser = max(1, perUser)
        self.total = max(1, total)
    }

    func enter(_ user: Int) -> Bool {
        state.withLockedValue { s in
            guard s.all < total, s.byUser[user, default: 0] < perUser else { return false }
            s.all += 1
            s.byUser[user, default: 0] += 1
            return true
        }
    }

    func leave(_ user: Int) {
        state.withLockedValue { s in
            s.all -= 1
            s.byUser[user] = (s.byUser[user] ?? 1) > 1 ? (s.byUser[user] ?? 1) - 1 : nil
        }
    }
}

/// Holds an upload's place in the gate from the first byte of its body to the queued job.
struct UploadGateMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard req.uploadRoute != nil, let user = req.principal?.userID else {
            return try await next.respond(to: req)
        }
        let gate = req.application.uploadGate
        guard gate.enter(user) else {
            throw AppError.busy("正在上传和检查的文件过多（每人最多同时\(gate.perUser)个，全部最多\(gate.total)个），请等前一个文件处理完毕后再上传")
        }
        do {
            let response = try await next.respond(to: req)
            gate.leave(user)
            return response
        } catch {
            gate.leave(user)
            throw error
        }
    }
}

extension Application {
    private struct UploadGateKey: StorageKey { typealias Value = UploadGate }
    var uploadGate: UploadGate {
        get { storage[UploadGateKey.self] ?? UploadGate(perUser: 2, total: 4) }
        set { storage[UploadGateKey.self] = newValue }
    }
}
