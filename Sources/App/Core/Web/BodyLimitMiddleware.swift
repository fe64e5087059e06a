import Vapor

/// A route that takes a file: its path (`:id` matches any one part) and the largest body it accepts.
struct UploadRoute: Sendable {
    var url: SiteURL
    var maxBytes: Int

    func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        let pattern = url.path.split(separator: "/", omittingEmptySubsequences: true)
        return parts.count == pattern.count && zip(parts, pattern).allSatisfy { $1.hasPrefix(":") || $0 == $1 }
    }
}

extension Request {
    /// The upload route this request posts to, if any.
    var uploadRoute: UploadRoute? {
        guard method == .POST else { return nil }
        return application.uploadRoutes.first { $0.matches(url.path) }
    }

    /// The body limit for this request: the upload's own for the modules' file uploads, the default elsewhere.
    var maxBodySize: Int {
        uploadRoute?.maxBytes ?? application.routes.defaultMaxBodySize.value
    }
}

extension Application {
    private struct UploadRoutesKey: StorageKey { typealias Value = [UploadRoute] }

    /// The routes that take a file, as the modules declare them (`UnionModule.importers`, `UnionModule.attachmentUploads`).
    var uploadRoutes: [UploadRoute] {
        get { storage[UploadRoutesKey.self] ?? [] }
        set { storage[UploadRoutesKey.self] = newValue }
    }
}

/// Refuses bodies over the limit with 413 before anything parses them, whether they arrive streamed
/// or already collected (Vapor checks the limit only while streaming).
struct BodyLimitMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let max = req.maxBodySize
        if let length = req.headers.first(name: .contentLength).flatMap(Int.init), length > max {
            throw Abort(.payloadTooLarge)
        }
        if let data = req.body.data, data.readableBytes > max { throw Abort(.payloadTooLarge) }
        return try await next.respond(to: req)
    }
}
