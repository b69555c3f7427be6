package main

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"
)

// conventions gives every command the same command-line behaviour: a usage error
// is one line on stderr naming the flag as it was written (--jsn), with a
// did-you-mean and exit code 2, instead of the help text on stdout; and no
// command has a help subcommand of its own, since `mineralplan help CMD` and
// `CMD --help` show the same text.
func conventions(app *cli.App) {
	// urfave/cli adds --help to the app only when it has no help command of its own.
	app.Flags = append(app.Flags, cli.HelpFlag)
	app.OnUsageError = usageErrorFor("mineralplan", func() []cli.Flag { return app.Flags })
	var walk func(path string, cmds []*cli.Command)
	walk = func(path string, cmds []*cli.Command) {
		for _, c := range cmds {
			c.HideHelpCommand = true
			// Commands defined once as variables serve every app made in a process
			// (help makes one): their help names must not grow with each.
			c.HelpName = path + " " + c.Name
			if path == "mineralplan" {
				// The app prefixes its own name to its commands' help names.
				c.HelpName = c.Name
			}
			c.OnUsageError = usageErrorFor(path+" "+c.Name, func() []cli.Flag { return c.Flags })
			walk(path+" "+c.Name, c.Subcommands)
		}
	}
	walk("mineralplan", app.Commands)
}

// singleDashFlag matches a flag named with one dash in the flag package's
// messages ("flag provided but not defined: -jsn", "invalid value ... for flag -gap").
var singleDashFlag = regexp.MustCompile(`(^|[\s:])-([A-Za-z][A-Za-z0-9-]+)\b`)

// invalidFlagValue matches the flag package's message for a value that does not
// parse: the value and the flag's name.
var invalidFlagValue = regexp.MustCompile(`^invalid value "(.*)" for flag -+([A-Za-z][A-Za-z0-9-]*): `)

// usageErrorFor returns the OnUsageError of the command called path (such as
// "mineralplan run"), whose flags are those flags returns.
func usageErrorFor(path string, flags func() []cli.Flag) cli.OnUsageErrorFunc {
	return func(_ *cli.Context, err error, _ bool) error {
		msg := err.Error()
		if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
			msg = "unknown flag " + asWritten(name)
			var names []string
			for _, f := range flags() {
				names = append(names, f.Names()...)
			}
			names = append(names, "help")
			if s := closest(name, names); s != "" {
				msg += "; did you mean " + dashes(s) + "?"
			}
		} else if m := invalidFlagValue.FindStringSubmatch(msg); m != nil {
			value, name := m[1], dashes(m[2])
			hint := "give it a value of its kind"
			if strings.HasPrefix(value, "-") || strings.HasSuffix(value, ".yaml") {
				hint = "the flag needs its value right after it"
			}
			msg = fmt.Sprintf("%s %s: not a valid value for %s; %s", name, value, name, hint)
		} else if name, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
			msg = dashes(strings.TrimLeft(name, "-")) + " needs a value after it"
		} else {
			// Long flags are written with two dashes; the flag package names them with one.
			msg = singleDashFlag.ReplaceAllString(msg, "$1--$2")
		}
		if cmd, ok := strings.CutPrefix(path, "mineralplan "); ok {
			msg = cmd + ": " + msg
		}
		return cli.Exit(fmt.Sprintf("%s (see '%s --help')", msg, path), exitUsage)
	}
}

// asWritten returns the unknown flag name as the command line wrote it (--jsn or
// -jsn), or with the dashes its length calls for when it cannot be found.
func asWritten(name string) string {
	for _, a := range os.Args[1:] {
		if a == "--" {
			break
		}
		flag, _, _ := strings.Cut(a, "=")
		if strings.TrimLeft(flag, "-") == name && strings.HasPrefix(flag, "-") {
			return flag
		}
	}
	return dashes(name)
}

// dashes writes a flag name with its dashes: -o, --json.
func dashes(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// unknownCommandMessage says that name is no command of c's command line, with
// the closest command's name when one is near.
func unknownCommandMessage(c *cli.Context, name string) string {
	cmds, path := c.App.Commands, "mineralplan"
	if c.Command != nil && len(c.Command.Subcommands) > 0 && c.Command.Name != "" && c.Command.Name != c.App.Name {
		cmds, path = c.Command.Subcommands, "mineralplan "+c.Command.Name
	}
	var names []string
	for _, cmd := range cmds {
		if !cmd.Hidden {
			names = append(names, cmd.Names()...)
		}
	}
	msg := fmt.Sprintf("no command %q", name)
	if s := closest(name, names); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	}
	return msg + fmt.Sprintf(" (see '%s --help')", path)
}

