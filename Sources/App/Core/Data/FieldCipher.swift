import Crypto
import Vapor

/// Encrypts personal data at rest (AES-GCM) and makes keyed hashes for exact lookup and uniqueness.
struct FieldCipher: Sendable {
    private let encryptionKey: SymmetricKey
    /// The HMAC state after absorbing the key, copied for each hash (keying it anew costs as much as the hash).
    private let keyedIndex: HMAC<SHA256>
    /// False for the stand-in key of a read-only command run without the key file: it refuses to encrypt, so nothing
    /// is ever stored under a key that is thrown away.
    private let canSeal: Bool

    init(masterKey: SymmetricKey, canSeal: Bool = true) {
        self.canSeal = canSeal
        encryptionKey = HKDF<SHA256>.deriveKey(inputKeyMaterial: masterKey, info: Data("uniondesk-encrypt".utf8), outputByteCount: 32)
        keyedIndex = HMAC<SHA256>(
            key: HKDF<SHA256>.deriveKey(inputKeyMaterial: masterKey, info: Data("uniondesk-index".utf8), outputByteCount: 32))
    }

    /// Base64 of nonce, ciphertext and tag.
    func encrypt(_ plain: String) throws -> String {
        try seal(Data(plain.utf8)).base64EncodedString()
    }

    /// Whole files and reports that carry personal data (uploaded rosters, import results).
    func seal(_ plain: Data) throws -> Data {
        guard canSeal else { throw StartupError("没有数据加密密钥文件：此命令不创建密钥，请在有密钥文件的目录运行或设置 UNIONDESK_KEY_FILE") }
        // With the default 12-byte nonce the combined form always exists.
        guard let combined = try AES.GCM.seal(plain, using: encryptionKey).combined else { throw CryptoKitError.incorrectParameterSize }
        return combined
    }

    func open(_ sealed: Data) throws -> Data {
        try AES.GCM.open(AES.GCM.SealedBox(combined: sealed), using: encryptionKey)
    }

    func decrypt(_ sealed: String) throws -> String {
        guard let data = Data(base64Encoded: sealed) else { throw Abort(.internalServerError, reason: "密文损坏") }
        let box = try AES.GCM.SealedBox(combined: data)
        return String(decoding: try AES.GCM.open(box, using: encryptionKey), as: UTF8.self)
    }

    /// HMAC-SHA256 of the normalised value, hex: equal values give equal hashes, nobody without the key can test guesses.
    func index(_ plain: String) -> String {
        mac(plain).hex
    }

    private func mac(_ plain: String) -> HMAC<SHA256>.MAC {
        var h = keyedIndex
        var s = plain
        s.withUTF8 { h.update(data: $0) }
        return h.finalize()
    }

    /// The keyed hash as stored (hex), and its first 16 bytes as a compact key for deduping large files in memory.
    func indexWithKey(_ plain: String) -> (hex: String, key: IndexKey) {
        let mac = mac(plain)
        let key = mac.withUnsafeBytes {
            IndexKey(high: $0.loadUnaligned(as: UInt64.self), low: $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        }
        return (mac.hex, key)
    }

    /// The CSRF token of a session, derived from its cookie token: never stored, so it never reaches a query log.
    func csrfToken(forSession token: String) -> String {
        index("csrf:" + token)
    }

    /// Reads the key from `UNIONDESK_KEY` or the key file, creating the file (0600) on first start of a command that
    /// stores personal data; any other command without the file gets a stand-in key that cannot encrypt.
    static func load(_ config: AppConfig, logger: Logger) throws -> FieldCipher {
        if let b64 = config.keyBase64 {
            guard let data = Data(base64Encoded: b64), data.count == 32 else {
                throw Abort(.internalServerError, reason: "UNIONDESK_KEY 必须是32字节密钥的 Base64 编码")
            }
            return FieldCipher(masterKey: SymmetricKey(data: data))
        }
        guard let path = config.keyFile, config.store != .sqliteMemory else {
            return FieldCipher(masterKey: SymmetricKey(size: .bits256))
        }
        if let text = try? String(contentsOfFile: path, encoding: .utf8),
            let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), data.count == 32
        {
            return FieldCipher(masterKey: SymmetricKey(data: data))
        }
        if FileManager.default.fileExists(atPath: path) {
            throw Abort(.internalServerError, reason: "密钥文件 \(path) 内容无效")
        }
        guard config.createsKey else { return FieldCipher(masterKey: SymmetricKey(size: .bits256), canSeal: false) }
        let key = SymmetricKey(size: .bits256)
        let b64 = key.withUnsafeBytes { Data($0) }.base64EncodedString()
        guard FileManager.default.createFile(atPath: path, contents: Data((b64 + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
            throw Abort(.internalServerError, reason: "无法创建密钥文件 \(path)")
        }
        logger.notice("已生成数据加密密钥文件 \(path)（权限 0600）。请妥善备份：丢失后已加密的身份证号和手机号无法恢复。")
        return FieldCipher(masterKey: key)
    }
}

/// 128 bits of a keyed hash: collisions among a million rows have odds of about 10⁻²⁷.
struct IndexKey: Hashable, Sendable {
    var high: UInt64
    var low: UInt64
}

extension Sequence where Element == UInt8 {
    /// Lower-case hex. (`String(format:)` per byte costs microseconds on Linux; this is on every import row.)
    var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in self {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension Application {
    private struct CipherKey: StorageKey { typealias Value = FieldCipher }
    // Cannot trap: configure sets the cipher before any command or request runs (start-up stops if it cannot).
    // swift-format-ignore: NeverForceUnwrap
    var cipher: FieldCipher {
        get { storage[CipherKey.self]! }
        set { storage[CipherKey.self] = newValue }
    }
}

/// Random tokens for sessions, CSRF and API access: 32 bytes from the system CSPRNG, base64url.
enum Token {
    static func make() -> String {
        var g = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &g) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// The stored form of a token: SHA-256 hex (the token itself is never stored).
    static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).hex
    }

    /// A readable random password that meets the policy (first admin, resets, demo users).
    static func password() -> String {
        let upper = Array("ABCDEFGHJKLMNPQRSTUVWXYZ"), lower = Array("abcdefghijkmnpqrstuvwxyz"), digits = Array("23456789")
        var g = SystemRandomNumberGenerator()
        var chars: [Character] = []
        for _ in 0..<4 { chars.append(upper.pick(using: &g)) }
        for _ in 0..<4 { chars.append(lower.pick(using: &g)) }
        for _ in 0..<4 { chars.append(digits.pick(using: &g)) }
        return String(chars.shuffled(using: &g)) + "-" + String((0..<4).map { _ in lower.pick(using: &g) })
    }
}
