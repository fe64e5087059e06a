import Domain
import Fluent
import SQLKit
import Vapor

struct ActivityDTO: Content {
    var id: Int
    var orgId: Int
    var org: String
    var kind: String
    var kindLabel: String
    var category: String
    var title: String
    var startsOn: String
    var endsOn: String
    var place: String?
    var jointOrganisers: String?
    var budget: Int?
    var cap: Int?
    var guests: Int
    var audience: Int?
    var hostedBy: String?
    var description: String?
    var channels: [String]
    var materials: Int?
    var campaignId: Int?
    var centreId: Int?

    init(_ a: Activity, rules: ActivityRules) {
        id = a.id ?? 0
        orgId = a.$org.id
        org = a.$org.value?.name ?? ""
        kind = a.kind
        kindLabel = rules.label(a.kind)
        category = a.category
        title = a.title
        startsOn = a.startsOn
        endsOn = a.endsOn
        place = a.place
        jointOrganisers = a.jointOrganisers
        budget = a.budget
        cap = a.cap
        guests = a.guests
        audience = a.audience
        hostedBy = a.hostedBy
        description = a.description
        channels = a.channelList
        materials = a.materials
        campaignId = a.campaignID
        centreId = a.centreID
    }
}

/// An activity with what hangs on it: sessions with their attendances, sign-ups, programme, outputs, costs, and its
/// 人数 and 人次.
struct ActivityDetailDTO: Content {
    struct Session: Content {
        var id: Int
        var on: String
        var title: String?
        var hours: Int?
        var members: [String]
        var guestVisits: Int
    }

    struct SignupDTO: Content {
        var card: String
        var name: String
        var status: String
        var signedOn: String
    }

    struct Output: Content {
        var label: String
        /// Thousandths of the unit.
        var quantity: Int
        var text: String
        var unit: String
    }

    struct Item: Content {
        var kind: String
        var title: String
    }

    struct Result: Content {
        var card: String?
        var team: String?
        var award: String
        var prize: Int?
    }

    struct Cost: Content {
        var entryId: Int
        var on: String
        var description: String
        var amount: Int
    }

    var activity: ActivityDTO
    var sessions: [Session]
    var people: Int
    var visits: Int
    var signups: [SignupDTO]
    var items: [Item]
    var outputs: [Output]
    var costs: [Cost]
    var cost: Int
    var certificates: [String]
    var results: [Result]
    var photos: [AttachmentDTO]

    static func of(_ a: Activity, rules: ActivityRules, on db: any Database) async throws -> ActivityDetailDTO {
        let id = try a.requireID()
        if a.$org.value == nil { try await a.$org.load(on: db) }
        let sessions = try await ActivitySession.query(on: db).filter(\.$activity.$id == id).sort(\.$onDate).sort(\.$id).all()
        struct Row: Decodable { var session_id: Int; var card_no: String }
        let present = Dictionary(
            grouping: try await db.sql.raw(
                """
                SELECT a.session_id, m.card_no FROM activity_attendance a JOIN activity_sessions s ON s.id = a.session_id \
                JOIN members m ON m.id = a.member_id WHERE s.activity_id = \(bind: id) ORDER BY m.card_no
                """
            ).all(decoding: Row.self), by: \.session_id)
        let signups = try await Signup.query(on: db).filter(\.$activity.$id == id).with(\.$member).sort(\.$id).all()
        let items = try await ProgrammeItem.query(on: db).filter(\.$activity.$id == id).sort(\.$id).all()
        let outputs = try await ActivityOutput.query(on: db).filter(\.$activity.$id == id).sort(\.$id).all()
        let costs = try await Activities.costs(of: id, on: db)
        let certificates = try await Certificate.query(on: db).filter(\.$activity.$id == id).with(\.$member).sort(\.$id).all()
        let results = try await CompetitionResult.query(on: db).filter(\.$activity.$id == id).with(\.$member).sort(\.$id).all()
        let photos = try await Attachments.list(try Activities.owner(a), on: db)
        let dto = sessions.map { s in
            Session(id: s.id ?? 0, on: s.onDate, title: s.title, hours: s.hours, members: present[s.id ?? 0]?.map(\.card_no) ?? [], guestVisits: s.guestVisits)
        }
        let members = Set(dto.flatMap(\.members)).count
        return ActivityDetailDTO(
            activity: ActivityDTO(a, rules: rules), sessions: dto, people: members + (dto.contains { $0.guestVisits > 0 } ? a.guests : 0),
            visits: dto.reduce(0) { $0 + $1.members.count + $1.guestVisits },
            signups: signups.map { SignupDTO(card: $0.member.cardNumber, name: $0.member.name, status: $0.status, signedOn: $0.signedOn) },
            items: items.map { Item(kind: $0.kind, title: $0.title) },
            outputs: outputs.map { Output(label: $0.label, quantity: $0.quantity, text: Quantity.text($0.quantity), unit: $0.unit) },
            costs: costs.map { Cost(entryId: $0.id ?? 0, on: $0.onDate, description: $0.description, amount: $0.amount) }, cost: costs.reduce(0) { $0 + $1.amount },
            certificates: certificates.map(\.member.cardNumber),
            results: results.map { Result(card: $0.member?.cardNumber, team: $0.team, award: $0.award, prize: $0.prize) },
            photos: photos.map { AttachmentDTO($0, url: SiteURL.activityPhoto(id, $0.id).path) })
    }
}
