import Fluent
import SQLKit

/// Competitions' results, the 金点子 ideas, service centres (职工之家, 职工书屋, 母婴室 …) and their visits; an activity's
/// place among the service centres, its campaign, and a campaign's channels and materials.
struct M0023_ActivityPlaces: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("service_centres")
            .field("id", .int, .identifier(auto: true))
            .field("org_id", .int, .required, .references("organizations", "id"))
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("host", .string)
            .field("opened_on", .string, .required)
            .field("closed_on", .string)
            .field("area", .int)
            .field("hours", .string)
            .field("rooms", .string)
            .field("keeper", .string)
            .field("books", .int)
            .field("equipment", .string, .required)
            .field("created_by", .int)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await createIndex("service_centres_org", on: "service_centres", "org_id", db: db)
        try await db.schema("centre_visits")
            .field("id", .int, .identifier(auto: true))
            .field("centre_id", .int, .required, .references("service_centres", "id"))
            .field("on_date", .string, .required)
            .field("visits", .int, .required)
            .field("member_id", .int, .references("members", "id"))
            .field("volunteers", .int, .required)
            .field("books_lent", .int, .required)
            .field("created_by", .int)
            .field("created_at", .datetime)
            .create()
        try await createIndex("centre_visits_point", on: "centre_visits", "centre_id", "on_date", db: db)
        try await addColumns("activities", [("centre_id", .int), ("campaign_id", .int), ("channels", .string), ("materials", .int)], db: db)
        try await createIndex("activities_campaign", on: "activities", "campaign_id", db: db)
        try await createIndex("activities_point", on: "activities", "centre_id", db: db)
        try await db.schema("competition_results")
            .field("id", .int, .identifier(auto: true))
            .field("activity_id", .int, .required, .references("activities", "id"))
            .field("member_id", .int, .references("members", "id"))
            .field("team", .string)
            .field("award", .string, .required)
            .field("prize", .int)
            .field("created_by", .int)
            .field("created_at", .datetime)
            .create()
        try await createIndex("competition_results_activity", on: "competition_results", "activity_id", db: db)
        try await db.schema("ideas")
            .field("id", .int, .identifier(auto: true))
            .field("org_id", .int, .required, .references("organizations", "id"))
            .field("activity_id", .int, .references("activities", "id"))
            .field("member_id", .int, .required, .references("members", "id"))
            .field("employer", .string)
            .field("title", .string, .required)
            .field("description", .string)
            .field("submitted_on", .string, .required)
            .field("grade", .string)
            .field("adopted", .bool)
            .field("decided_on", .string)
            .field("savings", .int)
            .field("reward", .int)
            .field("created_by", .int)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await createIndex("ideas_org", on: "ideas", "org_id", "submitted_on", db: db)
    }

    func revert(on db: any Database) async throws {
        for table in ["ideas", "competition_results", "centre_visits", "service_centres"] { try await db.schema(table).delete() }
        for index in ["activities_point", "activities_campaign"] { try await db.sql.drop(index: index).run() }
        for c in ["centre_id", "campaign_id", "channels", "materials"] { try await db.schema("activities").deleteField(.string(c)).update() }
    }
}
