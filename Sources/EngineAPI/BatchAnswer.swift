import MotivationEngine

/// The answer to a JSON batch: `{"results": [{"index": i, "analysis": {…}} or
/// {"index": i, "error": {"code": …, "message": …}}, …], "analysed": n, "failed": m}`, in input order.
public struct BatchAnswer: JSONWritable, Sendable {
    /// Every item's analysis or error, in input order.
    public var results: [Result<Analysis, AnalysisError>]

    /// The answer of `results`.
    public init(_ results: [Result<Analysis, AnalysisError>]) {
        self.results = results
    }

    /// The keys of the batch answer and of its items.
    public enum Key: WireKey {
        case results, analysed, failed, index, analysis, error

        /// The key as JSON spells it.
        public var name: StaticString {
            switch self {
            case .results: "results"
            case .analysed: "analysed"
            case .failed: "failed"
            case .index: "index"
            case .analysis: "analysis"
            case .error: "error"
            }
        }
    }

    /// About one analysis per item.
    public var typicalSize: Int { 64 + results.count * 1280 }

    /// Writes the items, then the counts.
    public func write(to writer: inout JSONWriter) throws(JSONWriterError) {
        var failed = 0
        writer.beginObject()
        writer.key(Key.results)
        writer.beginArray()
        for (index, result) in results.enumerated() {
            writer.beginObject()
            writer.key(Key.index); writer.value(index)
            switch result {
            case .success(let analysis):
                writer.key(Key.analysis); try analysis.write(to: &writer)
            case .failure(let error):
                failed += 1
                writer.key(Key.error); ErrorBody(error).write(to: &writer)
            }
            writer.endObject()
        }
        writer.endArray()
        writer.key(Key.analysed); writer.value(results.count - failed)
        writer.key(Key.failed); writer.value(failed)
        writer.endObject()
    }
}
