import Domain
import Vapor

/// A receipt as lists show it.
struct ReceiptRow: Sendable {
    static let columns = ["所属期", "单位", "计缴工资总额（元）", "金额（元）", "类别", "方式", "到账日期"]
    var cells: [String]
    var url: String
    var reversal: Bool

    init(_ r: DuesReceipt) {
        reversal = r.reversesID != nil
        cells = [
            Month(parsing: r.month)?.chinese ?? r.month, r.employer.name, r.base > 0 ? Money.yuan(r.base) : "", Money.yuan(r.amount),
            r.duesStream.label, reversal ? "冲销" : r.duesChannel.label, r.receivedOn,
        ]
        url = SiteURL.fundsReceipt(r.id).path
    }

    var tableRow: RecordTable.Row { .init(cells: cells, url: url) }

    var pageRow: RecordPage.Row {
        .init(
            cells: cells.enumerated().map { i, text in
                RecordPage.Cell(
                    text, url: i == 0 ? url : nil, badge: i == 5 && reversal ? Badge(label: "冲销", cls: "badge warn") : nil, num: i == 2 || i == 3)
            })
    }
}

/// The funds headline of a subtree for a year to date, each figure linked to its records.
enum FundsHeadline {
    static func figures(_ f: FundsFigures, year: Int) -> [RecordPage.Figure] {
        func link(_ code: IndicatorCode) -> String { SiteURL.indicator(code).path + "?year=\(year)" }
        return [
            .init(label: "缴交工会经费的企业", value: "\(f.payingEmployers)间", url: link(.fundsPayingEmployers)),
            .init(label: "已完善返还手续", value: "\(f.returnsComplete)间", url: link(.fundsReturnsComplete)),
            .init(label: "尚未完善返还手续", value: "\(f.returnsIncomplete)间", url: link(.fundsReturnsIncomplete)),
            .init(label: "收到工会经费", value: Money.phrase(f.received), url: link(.fundsReceived)),
            .init(label: "月均缴费", value: Money.phrase(f.monthlyAverage), url: link(.fundsMonthlyAverage)),
            .init(label: "欠缴单位", value: "\(f.arrearsEmployers)间", url: link(.fundsArrearsEmployers)),
            .init(label: "欠缴金额", value: Money.phrase(f.arrears), url: link(.fundsArrears)),
            .init(label: "返还基层工会", value: Money.phrase(f.returned), url: link(.fundsReturned)),
        ]
    }
}

extension DuesArrearsList.Employer {
    var pageRow: RecordPage.Row {
        .init(cells: [
            RecordPage.Cell(name, url: SiteURL.fundsEmployer(id).path), RecordPage.Cell(channel.label), RecordPage.Cell(String(lines.count), num: true),
            RecordPage.Cell(Money.yuan(owed), num: true), RecordPage.Cell(oldest?.month.chinese ?? ""),
            RecordPage.Cell(oldest?.age.label ?? "", badge: (oldest?.daysOverdue ?? 0) > 90 ? Badge(label: "超过90天", cls: "badge bad") : nil),
            RecordPage.Cell(lateFee > 0 ? Money.yuan(lateFee) : "", num: true),
        ])
    }

    static let columns = ["单位名称", "缴费方式", "欠缴月数", "欠缴金额（元）", "最早欠缴所属期", "账龄", "滞纳金（元）"]
}
