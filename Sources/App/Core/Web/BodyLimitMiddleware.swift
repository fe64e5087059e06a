import Vapor

extension Request {
    /// The body limit for this request: the upload size for the modules' file uploads, the default elsewhere.
    var maxBodySize: Int {
        application.uploadPaths.contains(url.path) ? application.config.maxUploadBytes : application.routes.defaultMaxBodySize.value
    }
}

extension Application {
    private struct UploadPathsKey: StorageKey { typealias Value = Set<String> }

    /// The paths that take a file upload, as the modules declare them (`UnionModule.importers`).
    var uploadPaths: Set<String> {
        get { storage[UploadPathsKey.self] ?? [] }
        set { storage[UploadPathsKey.self] = newValue }
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
