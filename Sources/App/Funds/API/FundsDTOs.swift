import Domain
import Vapor

struct ReceiptDTO: Content {
    var id: Int
    var employerId: Int
    var employer: String
    var month: String
    var base: Int
    var amount: Int
    var stream: String
    var channel: String
    var receivedOn: String
    var reversesId: Int?
    var note: String?
    var imported: Bool

    init(_ r: DuesReceipt) {
        id = r.id ?? 0
        employerId = r.$employer.id
        employer = r.$employer.value?.name ?? ""
        month = r.month
        base = r.base
        amount = r.amount
        stream = r.stream
        channel = r.channel
        receivedOn = r.receivedOn
        reversesId = r.reversesID
        note = r.note
        imported = r.sourceKey != nil
    }
}

struct PayerDTO: Content {
    var id: Int
    var employerId: Int
    var since: String
    var endsWith: String?
    var base: Int
    var channel: String

    init(_ p: DuesPayer) {
        id = p.id ?? 0
        employerId = p.$employer.id
        since = p.since
        endsWith = p.endsWith
        base = p.base
        channel = p.channel
    }
}

struct FormalityDTO: Content {
    var employerId: Int
    var on: String
    var done: [String]
    var complete: Bool

    init(_ f: ReturnFormality) {
        employerId = f.$employer.id
        on = f.onDate
        done = f.items
        complete = f.complete
    }
}

struct ArrearsDTO: Content {
    struct Line: Content {
        var month: String
        var assessed: Int
        var received: Int
        var owed: Int
        var due: String
        var daysOverdue: Int
        var age: String
        var lateFee: Int
    }

    var employerId: Int
    var employer: String
    var owed: Int
    var lines: [Line]

    init(_ e: DuesArrearsList.Employer) {
        employerId = e.id
        employer = e.name
        owed = e.owed
        lines = e.lines.map {
            Line(
                month: $0.month.iso, assessed: $0.assessed, received: $0.received, owed: $0.owed, due: $0.due.iso, daysOverdue: $0.daysOverdue,
                age: $0.age.rawValue, lateFee: $0.lateFee)
        }
    }
}

struct ReturnBatchDTO: Content {
    struct Line: Content {
        var employerId: Int
        var employer: String
        var union: String?
        var received: Int
        var sharePercent: Int
        var amount: Int
    }

    var id: Int
    var number: String
    var madeOn: String
    var from: String
    var to: String
    var total: Int
    var status: String
    var paidOn: String?
    var lines: [Line]?

    init(_ b: ReturnBatch, lines: [Returns.LineRow]? = nil) {
        id = b.id ?? 0
        number = b.number
        madeOn = b.madeOn
        from = b.fromMonth
        to = b.toMonth
        total = b.total
        status = b.status
        paidOn = b.paidOn
        self.lines = lines?.map {
            Line(employerId: $0.employer_id, employer: $0.employer, union: $0.union_name, received: $0.received, sharePercent: $0.share_percent, amount: $0.amount)
        }
    }
}
extension FundsFigures: Content {}
