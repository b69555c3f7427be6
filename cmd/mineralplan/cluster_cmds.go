package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/mineralplan/mineralplan/sweep"
)

// clusterFlags make `sweep` write scheduler jobs instead of running.
func clusterFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "slurm", Usage: "write a Slurm job array and merge job to `DIR` instead of running, and print the sbatch commands"},
		&cli.StringFlag{Name: "k8s", Usage: "write a Kubernetes Indexed Job and merge Job to `DIR` instead of running, and print the kubectl commands"},
		&cli.IntFlag{Name: "array-size", Value: 4, Usage: "shards (array tasks or pods) for --slurm or --k8s"},
		&cli.StringFlag{Name: "partition", Usage: "Slurm partition", DefaultText: "the cluster's"},
		&cli.StringFlag{Name: "time", Value: "02:00:00", Usage: "wall time per task, HH:MM:SS"},
		&cli.StringFlag{Name: "mem", Value: "2G", Usage: "memory per task"},
		&cli.IntFlag{Name: "cpus-per-task", Value: 1, Usage: "cores per task; each task runs that many workers"},
		&cli.StringFlag{Name: "image", Value: "mineralplan:latest", Usage: "container image for --k8s"},
		&cli.StringFlag{Name: "volume", Value: "mineralplan-results", Usage: "persistent volume claim mounted at --out for --k8s"},
	}
}

// notForwarded are the sweep flags a cluster job sets itself or that only
// concern writing the job.
var notForwarded = []string{"slurm", "k8s", "array-size", "partition", "time", "mem", "cpus-per-task", "image", "volume",
	"out", "shard", "workers", "resume"}

// writeClusterJobs writes the Slurm or Kubernetes jobs for a sweep whose
// configuration has already been checked, and prints how to submit them.
func writeClusterJobs(c *cli.Context, out string) error {
	exe, err := os.Executable()
	if err != nil {
		return cli.Exit(err.Error(), exitInternal)
	}
	command := []string{exe, "sweep"}
	for _, f := range c.Command.Flags {
		name := f.Names()[0]
		if slices.Contains(notForwarded, name) || !c.IsSet(name) {
			continue
		}
		switch f.(type) {
		case *cli.StringSliceFlag:
			for _, v := range c.StringSlice(name) {
				command = append(command, "--"+name, v)
			}
		case *cli.BoolFlag:
			command = append(command, fmt.Sprintf("--%s=%t", name, c.Bool(name)))
		default:
			command = append(command, "--"+name, fmt.Sprint(c.Value(name)))
		}
	}
	if file := c.Args().First(); file == stdinPath {
		return cli.Exit("--slurm and --k8s jobs read the base scenario from a file on every node; save it to a file rather than piping it", exitUsage)
	} else if file != "" {
		abs, err := filepath.Abs(file)
		if err != nil {
			return cli.Exit(err.Error(), exitUsage)
		}
		command = append(command, abs)
	}
	absOut, err := filepath.Abs(out)
	if err != nil {
		return cli.Exit(err.Error(), exitUsage)
	}
	job := sweep.ClusterJob{Command: command, Shards: c.Int("array-size"), Out: absOut, Partition: c.String("partition"),
		Time: c.String("time"), Memory: c.String("mem"), CPUs: c.Int("cpus-per-task"), Image: c.String("image"), VolumeName: c.String("volume")}
	if job.Shards < 1 || job.CPUs < 1 {
		return cli.Exit("--array-size and --cpus-per-task must be at least 1", exitUsage)
	}
	var cmds []string
	if dir := c.String("slurm"); dir != "" {
		if dir, err = filepath.Abs(dir); err == nil {
			cmds, err = sweep.WriteSlurm(dir, job)
		}
	} else {
		cmds, err = sweep.WriteKubernetes(c.String("k8s"), job)
	}
	if err != nil {
		return cli.Exit(err.Error(), exitInternal)
	}
	fmt.Println(strings.Join(cmds, "\n"))
	return nil
}
