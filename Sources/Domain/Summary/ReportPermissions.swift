/// Statistics and the work summary of the caller's subtree; setting yearly targets, editing and finalising summaries.
extension Permission {
    public static let reportRead = Permission("reportRead", roles: everyone)
    public static let reportWrite = Permission("reportWrite", roles: federation)
    public static let reports: [Permission] = [.reportRead, .reportWrite]
}
