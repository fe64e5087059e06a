import Vapor

/// Uploaded rosters kept between preview and commit: stored under a random name (never the user's file
/// name), outside the public directory, readable only by the user who uploaded them.
enum ImportUpload {
    static var directory: URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("uniondesk-imports", isDirectory: true)
    }

    static func url(token: String, userID: Int) -> URL? {
        guard token.count == 43, token.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        let url = directory.appendingPathComponent("\(userID)-\(token).upload")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// Saves the bytes and returns the token that names them.
    static func save(_ data: ByteBuffer, userID: Int) throws -> (token: String, url: URL) {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let token = Token.make()
        let url = directory.appendingPathComponent("\(userID)-\(token).upload")
        guard FileManager.default.createFile(atPath: url.path, contents: Data(buffer: data), attributes: [.posixPermissions: 0o600]) else {
            throw AppError.badRequest("无法保存上传的文件", field: "file")
        }
        return (token, url)
    }
}
