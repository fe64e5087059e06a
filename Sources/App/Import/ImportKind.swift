import Domain

/// What a roster file holds: members or employers. Decides the columns, the pipeline and the pages.
enum ImportKind: String, Sendable, Codable {
    case members, employers

    /// 会员 / 单位, in page titles and results.
    var noun: String { self == .members ? "会员" : "单位" }
    var unit: String { self == .members ? "人" : "家" }
    var writePermission: Permission { self == .members ? .memberWrite : .employerWrite }
    var uploadURL: SiteURL { self == .members ? .memberImport : .employerImport }
    var templateURL: SiteURL { self == .members ? .memberTemplate : .employerTemplate }
    var listURL: SiteURL { self == .members ? .members : .employers }
}
