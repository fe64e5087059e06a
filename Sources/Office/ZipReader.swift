import CZlib
import Foundation

/// The entries of an uploaded zip archive (an .xlsx), read from its central directory, and each entry's bytes
/// inflated by zlib strictly within the compressed size the directory gives. ZIPFoundation's reading on Linux cannot
/// be trusted with hostile files (both found by the xlsx fuzz target): it loops for ever on a deflate stream that ends
/// before its end marker (reading on past the entry to the end of the file, then asking for more without end: a 6 KB
/// workbook held a thread at full CPU for ever), and it tells zlib a chunk is a full buffer when the last read was
/// shorter, so zlib reads past the end of it (a segmentation fault). Here the bytes an entry may read are counted, a
/// stream that runs out is a corrupt file, and zlib is told exactly what each buffer holds. ZIP64 archives (over
/// 4 GB) are refused: no roster is that large.
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
        func next() throws -> Data {
            guard left > 0 else { throw OfficeError.corrupt }
            let data = try handle.read(upToCount: min(65_536, left)) ?? Data()
            guard !data.isEmpty else { throw OfficeError.corrupt }
            left -= data.count
            return data
        }
        switch entry.method {
        case 0:
            while left > 0 { try consumer(try next()) }
        case 8:
            try Self.inflate(next, consumer)
        default:
            throw OfficeError.corrupt
        }
    }

    /// Raw deflate (zip method 8) until its end marker, from the chunks `next` gives.
    private static func inflate(_ next: () throws -> Data, _ consumer: (Data) throws -> Void) throws {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw OfficeError.corrupt
        }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: 65_536)
        var ended = false
        while !ended {
            var input = [UInt8](try next())
            try input.withUnsafeMutableBufferPointer { inBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = uInt(inBuffer.count)
                repeat {
                    let produced = try output.withUnsafeMutableBufferPointer { out -> Int in
                        stream.next_out = out.baseAddress
                        stream.avail_out = uInt(out.count)
                        let result = CZlib.inflate(&stream, Z_NO_FLUSH)
                        guard result == Z_OK || result == Z_STREAM_END || result == Z_BUF_ERROR else { throw OfficeError.corrupt }
                        ended = result == Z_STREAM_END
                        return out.count - Int(stream.avail_out)
                    }
                    if produced > 0 { try consumer(Data(output[0..<produced])) }
                } while stream.avail_out == 0 && !ended
            }
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
