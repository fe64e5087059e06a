import Domain
import Fluent
import Vapor

/// Decides which union (and employer) a roster row belongs to, from the names in its row.
struct Placement: Sendable {
    /// Employer name → (employer id, the union it hosts).
    var employers: [String: (id: Int, union: Int?)]
    /// Union name → id, grassroots unions of the caller's subtree only.
    var unions: [String: Int]

    static func load(scope: Scope, on db: any Database) async throws -> Placement {
        var employers: [String: (Int, Int?)] = [:]
        for e in try await Employer.scoped(scope, on: db).all() {
            if let id = e.id { employers[e.name] = (id, e.$union.id) }
        }
        var unions: [String: Int] = [:]
        for o in try await Organization.scoped(scope, on: db).filter(\.$level == OrgLevel.union.rawValue).all() {
            if let id = o.id { unions[o.name] = id }
        }
        return Placement(employers: employers, unions: unions)
    }

    func union(for values: [RosterColumn: String], given: Int?) -> (unionID: Int?, employerID: Int?) {
        let employerName = values[.employer].map(Text.clean) ?? ""
        let employer = employers[employerName]
        if let id = given {
            return (id, employer.flatMap { $0.union == id ? $0.id : nil })
        }
        if let name = values[.union].map(Text.clean), let id = unions[name] {
            return (id, employer.flatMap { $0.union == id ? $0.id : nil })
        }
        if let employer, let union = employer.union { return (union, employer.id) }
        if !employerName.isEmpty, let id = unions[employerName + "工会"] ?? unions[employerName + "有限公司工会"] { return (id, nil) }
        return (nil, nil)
    }
}
