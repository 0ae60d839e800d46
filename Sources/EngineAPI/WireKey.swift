/// The keys of one JSON object of the wire contract. Each key is spelled once, in `name`: the
/// fast writer and reader use those bytes, and `Codable` (through `CodingKey`) uses the same text.
public protocol WireKey: CodingKey, CaseIterable, Sendable {
    /// The key as JSON spells it; it needs no escaping.
    var name: StaticString { get }
}

extension WireKey {
    /// The key as JSON spells it, for `Codable`.
    public var stringValue: String { name.description }

    /// The case spelled `stringValue`, if any.
    public init?(stringValue: String) {
        guard let key = Self.allCases.first(where: { $0.stringValue == stringValue }) else { return nil }
        self = key
    }

    /// Wire keys are never positions.
    public var intValue: Int? { nil }

    /// Wire keys are never positions.
    public init?(intValue: Int) { nil }

    /// The case spelled by `bytes` (no `String` is made), if any.
    public init?(_ bytes: UnsafeRawBufferPointer.SubSequence) {
        guard
            let key = Self.allCases.first(where: { key in
                key.name.utf8CodeUnitCount == bytes.count
                    && bytes.elementsEqual(UnsafeBufferPointer(start: key.name.utf8Start, count: key.name.utf8CodeUnitCount))
            })
        else { return nil }
        self = key
    }
}
