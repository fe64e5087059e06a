/// Hardship assistance: read; make files and applications (a union's officer); review and decide (the federation);
/// record payments; set up rounds and funds; see bank accounts and family ID numbers (an audited reveal).
extension Permission {
    public static let reliefRead = Permission("reliefRead", roles: everyone)
    public static let reliefApply = Permission("reliefApply", roles: [.federationStaff, .unionOfficer])
    public static let reliefReview = Permission("reliefReview", roles: federation)
    public static let reliefPay = Permission("reliefPay", roles: federation)
    public static let reliefManage = Permission("reliefManage", roles: federation)
    public static let reliefReveal = Permission("reliefReveal", roles: federation, reveal: true)
    public static let relief: [Permission] = [.reliefRead, .reliefApply, .reliefReview, .reliefPay, .reliefManage, .reliefReveal]
}
