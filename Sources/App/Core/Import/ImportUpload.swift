import Vapor

/// Uploaded bytes written to a private temporary file under a random name (never the user's file name,
/// never inside the public directory).
enum ImportUpload {
    static func save(_ data: ByteBuffer, userID: Int) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("uniondesk-imports", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let token = Token.make()
        let url = directory.appendingPathComponent("\(userID)-\(token).upload")
        guard FileManager.default.createFile(atPath: url.path, contents: Data(buffer: data), attributes: [.posixPermissions: 0o600]) else {
            throw AppError.badRequest("无法保存上传的文件", field: "file")
        }
        return url
    }
}
