import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The process's memory as the operating system sees it, and giving back what a large computation left behind.
///
/// A county's figures decode hundreds of thousands of rows; the allocator keeps the freed pages for reuse, so after
/// the warm-up the server held 598 MB, of which `malloc_trim` gave back 371 MB. `release()` hands free pages back;
/// the statistics cache calls it after each computation and the warm-up after each node.
enum ProcessMemory {
    /// Resident set size in bytes (`/proc/self/statm`), or nil where there is no such file.
    static var residentBytes: Int? {
        #if os(Linux)
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        let (bytes, overflow) = pages.multipliedReportingOverflow(by: Int(sysconf(Int32(_SC_PAGESIZE))))
        return overflow ? nil : bytes
        #else
        return nil
        #endif
    }

    /// Returns the heap's free pages to the system.
    static func release() {
        #if canImport(Glibc)
        _ = mallocTrim?(0)
        #endif
    }

    #if canImport(Glibc)
    /// glibc's `malloc_trim`, which Swift's Glibc module does not import: looked up once (nil on another C library).
    private static let mallocTrim: (@convention(c) (Int) -> Int32)? = {
        guard let symbol = dlsym(nil, "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
    }()
    #endif
}
