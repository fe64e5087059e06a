import Domain
import Vapor

/// One line of the org tree as shown: indented by depth, with the derived member count.
struct TreeRow: Encodable, Sendable {
    var id: Int
    var depth: Int
    var indent: String
    var name: String
    var url: String
    var level: String
    var unionType: String
    /// What the tree shows in its type column: the union type, or the level for a federation.
    var kind: String
    var members: Int
    var reElectionDue: String
    var reElectionState: String
    var reElectionLabel: String
}

extension TreeRow {
    /// Depth-first, federations before unions, then by name.
    static func build(_ orgs: [Organization], counts: [Int: Int], today: CalendarDate, rootPath: String) -> [TreeRow] {
        var children: [Int?: [Organization]] = [:]
        for o in orgs { children[o.$parent.id, default: []].append(o) }
        for k in children.keys {
            children[k]?.sort { ($0.level, $0.name) < ($1.level, $1.name) }
        }
        let roots = orgs.filter { $0.path == rootPath }
        var rows: [TreeRow] = []
        func visit(_ o: Organization, _ depth: Int) {
            guard let id = o.id else { return }
            let due = o.reElectionDue.flatMap(CalendarDate.init(parsing:))
            let state = ReElectionState.of(due: due, today: today)
            rows.append(
                TreeRow(
                    id: id, depth: depth, indent: String(repeating: "　", count: depth), name: o.name,
                    url: SiteURL.org(id).path, level: OrgLevel(rawValue: o.level)?.label ?? o.level,
                    unionType: o.unionType.flatMap(UnionType.init(rawValue:))?.label ?? "",
                    kind: o.unionType.flatMap(UnionType.init(rawValue:))?.label ?? OrgLevel(rawValue: o.level)?.label ?? o.level,
                    members: counts[id] ?? 0, reElectionDue: o.reElectionDue ?? "",
                    reElectionState: state.rawValue, reElectionLabel: state.label))
            for c in children[id] ?? [] { visit(c, depth + 1) }
        }
        for r in roots { visit(r, 0) }
        return rows
    }
}
