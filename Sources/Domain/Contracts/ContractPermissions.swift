/// Collective bargaining: read the negotiations and contracts; conduct a negotiation and keep a contract's record
/// (a union's officer for their own union, the federation for its subtree and its sectoral and regional agreements).
extension Permission {
    public static let contractRead = Permission("contractRead", roles: everyone)
    public static let contractHandle = Permission("contractHandle", roles: [.federationStaff, .unionOfficer])
    public static let contracts: [Permission] = [.contractRead, .contractHandle]
}
