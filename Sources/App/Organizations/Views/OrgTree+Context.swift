import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

/// One line of the org tree as shown: indented by depth, with its own members and, for a federation, the unions and
/// members of its whole subtree.
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
    /// The node's path (`/1/5/`): the script folds a node's descendants by it.
    var path: String
    var hasChildren: Bool
    /// A federation's figures over its subtree: the unions below it and their members.
    var unionsBelow: Int
    var membersBelow: Int
    /// Shown because a descendant matched the search, not itself.
    var context: Bool
    /// Its children are not on the page: unfolding it loads them from this URL (the home page's lazy tree).
    var load: String = ""
    var reElectionDue: String
    var reElectionState: String
    var reElectionLabel: String
}

/// What the tree is narrowed to: a name (part of it) and a type (a union type, or `federation`).
struct TreeFilter: Sendable {
    var q: String?
    var type: String?

    var isEmpty: Bool { q == nil && type == nil }

    func matches(_ o: Organization) -> Bool {
        if let q, !o.name.contains(q) { return false }
        if let type, o.unionType != type, !(type == OrgLevel.federation.rawValue && o.level == type) { return false }
        return true
    }

    /// The type filter's choices: federations, then every union type.
    static func choices(selected: String?) -> [SelectOption] {
        [SelectOption(value: OrgLevel.federation.rawValue, label: OrgLevel.federation.label, selected: selected == "federation")]
            + SelectOption.list(UnionType.self, selected: selected)
    }
}

extension TreeRow {
    /// Chinese names in the order people look them up (pinyin), not by code point.
    static let order = Locale(identifier: "zh_Hans_CN")

    /// Depth-first, federations before unions, then by name in pinyin order. With a filter, the matching nodes and the
    /// nodes above them (for context).
    static func build(
        _ orgs: [Organization], counts: [Int: Int], today: CalendarDate, rootPath: String, filter: TreeFilter = TreeFilter()
    ) -> [TreeRow] {
        var children: [Int?: [Organization]] = [:]
        for o in orgs { children[o.$parent.id, default: []].append(o) }
        for k in children.keys {
            children[k]?.sort { a, b in
                a.level != b.level ? a.level < b.level : a.name.compare(b.name, locale: order) == .orderedAscending
            }
        }
        // Subtree figures, bottom-up.
        var below: [Int: (unions: Int, members: Int)] = [:]
        func total(_ o: Organization) -> (unions: Int, members: Int) {
            guard let id = o.id else { return (0, 0) }
            var sum = (unions: o.level == OrgLevel.union.rawValue ? 1 : 0, members: counts[id] ?? 0)
            for c in children[id] ?? [] {
                let t = total(c)
                sum = (sum.unions + t.unions, sum.members + t.members)
            }
            below[id] = sum
            return sum
        }
        let roots = orgs.filter { $0.path == rootPath }
        for r in roots { _ = total(r) }
        // With a filter: the paths of every match, so each node above one is kept as context.
        let matched = filter.isEmpty ? [] : orgs.filter(filter.matches).map(\.path)
        func shown(_ o: Organization) -> (show: Bool, context: Bool) {
            if filter.isEmpty { return (true, false) }
            if filter.matches(o) { return (true, false) }
            return (matched.contains { $0.hasPrefix(o.path) }, true)
        }
        var rows: [TreeRow] = []
        func visit(_ o: Organization, _ depth: Int) {
            guard let id = o.id else { return }
            let (show, context) = shown(o)
            guard show else { return }
            rows.append(
                TreeRow(
                    o, depth: depth, members: counts[id] ?? 0, below: below[id] ?? (0, 0), hasChildren: !(children[id] ?? []).isEmpty,
                    context: context, today: today))
            for c in children[id] ?? [] { visit(c, depth + 1) }
        }
        for r in roots { visit(r, 0) }
        return rows
    }
}

extension TreeRow {
    init(
        _ o: Organization, depth: Int, members: Int, below sub: (unions: Int, members: Int), hasChildren: Bool, context: Bool,
        today: CalendarDate
    ) {
        let id = o.id ?? 0
        let due = o.reElectionDue.flatMap(CalendarDate.init(parsing:))
        let state = ReElectionState.of(due: due, today: today)
        let federation = o.level == OrgLevel.federation.rawValue
        self.init(
            id: id, depth: depth, indent: String(repeating: "　", count: depth), name: o.name,
            url: SiteURL.org(id).path, level: OrgLevel(rawValue: o.level)?.label ?? o.level,
            unionType: o.unionType.flatMap(UnionType.init(rawValue:))?.label ?? "",
            kind: o.unionType.flatMap(UnionType.init(rawValue:))?.label ?? OrgLevel(rawValue: o.level)?.label ?? o.level,
            members: members, path: o.path, hasChildren: hasChildren, unionsBelow: federation ? sub.unions : 0,
            membersBelow: federation ? sub.members : 0, context: context,
            reElectionDue: o.reElectionDue ?? "", reElectionState: state.rawValue, reElectionLabel: state.label)
    }

    /// The home page's tree, one level at a time: `parent` itself when asked (the top row) and its children, federations
    /// first, each with its figures below (from the cached totals) and, when it has children, the URL that loads them.
    /// A county's page shows its twenty towns rather than its two thousand unions.
    static func level(
        below parent: Organization, includingParent: Bool, rootPath: String, counts: [Int: Int], totals: [Int: SubtreeTotal],
        today: CalendarDate, on db: any Database
    ) async throws -> [TreeRow] {
        let parentID = try parent.requireID()
        let children = try await Organization.query(on: db).filter(\.$parent.$id == parentID).all().sorted { a, b in
            a.level != b.level ? a.level < b.level : a.name.compare(b.name, locale: order) == .orderedAscending
        }
        let ids = children.compactMap(\.id)
        struct Parent: Decodable { var parent_id: Int }
        let withChildren = ids.isEmpty
            ? Set<Int>()
            : Set(
                try await db.sql.raw(
                    "SELECT DISTINCT parent_id FROM organizations WHERE parent_id IN (\(unsafeRaw: ids.map(String.init).joined(separator: ",")))"
                ).all(decoding: Parent.self).map(\.parent_id))
        let depth = parent.path.split(separator: "/").count - rootPath.split(separator: "/").count
        func row(_ o: Organization, _ depth: Int, lazy: Bool) -> TreeRow {
            let id = o.id ?? 0
            let t = totals[id] ?? SubtreeTotal()
            var r = TreeRow(
                o, depth: depth, members: counts[id] ?? 0, below: (t.unions, t.members),
                hasChildren: lazy ? withChildren.contains(id) : !children.isEmpty, context: false, today: today)
            if lazy, r.hasChildren { r.load = SiteURL.orgTreeRows(id).path }
            return r
        }
        return (includingParent ? [row(parent, depth, lazy: false)] : []) + children.map { row($0, depth + 1, lazy: true) }
    }
}

/// The unions and members in a node's subtree.
struct SubtreeTotal: Sendable {
    var unions = 0
    var members = 0
}
