import ArgumentParser

/// The `sphery-engine` command line: a thin layer that parses options, calls the engine's
/// modules and prints their results.
@main
struct SpheryEngine: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sphery-engine",
        abstract: "The Sphery Motivational Engine: player segments, targets and messages from Gaussian mixtures.",
        version: "0.1.0",
        subcommands: [
            TrainCommand.self, AnalyzeCommand.self, BatchCommand.self, InfoCommand.self, ValidateCommand.self,
            SegmentsCommand.self, PlayerCommand.self, MixtureCommand.self,
        ]
    )
}
