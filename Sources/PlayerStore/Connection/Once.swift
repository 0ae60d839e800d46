import Synchronization

/// An action that runs at most once, however many times and from whichever threads it is asked
/// to (giving a pooled connection back).
final class Once: Sendable {
    private let action: Mutex<(@Sendable () -> Void)?>

    init(_ action: @escaping @Sendable () -> Void) {
        self.action = Mutex(action)
    }

    /// Runs the action if it has not run yet.
    func run() {
        let action = self.action.withLock { action in
            defer { action = nil }
            return action
        }
        action?()
    }
}
