package sweep

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/mineralplan/mineralplan/results"
)

// ClusterJob describes a sharded sweep to hand to a cluster scheduler: the command
// line of one shard (without --shard and --out) and where the shards and the
// merged result go.
type ClusterJob struct {
	// Command is the sweep command line: the absolute path of the mineralplan
	// binary, "sweep", and its arguments, with --out, --shard and the cluster
	// flags removed.
	Command []string
	// Shards is how many array tasks (or indexed pods) split the cases (≥ 1).
	Shards int
	// Out is the merged sweep folder; shard k writes Out/shards/k.
	Out string
	// Resources per task.
	Partition  string // Slurm partition ("" for the default)
	Time       string // wall time per task, HH:MM:SS
	Memory     string // such as 2G
	CPUs       int    // cores per task; the sweep runs that many workers
	Image      string // container image (Kubernetes)
	VolumeName string // volume claim holding Out (Kubernetes)
}

// shellQuote quotes s for a POSIX shell.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./=:,+@%", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func quoteAll(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = shellQuote(a)
	}
	return strings.Join(q, " ")
}

// WriteSlurm writes dir/sweep.sbatch (a job array: task k runs shard k/Shards
// into Out/shards/k, resuming what a failed or timed-out earlier try finished;
// a shard whose cases all finished, some without an optimal plan, succeeds)
// and dir/merge.sbatch (merges the shards into Out), and returns the two sbatch
// commands that submit them, the merge chained with --dependency=afterok.
func WriteSlurm(dir string, job ClusterJob) ([]string, error) {
	if job.Shards < 1 || job.CPUs < 1 {
		return nil, fmt.Errorf("a Slurm job needs at least one shard and one CPU per task")
	}
	header := func(name, output string) string {
		var b strings.Builder
		fmt.Fprintf(&b, "#!/bin/bash\n#SBATCH --job-name=%s\n", name)
		if job.Partition != "" {
			fmt.Fprintf(&b, "#SBATCH --partition=%s\n", job.Partition)
		}
		fmt.Fprintf(&b, "#SBATCH --time=%s\n#SBATCH --mem=%s\n#SBATCH --cpus-per-task=%d\n#SBATCH --output=%s\n",
			job.Time, job.Memory, job.CPUs, filepath.Join(dir, output))
		return b.String()
	}
	shardDir := filepath.Join(job.Out, "shards")
	sweepScript := header("mineralplan-sweep", "sweep-%A_%a.out") +
		fmt.Sprintf("#SBATCH --array=1-%d\n", job.Shards) +
		"set -uo pipefail\n" +
		"# Task k solves the cases whose index modulo the task count is k-1; --resume\n" +
		"# keeps the cases an earlier, failed or timed-out try of this task finished.\n" +
		fmt.Sprintf("%s --workers %d --resume --shard \"$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT\" --out %s/\"$SLURM_ARRAY_TASK_ID\"\n",
			quoteAll(job.Command), job.CPUs, shellQuote(shardDir)) +
		"code=$?\n" +
		"# Exit 1: every case finished and is recorded, some without an optimal plan, so\n" +
		"# the merge may run (it names those cases). Anything else stops the merge.\n" +
		"[ \"$code\" -eq 1 ] && exit 0\n" +
		"exit \"$code\"\n"
	mergeArgs := []string{job.Command[0], "merge"}
	for k := 1; k <= job.Shards; k++ {
		mergeArgs = append(mergeArgs, filepath.Join(shardDir, fmt.Sprint(k)))
	}
	mergeArgs = append(mergeArgs, "--out", job.Out)
	mergeScript := header("mineralplan-merge", "merge-%j.out") +
		"set -euo pipefail\n" +
		"# Refuses to merge, naming the missing or failed cases, when a shard is incomplete.\n" +
		"exec " + quoteAll(mergeArgs) + "\n"
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	for name, text := range map[string]string{"sweep.sbatch": sweepScript, "merge.sbatch": mergeScript} {
		if err := results.WriteFileAtomic(filepath.Join(dir, name), []byte(text)); err != nil {
			return nil, err
		}
	}
	sb := filepath.Join(dir, "sweep.sbatch")
	mb := filepath.Join(dir, "merge.sbatch")
	return []string{
		fmt.Sprintf("array=$(sbatch --parsable %s)", shellQuote(sb)),
		fmt.Sprintf("sbatch --dependency=afterok:$array %s", shellQuote(mb)),
	}, nil
}

// WriteKubernetes writes dir/sweep-job.yaml (an Indexed Job whose pod k runs
// shard k+1/Shards, from JOB_COMPLETION_INDEX) and dir/merge-job.yaml, both
// mounting the volume claim VolumeName at Out, and returns the kubectl commands
// that run them in order.
func WriteKubernetes(dir string, job ClusterJob) ([]string, error) {
	if job.Shards < 1 || job.CPUs < 1 {
		return nil, fmt.Errorf("a Kubernetes job needs at least one shard and one CPU per pod")
	}
	shardDir := filepath.Join(job.Out, "shards")
	args := append([]string{"mineralplan"}, job.Command[1:]...)
	sweepCmd := fmt.Sprintf(`k=$((JOB_COMPLETION_INDEX + 1)); exec %s --workers %d --resume --shard "$k/%d" --out %s/"$k"`,
		quoteAll(args), job.CPUs, job.Shards, shellQuote(shardDir))
	mergeArgs := []string{"mineralplan", "merge"}
	for k := 1; k <= job.Shards; k++ {
		mergeArgs = append(mergeArgs, filepath.Join(shardDir, fmt.Sprint(k)))
	}
	mergeArgs = append(mergeArgs, "--out", job.Out)
	manifest := func(name, extra, command string) string {
		return fmt.Sprintf(`apiVersion: batch/v1
kind: Job
metadata:
  name: %s
spec:
%s  backoffLimit: 3
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: mineralplan
          image: %s
          command: ["/bin/sh", "-c", %q]
          resources:
            requests: {cpu: "%d", memory: %s}
            limits: {cpu: "%d", memory: %s}
          volumeMounts:
            - {name: results, mountPath: %s}
      volumes:
        - name: results
          persistentVolumeClaim: {claimName: %s}
`, name, extra, job.Image, command, job.CPUs, job.Memory, job.CPUs, job.Memory, job.Out, job.VolumeName)
	}
	indexed := fmt.Sprintf("  completionMode: Indexed\n  completions: %d\n  parallelism: %d\n", job.Shards, job.Shards)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	files := map[string]string{
		"sweep-job.yaml": manifest("mineralplan-sweep", indexed, sweepCmd),
		"merge-job.yaml": manifest("mineralplan-merge", "", "exec "+quoteAll(mergeArgs)),
	}
	for name, text := range files {
		if err := results.WriteFileAtomic(filepath.Join(dir, name), []byte(text)); err != nil {
			return nil, err
		}
	}
	return []string{
		"kubectl apply -f " + shellQuote(filepath.Join(dir, "sweep-job.yaml")),
		"kubectl wait --for=condition=complete --timeout=24h job/mineralplan-sweep",
		"kubectl apply -f " + shellQuote(filepath.Join(dir, "merge-job.yaml")),
	}, nil
}
