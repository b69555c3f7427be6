package main

import (
	"fmt"
	"strings"

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
		mergeCommand,
		auditCommand,
	}
	for _, c := range cmds {
		checkFlagsFirst(c)
	}
	return cmds
}

// checkFlagsFirst makes a command (and its subcommands) check the solver flags
// before its own action runs.
func checkFlagsFirst(c *cli.Command) {
	for _, sub := range c.Subcommands {
		checkFlagsFirst(sub)
	}
	c.OnUsageError = onUsageError
	action := c.Action
	if action == nil {
		return
	}
	c.Action = func(ctx *cli.Context) error {
		if err := checkSolverFlags(ctx); err != nil {
			return err
		}
		return action(ctx)
	}
}

// onUsageError turns urfave/cli's flag errors into one line on stderr and exit
// 2, without the help text (which would go to stdout, where a script reads
// results), naming the flag and what it needs.
func onUsageError(c *cli.Context, err error, _ bool) error {
	msg := err.Error()
	var name, value string
	if n, _ := fmt.Sscanf(msg, "invalid value %q for flag -%s", &value, &name); n == 2 {
		name = strings.TrimSuffix(strings.TrimSuffix(name, ":"), ":")
		if i := strings.Index(name, ":"); i >= 0 {
			name = name[:i]
		}
		hint := "give it a value of its kind"
		if strings.HasPrefix(value, "-") || strings.Contains(value, ".") && !strings.ContainsAny(value, "0123456789") || strings.HasSuffix(value, ".yaml") {
			hint = "the flag needs a value right after it"
		}
		return cli.Exit(fmt.Sprintf("--%s %s: not a valid value for --%s; %s (see 'mineralplan %s --help')", name, value, name, hint, c.Command.Name), exitUsage)
	}
	if strings.HasPrefix(msg, "flag needs an argument: ") {
		flag := strings.TrimLeft(strings.TrimPrefix(msg, "flag needs an argument: "), "-")
		return cli.Exit(fmt.Sprintf("--%s needs a value after it (see 'mineralplan %s --help')", flag, c.Command.Name), exitUsage)
	}
	if strings.HasPrefix(msg, "flag provided but not defined: ") {
		flag := strings.TrimLeft(strings.TrimPrefix(msg, "flag provided but not defined: "), "-")
		return cli.Exit(fmt.Sprintf("unknown flag --%s (see 'mineralplan %s --help')", flag, c.Command.Name), exitUsage)
	}
	return cli.Exit(msg+" (see 'mineralplan "+c.Command.Name+" --help')", exitUsage)
}
