package main

import (
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"
)

// flagsFirst reorders a subcommand's arguments so that its flags come before its
// positional arguments: urfave/cli stops reading flags at the first positional
// argument, and users write `mineralplan run s.yaml --set x=1` as often as
// `mineralplan run --set x=1 s.yaml`. Everything after "--" stays as it is.
func flagsFirst(app *cli.App, args []string) []string {
	if len(args) < 2 {
		return args
	}
	// Skip the program name and global flags to find the subcommand.
	i := 1
	for i < len(args) && strings.HasPrefix(args[i], "-") {
		if !strings.Contains(args[i], "=") && takesValue(app.Flags, args[i]) {
			i++
		}
		i++
	}
	if i >= len(args) {
		return args
	}
	cmd := app.Command(args[i])
	if cmd == nil {
		return args
	}
	i++
	// Descend into a subcommand of the subcommand (import orlib-cap).
	for i < len(args) && len(cmd.Subcommands) > 0 {
		sub := cmd.Command(args[i])
		if sub == nil {
			if !strings.HasPrefix(args[i], "-") {
				// Said before the flags after it are read as the parent's.
				ctx := cli.NewContext(app, nil, nil)
				ctx.Command = cmd
				unknownCommand = unknownCommandMessage(ctx, args[i])
			}
			break
		}
		cmd = sub
		i++
	}
	out := append([]string(nil), args[:i]...)
	var flags, positional []string
	for j := i; j < len(args); j++ {
		a := args[j]
		switch {
		case a == "--":
			positional = append(positional, args[j:]...)
			j = len(args)
		case strings.HasPrefix(a, "-") && a != "-":
			flags = append(flags, a)
			if !strings.Contains(a, "=") && takesValue(cmd.Flags, a) {
				if j+1 >= len(args) || looksLikeFlag(args[j+1]) {
					if missingValue == "" {
						missingValue = "--" + strings.TrimLeft(a, "-")
						missingIn = cmd.Name
					}
					continue
				}
				flags = append(flags, args[j+1])
				j++
			}
		default:
			positional = append(positional, a)
		}
	}
	return append(append(out, flags...), positional...)
}

// takesValue reports whether the flag named by arg (with its dashes) needs a value.
func takesValue(flags []cli.Flag, arg string) bool {
	name := strings.TrimLeft(arg, "-")
	for _, f := range flags {
		for _, n := range f.Names() {
			if n != name {
				continue
			}
			tv, ok := f.(interface{ TakesValue() bool })
			return !ok || tv.TakesValue()
		}
	}
	return false
}

// missingValue is the first flag of the command line that needs a value and has
// none (it is last, or another flag follows it), and missingIn its command.
var missingValue, missingIn string

// looksLikeFlag reports whether arg is a flag rather than a value: it starts with
// a dash and is not a negative number.
func looksLikeFlag(arg string) bool {
	if !strings.HasPrefix(arg, "-") || arg == "-" {
		return false
	}
	_, err := strconv.ParseFloat(arg, 64)
	return err != nil
}
