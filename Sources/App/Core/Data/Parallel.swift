import Foundation

/// Spreads CPU-bound work over the machine's cores (checking and encrypting a batch of roster rows).
enum Parallel {
    /// `transform` applied to every element, in order, on up to `ProcessInfo.activeProcessorCount` threads.
    static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: (T) -> R) -> [R] {
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, max(1, items.count / 64))
        guard workers > 1 else { return items.map(transform) }
        return [R](unsafeUninitializedCapacity: items.count) { buffer, count in
            guard let base = buffer.baseAddress else { return }
            let out = UncheckedBuffer(base: base)
            withoutActuallyEscaping(transform) { transform in
                let work = UncheckedClosure(transform)
                DispatchQueue.concurrentPerform(iterations: workers) { w in
                    let lo = items.count * w / workers, hi = items.count * (w + 1) / workers
                    for i in lo..<hi { (out.base + i).initialize(to: work.body(items[i])) }
                }
            }
            count = items.count
        }
    }

    /// Each worker writes its own disjoint slots of the buffer.
    private struct UncheckedBuffer<R>: @unchecked Sendable { let base: UnsafeMutablePointer<R> }
    private struct UncheckedClosure<T, R>: @unchecked Sendable {
        let body: (T) -> R
        init(_ body: @escaping (T) -> R) { self.body = body }
    }
}
