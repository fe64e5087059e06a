/// The figures of hardship assistance (困难帮扶) and how the summary says them.

/// Hardship assistance (困难帮扶).
public struct ReliefFigures: Sendable, Equatable, Codable {
    public struct Kind: Sendable, Equatable, Codable {
        public var code: String
        public var label: String
        public var people: Int
        public var visits: Int
        public var money: Int

        public init(code: String, label: String, people: Int, visits: Int, money: Int) {
            self.code = code
            self.label = label
            self.people = people
            self.visits = visits
            self.money = money
        }
    }

    public var people = 0
    public var households = 0
    public var visits = 0
    public var money = 0
    public var byKind: [Kind] = []
    public var applicationsMade = 0
    public var applicationsApproved = 0
    public var applicationsReported = 0
    public var filesOpened = 0
    public var filesExited = 0
    public var filesOpen = 0
    public var filesOverdueRecheck = 0

    public init() {}

    public var isEmpty: Bool { people == 0 && applicationsMade == 0 && filesOpened == 0 }
}

/// The period's relief figures beside the same period last year.
public struct ReliefSummary: SummaryTopic {
    public static let topic = "困难职工帮扶"
    public var now: ReliefFigures
    public var before: ReliefFigures?

    public init(now: ReliefFigures, before: ReliefFigures?) {
        self.now = now
        self.before = before
    }

    public func subsection(_ input: SummaryInput) -> Subsection? {
        let f = now
        var points: [Paragraph] = []
        if f.people > 0 {
            var s = SentenceBuilder()
            s.text("\(input.period.spoken)共帮扶困难职工")
            s.count(f.people, "人", .reliefPeople)
            if f.households > 0 {
                s.text("（")
                s.count(f.households, "户", .reliefHouseholds)
                s.text("）")
            }
            if f.visits > f.people {
                s.text("，")
                s.count(f.visits, "人次", .reliefVisits)
            }
            s.text("，发放帮扶资金")
            s.money(f.money, .reliefMoney)
            s.change(f.money, since: before?.money, unit: "元")
            s.text("。")
            var sentences = [s.sentence]
            let kinds = f.byKind.filter { $0.people > 0 }
            if kinds.count > 1 {
                var k = SentenceBuilder()
                k.text("其中")
                for (i, kind) in kinds.enumerated() {
                    if i > 0 { k.text("；") }
                    k.text(kind.label)
                    let code = ReliefKind(rawValue: kind.code)
                    k.count(kind.people, "人", code.map(IndicatorCode.reliefPeople))
                    k.text("，")
                    k.money(kind.money, code.map(IndicatorCode.reliefMoney))
                }
                k.text("。")
                sentences.append(k.sentence)
            }
            points.append(Paragraph(key: "relief.people", sentences: sentences))
        }
        if f.applicationsMade > 0 {
            var s = SentenceBuilder()
            s.text("共受理困难职工帮扶申请")
            s.count(f.applicationsMade, "件", .reliefApplications)
            s.text("，审核通过")
            s.count(f.applicationsApproved, "件", .reliefApproved)
            if f.applicationsReported > 0 {
                s.text("，上报上级工会")
                s.count(f.applicationsReported, "件", .reliefReported)
            }
            s.text("。")
            points.append(Paragraph(key: "relief.applications", sentences: [s.sentence]))
        }
        if f.filesOpened > 0 || f.filesExited > 0 {
            var s = SentenceBuilder()
            var first = true
            if f.filesOpened > 0 {
                s.text("新建困难职工档案")
                s.count(f.filesOpened, "户", .reliefFilesOpened)
                first = false
            }
            if f.filesExited > 0 {
                s.text(first ? "" : "，")
                s.count(f.filesExited, "户", .reliefFilesExited)
                s.text("困难职工家庭实现解困脱困")
            }
            s.text("，现有在档困难职工")
            s.count(f.filesOpen, "户", .reliefFilesOpen)
            s.text("。")
            points.append(Paragraph(key: "relief.files", sentences: [s.sentence]))
        }
        return points.isEmpty ? nil : Subsection(key: "relief", title: "困难职工帮扶", points: points)
    }
}
