package main

import (
	"fmt"
	"strings"

	"github.com/cpuguy83/go-md2man/v2/md2man"
	"github.com/urfave/cli/v2"
)

// manCommand writes the manual page, made from the command definitions; `make
// man` keeps docs/mineralplan.1 up to date with it.
var manCommand = &cli.Command{
	Name:  "man",
	Usage: "print the manual page (roff, section 1), made from the command definitions; man -l <(mineralplan man) shows it",
	Action: func(c *cli.Context) error {
		if c.NArg() > 0 {
			return cli.Exit("man takes no arguments", exitUsage)
		}
		_, err := c.App.Writer.Write(md2man.Render([]byte(manMarkdown(c.App))))
		return err
	},
}

// manMarkdown writes the manual page as the Markdown go-md2man reads: name,
// synopsis, description, global options, then every command with its usage,
// description and flags. It holds no version or machine-dependent text, so the
// page is the same wherever it is made.
func manMarkdown(app *cli.App) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%% %s 1\n\n# NAME\n\n%s - %s\n\n", app.Name, app.Name, mdEscape(app.Usage))
	fmt.Fprintf(&b, "# SYNOPSIS\n\n**%s** [*global options*] *command* [*command options*] [*arguments*...]\n\n", app.Name)
	fmt.Fprintf(&b, "# DESCRIPTION\n\n%s\n", mdText(app.Description))
	b.WriteString("Exit codes: 0 solved (optimal or within the gap), 1 solved but not optimal or infeasible, 2 bad input or usage, 3 internal error.\n\n")
	b.WriteString("Colour and terminal control codes are written only to a terminal, and never when the NO_COLOR environment variable is set (to anything but the empty string).\n\n")
	b.WriteString("# GLOBAL OPTIONS\n\n")
	manFlags(&b, app.VisibleFlags())
	b.WriteString("# COMMANDS\n\n")
	var walk func(prefix string, cmds []*cli.Command)
	walk = func(prefix string, cmds []*cli.Command) {
		for _, c := range cmds {
			if c.Hidden {
				continue
			}
			name := strings.TrimSpace(prefix + " " + c.Name)
			fmt.Fprintf(&b, "## %s", name)
			if c.ArgsUsage != "" {
				fmt.Fprintf(&b, " %s", mdEscape(c.ArgsUsage))
			}
			fmt.Fprintf(&b, "\n\n%s\n\n", mdEscape(c.Usage))
			if c.Description != "" {
				b.WriteString(mdText(c.Description))
			}
			manFlags(&b, c.VisibleFlags())
			walk(name, c.Subcommands)
		}
	}
	walk("", app.Commands)
	b.WriteString("# SEE ALSO\n\nREADME.md, docs/model.md (the model), docs/outputs.md (every file and column) and docs/cluster.md (Slurm and Kubernetes) in the source.\n")
	return b.String()
}

// manFlags writes each flag as a definition list item: names, value placeholder,
// usage and default.
func manFlags(b *strings.Builder, flags []cli.Flag) {
	for _, f := range flags {
		df, ok := f.(cli.DocGenerationFlag)
		if !ok {
			continue
		}
		placeholder, usage := unquoteUsage(df.GetUsage())
		var names []string
		for _, n := range f.Names() {
			names = append(names, "**"+mdEscape(dashes(n))+"**")
		}
		fmt.Fprintf(b, "%s", strings.Join(names, ", "))
		if df.TakesValue() {
			if placeholder == "" {
				placeholder = "value"
			}
			fmt.Fprintf(b, "=*%s*", mdEscape(placeholder))
		}
		fmt.Fprintf(b, "\n: %s", mdEscape(usage))
		if required(f) {
			b.WriteString(" (required)")
		} else if d := df.GetDefaultText(); df.TakesValue() && d != "" && d != `""` {
			fmt.Fprintf(b, " (default: %s)", mdEscape(d))
		}
		b.WriteString("\n\n")
	}
}

// unquoteUsage returns the `PLACEHOLDER` of a usage text and the text without
// its back quotes, as --help shows it.
func unquoteUsage(u string) (string, string) {
	i := strings.Index(u, "`")
	if i < 0 {
		return "", u
	}
	j := strings.Index(u[i+1:], "`")
	if j < 0 {
		return "", u
	}
	name := u[i+1 : i+1+j]
	return name, u[:i] + name + u[i+1+j+1:]
}

// mdEscape escapes the characters Markdown would read as markup.
func mdEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "<", `\<`, ">", `\>`, "[", `\[`, "]", `\]`, "#", `\#`).Replace(s)
}

// mdText turns a --help description into Markdown: lines that start at the margin
// are paragraphs, indented lines (examples, option lists) code blocks, so their
// layout stays as it is.
func mdText(desc string) string {
	var b strings.Builder
	inCode := false
	for _, line := range strings.Split(strings.TrimSpace(desc), "\n") {
		indented := strings.HasPrefix(line, " ")
		switch {
		case strings.TrimSpace(line) == "":
			if inCode {
				b.WriteString("\n")
				continue
			}
			b.WriteString("\n")
		case indented:
			if !inCode {
				b.WriteString("\n")
				inCode = true
			}
			b.WriteString("    " + line + "\n")
		default:
			if inCode {
				b.WriteString("\n")
				inCode = false
			}
			b.WriteString(mdEscape(line) + "\n")
		}
	}
	return b.String() + "\n"
}
