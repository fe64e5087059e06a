import Foundation
import FuzzTargets

#if FUZZING
    // Built by `make fuzz` with -sanitize=fuzzer,address. SwiftPM makes this target's `Fuzz_main` the program's
    // entry, which hands over to libFuzzer's driver; the target is chosen by UNIONDESK_FUZZ_TARGET, and a broken
    // invariant stops the run like a trap, so libFuzzer keeps the input that broke it.
    nonisolated(unsafe) private var target = FuzzTarget.dates

    @_silgen_name("LLVMFuzzerRunDriver")
    func runDriver(
        _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt

    @_cdecl("Fuzz_main")
    public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
        let name = ProcessInfo.processInfo.environment["UNIONDESK_FUZZ_TARGET"] ?? "dates"
        guard let chosen = FuzzTarget(rawValue: name) else {
            FileHandle.standardError.write(Data("unknown fuzz target \(name): \(FuzzTarget.allCases.map(\.rawValue))\n".utf8))
            return 2
        }
        target = chosen
        var count = argc
        var args = argv
        return runDriver(&count, &args) { bytes, size in
            let data = bytes.map { Data(bytes: $0, count: size) } ?? Data()
            let broken = target.run(data)
            if !broken.isEmpty { fatalError("\(target.rawValue): \(broken.joined(separator: "; "))") }
            return 0
        }
    }
#else
    /// Without the fuzzer: `Fuzz TARGET FILE...` runs a target on files (to reproduce a crash by hand).
    @main enum Replay {
        static func main() {
            let args = CommandLine.arguments.dropFirst()
            guard let name = args.first, let target = FuzzTarget(rawValue: name) else {
                print("usage: Fuzz \(FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")) FILE...  (make fuzz runs libFuzzer)")
                exit(2)
            }
            var failed = false
            for path in args.dropFirst() {
                guard let data = FileManager.default.contents(atPath: path) else { continue }
                let broken = target.run(data)
                if !broken.isEmpty {
                    failed = true
                    print("\(path): \(broken.joined(separator: "; "))")
                }
            }
            exit(failed ? 1 : 0)
        }
    }
#endif
