import Foundation
import NIOConcurrencyHelpers

/// Runs long CPU-bound work (parsing and checking a roster) on a thread of its own, so it never holds one of the
/// few threads that serve requests, and hands its results to async code at most `ahead` items in advance: the
/// producer waits while the consumer is behind, so memory stays bounded however large the file.
struct Background<Element: Sendable>: AsyncSequence, Sendable {
    private let stream: AsyncThrowingStream<Element, any Error>
    private let slots: DispatchSemaphore

    /// `produce` runs on the new thread and calls `emit` for each item; an error it throws ends the sequence with that
    /// error. `emit` throws `CancellationError` once the consumer has gone.
    init(ahead: Int = 2, _ produce: @escaping @Sendable (_ emit: (Element) throws -> Void) throws -> Void) {
        let (stream, continuation) = AsyncThrowingStream<Element, any Error>.makeStream()
        let slots = DispatchSemaphore(value: ahead)
        let stopped = NIOLockedValueBox(false)
        continuation.onTermination = { _ in
            stopped.withLockedValue { $0 = true }
            slots.signal()
        }
        let thread = Thread {
            do {
                try produce { item in
                    slots.wait()
                    if stopped.withLockedValue({ $0 }) { throw CancellationError() }
                    continuation.yield(item)
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        thread.name = "uniondesk-background"
        thread.start()
        self.stream = stream
        self.slots = slots
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: AsyncThrowingStream<Element, any Error>.AsyncIterator
        let slots: DispatchSemaphore

        mutating func next() async throws -> Element? {
            let item = try await base.next()
            if item != nil { slots.signal() }
            return item
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: stream.makeAsyncIterator(), slots: slots)
    }
}
