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

/// Where an indicator stands against its target.
public struct TargetProgress: Sendable, Equatable, Codable {
    public var target: Int
    public var actual: Int?
    public var met: Bool
    /// How many more records (or fen) reach the target: for a rate, the numerator still missing
    /// (`ceil(target% × denominator) − numerator`); nil when met.
    public var shortfall: Int?

    public init(target: Int, value: IndicatorValue, kind: IndicatorDefinition.Kind) {
        self.target = target
        actual = value.value
        switch kind {
        case .rate:
            let denominator = value.denominator ?? 0
            let needed = (target * denominator + 99) / 100
            shortfall = value.numerator < needed ? needed - value.numerator : nil
            met = shortfall == nil
        case .count, .money:
            shortfall = value.numerator < target ? target - value.numerator : nil
            met = shortfall == nil
        }
    }
}
