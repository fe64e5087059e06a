import Domain
import Foundation
import Vapor

/// The local rules of hardship assistance (DOMAIN.md marks them local): 低保 lines by region and year, the medical
/// mutual-aid scheme, the second-approval threshold and the alert periods. Read once at start from the JSON file named
/// by `UNIONDESK_RELIEF_CONFIG`; without it the defaults below apply (the demo township's figures).
struct ReliefSettings: Codable, Sendable, Equatable {
    /// Monthly 低保 standard in fen a person, `"region:year"` → fen.
    var subsistenceLines: SubsistenceLines
    var medicalScheme: MedicalScheme
    /// Approved amounts above this (fen) need a second approver, unless a round sets its own.
    var secondApprovalAbove: Int
    /// 金秋助学 admits children of 农民工 from this year (Tianmen 2025).
    var migrantChildrenFrom: Int
    /// A file not re-verified for this many months is flagged.
    var reverifyMonths: Int
    /// Income above the line for this many straight months makes an exit candidate.
    var exitMonths: Int

    static let defaults: ReliefSettings = {
        var lines = SubsistenceLines()
        // 佛山市 (4406): the demo township's prefecture; replace with the local figures in deployment.
        lines.set(region: "440600", year: 2025, fen: 128_000)
        lines.set(region: "440600", year: 2026, fen: 133_000)
        return ReliefSettings(
            subsistenceLines: lines,
            medicalScheme: MedicalScheme(name: "职工住院医疗互助", annualFee: 6_000, rule: .perDay(fen: 4_000, waitingDays: 3), annualCap: 720_000),
            secondApprovalAbove: 300_000, migrantChildrenFrom: 2025, reverifyMonths: 12, exitMonths: 6)
    }()
}

extension Application {
    private struct ReliefSettingsKey: StorageKey { typealias Value = ReliefSettings }
    var reliefSettings: ReliefSettings {
        get { storage[ReliefSettingsKey.self] ?? .defaults }
        set { storage[ReliefSettingsKey.self] = newValue }
    }
}
