package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"
)

// completionCommand writes a shell completion script made from the command
// definitions, so it never falls behind them.
var completionCommand = &cli.Command{
	Name:      "completion",
	Usage:     "print a shell completion script for bash, zsh or fish",
	ArgsUsage: "bash|zsh|fish",
	Description: `Prints a completion script of mineralplan's commands and flags for the named
shell. Load it for the current shell, or install it:

   source <(mineralplan completion bash)     # bash; or write it to
                                             # ~/.local/share/bash-completion/completions/mineralplan
   mineralplan completion zsh > "${fpath[1]}/_mineralplan"   # zsh, then start a new shell
   mineralplan completion fish > ~/.config/fish/completions/mineralplan.fish`,
	Action: func(c *cli.Context) error {
		if c.NArg() != 1 {
			return cli.Exit("completion: name one shell: bash, zsh or fish", exitUsage)
		}
		tree := commandTree(c.App)
		switch shell := c.Args().First(); shell {
		case "bash":
			return writeBashCompletion(c.App.Writer, tree)
		case "zsh":
			return writeZshCompletion(c.App.Writer, tree)
		case "fish":
			return writeFishCompletion(c.App.Writer, tree)
		default:
			msg := fmt.Sprintf("completion: no script for the shell %q", shell)
			if s := closest(shell, []string{"bash", "zsh", "fish"}); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
			return cli.Exit(msg+"; use bash, zsh or fish", exitUsage)
		}
	},
}

// completionNode is a command (or the app) as completion scripts see it.
type completionNode struct {
	path  []string // command names below the app: [], [run], [import orlib-cap]
	usage string
	flags []completionFlag
	subs  []*completionNode
}

// completionFlag is one flag: its names with dashes, whether it takes a value,
// and its usage text.
type completionFlag struct {
	names      []string // --json; -o, --output
	takesValue bool
	usage      string
}

// commandTree returns the app's visible commands and flags, each command's
// --help included.
func commandTree(app *cli.App) *completionNode {
	root := &completionNode{usage: app.Usage, flags: completionFlags(app.VisibleFlags())}
	for _, f := range []completionFlag{{names: []string{"--help", "-h"}, usage: "show help"}, {names: []string{"--version", "-v"}, usage: "print the version"}} {
		if !slices.ContainsFunc(root.flags, func(g completionFlag) bool { return slices.Contains(g.names, f.names[0]) }) {
			root.flags = append(root.flags, f)
		}
	}
	var add func(parent *completionNode, cmds []*cli.Command)
	add = func(parent *completionNode, cmds []*cli.Command) {
		for _, c := range cmds {
			if c.Hidden {
				continue
			}
			n := &completionNode{path: append(slices.Clone(parent.path), c.Name), usage: c.Usage, flags: completionFlags(c.VisibleFlags())}
			if !slices.ContainsFunc(n.flags, func(f completionFlag) bool { return slices.Contains(f.names, "--help") }) {
				n.flags = append(n.flags, completionFlag{names: []string{"--help", "-h"}, usage: "show help"})
			}
			parent.subs = append(parent.subs, n)
			add(n, c.Subcommands)
		}
	}
	add(root, app.Commands)
	return root
}

func completionFlags(flags []cli.Flag) []completionFlag {
	var out []completionFlag
	for _, f := range flags {
		cf := completionFlag{}
		for _, n := range f.Names() {
			cf.names = append(cf.names, dashes(n))
		}
		if tv, ok := f.(interface{ TakesValue() bool }); ok {
			cf.takesValue = tv.TakesValue()
		}
		if u, ok := f.(interface{ GetUsage() string }); ok {
			cf.usage = u.GetUsage()
		}
		out = append(out, cf)
	}
	return out
}

// walk calls fn on n and every command below it, parents first.
func (n *completionNode) walk(fn func(*completionNode)) {
	fn(n)
	for _, s := range n.subs {
		s.walk(fn)
	}
}

func (n *completionNode) subNames() []string {
	var names []string
	for _, s := range n.subs {
		names = append(names, s.path[len(s.path)-1])
	}
	return names
}

