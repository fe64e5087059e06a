import Foundation
import Testing

@testable import Domain

@Suite("Passwords, lockout and sessions") struct AuthRuleTests {
    let policy = PasswordPolicy(common: ["password1!", "p@ssw0rd"])

    @Test("length 7 is refused; 8, 64 and 128 are accepted; 129 is refused")
    func lengths() throws {
        #expect(throws: FieldError.self) { try policy.validate("Ab1!xyz") }
        for n in [8, 64, 128] { try policy.validate("Ab1!" + String(repeating: "x", count: n - 4)) }
        #expect(throws: FieldError.self) { try policy.validate("Ab1!" + String(repeating: "x", count: 125)) }
    }

    @Test("three character classes, not common, not containing the user name")
    func rules() throws {
        #expect(throws: FieldError.self) { try policy.validate("abcdefgh1") }
        try policy.validate("abcdefg1!")
        try policy.validate("工会工作台Ab1")
        #expect(throws: FieldError.self) { try policy.validate("P@ssw0rd") }
        #expect(throws: FieldError.self) { try policy.validate("Staff#2026", username: "staff") }
    }

    @Test("expiry after 90 days, off at 0")
    func expiry() {
        let t0 = Date(timeIntervalSince1970: 0)
        #expect(!policy.isExpired(changedAt: t0, now: t0.addingTimeInterval(89 * 86_400)))
        #expect(policy.isExpired(changedAt: t0, now: t0.addingTimeInterval(91 * 86_400)))
        #expect(!PasswordPolicy(maxAgeDays: 0).isExpired(changedAt: t0, now: t0.addingTimeInterval(1e9)))
    }

    @Test("five failures within 15 minutes lock for 15 minutes from the fifth")
    func lockout() {
        let l = LockoutPolicy()
        let t0 = Date(timeIntervalSince1970: 1_000_000)
        let four = (0..<4).map { t0.addingTimeInterval(Double($0) * 60) }
        #expect(l.lockedUntil(failures: four, now: t0.addingTimeInterval(300)) == nil)
        let five = four + [t0.addingTimeInterval(600)]
        #expect(l.lockedUntil(failures: five, now: t0.addingTimeInterval(700)) == t0.addingTimeInterval(600 + 900))
        #expect(l.lockedUntil(failures: five, now: t0.addingTimeInterval(1501)) == nil)
        let spread = (0..<5).map { t0.addingTimeInterval(Double($0) * 400) }
        #expect(l.lockedUntil(failures: spread, now: t0.addingTimeInterval(1700)) == nil)
    }

    @Test("sessions end after 30 idle minutes or 12 hours")
    func session() {
        let s = SessionPolicy()
        let t0 = Date(timeIntervalSince1970: 0)
        #expect(s.isAlive(createdAt: t0, lastSeenAt: t0, now: t0.addingTimeInterval(1799)))
        #expect(!s.isAlive(createdAt: t0, lastSeenAt: t0, now: t0.addingTimeInterval(1801)))
        #expect(!s.isAlive(createdAt: t0, lastSeenAt: t0.addingTimeInterval(43_000), now: t0.addingTimeInterval(43_201)))
    }

    @Test("roles: leaders only read, officers cannot edit the tree, admins do everything")
    func roles() {
        #expect(Role.leader.may(.memberRead) && !Role.leader.may(.memberWrite) && !Role.leader.may(.memberReveal))
        #expect(Role.unionOfficer.may(.memberWrite) && !Role.unionOfficer.may(.orgWrite))
        #expect(!Role.federationStaff.may(.auditRead) && !Role.federationStaff.may(.employerForceCode))
        let all = Permission.accounts + Permission.organizations + Permission.members + Permission.relief + Permission.petitions
            + Permission.reports
        #expect(all.allSatisfy { Role.admin.may($0) })
        #expect(Set(all.map(\.code)).count == all.count, "every permission has its own code")
        #expect(all.filter(\.isReveal) == [.memberReveal, .reliefReveal, .petitionReveal])
        #expect(!Role.leader.may(.reliefApply) && Role.unionOfficer.may(.reliefApply) && !Role.unionOfficer.may(.reliefReview))
    }
}

@Suite("Dates, terms and bands") struct CalendarTests {
    @Test(
        "dates as Excel users type them",
        arguments: [
            ("2023-05-01", "2023-05-01"), ("2023/5/1", "2023-05-01"), ("2023.5.1", "2023-05-01"), ("2023年5月1日", "2023-05-01"),
            ("２０２３－０５－０１", "2023-05-01"),
        ])
    func parse(_ text: String, _ iso: String) {
        #expect(CalendarDate(parsing: text)?.iso == iso)
    }

    @Test(
        "impossible dates are refused", arguments: ["2023-02-29", "2023-13-01", "23-5-1", "2023-5", "abc", "99999999999999999999-01-01", "2023-05-01-01"])
    func refuse(_ text: String) {
        #expect(CalendarDate(parsing: text) == nil)
    }

