import Domain
import Foundation
import Vapor

/// An attachment as a page lists it: its name linking to the download, size and day added, and the form that withdraws
/// it (named `withdraw-<id>`, so a refused reason shows beside its own field).
struct AttachmentRow: Encodable, Sendable {
    var id: Int
    var name: String
    var url: String
    var size: String
    var added: String
    var withdrawURL: String
    var form: String
    var reason: String
    var reasonError: String?

    init(_ a: Attachments.Listed, url: String, withdrawURL: String, timeZone: TimeZone, typed: FormFields, errors: [String: String]) {
        id = a.id
        name = a.file_name
        self.url = url
        size = Self.size(a.size)
        added = CalendarDate.on(a.added_at, in: timeZone).iso
        self.withdrawURL = withdrawURL
        form = "withdraw-\(a.id)"
        let posted = typed["form"] == form
        reason = posted ? typed["reason"] ?? "" : ""
        reasonError = posted ? errors["reason"] ?? errors[FormBuilder.formKey] : nil
    }

    /// `356KB`, `1.2MB`.
    static func size(_ bytes: Int) -> String {
        bytes < 1_048_576 ? "\(max(1, bytes / 1024))KB" : String(format: "%.1fMB", Double(bytes) / 1_048_576)
    }

    /// What a file chooser for attachments offers.
    static let accept = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
}

/// An attachment in an API answer: `url` downloads it.
struct AttachmentDTO: Content {
    var id: Int
    var slot: String
    var name: String
    var mediaType: String
    var size: Int
    var addedAt: Date
    var url: String

    init(_ a: Attachments.Listed, url: String) {
        id = a.id
        slot = a.slot
        name = a.file_name
        mediaType = a.media_type
        size = a.size
        addedAt = a.added_at
        self.url = url
    }
}
