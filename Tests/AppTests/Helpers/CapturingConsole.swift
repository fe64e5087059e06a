import ConsoleKit
import NIOConcurrencyHelpers
import Vapor

@testable import App

/// A console that keeps what a command prints, for end-to-end tests of the command line.
final class CapturingConsole: Console {
    private let lines = NIOLockedValueBox<[String]>([])
    private let info = NIOLockedValueBox<[AnySendableHashable: any Sendable]>([:])

    var size: (width: Int, height: Int) { (120, 40) }
    var userInfo: [AnySendableHashable: any Sendable] {
        get { info.withLockedValue { $0 } }
        set { info.withLockedValue { $0 = newValue } }
    }
    var text: String { lines.withLockedValue { $0.joined() } }

    func input(isSecure: Bool) -> String { "" }
    func output(_ text: ConsoleText, newLine: Bool) { lines.withLockedValue { $0.append(text.description + (newLine ? "\n" : "")) } }
    func clear(_ type: ConsoleClear) {}
    func report(error: String, newLine: Bool) { lines.withLockedValue { $0.append(error + (newLine ? "\n" : "")) } }

    /// Runs `uniondesk ARGS…` as a command of `app` and returns what it printed.
    static func run(_ app: Application, _ command: any AsyncCommand, _ arguments: [String]) async throws -> String {
        let console = CapturingConsole()
        var context = CommandContext(console: console, input: CommandInput(arguments: ["uniondesk"] + arguments))
        context.application = app
        try await command.run(using: &context)
        return console.text
    }
}
