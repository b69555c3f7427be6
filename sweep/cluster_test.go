package sweep

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteSlurm(t *testing.T) {
	dir := t.TempDir()
	job := ClusterJob{Command: []string{"/opt/mp", "sweep", "--vary", "x=1,2", "/data/s it.yaml"}, Shards: 3, Out: "/data/out",
		Partition: "short", Time: "00:10:00", Memory: "1G", CPUs: 2}
	cmds, err := WriteSlurm(dir, job)
	if err != nil {
		t.Fatal(err)
	}
	sweepScript, err := os.ReadFile(filepath.Join(dir, "sweep.sbatch"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"#SBATCH --array=1-3\n", "#SBATCH --partition=short\n", "#SBATCH --cpus-per-task=2\n",
		"[ \"$code\" -eq 1 ] && exit 0\n",
		`/opt/mp sweep --vary x=1,2 '/data/s it.yaml' --workers 2 --resume --shard "$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT" --out /data/out/shards/"$SLURM_ARRAY_TASK_ID"`,
	} {
		if !strings.Contains(string(sweepScript), want) {
			t.Errorf("sweep.sbatch lacks %q:\n%s", want, sweepScript)
		}
	}
	merge, err := os.ReadFile(filepath.Join(dir, "merge.sbatch"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "exec /opt/mp merge /data/out/shards/1 /data/out/shards/2 /data/out/shards/3 --out /data/out\n"; !strings.Contains(string(merge), want) {
		t.Errorf("merge.sbatch lacks %q:\n%s", want, merge)
	}
	if len(cmds) != 2 || !strings.Contains(cmds[1], "--dependency=afterok:$array") {
		t.Errorf("commands %q; want the array then the merge chained afterok", cmds)
	}
	if _, err := WriteSlurm(dir, ClusterJob{Command: job.Command}); err == nil {
		t.Error("a job with no shards was accepted")
	}
}

func TestWriteKubernetes(t *testing.T) {
	dir := t.TempDir()
	job := ClusterJob{Command: []string{"/opt/mp", "sweep", "--samples", "100"}, Shards: 5, Out: "/results", Memory: "2Gi", CPUs: 1,
		Image: "registry.example/mineralplan:1", VolumeName: "mp-results"}
	if _, err := WriteKubernetes(dir, job); err != nil {
		t.Fatal(err)
	}
	m, err := os.ReadFile(filepath.Join(dir, "sweep-job.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"completionMode: Indexed", "completions: 5", "parallelism: 5", "JOB_COMPLETION_INDEX + 1",
		`--shard \"$k/5\"`, "claimName: mp-results", "image: registry.example/mineralplan:1"} {
		if !strings.Contains(string(m), want) {
			t.Errorf("sweep-job.yaml lacks %q:\n%s", want, m)
		}
	}
}
