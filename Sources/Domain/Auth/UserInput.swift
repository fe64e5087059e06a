/// A new account: its user name, the name shown, its role and the org it works for.
public struct UserFields: Sendable, Equatable {
    public var username: String
    public var displayName: String
    public var role: Role
    public var orgId: Int

    public init(username: String, displayName: String, role: Role, orgId: Int) {
        self.username = username
        self.displayName = displayName
        self.role = role
        self.orgId = orgId
    }

    public static let inputFields: [InputField] = [
        .init("username", required: true), .init("displayName"), .choice("role", Role.self, required: true),
        .init("orgId", .id, required: true),
    ]

    /// 3–32 letters, digits or `. _ -`, kept in lower case.
    public static func username(_ s: String?) throws(FieldError) -> String {
        let name = (s ?? "").trimmingWhitespace().lowercased()
        guard (3...32).contains(name.count), name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) })
        else { throw FieldError(field: "username", message: "用户名应为3–32位字母、数字或 . _ -") }
        return name
    }

    /// A change to an existing account: its name, role and organisation (the username stays).
    public static let editFields = inputFields.filter { $0.name != "username" }

    public static func validateEdit(_ f: FormFields, username: String) throws(FieldErrors) -> UserFields {
        try parse(f, username: username)
    }

    public static func validate(_ f: FormFields) throws(FieldErrors) -> UserFields {
        try parse(f, username: nil)
    }

    private static func parse(_ f: FormFields, username fixed: String?) throws(FieldErrors) -> UserFields {
        var e = FieldErrors()
        let name = fixed ?? e.collect { () throws(FieldError) in try username(f["username"]) }
        let shown = e.collect { () throws(FieldError) in try Input.text(f["displayName"], field: "displayName", label: "显示名称", max: 30) }
        let role = e.collect { () throws(FieldError) in
            try Input.requiredChoice(f["role"], Role.self, field: "role", name: "角色")
        }
        let org = e.collect { () throws(FieldError) -> Int in
            guard let id = try Input.id(f["orgId"], field: "orgId", label: "所属组织") else {
                throw FieldError(field: "orgId", message: "请指定所属组织（organizations 接口列出的编号）")
            }
            return id
        }
        guard e.isEmpty, let name, let shown, let role, let org else { throw e }
        return UserFields(username: name, displayName: shown ?? name, role: role, orgId: org)
    }
}
