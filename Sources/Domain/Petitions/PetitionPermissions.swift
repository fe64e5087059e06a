/// Petitions and rights: read; register and handle (steps, timeline, mediation, recoveries); reassign handlers and
/// mark colleagues away; see petitioners' full phone and ID numbers (an audited reveal).
extension Permission {
    public static let petitionRead = Permission("petitionRead", roles: everyone)
    public static let petitionHandle = Permission("petitionHandle", roles: federation)
    public static let petitionManage = Permission("petitionManage", roles: federation)
    public static let petitionReveal = Permission("petitionReveal", roles: federation, reveal: true)
    public static let petitions: [Permission] = [.petitionRead, .petitionHandle, .petitionManage, .petitionReveal]
}
