import BuildInfo
import MotivationEngine

/// What `sphery-engine --version` prints: the engine's version, the git commit and the build date
/// that `scripts/release.sh` records (a development build says it has none).
enum BuildVersion {
    /// The commit the binary was built from, or nil for a development build.
    static var commit: String? { recorded(sphery_git_commit()) }

    /// The UTC date of the build, or nil for a development build.
    static var date: String? { recorded(sphery_build_date()) }

    /// `0.2.0 (commit 1a2b3c…, built 2026-12-05T09:22:52Z)`, or `0.2.0 (commit unknown: a development build; …)`.
    static var text: String {
        guard let commit else {
            return "\(EngineVersion.current) (commit unknown: a development build; scripts/release.sh records it)"
        }
        return "\(EngineVersion.current) (commit \(commit)\(date.map { ", built \($0)" } ?? ""))"
    }

    private static func recorded(_ text: UnsafePointer<CChar>) -> String? {
        let value = String(cString: text)
        return value == "unknown" || value.isEmpty ? nil : value
    }
}
