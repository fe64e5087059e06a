/// Union funds: read the collection, arrears, returns and books (everyone who works in the subtree); record receipts,
/// import the tax bureau's lists, register payers and the return formalities, and draw up return batches (the
/// federation); approve a batch's payment — a second person, never its maker (the federation). A union keeps its own
/// books (经费收支) and a second cadre approves the entries that need it.
extension Permission {
    public static let fundsRead = Permission("fundsRead", roles: everyone)
    public static let fundsRecord = Permission("fundsRecord", roles: federation)
    public static let fundsApprove = Permission("fundsApprove", roles: federation)
    public static let booksRecord = Permission("booksRecord", roles: [.federationStaff, .unionOfficer])
    public static let booksApprove = Permission("booksApprove", roles: [.federationStaff, .unionOfficer])
    public static let funds: [Permission] = [.fundsRead, .fundsRecord, .fundsApprove, .booksRecord, .booksApprove]
}