    @Test("typed dates must lie in the accepted years (1900–2100 by default); date arithmetic stops at the ends, never fails")
    func ranges() throws {
        #expect(throws: FieldError.self) { try Input.date("9999-12-31", field: "to", label: "结束日期") }
        #expect(throws: FieldError.self) { try Input.date("1899-12-31", field: "from", label: "开始日期") }
        #expect(try Input.date("2100-12-31", field: "to", label: "结束日期")?.iso == "2100-12-31")
        let end = CalendarDate(year: 9999, month: 12, day: 31)!
        #expect(end.adding(days: 1) == end && end.adding(days: Int.max) == end && end.adding(years: Int.max) == end)
        #expect(end.adding(months: Int.max) == end && end.adding(months: Int.min) == CalendarDate.earliest)
        #expect(CalendarDate.earliest.adding(days: Int.min) == CalendarDate.earliest)
        #expect(CalendarDate(year: 2024, month: 2, day: 29)!.adding(years: 1).iso == "2025-02-28")
        #expect(CalendarDate(year: 2026, month: 1, day: 31)!.adding(months: 1).iso == "2026-02-28")
        #expect(CalendarDate(dayNumber: Int.max) == end && CalendarDate(dayNumber: Int.min) == CalendarDate.earliest)
        // Day numbers round-trip across the whole representable range.
        for n in stride(from: CalendarDate.earliest.dayNumber, through: end.dayNumber, by: 997) {
            #expect(CalendarDate(dayNumber: n).dayNumber == n)
        }
    }

    @Test("re-election falls due 3 or 5 years after the election; 29 February falls back")
    func reElection() {
        let d = CalendarDate(year: 2024, month: 2, day: 29)!
        #expect(CommitteeTerm.five.reElectionDue(electedOn: d).iso == "2029-02-28")
        #expect(CommitteeTerm.three.reElectionDue(electedOn: CalendarDate(year: 2023, month: 5, day: 1)!).iso == "2026-05-01")
        let today = CalendarDate(year: 2026, month: 11, day: 26)!
        #expect(ReElectionState.of(due: CalendarDate(year: 2026, month: 11, day: 1), today: today) == .overdue)
        #expect(ReElectionState.of(due: CalendarDate(year: 2027, month: 3, day: 1), today: today) == .dueSoon)
        #expect(ReElectionState.of(due: CalendarDate(year: 2028, month: 3, day: 1), today: today) == .current)
        #expect(ReElectionState.of(due: nil, today: today) == .unknown)
        #expect(CalendarDate(year: 2026, month: 3, day: 31)!.adding(months: -1).iso == "2026-02-28")
    }

    @Test(
        "size bands by headcount",
        arguments: [(0, SizeBand.under8), (7, .under8), (8, .from8), (24, .from8), (25, .from25), (99, .from50), (100, .from100)])
    func bands(_ n: Int, _ band: SizeBand) {
        #expect(SizeBand(headcount: n) == band)
    }
}

@Suite("Member input") struct MemberInputTests {
    let today = CalendarDate(year: 2026, month: 11, day: 26)!

    @Test("all failing fields are reported together, each by name")
    func collectsAll() {
        let input = MemberInput(name: "", idNumber: "123", phone: "12", unionId: nil, joinDate: "2030-01-01")
        #expect {
            try input.validate(today: today)
        } throws: { error in
            let fields = Set((error as? FieldErrors)?.errors.map(\.field) ?? [])
            return fields == ["name", "idNumber", "phone", "unionId", "joinDate"]
        }
    }

    @Test("derives birth date and gender; a contradicting gender is refused")
    func derives() throws {
        let ok = try MemberInput(name: "王芳", idNumber: "11010519491231002X", gender: "女", unionId: "3").validate(today: today)
        #expect(ok.idNumber.gender == .female && ok.joinDate == today && ok.ethnicity == "汉族")
        #expect(throws: FieldErrors.self) {
            try MemberInput(name: "王芳", idNumber: "11010519491231002X", gender: "男", unionId: "3").validate(today: today)
        }
    }

    @Test("a failing credit code is forced only with the permission and a reason")
    func forceCode() throws {
        let bad = EmployerInput(name: "旧厂", creditCode: "91350100M0001TGQXM", headcount: "10", orgId: "1")
        #expect(throws: FieldErrors.self) { try bad.validate(mayForce: true, today: CalendarDate(clamping: 2026, 11, 19)) }
        var forced = bad
        forced.forceCode = "on"
        #expect(throws: FieldErrors.self) { try forced.validate(mayForce: false, today: CalendarDate(clamping: 2026, 11, 19)) }
        #expect(throws: FieldErrors.self) { try forced.validate(mayForce: true, today: CalendarDate(clamping: 2026, 11, 19)) }
        forced.forceReason = "福建早期试点代码"
        let f = try forced.validate(mayForce: true, today: CalendarDate(clamping: 2026, 11, 19))
        #expect(f.creditCode == "91350100M0001TGQXM" && f.forcedReason == "福建早期试点代码")
    }
}
