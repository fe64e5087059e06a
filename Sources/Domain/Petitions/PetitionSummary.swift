/// The figures of petitions and rights (信访维权) and how the summary says them.

/// Petitions and rights (信访维权).
public struct PetitionFigures: Sendable, Equatable, Codable {
    public var received = 0
    public var transferred = 0
    public var direct = 0
    /// The body that transferred most of them (`市总工会`), for the sentence.
    public var transferBody: String?
    public var acceptanceDue = 0
    public var acceptanceOnTime = 0
    public var handlingDue = 0
    public var handlingOnTime = 0
    public var overdue = 0
    /// Each deadline kind that fell due in the period, with how many were met in time.
    public var deadlines: [DeadlineRecord] = []
    public var groupPetitions = 0
    public var groupPeople = 0
    public var mediations = 0
    public var mediationsDecided = 0
    public var mediationAgreements = 0
    public var mediationAmount = 0
    public var wagesWorkers = 0
    public var wagesMigrants = 0
    public var wagesAmount = 0
    public var injuryWorkers = 0
    public var injuryMigrants = 0
    public var injuryAmount = 0

    public init() {}

    public var isEmpty: Bool { received == 0 && mediations == 0 && wagesWorkers == 0 && injuryWorkers == 0 }

    /// “全部及时处理和回复” rests on every deadline a petition has — acceptance, the answer, the reply to the
    /// transferring body, the 复查 and 复核 answers — and on none being overdue now; answers must have fallen due.
    public var allHandledInTime: Bool {
        handlingDue > 0 && handlingOnTime == handlingDue && acceptanceOnTime == acceptanceDue && overdue == 0
            && deadlines.allSatisfy { $0.onTime == $0.due }
    }

    /// The deadline kinds missed in the period besides the answers (办理、复查、复核答复, which 按期办结率 counts), with
    /// how many: a late acceptance notice, a late reply to the transferring body.
    public var otherDeadlinesMissed: [(kind: PetitionDeadlineKind, count: Int)] {
        deadlines.filter { [.acceptance, .transferReply].contains($0.kind) && $0.onTime < $0.due }.map { ($0.kind, $0.due - $0.onTime) }
    }
}

/// One deadline kind over a period's petitions: how many fell due, and how many of those were met in time.
public struct DeadlineRecord: Sendable, Equatable, Codable {
    public var kind: PetitionDeadlineKind
    public var due: Int
    public var onTime: Int

    public init(kind: PetitionDeadlineKind, due: Int, onTime: Int) {
        self.kind = kind
        self.due = due
        self.onTime = onTime
    }
}

/// The period's petition figures beside the same period last year.
public struct PetitionSummary: SummaryTopic {
    public static let topic = "信访维权"
    public var now: PetitionFigures
    public var before: PetitionFigures?

    public init(now: PetitionFigures, before: PetitionFigures?) {
        self.now = now
        self.before = before
    }

    public func subsection(_ input: SummaryInput) -> Subsection? {
        let f = now
        var points: [Paragraph] = []
        if f.received > 0 {
            var s = SentenceBuilder()
            s.text("\(input.period.spoken)共收到信访事件")
            s.count(f.received, "宗", .petitionsReceived)
            if f.transferred > 0, f.direct > 0 {
                s.text("，其中\(f.transferBody ?? "上级工会")转办")
                s.count(f.transferred, "宗", .petitionsTransferred)
                s.text("，\(SummaryComposer.shortName(input.orgName))接访")
                s.count(f.direct, "宗", .petitionsDirect)
            }
            if f.allHandledInTime {
                s.text("，全部及时处理和回复")
            } else if f.handlingDue > 0 {
                s.text("，按期办结")
                s.count(f.handlingOnTime, "宗", .petitionsHandledOnTime)
                s.text("，按期办结率")
                s.percent(f.handlingOnTime, of: f.handlingDue, .petitionsHandledOnTime)
                for (kind, count) in f.otherDeadlinesMissed {
                    s.text("，\(kind.label)逾期")
                    s.count(count, "宗")
                }
            }
            s.change(f.received, since: before?.received, unit: "宗", what: "收到信访事件")
            s.text("。")
            points.append(Paragraph(key: "petitions.received", sentences: [s.sentence]))
        }
        if f.groupPetitions > 0 {
            var s = SentenceBuilder()
            s.text("妥善处置集体访")
            s.count(f.groupPetitions, "宗", .petitionsGroup)
            s.text("，涉及职工")
            s.count(f.groupPeople, "人", .petitionsGroupWorkers)
            s.text("。")
            points.append(Paragraph(key: "petitions.group", sentences: [s.sentence]))
        }
        if f.mediations > 0 {
            var s = SentenceBuilder()
            s.text("开展劳动争议调解")
            s.count(f.mediations, "宗", .mediationsTotal)
            if f.mediationsDecided > 0 {
                s.text("，调解成功")
                s.count(f.mediationAgreements, "宗", .mediationsAgreements)
                s.text("，调解成功率")
                s.percent(f.mediationAgreements, of: f.mediationsDecided, .mediationsAgreements)
            }
            if f.mediationAmount > 0 {
                s.text("，涉及金额")
                s.money(f.mediationAmount, .mediationsAmount)
            }
            s.text("。")
            points.append(Paragraph(key: "petitions.mediation", sentences: [s.sentence]))
        }
        if f.wagesWorkers > 0 || f.injuryWorkers > 0 {
            var s = SentenceBuilder()
            if f.wagesWorkers > 0 {
                helped(&s, workers: f.wagesWorkers, migrants: f.wagesMigrants, indicators: (.recoveriesWorkers, .recoveriesMigrants))
                s.text("追回拖欠工资")
                s.money(f.wagesAmount, .recoveriesWages)
            }
            if f.injuryWorkers > 0 {
                s.text(f.wagesWorkers > 0 ? "；" : "")
                helped(&s, workers: f.injuryWorkers, migrants: f.injuryMigrants, indicators: (.recoveriesInjuryWorkers, .recoveriesInjuryMigrants))
                s.text("依法取得工伤赔偿")
                s.money(f.injuryAmount, .recoveriesInjury)
            }
            s.text("。")
            points.append(Paragraph(key: "petitions.recoveries", sentences: [s.sentence]))
        }
        return points.isEmpty ? nil : Subsection(key: "petitions", title: "维护职工合法权益", points: points)
    }

    /// `协助20名农民工` when all were migrant workers, otherwise `协助12名职工（其中农民工8名）`.
    func helped(_ s: inout SentenceBuilder, workers: Int, migrants: Int, indicators: (workers: IndicatorCode, migrants: IndicatorCode)) {
        s.text("协助")
        s.count(workers, "名", migrants == workers ? indicators.migrants : indicators.workers)
        if migrants == workers {
            s.text("农民工")
        } else if migrants > 0 {
            s.text("职工（其中农民工")
            s.count(migrants, "名", indicators.migrants)
            s.text("）")
        } else {
            s.text("职工")
        }
    }
}
