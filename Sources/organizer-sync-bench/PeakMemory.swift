import Foundation

/// Memory figures of this process, from `/proc/self/status` (Linux).
enum PeakMemory {
    /// The peak resident set size (`VmHWM`) in KiB; `nil` where `/proc` is missing.
    static func peakResidentKiB() -> Int? { field("VmHWM:") }

    /// The resident set size now (`VmRSS`) in KiB.
    static func residentKiB() -> Int? { field("VmRSS:") }

    private static func field(_ name: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(name) {
            return Int(
                line.dropFirst(name.count).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? ""
            )
        }
        return nil
    }
}
