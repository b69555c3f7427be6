package main

import (
	"os"

	"github.com/mattn/go-isatty"
)

// isTerminal reports whether f is a terminal (a tty, or a Cygwin/MSYS pipe that
// stands for one).
func isTerminal(f *os.File) bool {
	return isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())
}

// colorAllowed reports whether the environment allows colour and other ANSI
// escape codes: not when NO_COLOR is set to anything but "" (no-color.org), nor
// when TERM is "dumb".
func colorAllowed(getenv func(string) string) bool {
	return getenv("NO_COLOR") == "" && getenv("TERM") != "dumb"
}

// ansiOK reports whether f may be written ANSI escape codes (colour, clearing a
// line, progress bars): it is a terminal and the environment allows them. Where
// it may not, commands write plain text: a terminal without colour gets the
// plain progress lines that a log file gets.
func ansiOK(f *os.File) bool {
	return isTerminal(f) && colorAllowed(os.Getenv)
}
