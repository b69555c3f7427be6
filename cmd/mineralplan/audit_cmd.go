package main

import (
	"fmt"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/mineralplan/mineralplan/audit"
	"github.com/mineralplan/mineralplan/results"
)

// auditCommand recomputes run folders from their scenario and docs/model.md.
var auditCommand = &cli.Command{
	Name:      "audit",
	Usage:     "recompute run folders from their scenario alone and report every figure that does not hold",
	ArgsUsage: "RUN_DIR...",
	Description: `audit reads what a reviewer has — scenario.resolved.yaml, the CSV tables and
summary.json of a run folder written with the csv and json formats — and recomputes,
from the definitions in docs/model.md, every plant's capex, online capacity,
throughput limits, what each site receives and ships (no material passes through a
site without its plants), transport costs, supplies, demands, policy limits, the cash
flow of every calendar year, the NPV, supply security and China shares. It shares no
code with the solver's model.

Exit codes: 0 every folder holds, 1 some figure does not hold, 2 a folder cannot be read.`,
	Flags: []cli.Flag{
		&cli.BoolFlag{Name: "json", Usage: "print one JSON object on stdout: the status and, per folder, what was recomputed and found"},
	},
	Action: func(c *cli.Context) error {
		if c.NArg() == 0 {
			return cli.Exit("audit takes one or more run folders", exitUsage)
		}
		failed := false
		var folders []auditedFolder
		for _, dir := range c.Args().Slice() {
			if err := results.NotARunFolder(dir); err != nil {
				return cli.Exit(err.Error(), exitUsage)
			}
			r, err := audit.Folder(dir)
			if err != nil {
				return cli.Exit(fmt.Sprintf("%s: %v", dir, err), exitUsage)
			}
			failed = failed || !r.Ok()
			folders = append(folders, auditedFolder{dir, r.Ok(), r.Compared, append([]string{}, r.Findings...)})
			if c.Bool("json") {
				continue
			}
			if r.Ok() {
				fmt.Printf("%s: holds (%d figures recomputed)\n", dir, r.Compared)
				continue
			}
			fmt.Printf("%s: %d of %d figures do not hold\n", dir, len(r.Findings), r.Compared)
			for _, f := range r.Findings {
				fmt.Fprintln(os.Stdout, "  "+f)
			}
		}
		if c.Bool("json") {
			o := auditObject{Status: "holds", Ok: !failed, Folders: folders}
			if failed {
				o.Status, o.ExitCode = "does_not_hold", exitNotOpt
			}
			if err := printJSON(o); err != nil {
				return err
			}
		}
		if failed {
			return cli.Exit("", exitNotOpt)
		}
		return nil
	},
}

// auditObject is audit's JSON object: one for the whole command line.
type auditObject struct {
	// Status is "holds" (exit 0) or "does_not_hold" (exit 1).
	Status   string          `json:"status"`
	ExitCode int             `json:"exit_code"`
	Ok       bool            `json:"ok"`
	Folders  []auditedFolder `json:"folders"`
}

// auditedFolder is what audit found in one folder.
type auditedFolder struct {
	Folder   string   `json:"folder"`
	Ok       bool     `json:"ok"`
	Compared int      `json:"compared"`
	Findings []string `json:"findings"`
}
