/// The figures of organisation building (组织建设) and how the summary says them.

/// Organisation building (组织建设): unions, members, coverage of employers, re-elections.
public struct OrganizationFigures: Sendable, Equatable, Codable {
    /// Counts as of the period's end (or today, while it runs), and what is new in it.
    public var unions = 0
    public var newUnions = 0
    public var members = 0
    public var newMembers = 0
    /// Employers with at least 8 / 25 employees, and of those how many have a union (组建率).
    public var employers8 = 0
    public var employers8WithUnion = 0
    public var employers25 = 0
    public var employers25WithUnion = 0
    /// Re-elections held in the period, and unions now past their term.
    public var reElectionsHeld = 0
    public var reElectionsOverdue = 0

    public init() {}
}

extension OrganizationFigures: SummaryTopic {
    public static let topic = "组织建设"

    public func subsection(_ input: SummaryInput) -> Subsection? {
        let f = self
        var points: [Paragraph] = []
        if (input.isFederation && f.unions > 0) || f.members > 0 {
            var s = SentenceBuilder()
            s.text("截至\(input.asOf.chinese)，")
            if input.isFederation, f.unions > 0 {
                s.text("共有基层工会组织")
                s.count(f.unions, "个", .orgUnions)
                if f.newUnions > 0 {
                    s.text("（其中\(input.period.spoken)新建工会")
                    s.count(f.newUnions, "个", .orgUnionsFounded)
                    s.text("）")
                }
                if f.members > 0 { s.text("，会员") }
            } else {
                s.text("本会现有会员")
            }
            if f.members > 0 { s.count(f.members, "人", .membersTotal) }
            if f.newMembers > 0 {
                s.text("，\(input.period.spoken)新发展会员")
                s.count(f.newMembers, "人", .membersNew)
            }
            s.text("。")
            points.append(Paragraph(key: "organization.members", sentences: [s.sentence]))
        }
        // Coverage and the re-elections of unions are the federation's work: a grassroots union's own summary leaves them out.
        if input.isFederation, f.employers8 > 0 {
            var s = SentenceBuilder()
            s.text("8人以上企业")
            s.count(f.employers8, "家", .orgCoverage8)
            s.text("，已建会")
            s.count(f.employers8WithUnion, "家", .orgCoverage8)
            s.text("，工会组建率")
            s.percent(f.employers8WithUnion, of: f.employers8, .orgCoverage8)
            if f.employers25 > 0 {
                s.text("；25人以上企业工会组建率")
                s.percent(f.employers25WithUnion, of: f.employers25, .orgCoverage25)
            }
            s.text("。")
            points.append(Paragraph(key: "organization.coverage", sentences: [s.sentence]))
        }
        if input.isFederation, f.reElectionsHeld > 0 {
            var s = SentenceBuilder()
            s.text("按期完成")
            s.count(f.reElectionsHeld, "个", .orgReElectionsHeld)
            s.text("基层工会换届选举工作。")
            points.append(Paragraph(key: "organization.reElections", sentences: [s.sentence]))
        }
        return points.isEmpty ? nil : Subsection(key: "organization", title: "基层组织建设", points: points)
    }
}
