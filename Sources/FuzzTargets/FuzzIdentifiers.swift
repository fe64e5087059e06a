import Domain
import Foundation

enum FuzzIdentifiers {
    static func run(_ data: Data) -> [String] {
        var broken: [String] = []
        let text = Fuzz.text(data)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(4).map(String.init) {
            if let id = try? IDNumber(line) {
                if (try? IDNumber(id.value))?.value != id.value { broken.append("ID \(id.masked) does not parse back") }
                if id.masked.count != 18 { broken.append("ID mask of length \(id.masked.count)") }
            }
            if let code = try? CreditCode(line), (try? CreditCode(code.value))?.value != code.value {
                broken.append("credit code \(code.value) does not parse back")
            }
            if let phone = try? PhoneNumber(line), (try? PhoneNumber(phone.value))?.value != phone.value {
                broken.append("phone does not parse back")
            }
            _ = try? ContactPhone.parse(line, field: "phone")
            if let fen = try? Money.parse(line, field: "amount", label: "金额") {
                if fen < 0 || fen > Money.maxFen { broken.append("money \(fen) outside 0…1亿") }
                if (try? Money.parse(Money.yuan(fen), field: "amount", label: "金额")) != fen { broken.append("money \(fen) does not print back") }
                _ = Money.phrase(fen)
            }
            _ = (Masking.idNumber(line), Masking.phone(line), Masking.name(line), Masking.bankAccount(line))
            _ = (Text.clean(line), Text.compact(line), Text.removingFormatCharacters(line))
            _ = try? Input.name(line, field: "name", label: "姓名")
            if let q = try? Quantity.parse(line, field: "quantity", label: "数量") {
                if q < 0 { broken.append("quantity \(q) below zero") }
                if (try? Quantity.parse(Quantity.text(q), field: "quantity", label: "数量")) != q { broken.append("quantity \(q) does not print back") }
            }
            if let cards = try? MemberCard.list(line, field: "cards", label: "会员证号") {
                if Set(cards).count != cards.count || cards.contains(where: { MemberCard.parse($0) != $0 }) { broken.append("card list not clean") }
            }
            for type in AttachmentType.allCases {
                let name = AttachmentName.clean(line, type: type, fallback: "附件")
                if name.count > AttachmentName.maxLength || !name.hasSuffix("." + type.fileExtension) || name.contains("/") || name.contains("\\")
                    || name.unicodeScalars.contains(where: { $0.value < 0x20 })
                {
                    broken.append("attachment name \(name) is not a clean file name")
                }
            }
        }
        // A sign-in sheet of any rows never traps, and what it reads are clean cards, each once.
        let sheet = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(50).enumerated()
            .map { (number: $0.offset + 1, cells: $0.element.split(separator: ",", omittingEmptySubsequences: false).map(String.init)) }
        if let cards = try? SignInSheet.cards(Array(sheet)), Set(cards).count != cards.count || cards.contains(where: { MemberCard.parse($0) != $0 }) {
            broken.append("sign-in sheet cards not clean")
        }
        // A type is known from the first bytes alone: more bytes after them (a zero byte is in no signature) change nothing.
        if AttachmentType.sniff(data + Data([0])) != AttachmentType.sniff(data) { broken.append("the attachment type depends on what follows") }
        // Any amount of fen prints without trapping, the extremes too.
        let fen = Fuzz.int(data, at: 0)
        _ = (Money.yuan(fen), Money.phrase(fen))
        return broken
    }
}
