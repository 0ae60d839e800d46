/// A fixed-size, zero-initialised buffer that parallel workers write to at disjoint
/// indices (each chunk owns its own slot), freed when the last reference goes.
final class SharedBuffer<Element: BitwiseCopyable>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Element>
    let count: Int

    init(count: Int, repeating value: Element) {
        self.count = count
        pointer = .allocate(capacity: max(1, count))
        pointer.initialize(repeating: value, count: count)
    }

    deinit {
        pointer.deallocate()
    }

    /// The contents as an array.
    var array: [Element] { Array(UnsafeBufferPointer(start: pointer, count: count)) }
}

extension SharedBuffer where Element == Double {
    convenience init(count: Int) { self.init(count: count, repeating: 0) }
}