func (n *completionNode) flagNames(valued bool) []string {
	var names []string
	for _, f := range n.flags {
		if !valued || f.takesValue {
			names = append(names, f.names...)
		}
	}
	return names
}

// shortUsage is the first clause of a usage text, for one-line descriptions.
func shortUsage(u string) string {
	for _, sep := range []string{"; ", " (", ": "} {
		if i := strings.Index(u, sep); i > 0 {
			u = u[:i]
		}
	}
	return u
}

// writeBashCompletion writes a bash script: commands, subcommands and each
// command's flags complete; a flag's value and positional arguments complete as
// file names.
func writeBashCompletion(w io.Writer, root *completionNode) error {
	var b strings.Builder
	b.WriteString(`# bash completion for mineralplan, made by 'mineralplan completion bash'.
# Load it with: source <(mineralplan completion bash)
_mineralplan() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    local path="" i word valued subs flags
    # The command path: the words before the cursor that name commands, skipping
    # flags and the values of flags that take one.
    for ((i = 1; i < COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        _mineralplan_node "$path"
        case "$word" in
            --*=*) ;;
            -*) [[ " $valued " == *" $word "* ]] && ((i++)) ;;
            *) [[ " $subs " == *" $word "* ]] && path="${path:+$path }$word" ;;
        esac
    done
    _mineralplan_node "$path"
    if [[ " $valued " == *" $prev "* ]]; then
        COMPREPLY=($(compgen -f -- "$cur"))
    elif [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W "$flags" -- "$cur"))
    elif [[ -n "$subs" ]]; then
        COMPREPLY=($(compgen -W "$subs" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}
# _mineralplan_node sets subs, flags and valued (flags that take a value) for a
# command path.
_mineralplan_node() {
    case "$1" in
`)
	root.walk(func(n *completionNode) {
		fmt.Fprintf(&b, "        %q)\n            subs=%q\n            flags=%q\n            valued=%q ;;\n",
			strings.Join(n.path, " "), strings.Join(n.subNames(), " "), strings.Join(n.flagNames(false), " "), strings.Join(n.flagNames(true), " "))
	})
	b.WriteString(`        *) subs="" flags="" valued="" ;;
    esac
}
complete -o filenames -o bashdefault -F _mineralplan mineralplan
`)
	_, err := io.WriteString(w, b.String())
	return err
}

// zshQuote quotes s for a single-quoted zsh word inside an _arguments spec or a
// _describe item, where [, ], and : have meanings.
func zshQuote(s string) string {
	r := strings.NewReplacer(`'`, `'\''`, `[`, `\[`, `]`, `\]`, `:`, `\:`)
	return r.Replace(s)
}

// zshFunc names the zsh function of a command path.
func zshFunc(path []string) string {
	return "_mineralplan" + strings.ReplaceAll(strings.Join(append([]string{""}, path...), "_"), "-", "_")
}

