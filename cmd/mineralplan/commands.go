package main

import (
	"github.com/urfave/cli/v2"
)

// commands lists every subcommand, in the order --help shows them.
func commands() []*cli.Command {
	cmds := []*cli.Command{
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
	for _, c := range cmds {
		checkFlagsFirst(c)
		switch c.Name {
		case "resolve", "schema", "completion", "man", "version", "help":
			// Their product is the text on stdout.
		default:
			withJSON(c)
		}
	}
	return cmds
}

// checkFlagsFirst makes a command (and its subcommands) check its required
// flags and the solver flags before its own action runs.
func checkFlagsFirst(c *cli.Command) {
	for _, sub := range c.Subcommands {
		checkFlagsFirst(sub)
	}
	action := c.Action
	if action == nil {
		return
	}
	takeRequired(c)
	c.Action = func(ctx *cli.Context) error {
		if err := checkRequired(ctx); err != nil {
			return err
		}
		if err := checkSolverFlags(ctx); err != nil {
			return err
		}
		return action(ctx)
	}
}
