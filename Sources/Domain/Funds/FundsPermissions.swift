/// Union funds: read the collection, arrears and returns (everyone who works in the subtree); record receipts, import
/// the tax bureau's lists, register payers and the return formalities, and draw up return batches (the federation);
/// approve a batch's payment — a second person, never its maker (the federation).
extension Permission {
    public static let fundsRead = Permission("fundsRead", roles: everyone)
    public static let fundsRecord = Permission("fundsRecord", roles: federation)
    public static let fundsApprove = Permission("fundsApprove", roles: federation)
    public static let funds: [Permission] = [.fundsRead, .fundsRecord, .fundsApprove]
}
