/// A yearly target for an indicator (e.g. 8人以上企业工会组建率 100%) and where the indicator stands against it.
public struct TargetFields: Sendable, Equatable {
    public var indicator: IndicatorCode
    public var year: Int
    /// Whole percent for a rate, a count, or fen for money.
    public var value: Int
    public var note: String?
    /// The org the target is for (a node of the caller's subtree); nil is the caller's own.
    public var orgId: Int?

    public static let inputFields: [InputField] = [
        .init("orgId", .id), .init("indicator", required: true), .init("year", .integer, required: true),
        .init("value", required: true), .init("note"),
    ]

    /// `definition` is the indicator the form names (nil: unknown code), checked by the caller's registry.
    public static func validate(_ f: FormFields, definition: IndicatorDefinition?) throws(FieldErrors) -> TargetFields {
        var e = FieldErrors()
        let code = e.collect { () throws(FieldError) -> IndicatorCode in
            let c = try Input.required(f["indicator"], field: "indicator", name: "指标")
            guard let definition else { throw FieldError(field: "indicator", message: "指标“\(c)”不存在") }
            return definition.code
        }
        let year = e.collect { () throws(FieldError) -> Int in
            guard let y = try Input.int(f["year"], field: "year", label: "年度", range: 2000...2100) else {
                throw FieldError(field: "year", message: "年度不能为空")
            }
            return y
        }
        let value = e.collect { () throws(FieldError) -> Int in
            guard let d = definition else { return 0 }
            // A target in another unit than the indicator's is refused, saying which unit it takes.
            let typed = Text.compact(f["value"] ?? "")
            let percent = typed.hasSuffix("%") || typed.hasSuffix("％")
            if d.kind != .rate, percent {
                throw FieldError(
                    field: "value", message: "“\(d.name)”" + (d.kind == .money ? "是金额，目标值应写金额（如 5万）" : "按\(d.unit)计，目标值应为整数") + "，不是百分数")
            }
            if d.kind == .rate, typed.contains("万") || typed.contains("元") {
                throw FieldError(field: "value", message: "“\(d.name)”是比率，目标值应为百分数（如 100%），不是金额")
            }
            switch d.kind {
            case .money:
                guard let v = try Input.money(f["value"], field: "value", label: "目标值") else {
                    throw FieldError(field: "value", message: "目标值不能为空")
                }
                return v
            case .rate:
                let t = Text.compact(f["value"] ?? "").replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "％", with: "")
                guard let v = try Input.int(t, field: "value", label: "目标值（%）", range: 0...100) else {
                    throw FieldError(field: "value", message: "目标值不能为空")
                }
                return v
            case .count:
                guard let v = try Input.int(f["value"], field: "value", label: "目标值", range: 0...10_000_000) else {
                    throw FieldError(field: "value", message: "目标值不能为空")
                }
                return v
            }
        }
        let note = e.collect { () throws(FieldError) in try Input.text(f["note"], field: "note", label: "说明", max: 200) }
        let org = e.collect { () throws(FieldError) in try Input.id(f["orgId"], field: "orgId", label: "单位") }
        guard e.isEmpty, let code, let year, let value, let note, let org else { throw e }
        return TargetFields(indicator: code, year: year, value: value, note: note, orgId: org)
    }
}

/// Where an indicator stands against its target, the way the indicator points (`IndicatorDefinition.Direction`).
public struct TargetProgress: Sendable, Equatable, Codable {
    public var target: Int
    public var actual: Int?
    public var met: Bool
    public var direction: IndicatorDefinition.Direction
    /// How far from the target, in the indicator's own unit — records, fen, or for a rate percentage points (个百分点) —
    /// short of it (higher is better) or beyond it (lower is better, a limit); nil when met.
    public var gap: Int?
    /// For a rate to reach: the records still missing (`ceil(target% × denominator) − numerator`), what the rate's gap
    /// list shows; nil otherwise.
    public var recordsShort: Int?

    public init(target: Int, value: IndicatorValue, definition d: IndicatorDefinition) {
        self.target = target
        actual = value.value
        direction = d.direction
        recordsShort = nil
        switch (d.kind, d.direction.reaches) {
        case (.rate, true):
            let needed = (target * (value.denominator ?? 0) + 99) / 100
            recordsShort = value.numerator < needed ? needed - value.numerator : nil
            gap = recordsShort.map { _ in max(1, target - (value.value ?? 0)) }
        case (.rate, false):
            // Over the ceiling when numerator ÷ denominator > target%, compared without rounding.
            let over = value.numerator * 100 > target * (value.denominator ?? 0)
            gap = over ? max(1, (value.value ?? 0) - target) : nil
        case (.count, true), (.money, true):
            gap = value.numerator < target ? target - value.numerator : nil
        case (.count, false), (.money, false):
            gap = value.numerator > target ? value.numerator - target : nil
        }
        met = gap == nil
    }

    /// `尚差2个百分点`, `尚差1.5万元`, `超出目标1宗`; nil when met.
    public func gapPhrase(_ d: IndicatorDefinition) -> String? {
        guard let gap else { return nil }
        return (direction.reaches ? "尚差" : "超出目标") + Self.amount(gap, d)
    }

    /// A gap in the indicator's own unit: percentage points for a rate.
    public static func amount(_ gap: Int, _ d: IndicatorDefinition) -> String {
        switch d.kind {
        case .rate: "\(gap)个百分点"
        case .money: Money.phrase(gap)
        case .count: "\(gap)\(d.unit)"
        }
    }
}
