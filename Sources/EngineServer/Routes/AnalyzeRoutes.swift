import EngineAPI
import Foundation
import Hummingbird
import MotivationEngine
import PlayerStore

/// `POST /v1/analyze` and `POST /v1/analyze/batch`: analyses of players the caller describes.
struct AnalyzeRoutes: Sendable {
    typealias Context = EngineRequestContext

    let models: any ModelSource
    let metrics: EngineMetrics
    let predictionLog: PredictionLog?
    let experiments: ExperimentPlan
    let limits: Limits

    /// Size limits of the request bodies.
    struct Limits: Sendable {
        var body: Int
        var batchBody: Int
        var batchItems: Int
    }

    func add(to router: Router<Context>) {
        router.post("/v1/analyze") { request, context in try await analyze(request, context: context) }
        router.post("/v1/analyze/batch") { request, context in try await batch(request, context: context) }
    }

    /// One player: the analysis JSON of DESIGN.md, with the target of the requested policy or,
    /// for a player with an id in a running experiment, of their arm.
    func analyze(_ request: Request, context: Context) async throws -> Analysis {
        let language = try QueryParameters(request).language()
        var context = context
        context.maxUploadSize = limits.body
        var input = try await request.decode(as: AnalysisInput.self, context: context)
        let now = Date()
        let presentation = experiments.presentation(for: input.userId, requested: input.targetPolicy, at: now)
        input.targetPolicy = presentation.policy
        let analysis = try models.current.registry.analyze(input, language: language, showTarget: presentation.showTarget)
        metrics.recordAnalysis(segment: analysis.segment, cluster: analysis.clusterPrediction.cluster)
        if let predictionLog, let user = input.userId {
            predictionLog.record(
                PredictionRecord(
                    analysis, userId: user, language: language, route: "/v1/analyze", assignment: presentation.assignment, at: now))
        }
        return analysis
    }

    /// Many players: a JSON array answered with `{"results": […], "analysed": n, "failed": m}` in
    /// input order, an item that cannot be analysed carrying its error; or a `text/csv` body
    /// (the `batch` command's format) answered with the scored CSV.
    func batch(_ request: Request, context: Context) async throws -> Response {
        let language = try QueryParameters(request).language()
        let body = try await request.collectedBody(upTo: limits.batchBody, expected: "a JSON array of players or a CSV")
        let registry = models.current.registry
        if request.isCSV {
            return try await BatchCSV.score(body, registry: registry, language: language, maximumRows: limits.batchItems)
        }
        let items =
            try body.withUnsafeReadableBytes(AnalysisInputReader.readArray)?.map { BatchItem(input: .success($0)) }
            ?? Self.decodeBatch(body)
        guard items.count <= limits.batchItems else {
            throw APIError(
                .contentTooLarge, code: "too_many_items",
                message: "a batch holds at most \(limits.batchItems) players, got \(items.count)")
        }
        var results: [Result<Analysis, AnalysisError>] = []
        results.reserveCapacity(items.count)
        for item in items {
            results.append(
                item.input.flatMap { input in
                    Result { try registry.analyze(input, language: language) }.mapError {
                        $0 as? AnalysisError ?? .invalidField(name: "input", problem: "\($0)")
                    }
                })
        }
        metrics.recordAnalyses(results)
        return try BatchAnswer(results).response(from: request, context: context)
    }
}

extension AnalyzeRoutes {
    /// A batch through `JSONDecoder`: every item its input or its error.
    /// - Throws: 400 `invalid_body` when the body is not a JSON array of objects.
    static func decodeBatch(_ body: ByteBuffer) throws -> [BatchItem] {
        do {
            return try JSONDecoder().decode([BatchItem].self, from: Data(body.readableBytesView))
        } catch let error as DecodingError {
            throw APIError.invalidBody(
                "the body must be a JSON array of player objects (or text/csv): \(AnalysisError(error).description)")
        }
    }
}

/// One element of a batch: its input, or why it is not one.
struct BatchItem: Decodable {
    let input: Result<AnalysisInput, AnalysisError>

    init(input: Result<AnalysisInput, AnalysisError>) {
        self.input = input
    }

    init(from decoder: any Decoder) throws {
        do {
            input = .success(try AnalysisInput(from: decoder))
        } catch let error as DecodingError {
            input = .failure(AnalysisError(error))
        } catch {
            input = .failure(.invalidField(name: "input", problem: "cannot be read: \(error)"))
        }
    }
}
