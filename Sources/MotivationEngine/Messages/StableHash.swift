/// Hashes that are the same in every process, on every machine and in every release
/// (unlike Swift's `hashValue`, which is seeded per process). Use them for anything a player
/// must see consistently across refreshes and replicas: message variants, experiment arms.
public enum StableHash {
    /// FNV-1a, 64 bit, over the UTF-8 bytes of `string`.
    @inlinable
    public static func fnv1a64(_ string: String) -> UInt64 {
        var string = string
        return string.withUTF8 { bytes in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01b3
            }
            return hash
        }
    }

    /// A bucket in `0..<count` for `key`, from its FNV-1a 64 hash. `count` must be positive.
    @inlinable
    public static func bucket(_ key: String, count: Int) -> Int {
        precondition(count > 0, "bucket count must be positive")
        return Int(fnv1a64(key) % UInt64(count))
    }
}
