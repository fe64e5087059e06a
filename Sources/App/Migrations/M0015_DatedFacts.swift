import Domain
import Fluent
import SQLKit
import Vapor

/// Issue 15: every counted fact has the day it happened, and the registers keep their history.
/// - relief: the day applied for (`applied_on`) and the day of every step (`on_date`), a late entry's reason;
/// - organizations: the day a union ended (撤销、合并、注销) and the union merged into; dated events (elections with
///   the term's end, type and parent changes);
/// - employers: headcount and union as of a day (`employer_history`);
/// - cadres: their term.
/// Existing rows take their dates from what is known: a step the day it was entered, an application its first step's,
/// an election its recorded date, an employer's present figures as held since before the records began.
struct M0015_DatedFacts: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await addColumns("relief_applications", [("applied_on", .string), ("late_reason", .string)], db: db)
        try await addColumns("relief_steps", [("on_date", .string)], db: db)
        try await addColumns("organizations", [("ended_on", .string), ("merged_into_id", .int)], db: db)
        try await addColumns("cadres", [("term_from", .string), ("term_to", .string)], db: db)
        try await db.schema("org_events")
            .field("id", .int, .identifier(auto: true))
            .field("org_id", .int, .required, .references("organizations", "id"))
            .field("kind", .string, .required)
            .field("on_date", .string, .required)
            .field("from_value", .string)
            .field("to_value", .string)
            .field("due_on", .string)
            .field("reason", .string)
            .field("user_id", .int)
            .field("created_at", .datetime)
            .create()
        try await createIndex("org_events_org", on: "org_events", "org_id", "kind", "on_date", db: db)
        try await db.schema("employer_history")
            .field("id", .int, .identifier(auto: true))
            .field("employer_id", .int, .required, .references("employers", "id"))
            .field("on_date", .string, .required)
            .field("headcount", .int, .required)
            .field("union_id", .int)
            .field("user_id", .int)
            .field("created_at", .datetime)
            .create()
        try await createIndex("employer_history_employer", on: "employer_history", "employer_id", "on_date", db: db)

        let zone = TimeZone(identifier: Environment.get("UNIONDESK_TIMEZONE") ?? "Asia/Shanghai") ?? AppConfig.chinaStandardTime
        struct Step: Decodable { var id: Int; var created_at: Date? }
        for s in try await db.sql.select().columns("id", "created_at").from("relief_steps").all(decoding: Step.self) {
            let day = CalendarDate.on(s.created_at ?? Date(), in: zone).iso
            try await db.sql.update("relief_steps").set("on_date", to: day).where("id", .equal, s.id).run()
        }
        try await db.sql.raw(
            """
            UPDATE relief_applications SET applied_on = (SELECT MIN(s.on_date) FROM relief_steps s WHERE s.application_id = relief_applications.id)
            """
        ).run()
        try await db.sql.raw(
            """
            INSERT INTO org_events (org_id, kind, on_date, due_on) SELECT id, 'elected', elected_on, reelection_due FROM organizations \
            WHERE elected_on IS NOT NULL
            """
        ).run()
        try await db.sql.raw(
            """
            INSERT INTO employer_history (employer_id, on_date, headcount, union_id) \
            SELECT id, \(bind: EmployerHistory.beforeRecords), headcount, union_id FROM employers
            """
        ).run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("employer_history").delete()
        try await db.schema("org_events").delete()
        for (table, columns) in [
            ("cadres", ["term_from", "term_to"]), ("organizations", ["ended_on", "merged_into_id"]), ("relief_steps", ["on_date"]),
            ("relief_applications", ["applied_on", "late_reason"]),
        ] {
            for column in columns { try await db.schema(table).deleteField(.string(column)).update() }
        }
    }
}
