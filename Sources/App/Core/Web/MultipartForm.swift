import Vapor

extension Request {
    /// A multipart form (a roster upload) decoded on the blocking-work threads: parsing megabytes of multipart on an
    /// event loop would hold every other request on that loop meanwhile.
    func decodeMultipart<T: Decodable & Sendable>(_ type: T.Type) async throws -> T {
        guard let body = body.data, let boundary = headers.contentType?.parameters["boundary"] else {
            throw AppError.badRequest("请以表单上传文件（multipart/form-data）", field: "file")
        }
        return try await application.threadPool.runIfActive {
            do {
                return try FormDataDecoder().decode(T.self, from: body, boundary: boundary)
            } catch {
                throw AppError.badRequest("上传的表单无法读取，请重新选择文件后提交", field: "file")
            }
        }
    }

    var isMultipart: Bool { headers.contentType?.type == "multipart" }
}
