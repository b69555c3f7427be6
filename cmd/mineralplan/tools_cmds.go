package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"
	"go.yaml.in/yaml/v3"

	"github.com/mineralplan/mineralplan/orlib"
	"github.com/mineralplan/mineralplan/results"
	"github.com/mineralplan/mineralplan/scenarios"
	"github.com/mineralplan/mineralplan/synth"
)

func importCommand() *cli.Command {
	return &cli.Command{
		Name:  "import",
		Usage: "convert a benchmark instance into a scenario",
		Subcommands: []*cli.Command{{
			Name:      "orlib-cap",
			Usage:     "convert a Beasley capacitated warehouse location file (OR-Library cap*) into a one-period cost scenario",
			ArgsUsage: "FILE",
			Flags: []cli.Flag{
				&cli.Float64Flag{Name: "capacity", Usage: "capacity `S` for files that write the word 'capacity' (capa, capb, capc)", DefaultText: "none; the file gives each capacity"},
				&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the scenario to `FILE`", DefaultText: "stdout"},
			},
			Action: func(c *cli.Context) error {
				if c.NArg() != 1 {
					return cli.Exit("import orlib-cap takes one instance file", exitUsage)
				}
				path := c.Args().First()
				if out := c.String("output"); out != "" { // "" is standard output
					if err := checkNotInput("--output", out, []string{path}); err != nil {
						return err
					}
				}
				f, err := scenarios.OpenInput(path)
				if err != nil {
					return cli.Exit(err.Error(), exitUsage)
				}
				defer f.Close()
				in, err := orlib.Read(f, c.Float64("capacity"))
				if err != nil {
					return cli.Exit(fmt.Sprintf("%s: %v", path, err), exitUsage)
				}
				name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
				return writeScenario(in.Scenario(name), c.String("output"))
			},
		}},
	}
}

func generateCommand() *cli.Command {
	return &cli.Command{
		Name:  "generate",
		Usage: "write a valid, feasible synthetic scenario of a chosen size (for benchmarks)",
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "sites", Value: 20, Usage: "candidate plant sites, placed at random between 9–29°N and 73–86°E"},
			&cli.IntFlag{Name: "technologies", Value: 6, Usage: "technologies; each turns one raw material into its own product, every second one also takes the previous one's product"},
			&cli.IntFlag{Name: "sources", Value: 10, Usage: "feedstock sources that supply the raw materials"},
			&cli.IntFlag{Name: "markets", Value: 10, Usage: "markets that buy the products"},
			&cli.IntFlag{Name: "years", Value: 10, Usage: "years in the horizon, from 2026 (at most 50)"},
			&cli.IntFlag{Name: "techs-per-site", Value: 3, Usage: "technologies each site allows (at most --technologies)"},
			&cli.Uint64Flag{Name: "seed", Value: 1, Usage: "random seed: the same seed and sizes give the same scenario"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the scenario to `FILE`", DefaultText: "stdout"},
		},
		Action: func(c *cli.Context) error {
			s, err := synth.Generate(synth.Params{Sites: c.Int("sites"), Technologies: c.Int("technologies"), Sources: c.Int("sources"),
				Markets: c.Int("markets"), Years: c.Int("years"), Seed: c.Uint64("seed"), TechsPerSite: c.Int("techs-per-site")})
			if err != nil {
				return cli.Exit(err.Error(), exitUsage)
			}
			return writeScenario(s, c.String("output"))
		},
	}
}

// writeScenario writes a scenario as YAML to a file (atomically) or stdout.
func writeScenario(s *scenarios.Scenario, path string) error {
	if path != "" {
		if err := checkOutFile("--output", path); err != nil {
			return err
		}
	}
	b, err := yaml.Marshal(s)
	if err != nil {
		return cli.Exit(err.Error(), exitInternal)
	}
	if err := scenarios.WithinLimits(b); err != nil {
		return usageErrorf("the scenario would have %v, more than mineralplan reads; make it smaller (fewer sites, sources, markets, technologies or years)", err)
	}
	if path == "" {
		_, err = os.Stdout.Write(b)
		return err
	}
	if err := results.WriteFileAtomic(path, b); err != nil {
		return writeError(path, err)
	}
	return nil
}
