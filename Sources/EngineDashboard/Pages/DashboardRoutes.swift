import EngineServer
import Foundation
import Hummingbird
import MotivationEngine
import PlayerStore

/// The staff dashboard: server-rendered HTML (Mustache templates, SVG charts drawn in Swift),
/// no JavaScript needed. `/` analyses a player (typed in or looked up), `/models` lists the
/// models and `/models/{segment}` shows one, `/reports/retention` reports an experiment.
public struct DashboardRoutes: EngineRoutes {
    typealias Context = EngineRequestContext

    let models: any ModelSource
    /// The player database; nil without one.
    let players: (any PlayerRepository)?
    /// The exposure log; nil without a database.
    let exposures: (any ExposureRepository)?
    let templates: DashboardTemplates
    let serving: ServingStatistics
    /// The configured retention experiments.
    let experiments: ExperimentPlan
    /// The largest CSV the batch page takes.
    let maximumUploadBytes: Int
    /// The most rows the batch page scores (the API's batch limit).
    let maximumRows: Int

    /// The dashboard of `service`: its models, its database, its serving statistics and limits.
    /// - Throws: when a template is missing or does not parse (a packaging bug).
    public init(_ service: EngineService) throws {
        models = service.models
        players = service.players
        exposures = service.exposures
        templates = try DashboardTemplates()
        serving = service.metrics.serving
        experiments = service.configuration.experiments
        maximumUploadBytes = service.configuration.maximumBatchBytes
        maximumRows = service.configuration.maximumBatchItems
    }

    /// Registers the pages.
    public func add(to router: Router<EngineRequestContext>) {
        router.get("/") { request, _ in try await player(request) }
        router.get("/batch") { _, _ in
            try templates.render(BatchPage(registry: models.current.registry, maximumBytes: maximumUploadBytes))
        }
        router.post("/batch") { request, _ in try await batch(request) }
        router.get("/monitoring") { _, _ in
            try templates.render(MonitoringPage(models: models.current, serving: serving))
        }
        router.get("/reports/retention") { request, _ in try await retention(request) }
        router.get("/models") { _, _ in try templates.render(ModelsPage(models.current)) }
        router.get("/models/{segment}") { _, context in
            let name = try context.parameters.require("segment")
            guard let engine = models.current.registry.engine(named: name) else {
                throw APIError(.notFound, code: "unknown_segment", message: "no model for segment '\(name)'")
            }
            let (players, note) = await playerRows(for: engine.model)
            return try templates.render(ModelPage(engine, players: players, note: note))
        }
    }

    /// The analysis page: the empty form, or the analysis of what it was given with errors next
    /// to the fields that need them (400).
    func player(_ request: Request) async throws -> Response {
        let query = QueryParameters(request).all
        let registry = models.current.registry
        var page = PlayerPage(query: query, registry: registry, database: players != nil)
        guard !query.isEmpty else { return try templates.render(page) }
        guard let engine = registry.engine(named: page.form.segment) else {
            page.errors.segment = "Choose one of the loaded segments."
            return try templates.render(page, status: .badRequest)
        }
        let language = Language(identifier: page.form.language) ?? .en
        do {
            if !page.form.user.trimmingCharacters(in: .whitespaces).isEmpty {
                try await lookUp(&page, engine: engine, language: language)
            } else {
                try analyse(&page, engine: engine, language: language)
            }
        } catch let error as AnalysisError {
            if case .invalidField(let name, let problem) = error {
                switch name {
                case "age": page.errors.age = "The age \(problem)."
                case "startSpeed": page.errors.startSpeed = "The start speed \(problem)."
                default: page.errors.score = "The score \(problem)."
                }
            } else {
                page.errors.general = error.description
            }
        }
        return try templates.render(page, status: page.errors.isEmpty ? .ok : .badRequest)
    }

    /// The experiments page: the report the form asks for, or why there is none (with the
    /// error's 4xx status, 503 without a usable database).
    func retention(_ request: Request) async throws -> Response {
        let query = QueryParameters(request).all
        // The report names what is wrong with the log; this list only fills the form.
        let logged = (try? await exposures?.experiments()) ?? []
        var page = RetentionPage(query: query, plan: experiments, logged: logged)
        let status: HTTPResponse.Status
        do {
            status = page.show(try await ReportRoutes.report(for: request, exposures: exposures, experiments: experiments))
        } catch {
            guard let explained = page.explain(ErrorMiddleware.apiError(error, request: request)) else { throw error }
            status = explained
        }
        return try templates.render(page, status: status)
    }

    /// The segment's players as training saw them, from the database; none (and why) without one.
    private func playerRows(for model: SegmentModel) async -> ([[Double]], String?) {
        guard let players else { return ([], "Start the service with a database to see the players.") }
        do {
            let records = try await players.workouts(in: model.segment)
            return (SegmentTrainer(options: model.training).playerRows(records), nil)
        } catch {
            return ([], "The players cannot be read right now (\(error)).")
        }
    }

