/// How EM's starting parameters are chosen (scikit-learn's `init_params`).
public enum Initialization: Sendable, Equatable {
    /// Hard labels from k-means (Lloyd's algorithm seeded by greedy k-means++), scikit-learn's default.
    case kMeans
    /// Hard labels from the nearest k-means++ seed, without Lloyd iterations.
    case kMeansPlusPlus
    /// Random responsibilities: uniform values normalised per row.
    case random
    /// Given responsibilities, an `n × k` matrix of non-negative rows (they are normalised).
    /// Every restart starts from them, so `restarts` should be 1.
    case responsibilities(Matrix)
    /// Given hard labels, one component index in `0..<k` per row.
    case labels([Int])
}

/// A starting assignment of rows to components.
enum Assignment: Sendable {
    /// One component per row.
    case labels([Int])
    /// `n × k` non-negative weights per row.
    case responsibilities(Matrix)
}
