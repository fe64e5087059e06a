/// The organization and member registers' indicators.
extension IndicatorCode {
    public static let orgUnions = IndicatorCode("org.unions")
    public static let orgUnionsFounded = IndicatorCode("org.unionsFounded")
    public static let orgCoverage8 = IndicatorCode("org.coverage8")
    public static let orgCoverage25 = IndicatorCode("org.coverage25")
    public static let orgReElectionsHeld = IndicatorCode("org.reElectionsHeld")
    public static let orgReElectionsOverdue = IndicatorCode("org.reElectionsOverdue")
    public static let orgReElectionsDue = IndicatorCode("org.reElectionsDue")
    public static let membersTotal = IndicatorCode("members.total")
    public static let membersNew = IndicatorCode("members.new")
    public static let membersRate = IndicatorCode("members.rate")
}

extension Indicators {
    public static let organization: [IndicatorDefinition] = [
        .init(.orgUnions, module: "organizations", name: "基层工会组织数", unit: "个", numerator: "期末（期中为今天）已成立、未撤销合并注销的基层工会，不含筹建中"),
        .init(.orgUnionsFounded, module: "organizations", name: "新建工会", unit: "个", numerator: "成立日期在期内的基层工会"),
        .init(
            .orgCoverage8, module: "organizations", name: "8人以上企业工会组建率", kind: .rate, unit: "%", numerator: "已建立工会的8人以上企业",
            denominator: "期末（期中为今天）职工8人以上的企业", gap: "尚未建立工会的8人以上企业", gapUnit: "家"),
        .init(
            .orgCoverage25, module: "organizations", name: "25人以上企业工会组建率", kind: .rate, unit: "%", numerator: "已建立工会的25人以上企业",
            denominator: "期末（期中为今天）职工25人以上的企业", gap: "尚未建立工会的25人以上企业", gapUnit: "家"),
        .init(.orgReElectionsHeld, module: "organizations", name: "完成换届的基层工会", unit: "个", numerator: "期内举行换届选举的基层工会（不含成立时的首次选举）"),
        .init(.orgReElectionsOverdue, module: "organizations", name: "届满未换届的基层工会", unit: "个", numerator: "期末（期中为今天）最近一届任期已届满的基层工会", direction: .limit),
        .init(.orgReElectionsDue, module: "organizations", name: "期内换届到期的基层工会", unit: "个", numerator: "任期在期内届满的基层工会"),
        .init(.membersTotal, module: "members", name: "会员人数", unit: "人", numerator: "期末（期中为今天）在册会员：在会及退休保留会籍，不含转出、退会、去世"),
        .init(.membersNew, module: "members", name: "新发展会员", unit: "人", numerator: "入会日期在期内的会员"),
        .init(
            .membersRate, module: "members", name: "入会率", kind: .rate, unit: "%", numerator: "已建会企业的在册会员",
            denominator: "已建会企业的职工人数"),
    ]
}
