extension Permission {
    public static let memberRead = Permission("memberRead", roles: everyone)
    public static let memberWrite = Permission("memberWrite", roles: [.federationStaff, .unionOfficer])
    /// See full ID and phone numbers (an audited reveal).
    public static let memberReveal = Permission("memberReveal", roles: [.federationStaff, .unionOfficer], reveal: true)
    public static let members: [Permission] = [.memberRead, .memberWrite, .memberReveal]
}
