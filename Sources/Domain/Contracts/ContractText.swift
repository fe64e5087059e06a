/// The text of a collective contract drawn up from its record, one template per kind (集体合同规定 Arts. 8–17; the
/// special-topic contracts of 劳动合同法 Art. 52; 女职工劳动保护特别规定): the parties, the employers and workers covered,
/// the term, and for a wage agreement the rise and the lowest wage agreed. What the record lacks is left as a blank
/// line to fill in by hand, never invented.
public struct ContractText: Sendable, Equatable {
    public enum Line: Sendable, Equatable {
        case chapter(String)
        case clause(String)
        case signature(String)
    }

    public var title: String
    public var lines: [Line]

    /// What the template is filled from.
    public struct Facts: Sendable, Equatable {
        public var kind: ContractKind
        public var level: ContractLevel
        public var title: String
        public var union: String
        public var party: String
        public var covered: [String]
        public var workers: Int
        public var womenWorkers: Int?
        public var starts: CalendarDate
        public var ends: CalendarDate
        public var wageRise: Int?
        public var minimumWage: Int?
        public var signed: CalendarDate

        public init(
            kind: ContractKind, level: ContractLevel, title: String, union: String, party: String, covered: [String], workers: Int, womenWorkers: Int?,
            starts: CalendarDate, ends: CalendarDate, wageRise: Int?, minimumWage: Int?, signed: CalendarDate
        ) {
            self.kind = kind
            self.level = level
            self.title = title
            self.union = union
            self.party = party
            self.covered = covered
            self.workers = workers
            self.womenWorkers = womenWorkers
            self.starts = starts
            self.ends = ends
            self.wageRise = wageRise
            self.minimumWage = minimumWage
            self.signed = signed
        }
    }

    static let blank = "________"

