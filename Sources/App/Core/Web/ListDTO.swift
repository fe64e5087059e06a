import Domain
import Vapor

struct ListDTO<T: Content>: Content {
    var items: [T]
    /// Rows matching; when `totalIsLowerBound`, the list has more than this (counting stops at 10,000).
    var total: Int
    var page: Int
    var per: Int
    var totalIsLowerBound = false
}

extension Paged where T: Sendable {
    func dto<D: Content>(_ map: (T) -> D) -> ListDTO<D> {
        ListDTO(items: rows.map(map), total: total, page: page, per: per, totalIsLowerBound: totalIsLowerBound)
    }
}