// closest returns the candidate nearest to typed, or "" when none is near: within
// an edit distance of a third of its length (at least 1, at most 3), or one that
// typed is a prefix of.
func closest(typed string, candidates []string) string {
	best, bestDist := "", 0
	limit := min(max(len(typed)/3, 1), 3)
	for _, c := range slices.Sorted(slices.Values(candidates)) {
		d := editDistance(strings.ToLower(typed), strings.ToLower(c))
		if len(typed) >= 2 && strings.HasPrefix(c, typed) {
			d = min(d, 1)
		}
		if d <= limit && (best == "" || d < bestDist) {
			best, bestDist = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, counting an
// exchange of two neighbouring letters as one edit.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// helpCommand shows the help of the app, a command or a subcommand: `mineralplan
// help run` prints what `mineralplan run --help` does.
func helpCommand() *cli.Command {
	return &cli.Command{
		Name:      "help",
		Usage:     "show the help of mineralplan or of a command: help run is run --help",
		ArgsUsage: "[COMMAND [SUBCOMMAND]]",
		Action: func(c *cli.Context) error {
			args := c.Args().Slice()
			if len(args) == 0 {
				return cli.ShowAppHelp(c)
			}
			cmds, path := c.App.Commands, []string{}
			for _, name := range args {
				var found *cli.Command
				for _, cmd := range cmds {
					if cmd.HasName(name) {
						found = cmd
					}
				}
				if found == nil {
					ctx := cli.NewContext(c.App, nil, nil)
					if len(path) > 0 {
						ctx.Command = &cli.Command{Name: strings.Join(path, " "), Subcommands: cmds}
					}
					return cli.Exit("help: "+unknownCommandMessage(ctx, name), exitUsage)
				}
				path = append(path, found.Name)
				cmds = found.Subcommands
			}
			// Run the command line CMD --help, so that the text is the same.
			app := newApp()
			app.Writer, app.ErrWriter = c.App.Writer, c.App.ErrWriter
			return app.Run(append(append([]string{c.App.Name}, path...), "--help"))
		},
	}
}

// versionCommand prints what --version prints, or with --json the versions as
// one object.
var versionCommand = &cli.Command{
	Name:  "version",
	Usage: "print the version of mineralplan and of HiGHS (as --version does)",
	Flags: []cli.Flag{&cli.BoolFlag{Name: "json", Usage: "print the versions as one JSON object"}},
	Action: func(c *cli.Context) error {
		if c.NArg() > 0 {
			return cli.Exit("version takes no arguments", exitUsage)
		}
		if c.Bool("json") {
			tool, hv := versions()
			return printJSON(struct {
				Status      string `json:"status"`
				ExitCode    int    `json:"exit_code"`
				Mineralplan string `json:"mineralplan"`
				HiGHS       string `json:"highs"`
			}{"ok", 0, tool, hv})
		}
		cli.ShowVersion(c)
		return nil
	},
}

// A switch is off unless given: its help line does not say "(default: false)";
// a required flag's says "(required)" instead of a default.
func init() {
	plain := cli.FlagStringer
	cli.FlagStringer = func(f cli.Flag) string {
		s := strings.TrimSuffix(plain(f), " (default: false)")
		if required(f) {
			if i := strings.LastIndex(s, " (default: "); i >= 0 {
				s = s[:i]
			}
			s += " (required)"
		}
		return s
	}
}

// required reports whether a flag must be given.
func required(f cli.Flag) bool {
	if mustGive[f] {
		return true
	}
	r, ok := f.(cli.RequiredFlag)
	return ok && r.IsRequired()
}

// mustGive holds the flags declared Required. urfave/cli answers a missing
// required flag by running its help command on the command's arguments, which
// prints the help on stdout or calls a file name an unknown command; so
// takeRequired clears Required and checkRequired says what is missing instead.
var mustGive = map[cli.Flag]bool{}

// takeRequired moves c's required flags into mustGive.
func takeRequired(c *cli.Command) {
	for _, f := range c.Flags {
		if !required(f) {
			continue
		}
		mustGive[f] = true
		switch f := f.(type) {
		case *cli.StringFlag:
			f.Required = false
		case *cli.Float64Flag:
			f.Required = false
		case *cli.IntFlag:
			f.Required = false
		case *cli.StringSliceFlag:
			f.Required = false
		default:
			panic(fmt.Sprintf("takeRequired: flag %v of %s: add its type", f.Names(), c.Name))
		}
	}
}

// checkRequired returns a usage error naming the required flags of ctx's
// command that are not given, such as "frontier needs --from and --to".
func checkRequired(ctx *cli.Context) error {
	var missing []string
	for _, f := range ctx.Command.Flags {
		if mustGive[f] && !ctx.IsSet(f.Names()[0]) {
			missing = append(missing, "--"+f.Names()[0])
		}
	}
	if len(missing) == 0 {
		return nil
	}
	list := strings.Join(missing, " and ")
	if len(missing) > 2 {
		list = strings.Join(missing[:len(missing)-1], ", ") + " and " + missing[len(missing)-1]
	}
	return cli.Exit(fmt.Sprintf("%s needs %s (see 'mineralplan %s --help')", ctx.Command.Name, list, ctx.Command.Name), exitUsage)
}
