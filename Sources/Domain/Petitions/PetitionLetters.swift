/// The letters a petition's handling puts on paper (信访工作条例): the written notice that it is accepted or not
/// accepted (Art. 23, within 15 days), the written answer with the way to ask for a review (Arts. 34–35), and the
/// reply to the body that transferred it. Each is laid out as the office prints it: title, reference, addressee,
/// body paragraphs, the issuing organisation and the date.
public enum PetitionLetterKind: String, Choice {
    case acceptance, refusal, reply, transferReply

    public var label: String {
        switch self {
        case .acceptance: "受理告知书"
        case .refusal: "不予受理告知书"
        case .reply: "答复意见书"
        case .transferReply: "转办事项办理情况回复"
        }
    }
}

/// What a letter says of its petition, read from the record.
public struct PetitionLetterFacts: Sendable, Equatable {
    public var number: String
    public var org: String
    public var petitioner: String
    public var receivedOn: CalendarDate
    public var source: PetitionSource
    public var category: String
    public var summary: String
    public var state: PetitionState
    public var acceptedOn: CalendarDate?
    /// The reason given for not accepting it.
    public var decisionNote: String?
    public var answeredOn: CalendarDate?
    public var replySummary: String?
    public var replyRef: String?
    public var transferBody: String?
    public var transferRef: String?
    public var transferRepliedOn: CalendarDate?
    public var handler: String
    public var rules: PetitionRules

    public init(
        number: String, org: String, petitioner: String, receivedOn: CalendarDate, source: PetitionSource, category: String, summary: String,
        state: PetitionState, acceptedOn: CalendarDate?, decisionNote: String?, answeredOn: CalendarDate?, replySummary: String?,
        replyRef: String?, transferBody: String?, transferRef: String?, transferRepliedOn: CalendarDate?, handler: String,
        rules: PetitionRules
    ) {
        (self.number, self.org, self.petitioner, self.receivedOn, self.source) = (number, org, petitioner, receivedOn, source)
        (self.category, self.summary, self.state, self.acceptedOn, self.decisionNote) = (category, summary, state, acceptedOn, decisionNote)
        (self.answeredOn, self.replySummary, self.replyRef) = (answeredOn, replySummary, replyRef)
        (self.transferBody, self.transferRef, self.transferRepliedOn) = (transferBody, transferRef, transferRepliedOn)
        (self.handler, self.rules) = (handler, rules)
    }

    /// The letters this petition can print now: each once the step it records is done.
    public var available: [PetitionLetterKind] {
        var out: [PetitionLetterKind] = []
        if acceptedOn != nil { out.append(.acceptance) }
        if state == .notAccepted { out.append(.refusal) }
        if answeredOn != nil, replySummary != nil { out.append(.reply) }
        if source == .transferred, transferBody != nil, acceptedOn != nil || state == .notAccepted { out.append(.transferReply) }
        return out
    }
}

public struct PetitionLetter: Sendable, Equatable, Codable {
    public var title: String
    /// 文号 or the register number, printed under the title.
    public var reference: String
    public var addressee: String
    public var paragraphs: [String]
    public var signature: String
    public var date: String
}

extension PetitionLetterFacts {
    /// The letter of `kind`, or nil while the step it records is not done.
    public func letter(_ kind: PetitionLetterKind, today: CalendarDate) -> PetitionLetter? {
        guard available.contains(kind) else { return nil }
        let about =
            source == .transferred
            ? "你（们）反映的\(category)问题（\(Self.brief(summary))），经\(transferBody ?? "上级机关")于\(receivedOn.chinese)转来本单位"
            : "你（们）于\(receivedOn.chinese)通过\(source.label)反映的\(category)问题（\(Self.brief(summary))）"
        switch kind {
        case .acceptance:
            guard let accepted = acceptedOn else { return nil }
            return PetitionLetter(
                title: "信访事项受理告知书", reference: number, addressee: petitioner + "：",
                paragraphs: [
                    about + "，经审查，符合受理条件，本单位已于\(accepted.chinese)予以受理。",
                    "本单位将自受理之日起\(rules.handlingDays)日内办结并书面答复；情况复杂的，经本单位负责人批准，可以适当延长办理期限，"
                        + "延长期限不超过\(rules.maxExtensionDays)日，并告知延期理由。",
                    "承办人：\(handler)。",
                ], signature: org, date: accepted.chinese)
        case .refusal:
            return PetitionLetter(
                title: "信访事项不予受理告知书", reference: number, addressee: petitioner + "：",
                paragraphs: [
                    about + "，经审查，不予受理。",
                    "理由：\(decisionNote ?? "")。",
                    "对依法应当通过诉讼、仲裁、行政复议等途径解决的事项，请依照有关法律、法规规定的程序向有关机关提出。",
                ], signature: org, date: today.chinese)
        case .reply:
            guard let answered = answeredOn, let text = replySummary else { return nil }
            return PetitionLetter(
                title: "信访事项答复意见书", reference: replyRef ?? number, addressee: petitioner + "：",
                paragraphs: [about + "，本单位\(acceptedOn.map { "已于\($0.chinese)受理，" } ?? "")经调查核实，现答复如下：", text]
                    + [
                        "如对本答复意见不服，可以自收到本意见书之日起\(rules.reviewRequestDays)日内，向本单位的上一级机关请求复查。"
                    ], signature: org, date: answered.chinese)
        case .transferReply:
            guard let body = transferBody else { return nil }
            let done: String
            if state == .notAccepted {
                done = "经审查，本单位不予受理，理由：\(decisionNote ?? "")，已书面告知信访人。"
            } else if let answered = answeredOn, let text = replySummary {
                done = "本单位于\(acceptedOn?.chinese ?? "")受理，于\(answered.chinese)书面答复信访人。办理情况：\(text)"
            } else {
                done = "本单位已于\(acceptedOn?.chinese ?? "")受理，正在办理，办结后另行回复。"
            }
            return PetitionLetter(
                title: "关于转办信访事项办理情况的回复", reference: transferRef.map { "转办文号：\($0)" } ?? number, addressee: body + "：",
                paragraphs: [
                    "你单位转来的\(petitioner)反映\(category)问题的信访事项（本单位登记号\(number)）已收悉。" + done, "特此回复。",
                ], signature: org, date: (transferRepliedOn ?? answeredOn ?? today).chinese)
        }
    }

    /// The matter in a few words: the summary's first sentence, at most 40 characters.
    static func brief(_ s: String) -> String {
        let first = s.split(whereSeparator: { "。；;\n".contains($0) }).first.map(String.init) ?? s
        return first.count > 40 ? String(first.prefix(40)) + "……" : first
    }
}