    /// Scores an uploaded CSV: the summary, a preview and the file to download; a file that
    /// cannot be read is a 400 (413 when too large) with the error next to the field.
    func batch(_ request: Request) async throws -> Response {
        let registry = models.current.registry
        var page = BatchPage(registry: registry, maximumBytes: maximumUploadBytes)
        do {
            let upload = try await Self.upload(request, limit: maximumUploadBytes)
            page = BatchPage(registry: registry, maximumBytes: maximumUploadBytes, segment: upload.segment, language: upload.language)
            guard let file = upload.file, !file.isEmpty else {
                page.error = "Choose a CSV file."
                return try templates.render(page, status: .badRequest)
            }
            let segment = upload.segment.flatMap(registry.engine(named:))?.model.segment
            let defaults = SegmentDefaults(
                gameMode: segment?.gameMode, difficulty: segment?.difficulty, durationMinutes: segment?.durationMinutes)
            let scored = try await BatchCSV.scoredCSV(
                ByteBuffer(bytes: file), registry: registry, language: Language(identifier: upload.language ?? "en") ?? .en,
                defaults: defaults, maximumRows: maximumRows)
            page.result = try BatchPage.result(scored)
            return try templates.render(page)
        } catch let error as APIError {
            page.error = error.message
            return try templates.render(page, status: error.status)
        }
    }

    /// The multipart form of the batch page.
    private static func upload(_ request: Request, limit: Int) async throws -> BatchPage.Upload {
        let form: MultipartForm
        do {
            let boundary = try MultipartForm.boundary(in: request.headers[.contentType])
            let body = try await request.collectedBody(upTo: limit, expected: "a form with a CSV file")
            form = try MultipartForm(boundary: boundary, body: Array(body.readableBytesView))
        } catch let error as MultipartFormError {
            throw APIError(.badRequest, code: "invalid_body", message: error.description)
        }
        let text = { (field: String) in form.fields[field].map { String(decoding: $0, as: UTF8.self) } }
        return BatchPage.Upload(file: form.fields["file"], segment: text("segment"), language: text("language"))
    }

    /// Analyses the typed-in values.
    private func analyse(_ page: inout PlayerPage, engine: SegmentEngine, language: Language) throws {
        let (score, scoreError) = PlayerPage.number(page.form.score, field: "score", example: "150000", required: true)
        let (age, ageError) = PlayerPage.number(page.form.age, field: "age", example: "25.5", required: false)
        let (speed, speedError) = PlayerPage.number(page.form.startSpeed, field: "start speed", example: "5", required: false)
        let (policy, policyError) = page.policy
        let (recent, recentError) = page.recentScores
        page.errors.score = scoreError
        page.errors.age = ageError
        page.errors.startSpeed = speedError
        page.errors.policy = policyError
        page.errors.recentScores = recentError
        guard let score, page.errors.isEmpty else { return }
        let segment = engine.model.segment
        let analysis = try engine.analyze(
            AnalysisInput(
                gameMode: segment.gameMode, difficulty: segment.difficulty, durationMinutes: Double(segment.durationMinutes),
                score: score, age: age, startSpeed: speed, recentScores: recent, targetPolicy: policy),
            language: language)
        page.result = PlayerPage.result(analysis, engine: engine, history: nil)
    }

    /// Looks the user up in the database and analyses their latest workout.
    private func lookUp(_ page: inout PlayerPage, engine: SegmentEngine, language: Language) async throws {
        guard let user = Int(page.form.user.trimmingCharacters(in: .whitespaces)), user > 0 else {
            page.errors.user = "A user id is a whole number, like 42."
            return
        }
        guard let players else {
            page.errors.user = "This service has no player database (start it with --db); enter a score instead."
            return
        }
        let (policy, policyError) = page.policy
        guard let policy else {
            page.errors.policy = policyError
            return
        }
        let segment = engine.model.segment
        do {
            let history = try await players.history(
                user: user, in: segment, trendWorkouts: PlayerHistory.defaultTrendWorkouts, personal: engine.personalSettings)
            let analysis = try engine.analyzeRecorded(history.analysisInput(policy: policy), language: language)
            page.form.score = String(Int(history.latestScore))
            page.result = PlayerPage.result(analysis, engine: engine, history: history)
        } catch let error as DatabaseError {
            switch error {
            case .unknownUser, .noWorkouts:
                page.errors.user = error.description.prefix(1).uppercased() + error.description.dropFirst() + "."
            default: page.errors.general = "The player database cannot be used right now: \(error)"
            }
        }
    }
}
