/// Activities and training: everyone who works in the subtree reads them; the federation's staff and the union
/// officers record their own (organiser's subtree).
extension Permission {
    public static let activitiesRead = Permission("activitiesRead", roles: everyone)
    public static let activitiesRecord = Permission("activitiesRecord", roles: [.federationStaff, .unionOfficer])
    public static let activities: [Permission] = [.activitiesRead, .activitiesRecord]
}
