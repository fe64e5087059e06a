import Fluent
import SQLKit

/// Indexes that answer the county's figures and the employers' list without reading table rows:
/// - member events by member and day, with the kind and the union and status they set: a member's union and status
///   on a day, which every count of members reads twice per member (a county's members on a day: 3.1 → 1.5 s);
/// - dues receipts by the day they arrived and their id (the lists' order: without the id next, SQLite 3.54 read the
///   whole table to sort the ten latest, 0.4 → 71 ms), with every column the period's figures read (scope, employer,
///   amount, channel, stream): a county's year of receipts summed from the index (450,000 receipts: 260 → 36 ms per
///   figure);
/// - dues receipts by employer and month, with the day, the amount and the scope: the arrears' months per employer;
/// - employers by name: the list's order, so that a page stops after its 50 rows instead of sorting the subtree's
///   employers (county 12 → 1 ms, a town 7 → 0.3 ms).
/// Each replaces a narrower index on the same leading columns (M0003's, M0019's).
struct M0026_CoveringIndexes: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.sql.drop(index: "member_events_member").run()
        try await createIndex("member_events_member", on: "member_events", "member_id", "on_date", "id", "kind", "to_union_id", "to_status", db: db)
        try await db.sql.drop(index: "dues_receipts_received").run()
        try await db.sql.drop(index: "dues_receipts_employer").run()
        try await createIndex(
            "dues_receipts_received", on: "dues_receipts", "received_on", "id", "org_id", "union_id", "employer_id", "amount", "channel", "stream",
            db: db)
        try await createIndex("dues_receipts_employer", on: "dues_receipts", "employer_id", "month", "received_on", "amount", "org_id", "union_id", db: db)
        try await createIndex("employers_name", on: "employers", "name", "id", db: db)
        try await db.analyze("member_events")
        try await db.analyze("dues_receipts")
        try await db.analyze("employers")
    }

    func revert(on db: any Database) async throws {
        try await db.sql.drop(index: "employers_name").run()
        try await db.sql.drop(index: "dues_receipts_employer").run()
        try await db.sql.drop(index: "dues_receipts_received").run()
        try await createIndex("dues_receipts_received", on: "dues_receipts", "received_on", db: db)
        try await createIndex("dues_receipts_employer", on: "dues_receipts", "employer_id", "month", db: db)
        try await db.sql.drop(index: "member_events_member").run()
        try await createIndex("member_events_member", on: "member_events", "member_id", db: db)
    }
}
