import Domain
import Vapor

/// A one-time message carried across a redirect after a save (“已保存”): a short-lived cookie that the next page
/// shows once and clears, so the confirmation needs no script and survives the redirect.
enum Flash {
    static let cookie = "ud_flash"
    static let maxLength = 200

    static func value(_ message: String, _ app: Application) -> HTTPCookies.Value {
        let text = String(message.prefix(maxLength)).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        return HTTPCookies.Value(
            string: text, expires: nil, maxAge: 120, domain: nil, path: "/", isSecure: app.config.secureCookies, isHTTPOnly: true,
            sameSite: .lax)
    }

    /// The message waiting for this request, if any (cut to `maxLength`: the cookie is the browser's to change).
    static func waiting(_ req: Request) -> String? {
        // Kept as written: a confirmation's full-width punctuation is Chinese prose.
        guard let text = req.cookies[cookie]?.string.removingPercentEncoding?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty
        else { return nil }
        return String(text.prefix(maxLength))
    }

    static func clear(_ response: Response, _ app: Application) {
        response.cookies[cookie] = HTTPCookies.Value(
            string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, domain: nil, path: "/", isSecure: app.config.secureCookies,
            isHTTPOnly: true, sameSite: .lax)
    }
}

/// One reason a form was refused, listed at the top of the page and linked to its field.
struct Problem: Encodable, Sendable {
    var field: String
    var message: String
    /// The link to the field (`#reason`): a form's element ids are its field names.
    var anchor: String { "#" + field }

    enum CodingKeys: String, CodingKey { case field, message, anchor }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(field, forKey: .field)
        try c.encode(message, forKey: .message)
        try c.encode(anchor, forKey: .anchor)
    }
}

extension Request {
    /// A redirect after a save, carrying the confirmation the next page shows once.
    func redirect(to path: String, flash: String) -> Response {
        let response = redirect(to: path)
        response.cookies[Flash.cookie] = Flash.value(flash, application)
        return response
    }

    private struct ProblemsKey: StorageKey { typealias Value = [Problem] }

    /// What the page being rendered was refused for: every message, in the order found.
    var problems: [Problem] {
        get { storage[ProblemsKey.self] ?? [] }
        set { storage[ProblemsKey.self] = newValue }
    }

    /// A refused form's messages by field and its status (field errors 422, conflicts 409, refusals 403), or nil for
    /// any other error. The messages are also kept for the page shown again, whose layout lists all of them at the
    /// top (a message whose field the form does not show is never lost).
    func refusal(_ error: any Error, form: String? = nil) -> (errors: [String: String], status: HTTPResponseStatus)? {
        guard let found = FormBuilder.messages(error) else { return nil }
        // On a page of several forms, the posted one names itself (`form`) and prefixes its element ids with that name.
        // Only a plain form is read for it: an upload's multipart body, already decoded, passes its `form` instead (decoding
        // it again would hold the event loop).
        let named = form ?? (headers.contentType == .urlEncodedForm ? try? content.get(String.self, at: "form") : nil)
        let prefix = named.map { $0 + "-" } ?? ""
        if let e = FieldErrors(error) {
            problems = e.errors.map { Problem(field: prefix + $0.field, message: $0.message) }
        } else {
            problems = found.errors.map { Problem(field: prefix + $0.key, message: $0.value) }
        }
        return found
    }
}
