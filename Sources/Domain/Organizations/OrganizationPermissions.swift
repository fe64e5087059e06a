extension Permission {
    public static let orgRead = Permission("orgRead", roles: everyone)
    public static let orgWrite = Permission("orgWrite", roles: federation)
    public static let employerRead = Permission("employerRead", roles: everyone)
    public static let employerWrite = Permission("employerWrite", roles: federation)
    /// Keep a credit code that fails its check digit (the administrator only).
    public static let employerForceCode = Permission("employerForceCode", roles: [])
    public static let organizations: [Permission] = [.orgRead, .orgWrite, .employerRead, .employerWrite, .employerForceCode]
}
