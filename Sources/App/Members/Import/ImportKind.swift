import Domain

/// What a roster file holds: members, employers or hardship files. Decides the columns, the pipeline and the pages.
enum ImportKind: String, Sendable, Codable, CaseIterable {
    case members, employers, hardship

    /// 会员 / 单位 / 困难职工档案, in page titles and results.
    var noun: String {
        switch self {
        case .members: "会员"
        case .employers: "单位"
        case .hardship: "困难职工档案"
        }
    }

    var unit: String {
        switch self {
        case .members: "人"
        case .employers: "家"
        case .hardship: "户"
        }
    }

    var title: String {
        switch self {
        case .members: "导入会员名册"
        case .employers: "导入单位名录"
        case .hardship: "导入困难职工档案"
        }
    }

    var templateName: String {
        switch self {
        case .members: "会员名册导入模板.xlsx"
        case .employers: "单位名录导入模板.xlsx"
        case .hardship: "困难职工档案导入模板.xlsx"
        }
    }

    /// Hardship files are only added (an archive is edited on its own page); the others may update what exists.
    var hasModes: Bool { self != .hardship }

    var writePermission: Permission {
        switch self {
        case .members: .memberWrite
        case .employers: .employerWrite
        case .hardship: .reliefApply
        }
    }

    var readPermission: Permission {
        switch self {
        case .members: .memberRead
        case .employers: .employerRead
        case .hardship: .reliefRead
        }
    }

    var uploadURL: SiteURL {
        switch self {
        case .members: .memberImport
        case .employers: .employerImport
        case .hardship: .reliefFileImport
        }
    }

    var templateURL: SiteURL {
        switch self {
        case .members: .memberTemplate
        case .employers: .employerTemplate
        case .hardship: .reliefFileTemplate
        }
    }

    var listURL: SiteURL {
        switch self {
        case .members: .members
        case .employers: .employers
        case .hardship: .reliefFiles
        }
    }
}
