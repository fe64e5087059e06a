/// What the audit log records of union funds.
enum FundsAudit: String, AuditAction, CaseIterable {
    case receipt = "funds.receipt", reverse = "funds.reverse", payer = "funds.payer", formalities = "funds.formalities"
    case returnBatch = "funds.return", returnPaid = "funds.return_paid"
    case bookEntry = "books.entry", bookApproval = "books.approval", bookReverse = "books.reverse", budget = "books.budget"
    case transfer = "funds.transfer", reconcile = "funds.reconcile"

    var auditLabel: String {
        switch self {
        case .receipt: "登记工会经费到账"
        case .reverse: "冲销经费到账记录"
        case .payer: "缴费登记（工资总额）"
        case .formalities: "登记返还手续"
        case .returnBatch: "制作经费返还批次"
        case .returnPaid: "审核拨付经费返还"
        case .bookEntry: "记经费收支"
        case .bookApproval: "审批经费收支"
        case .bookReverse: "冲销经费收支"
        case .budget: "编制经费预算"
        case .transfer: "登记银行到账"
        case .reconcile: "说明对账差异"
        }
    }
}
