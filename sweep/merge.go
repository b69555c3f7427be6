package sweep

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/mineralplan/mineralplan/results"
)

// ErrMismatch is returned (wrapped) by Merge when the folders hold different
// sweeps: a usage error.
var ErrMismatch = errors.New("the folders hold different sweeps")

// IncompleteError is returned by Merge when some cases have no result in any of
// the folders: their shard's folder was not given, or that shard did not finish.
type IncompleteError struct {
	// Missing are the cases without a result, in index order.
	Missing []Case
	// Shard is the sharding of the sweep (its Index aside; the zero Shard: not
	// sharded).
	Shard Shard
}

// maxNamed is the most missing cases an IncompleteError names.
const maxNamed = 20

// Error names the missing cases (the first 20) and their shards, and says how to
// complete the merge.
func (e *IncompleteError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d cases have no result in the folders given, so nothing was merged:", len(e.Missing))
	for i, c := range e.Missing {
		if i == maxNamed {
			fmt.Fprintf(&b, "\n  … and %d more", len(e.Missing)-maxNamed)
			break
		}
		fmt.Fprintf(&b, "\n  %s", c.Name())
		if !e.Shard.Whole() {
			fmt.Fprintf(&b, " [shard %d/%d]", e.Shard.owner(c.Index), e.Shard.Count)
		}
	}
	b.WriteString("\nrun the shards that own them (with --resume to finish a stopped shard) and merge again")
	return b.String()
}

// Merge joins the folders of one sweep's shards into out: it checks that they
// hold the same sweep (ErrMismatch otherwise) and that every case has a result in
// one of them (an *IncompleteError naming the missing cases otherwise, and
// nothing is written), copies the case folders, and writes sweep.json,
// cases.csv, summary.md and the charts as a single run would: the same files,
// byte for byte apart from timings, and manifest.json last. Folders of whole
// sweeps may be merged too. out may be new, one of dirs, an earlier merge of
// the same sweep, or the folder holding the shards' folders. It is written in
// its work folder and renamed into place when done, like a sweep's, unless it is
// or holds one of dirs: then it is written in place (prepareMerge), and until
// manifest.json is there it is unfinished. A shard folder that does not exist
// but has a work folder (an unfinished shard) is read from there.
func Merge(dirs []string, out string) (*Outcome, error) {
	if len(dirs) == 0 {
		return nil, errors.New("merge needs the sweep folders of the shards")
	}
	ms := make([]*Manifest, len(dirs))
	dirs = slices.Clone(dirs)
	for i, d := range dirs {
		if _, err := os.Stat(d); errors.Is(err, fs.ErrNotExist) && isSweepDir(WorkDir(d)) {
			// An unfinished shard: its finished cases count, the rest are missing.
			dirs[i] = WorkDir(d)
		}
		m, err := ReadManifest(dirs[i])
		if err != nil {
			return nil, err
		}
		if i > 0 && !ms[0].sameSweep(m) {
			return nil, fmt.Errorf("%w: %s and %s (their %s differ apart from the shard); merge the shards of one sweep", ErrMismatch, dirs[0], d, ManifestFile)
		}
		ms[i] = m
	}
	merged := ms[0].withoutShard()
	from := make([]string, len(merged.Cases))
	var missing []Case
	for i := range merged.Cases {
		for j, m := range ms {
			h := m.Cases[i].Hash
			if h == "" {
				continue
			}
			if _, err := os.Stat(filepath.Join(caseDir(dirs[j], h), resultFile)); err == nil {
				merged.Cases[i].Hash, from[i] = h, dirs[j]
				break
			}
		}
		if from[i] == "" {
			missing = append(missing, merged.Cases[i])
		}
	}
	if len(missing) > 0 {
		return nil, &IncompleteError{Missing: missing, Shard: ms[0].shard()}
	}
	dst := out
	if !holdsAny(out, dirs) {
		// A folder of its own: merged in its work folder, like a sweep, after
		// checking that an earlier merge there is of this sweep.
		if err := sameSweepAt(out, merged); err != nil {
			return nil, err
		}
		work, _, err := claim(out, true)
		if err != nil {
			return nil, err
		}
		dst = work
	}
	if err := prepareMerge(dst, merged); err != nil {
		return nil, err
	}
	for i, c := range merged.Cases {
		if err := copyCase(from[i], dst, c.Hash); err != nil {
			return nil, fmt.Errorf("case %s: %w", c.Name(), err)
		}
	}
	if err := writeManifest(dst, merged); err != nil {
		return nil, err
	}
	o, err := writeReport(dst, merged)
	if err != nil {
		return nil, err
	}
	man := versionsOf(dirs, merged.Base.File)
	if dst == out {
		err = results.WriteTreeManifest(out, merged.Kind, man)
	} else {
		err = publish(dst, out, merged.Kind, man)
	}
	if err != nil {
		return nil, err
	}
	o.Dir = out
	return o, nil
}

// holdsAny reports whether out is one of dirs or a folder above one of them.
func holdsAny(out string, dirs []string) bool {
	for _, d := range dirs {
		rel, err := filepath.Rel(filepath.Clean(out), filepath.Clean(d))
		if err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// prepareMerge readies the merged folder, new or holding the same sweep: it
// removes its manifest.json (the folder is about to change, and a merge writes
// a new one last) and what a killed merge left half written. A merged folder
// that holds the shards' folders (a cluster's OUT/shards/k, OUT perhaps a
// volume's root) cannot be renamed into place, so Merge writes it in place.
func prepareMerge(out string, m *Manifest) error {
	if err := os.MkdirAll(filepath.Join(out, casesDir), 0o755); err != nil {
		return err
	}
	if err := sameSweepAt(out, m); err != nil {
		return err
	}
	if err := os.Remove(filepath.Join(out, treeManifest)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return removeTemps(out)
}

// sameSweepAt returns an error unless dir holds no sweep or the sweep m.
func sameSweepAt(dir string, m *Manifest) error {
	old, err := ReadManifest(dir)
	switch {
	case err == nil && !old.sameSweep(m):
		return fmt.Errorf("%w: %s holds a different sweep; choose another --out", ErrExists, dir)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return err
	}
	return nil
}

// copyCase copies a finished case folder from one sweep folder to another under
// a temporary name and renames it into place; a finished copy is kept.
func copyCase(fromDir, toDir, hash string) error {
	dst := caseDir(toDir, hash)
	if _, err := os.Stat(filepath.Join(dst, resultFile)); err == nil {
		return nil
	}
	tmp, err := os.MkdirTemp(filepath.Join(toDir, casesDir), tmpPrefix+hash+"-")
	if err != nil {
		return err
	}
	if err := copyTree(caseDir(fromDir, hash), tmp); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	os.RemoveAll(dst) // an unfinished folder, without result.json
	if err := os.Rename(tmp, dst); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	return nil
}

// copyTree copies the files and folders under src into the folder dst.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil || rel == "." {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		return copyFile(path, target)
	})
}

// copyFile copies one file and syncs it.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return err
}

// versionsOf returns the versions recorded in the first of dirs whose
// manifest.json names them (a finished shard's), with file as the input.
func versionsOf(dirs []string, file string) results.Manifest {
	man := results.Manifest{ScenarioFile: file}
	for _, d := range dirs {
		b, err := os.ReadFile(filepath.Join(d, treeManifest))
		if err != nil {
			continue
		}
		var tm results.TreeManifest
		if json.Unmarshal(b, &tm) == nil && tm.ToolVersion != "" {
			man.ToolVersion, man.HiGHSVersion = tm.ToolVersion, tm.HiGHSVersion
			break
		}
	}
	return man
}
