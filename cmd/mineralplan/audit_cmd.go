package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/mineralplan/mineralplan/audit"
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
		&cli.BoolFlag{Name: "json", Usage: "print one JSON object per folder on stdout"},
	},
	Action: func(c *cli.Context) error {
		if c.NArg() == 0 {
			return cli.Exit("audit takes one or more run folders", exitUsage)
		}
		failed := false
		for _, dir := range c.Args().Slice() {
			r, err := audit.Folder(dir)
			if err != nil {
				return cli.Exit(fmt.Sprintf("%s: %v", dir, err), exitUsage)
			}
			failed = failed || !r.Ok()
			if c.Bool("json") {
				b, err := json.Marshal(struct {
					Folder   string   `json:"folder"`
					Ok       bool     `json:"ok"`
					Compared int      `json:"compared"`
					Findings []string `json:"findings"`
				}{dir, r.Ok(), r.Compared, append([]string{}, r.Findings...)})
				if err != nil {
					return err
				}
				fmt.Println(string(b))
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
		if failed {
			return cli.Exit("", exitNotOpt)
		}
		return nil
	},
}
