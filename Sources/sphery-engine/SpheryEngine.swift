import ArgumentParser

/// The `sphery-engine` command line: a thin layer that parses options, calls the engine's
/// modules and prints their results.
@main
struct SpheryEngine: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sphery-engine",
        abstract: "The Sphery Motivational Engine: player segments, targets and messages from Gaussian mixtures.",
        version: BuildVersion.text,
        subcommands: [
            DemoDataCommand.self, MigrateCommand.self, SegmentsCommand.self, TrainCommand.self, AnalyzeCommand.self,
            PlayerCommand.self, BatchCommand.self, InfoCommand.self, ValidateCommand.self, MixtureCommand.self, ServeCommand.self,
            ReportCommand.self, ModelsCommand.self,
            SimulateCommand.self,
        ]
    )
}
