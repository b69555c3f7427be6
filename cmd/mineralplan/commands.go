package main

import "github.com/urfave/cli/v2"

// commands lists every subcommand, in the order --help shows them.
func commands() []*cli.Command {
	return []*cli.Command{
		runCommand(),
		batchCommand(),
		validateCommand,
		lintCommand,
		resolveCommand,
		schemaCommand,
		exportCommand(),
		importCommand(),
		generateCommand(),
		compareCommand,
		sweepCommand,
		paretoCommand,
		frontierCommand,
		stochasticCommand(),
		evaluateCommand(),
		alternativesCommand(),
		mergeCommand,
		auditCommand,
		completionCommand,
		manCommand,
		versionCommand,
		helpCommand(),
	}
}