    public static func compose(_ f: Facts) -> ContractText {
        var lines: [Line] = []
        var n = 0
        func clause(_ text: String) {
            n += 1
            lines.append(.clause("第\(ChineseNumeral.of(n))条　" + text))
        }
        var chapter = 0
        func chapterTitle(_ text: String) {
            chapter += 1
            lines.append(.chapter("第\(ChineseNumeral.of(chapter))章　" + text))
        }
        let scope = f.level.coversMany ? "本\(f.level.label)合同覆盖的企业（\(f.covered.isEmpty ? blank : f.covered.joined(separator: "、"))）" : f.party
        chapterTitle("总则")
        clause("为维护职工和企业的合法权益，建立和谐稳定的劳动关系，根据《中华人民共和国劳动法》《中华人民共和国劳动合同法》《中华人民共和国工会法》和《集体合同规定》等法律法规，\(f.union)（以下简称职工方）与\(f.party)（以下简称企业方）经平等协商，订立本合同。")
        clause("本合同适用于\(scope)及其全体职工，签订时覆盖职工\(f.workers)人\(f.womenWorkers.map { "，其中女职工\($0)人" } ?? "")。")
        clause("本合同约定的劳动标准不得低于法律法规规定的标准；企业与职工个人订立的劳动合同中劳动条件和劳动报酬等标准不得低于本合同的规定。")
        switch f.kind {
        case .wage:
            chapterTitle("工资分配")
            clause("本合同期内，职工工资总额（平均工资）增长幅度为\(f.wageRise.map(WageRise.text) ?? blank)。")
            clause("企业支付职工在法定工作时间内提供正常劳动的最低工资为每月\(f.minimumWage.map { Money.yuan($0) } ?? blank)元，不低于当地人民政府公布的最低工资标准。")
            clause("企业每月\(blank)日前以货币形式足额支付工资，不得克扣或者无故拖欠；安排加班的，依法支付加班工资。")
            clause("企业调整工资分配制度、工资标准前，应听取工会和职工代表的意见。")
        case .comprehensive:
            chapterTitle("劳动报酬")
            clause("企业依法确定工资分配制度，职工工资增长幅度为\(f.wageRise.map(WageRise.text) ?? blank)，最低工资为每月\(f.minimumWage.map { Money.yuan($0) } ?? blank)元，且不低于当地最低工资标准。")
            clause("企业按月以货币形式足额支付工资，不得克扣或者无故拖欠。")
            chapterTitle("工作时间和休息休假")
            clause("企业实行每日工作不超过8小时、每周不超过40小时的工时制度；因生产经营需要延长工作时间的，应与工会和职工协商，并依法支付加班工资。")
            clause("职工依法享受法定节假日、年休假、婚丧假、产假等假期。")
            chapterTitle("劳动安全卫生和保险福利")
            clause("企业建立健全劳动安全卫生制度，为职工提供符合国家标准的劳动条件和劳动防护用品，对从事有职业危害作业的职工定期进行健康检查。")
            clause("企业依法为职工缴纳社会保险费，按规定提取和使用职工福利费。")
            chapterTitle("女职工和未成年工特殊保护、职业技能培训")
            clause("企业按照《女职工劳动保护特别规定》保护女职工权益，不得安排未成年工从事禁忌劳动。")
            clause("企业按规定提取和使用职工教育经费，有计划地开展职业技能培训。")
        case .women:
            chapterTitle("女职工权益保护")
            clause("企业不得因结婚、怀孕、产假、哺乳等降低女职工工资、予以辞退或者与其解除劳动合同。")
            clause("女职工生育享受不少于98天产假，其中产前可以休假15天；难产的增加产假15天；生育多胞胎的，每多生育1个婴儿增加产假15天。")
            clause("怀孕7个月以上的女职工，企业不得延长劳动时间或者安排夜班劳动，并在劳动时间内安排一定的休息时间；孕期检查所需时间计入劳动时间。")
            clause("对哺乳未满1周岁婴儿的女职工，企业在每天的劳动时间内安排1小时哺乳时间；生育多胞胎的，每多哺乳1个婴儿每天增加1小时。")
            clause("企业每\(blank)年组织女职工进行一次妇科病、乳腺病检查，并根据需要设立女职工卫生室、孕妇休息室、哺乳室（母婴室）。")
            clause("企业预防和制止对女职工的性骚扰，畅通投诉渠道。")
        case .safety:
            chapterTitle("劳动安全卫生")
            clause("企业保障安全生产投入，建立健全安全生产责任制和劳动安全卫生制度，执行国家劳动安全卫生规程和标准。")
            clause("企业为职工免费提供符合国家标准的劳动防护用品，并监督教育职工正确佩戴使用。")
            clause("企业对从事接触职业病危害作业的职工进行上岗前、在岗期间和离岗时的职业健康检查，检查费用由企业承担。")
            clause("企业对职工进行安全生产教育培训，未经培训合格的不得上岗作业；工会依法对安全生产进行监督，职工有权拒绝违章指挥和强令冒险作业。")
        }
        chapterTitle("合同期限、履行和变更")
        clause("本合同期限自\(f.starts.chinese)起至\(f.ends.chinese)止。期满前三个月内，任何一方均可提出续签要求。")
        clause("双方每年至少一次向职工代表大会（或全体职工大会）报告本合同的履行情况，工会对合同履行情况进行监督。")
        clause("因法律法规变化或企业生产经营情况发生重大变化致使本合同无法履行的，经双方协商一致，可以变更或者解除本合同。")
        clause("因履行本合同发生争议，双方协商解决；协商不成的，可以依法申请劳动人事争议仲裁。")
        chapterTitle("附则")
        clause("本合同经职工代表大会（或全体职工大会）审议通过，由双方首席代表签字，自签字之日起10日内报送劳动保障行政部门审查；劳动保障行政部门自收到之日起15日内未提出异议的，本合同即行生效。")
        clause("本合同生效后10日内由双方向全体职工公布。本合同一式\(blank)份，双方各执\(blank)份，报劳动保障行政部门\(blank)份。")
        lines.append(.signature("职工方首席代表（签字）：\(blank)　　　　企业方首席代表（签字）：\(blank)"))
        lines.append(.signature("\(f.union)（盖章）　　　　\(f.party)（盖章）"))
        lines.append(.signature(f.signed.chinese))
        return ContractText(title: f.title, lines: lines)
    }
}
