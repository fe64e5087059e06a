import Domain
import Fluent
import Vapor

/// A yearly target for one indicator of one org: whole percent for a rate, a count, or fen.
final class Target: Model, @unchecked Sendable {
    static let schema = "targets"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "org_id") var org: Organization
    @Field(key: "year") var year: Int
    @Field(key: "indicator") var indicator: String

    var indicatorCode: IndicatorCode { IndicatorCode(indicator) }
    @Field(key: "value") var value: Int
    @OptionalField(key: "note") var note: String?
    @OptionalField(key: "created_by") var createdBy: Int?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}