// writeZshCompletion writes a zsh completion function per command, with each
// command's and flag's description.
func writeZshCompletion(w io.Writer, root *completionNode) error {
	var b strings.Builder
	b.WriteString("#compdef mineralplan\n# zsh completion for mineralplan, made by 'mineralplan completion zsh'.\n" +
		"# Install it as _mineralplan in a folder of $fpath, or load it with: source <(mineralplan completion zsh)\n\n")
	root.walk(func(n *completionNode) {
		fmt.Fprintf(&b, "%s() {\n    local curcontext=\"$curcontext\" state line\n    typeset -A opt_args\n    _arguments -C \\\n", zshFunc(n.path))
		for _, f := range n.flags {
			desc := zshQuote(shortUsage(f.usage))
			names := f.names
			var spec string
			if len(names) == 1 {
				spec = names[0]
			} else {
				spec = "(" + strings.Join(names, " ") + ")'{" + strings.Join(names, ",") + "}'"
			}
			if f.takesValue {
				fmt.Fprintf(&b, "        '%s[%s]:value:_files' \\\n", spec, desc)
			} else {
				fmt.Fprintf(&b, "        '%s[%s]' \\\n", spec, desc)
			}
		}
		if len(n.subs) == 0 {
			b.WriteString("        '*:file:_files'\n}\n\n")
			return
		}
		b.WriteString("        '1:command:->command' \\\n        '*::arg:->arg'\n    case $state in\n    command)\n        local -a commands\n        commands=(\n")
		for _, s := range n.subs {
			fmt.Fprintf(&b, "            '%s:%s'\n", zshQuote(s.path[len(s.path)-1]), zshQuote(shortUsage(s.usage)))
		}
		b.WriteString("        )\n        _describe -t commands 'mineralplan command' commands ;;\n    arg)\n        case $line[1] in\n")
		for _, s := range n.subs {
			fmt.Fprintf(&b, "        %s) %s ;;\n", s.path[len(s.path)-1], zshFunc(s.path))
		}
		b.WriteString("        esac ;;\n    esac\n}\n\n")
	})
	b.WriteString("if [[ $zsh_eval_context[-1] == loadautofunc ]]; then\n    _mineralplan \"$@\"\nelse\n    compdef _mineralplan mineralplan\nfi\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// fishQuote quotes s as a single-quoted fish string.
func fishQuote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

// writeFishCompletion writes fish complete commands: each command where its
// parent's path has been typed, each flag where its command's has.
func writeFishCompletion(w io.Writer, root *completionNode) error {
	var b strings.Builder
	b.WriteString(`# fish completion for mineralplan, made by 'mineralplan completion fish'.
# Install it as ~/.config/fish/completions/mineralplan.fish

# __mineralplan_path prints the command path typed so far: the words that name
# commands, in order (flags and their values are skipped).
function __mineralplan_path
    set -l words (commandline -opc)
    set -e words[1]
    set -l path
    set -l skip 0
    for w in $words
        if test $skip -eq 1
            set skip 0
            continue
        end
        switch $w
            case '--*=*'
            case '-*'
                if contains -- $w (__mineralplan_valued (string join ' ' $path))
                    set skip 1
                end
            case '*'
                if contains -- $w (__mineralplan_subs (string join ' ' $path))
                    set -a path $w
                end
        end
    end
    string join ' ' $path
end

# __mineralplan_at succeeds when the command path typed so far is exactly $argv.
function __mineralplan_at
    set -l typed (__mineralplan_path)
    test "$typed" = "$argv"
end

complete -c mineralplan -f
`)
	var subs, valued strings.Builder
	subs.WriteString("function __mineralplan_subs\n    switch \"$argv\"\n")
	valued.WriteString("function __mineralplan_valued\n    switch \"$argv\"\n")
	root.walk(func(n *completionNode) {
		key := strings.Join(n.path, " ")
		if names := n.subNames(); len(names) > 0 {
			fmt.Fprintf(&subs, "        case %s\n            printf '%%s\\n' %s\n", fishQuote(key), strings.Join(names, " "))
		}
		if names := n.flagNames(true); len(names) > 0 {
			fmt.Fprintf(&valued, "        case %s\n            printf '%%s\\n' %s\n", fishQuote(key), strings.Join(names, " "))
		}
		cond := fishQuote("__mineralplan_at " + key)
		if key == "" {
			cond = fishQuote("__mineralplan_at")
		}
		for _, s := range n.subs {
			fmt.Fprintf(&b, "complete -c mineralplan -n %s -a %s -d %s\n", cond, s.path[len(s.path)-1], fishQuote(shortUsage(s.usage)))
		}
		for _, f := range n.flags {
			var opts []string
			for _, name := range f.names {
				if strings.HasPrefix(name, "--") {
					opts = append(opts, "-l "+name[2:])
				} else {
					opts = append(opts, "-s "+name[1:])
				}
			}
			if f.takesValue {
				opts = append(opts, "-r -F")
			}
			fmt.Fprintf(&b, "complete -c mineralplan -n %s %s -d %s\n", cond, strings.Join(opts, " "), fishQuote(shortUsage(f.usage)))
		}
		if len(n.subs) == 0 && key != "" {
			fmt.Fprintf(&b, "complete -c mineralplan -n %s -F\n", cond)
		}
	})
	subs.WriteString("    end\nend\n\n")
	valued.WriteString("    end\nend\n\n")
	_, err := io.WriteString(w, subs.String()+valued.String()+b.String())
	return err
}
