package main

import (
	"fmt"
	"slices"

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
		case "schema", "completion", "man", "help":
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
		if err := checkEmptyPaths(ctx); err != nil {
			return err
		}
		if err := checkSolverFlags(ctx); err != nil {
			return err
		}
		return action(ctx)
	}
}

// pathFlags are the flags whose value names a file or folder.
var pathFlags = []string{"out", "output", "mps", "lp", "plan"}

// checkEmptyPaths refuses an empty argument or path flag (a script's unset
// variable): it names nothing, and taking it as "not given"
// would run the default scenario or write to the default folder unasked.
func checkEmptyPaths(ctx *cli.Context) error {
	for i, a := range ctx.Args().Slice() {
		if a == "" {
			return cli.Exit(fmt.Sprintf("%s: argument %d is empty (''); name a file or folder (- for standard input)", ctx.Command.Name, i+1), exitUsage)
		}
	}
	for _, f := range ctx.Command.Flags {
		name := f.Names()[0]
		if !slices.Contains(pathFlags, name) || !ctx.IsSet(name) {
			continue
		}
		values := []string{ctx.String(name)}
		if _, ok := f.(*cli.StringSliceFlag); ok {
			values = ctx.StringSlice(name)
		}
		if !slices.Contains(values, "") {
			continue
		}
		if name == "out" {
			return checkOutDir("--out", "")
		}
		what := "file"
		if name == "plan" {
			what = "run folder"
		}
		return cli.Exit(fmt.Sprintf("--%s '': give a %s name", name, what), exitUsage)
	}
	return nil
}
