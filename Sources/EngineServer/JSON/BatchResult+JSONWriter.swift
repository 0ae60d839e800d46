import Hummingbird
import MotivationEngine

extension JSONWriter {
    /// Encodes a batch answer: `{"results": [{"index": i, "analysis": {…}} or
    /// {"index": i, "error": {"code": …, "message": …}}, …], "analysed": n, "failed": m}`.
    /// - Throws: `JSONWriterError` if a number is NaN or infinite.
    static func encodeBatch(
        _ results: [Result<Analysis, AnalysisError>], allocator: ByteBufferAllocator = ByteBufferAllocator()
    ) throws(JSONWriterError) -> ByteBuffer {
        var writer = JSONWriter(buffer: allocator.buffer(capacity: 64 + results.count * 1280))
        var failed = 0
        writer.beginObject()
        writer.key("results")
        writer.beginArray()
        for (index, result) in results.enumerated() {
            writer.beginObject()
            writer.key("index"); writer.value(index)
            switch result {
            case .success(let analysis):
                writer.key("analysis"); try writer.write(analysis)
            case .failure(let error):
                failed += 1
                writer.key("error"); writer.writeBody(of: APIError(error))
            }
            writer.endObject()
        }
        writer.endArray()
        writer.key("analysed"); writer.value(results.count - failed)
        writer.key("failed"); writer.value(failed)
        writer.endObject()
        return writer.buffer
    }
}
