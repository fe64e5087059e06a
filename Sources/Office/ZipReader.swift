import Foundation
import ZIPFoundation

/// The entries of an uploaded zip archive (an .xlsx), read from its central directory, and each entry's bytes
/// decompressed strictly within the compressed size the directory gives. ZIPFoundation's reading on Linux loops for
/// ever on a deflate stream that ends before its end marker (it reads on past the entry to the end of the file, then
/// asks for more without end): a 6 KB workbook held a thread at full CPU for ever (found by the xlsx fuzz target).
/// Here the bytes an entry may read are counted, and a stream that runs out is a corrupt file. Inflating itself is
/// still ZIPFoundation's (`Data.decompress`). ZIP64 archives (over 4 GB) are refused: no roster is that large.
struct ZipReader {
    struct Entry: Sendable {
        var path: String
        var method: UInt16
        var compressedSize: Int
        var uncompressedSize: Int
        var localHeaderOffset: Int
    }

    let entries: [Entry]
    private let url: URL
    private let fileSize: Int

    init(url: URL, maxEntries: Int) throws(OfficeError) {
        self.url = url
        guard let handle = try? FileHandle(forReadingFrom: url) else { throw .corrupt }
        defer { try? handle.close() }
        let size = Int((try? handle.seekToEnd()) ?? 0)
        fileSize = size
        // The end-of-central-directory record: 22 bytes and a comment of up to 65,535 at the file's end.
        let tailLength = min(size, 22 + 65_535)
        let tail = try Self.read(handle, at: size - tailLength, count: tailLength)
        guard let eocd = Self.lastIndex(of: [0x50, 0x4B, 0x05, 0x06], in: tail), eocd + 22 <= tail.count else { throw .corrupt }
        let count = Int(Self.u16(tail, eocd + 10))
        let directorySize = Int(Self.u32(tail, eocd + 12))
        let directoryOffset = Int(Self.u32(tail, eocd + 16))
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF { throw .tooBig }
        guard count <= maxEntries else { throw .tooBig }
        guard directoryOffset + directorySize <= size else { throw .corrupt }
        let directory = try Self.read(handle, at: directoryOffset, count: directorySize)
        var entries: [Entry] = []
        var at = 0
        for _ in 0..<count {
            guard at + 46 <= directory.count, Self.u32(directory, at) == 0x0201_4B50 else { throw .corrupt }
            let nameLength = Int(Self.u16(directory, at + 28))
            let extraLength = Int(Self.u16(directory, at + 30))
            let commentLength = Int(Self.u16(directory, at + 32))
            guard at + 46 + nameLength <= directory.count else { throw .corrupt }
            let entry = Entry(
                path: String(decoding: directory[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self),
                method: Self.u16(directory, at + 10), compressedSize: Int(Self.u32(directory, at + 20)),
                uncompressedSize: Int(Self.u32(directory, at + 24)), localHeaderOffset: Int(Self.u32(directory, at + 42)))
            if entry.compressedSize == 0xFFFF_FFFF || entry.uncompressedSize == 0xFFFF_FFFF || entry.localHeaderOffset == 0xFFFF_FFFF {
                throw .tooBig
            }
            entries.append(entry)
            at += 46 + nameLength + extraLength + commentLength
        }
        self.entries = entries
    }

    subscript(path: String) -> Entry? { entries.first { $0.path == path } }

    /// Hands over the entry's decompressed bytes chunk by chunk; `consumer` may throw to stop.
    func extract(_ entry: Entry, _ consumer: (Data) throws -> Void) throws {
        guard let handle = try? FileHandle(forReadingFrom: url) else { throw OfficeError.corrupt }
        defer { try? handle.close() }
        let header = try Self.read(handle, at: entry.localHeaderOffset, count: 30)
        guard Self.u32(header, 0) == 0x0403_4B50 else { throw OfficeError.corrupt }
        let start = entry.localHeaderOffset + 30 + Int(Self.u16(header, 26)) + Int(Self.u16(header, 28))
        guard start + entry.compressedSize <= fileSize else { throw OfficeError.corrupt }
        try handle.seek(toOffset: UInt64(start))
        var left = entry.compressedSize
        // Only the entry's own bytes, and a stream that needs more than those is corrupt, never an endless wait.
        let provider: (Int64, Int) throws -> Data = { _, chunk in
            guard left > 0 else { throw OfficeError.corrupt }
            let data = try handle.read(upToCount: min(chunk, left)) ?? Data()
            guard !data.isEmpty else { throw OfficeError.corrupt }
            left -= data.count
            return data
        }
        switch entry.method {
        case 0:
            while left > 0 { try consumer(try provider(0, 65_536)) }
        case 8:
            _ = try Data.decompress(
                size: Int64(entry.compressedSize), bufferSize: 65_536, skipCRC32: true, provider: provider, consumer: consumer)
        default:
            throw OfficeError.corrupt
        }
    }

    private static func read(_ handle: FileHandle, at offset: Int, count: Int) throws(OfficeError) -> [UInt8] {
        guard offset >= 0, count >= 0 else { throw .corrupt }
        do {
            try handle.seek(toOffset: UInt64(offset))
            let data = try handle.read(upToCount: count) ?? Data()
            guard data.count == count else { throw OfficeError.corrupt }
            return Array(data)
        } catch {
            throw .corrupt
        }
    }

    private static func lastIndex(of signature: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= signature.count else { return nil }
        for i in stride(from: bytes.count - signature.count, through: 0, by: -1)
        where bytes[i] == signature[0] && bytes[i + 1] == signature[1] && bytes[i + 2] == signature[2] && bytes[i + 3] == signature[3] {
            return i
        }
        return nil
    }

    private static func u16(_ b: [UInt8], _ at: Int) -> UInt16 {
        guard at + 2 <= b.count else { return 0 }
        return UInt16(b[at]) | UInt16(b[at + 1]) << 8
    }

    private static func u32(_ b: [UInt8], _ at: Int) -> UInt32 {
        guard at + 4 <= b.count else { return 0 }
        return UInt32(b[at]) | UInt32(b[at + 1]) << 8 | UInt32(b[at + 2]) << 16 | UInt32(b[at + 3]) << 24
    }
}
