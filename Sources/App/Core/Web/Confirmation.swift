import Domain
import Vapor

/// The page that asks before what cannot be undone (定稿, 发放, 冲正, 删除, 会籍变更): it states what will happen and
/// posts the same fields again with `confirmed`. It needs no script; 取消 returns to where the user was.
struct ConfirmPage: Page {
    static let template = "confirm"
    var layout: Layout
    /// What will happen, line by line (“将向张三发放 500.00 元”, “发放记录不能修改，差错只能冲正”).
    var statements: [String]
    var action: String
    var fields: [HiddenField]
    var confirmLabel: String
    var cancelURL: String
}

extension Request {
    /// Nil once the user has confirmed (the form carries `confirmed`); else the confirmation page for `values`, which
    /// posts them back to this request's path. Check the input first, so a refusal shows beside its field, not here.
    func askFirst(
        _ values: FormFields, title: String, statements: [String], confirmLabel: String, cancelURL: String
    ) async throws -> Response? {
        if Input.flag(values["confirmed"]) { return nil }
        // The forms that ask first carry single values only (no checkbox lists).
        let fields = values.values.filter { $0.key != "_csrf" && $0.key != "confirmed" }.sorted { $0.key < $1.key }.map {
            HiddenField(name: $0.key, value: $0.value)
        }
        return try await ConfirmPage(
            layout: Layout(title: title, principal: principal), statements: statements, action: url.path,
            fields: fields + [HiddenField(name: "confirmed", value: "1")], confirmLabel: confirmLabel, cancelURL: cancelURL
        ).render(self)
    }
}

/// Thrown by a step that must be confirmed first: the confirmation page to show instead of doing it.
struct AskedFirst: Error {
    var response: Response
}
