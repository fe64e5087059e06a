import Domain

/// Where a summary figure leads: the register page listing the records it counts, filtered to the org's subtree
/// (the caller's scope) and the period where the page can filter so.
enum IndicatorLinks {
    static func url(_ indicator: String, period: ReportPeriod) -> String? {
        let range = "from=\(period.from.iso)&to=\(period.to.iso)"
        let register = SiteURL.petitionRegister.path + "?" + range
        switch indicator {
        case "petitions.received", "petitions.direct", "petitions.handledOnTime": return register
        case "petitions.transferred": return register + "&source=transferred"
        case "petitions.group": return register + "&group=on"
        case "petitions.overdue": return SiteURL.petitionRegister.path + "?alert=overdue"
        case "mediations.total", "mediations.agreements": return SiteURL.mediations.path
        case "recoveries.wages": return register + "&category=wages"
        case "recoveries.injury": return register + "&category=workInjury"
        case "relief.applications", "relief.approved", "relief.reported": return SiteURL.reliefApplications.path
        case "relief.filesOpened", "relief.filesExited", "relief.filesOpen": return SiteURL.reliefFiles.path
        case "relief.filesOverdueRecheck": return SiteURL.reliefFiles.path + "?alert=notReverified"
        case let s where s.hasPrefix("relief."): return SiteURL.relief.path + "?" + range
        case "members.total", "members.new": return SiteURL.members.path
        case "org.unions": return SiteURL.orgs.path
        case "employers.size8", "org.coverage8": return SiteURL.employers.path + "?minHeadcount=8"
        case "employers.size8.unionised": return SiteURL.employers.path + "?minHeadcount=8&hasUnion=yes"
        case "org.coverage25": return SiteURL.employers.path + "?minHeadcount=25"
        case "org.reElectionsOverdue", "org.reElectionsDue", "org.reElectionsHeld": return SiteURL.alerts.path + "?module=organizations"
        default: return nil
        }
    }
}
