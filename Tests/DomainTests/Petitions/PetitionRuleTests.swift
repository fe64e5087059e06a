import Testing

@testable import Domain

@Suite("Petition deadlines") struct PetitionDeadlineTests {
    func d(_ s: String) throws -> CalendarDate { try #require(CalendarDate(parsing: s)) }

    @Test("acceptance within 15 days, handling within 60 of acceptance: across month ends and leap years")
    func basic() throws {
        var p = PetitionDates(received: try d("2024-02-20"))
        var all = PetitionDeadlines.all(p, today: try d("2024-02-21"))
        #expect(all.map(\.kind) == [.acceptance])
        #expect(all[0].due == (try d("2024-03-06")))  // 2024 is a leap year: 9 days of February left, then 6 of March
        #expect(all[0].state == .open && all[0].daysLeft == 14)
        #expect(
            PetitionDeadlines.all(PetitionDates(received: try d("2023-02-20")), today: try d("2023-02-21"))[0].due == (try d("2023-03-07")))
        #expect(PetitionDeadlines.all(p, today: try d("2024-03-04"))[0].state == .dueSoon)
        #expect(PetitionDeadlines.all(p, today: try d("2024-03-06"))[0].state == .dueSoon)
        #expect(PetitionDeadlines.all(p, today: try d("2024-03-07"))[0].state == .overdue)
        p.accepted = try d("2024-03-01")
        all = PetitionDeadlines.all(p, today: try d("2024-03-10"))
        #expect(all[0].state == .met)
        let handlingDue = try d("2024-04-30")
        #expect(all[1].kind == .handling && all[1].due == handlingDue)
        p.answered = try d("2024-05-02")
        #expect(PetitionDeadlines.all(p, today: try d("2024-05-03"))[1].state == .missed)
        var yearEnd = PetitionDates(received: try d("2026-12-20"))
        yearEnd.accepted = try d("2026-12-31")
        #expect(PetitionDeadlines.all(yearEnd, today: try d("2026-12-31"))[1].due == (try d("2027-03-01")))
    }

    @Test("one extension of at most 30 days, with a reason and an approver, before the limit passes")
    func extensions() throws {
        var p = PetitionDates(received: try d("2026-01-05"))
        #expect(throws: FieldError.self) {
            try PetitionDeadlines.checkExtension(p, days: 30, reason: "复杂", approver: "主席", on: try d("2026-01-06"))
        }
        p.accepted = try d("2026-01-10")
        try PetitionDeadlines.checkExtension(p, days: 30, reason: "涉及多家单位，需联合调查", approver: "镇总工会主席", on: try d("2026-03-01"))
        #expect(throws: FieldError.self) {
            try PetitionDeadlines.checkExtension(p, days: 31, reason: "x", approver: "y", on: try d("2026-03-01"))
        }
        #expect(throws: FieldError.self) {
            try PetitionDeadlines.checkExtension(p, days: 10, reason: " ", approver: "y", on: try d("2026-03-01"))
        }
        #expect(throws: FieldError.self) {
            try PetitionDeadlines.checkExtension(p, days: 10, reason: "x", approver: nil, on: try d("2026-03-01"))
        }
        // The limit (2026-03-11) has passed.
        #expect(throws: FieldError.self) {
            try PetitionDeadlines.checkExtension(p, days: 10, reason: "x", approver: "y", on: try d("2026-03-12"))
        }
        p.extensionDays = 30
        #expect(PetitionDeadlines.all(p, today: try d("2026-03-20"))[1].due == (try d("2026-04-10")))
        #expect(throws: FieldError.self) {
            try PetitionDeadlines.checkExtension(p, days: 5, reason: "x", approver: "y", on: try d("2026-03-20"))
        }
    }

    @Test("复查 within 30 days of the answer and 复核 within 30 of the 复查 answer, each answered in 30; nothing after 复核")
    func reopenings() throws {
        var p = PetitionDates(received: try d("2026-01-05"))
        p.accepted = try d("2026-01-10")
        #expect(throws: FieldError.self) { try PetitionDeadlines.checkReopening(p, on: try d("2026-02-01")) }
        p.answered = try d("2026-01-31")
        #expect(try PetitionDeadlines.checkReopening(p, on: try d("2026-03-02")) == .reviewAnswer)
        #expect(throws: FieldError.self) { try PetitionDeadlines.checkReopening(p, on: try d("2026-03-03")) }
        p.reviewRequested = try d("2026-02-15")
        #expect(PetitionDeadlines.all(p, today: try d("2026-03-16")).last?.state == .dueSoon)
        #expect(PetitionDeadlines.all(p, today: try d("2026-03-18")).last?.state == .overdue)
        #expect(throws: FieldError.self) { try PetitionDeadlines.checkReopening(p, on: try d("2026-03-01")) }
        p.reviewAnswered = try d("2026-03-10")
        #expect(try PetitionDeadlines.checkReopening(p, on: try d("2026-04-09")) == .recheckAnswer)
        p.recheckRequested = try d("2026-04-01")
        #expect(PetitionDeadlines.all(p, today: try d("2026-04-02")).last?.kind == .recheckAnswer)
        #expect(throws: FieldError.self) { try PetitionDeadlines.checkReopening(p, on: try d("2026-04-05")) }
    }

    @Test("a transferring body's reply date is tracked beside the statutory ones")
    func transferred() throws {
        var p = PetitionDates(received: try d("2026-11-02"))
        p.transferReplyDue = try d("2026-11-20")
        let all = PetitionDeadlines.all(p, today: try d("2026-11-18"))
        #expect(all.map(\.kind) == [.acceptance, .transferReply])
        #expect(all[1].state == .dueSoon && all[1].daysLeft == 2)
        #expect(PetitionRules().groupSize == 5)
    }
}
