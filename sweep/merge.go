package sweep

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
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
// byte for byte apart from timings. Folders of whole sweeps may be merged too.
// out may be new, one of dirs, or an earlier merge of the same sweep.
func Merge(dirs []string, out string) (*Outcome, error) {
	if len(dirs) == 0 {
		return nil, errors.New("merge needs the sweep folders of the shards")
	}
	ms := make([]*Manifest, len(dirs))
	for i, d := range dirs {
		m, err := ReadManifest(d)
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
	if err := prepareMerge(out, merged); err != nil {
		return nil, err
	}
	for i, c := range merged.Cases {
		if err := copyCase(from[i], out, c.Hash); err != nil {
			return nil, fmt.Errorf("case %s: %w", c.Name(), err)
		}
	}
	if err := writeManifest(out, merged); err != nil {
		return nil, err
	}
	return writeReport(out, merged)
}

// prepareMerge readies the merged folder: new, or holding the same sweep.
func prepareMerge(out string, m *Manifest) error {
	if err := os.MkdirAll(filepath.Join(out, casesDir), 0o755); err != nil {
		return err
	}
	old, err := ReadManifest(out)
	switch {
	case err == nil && !old.sameSweep(m):
		return fmt.Errorf("%w: %s holds a different sweep; choose another --out", ErrExists, out)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return err
	}
	return removeTemps(out)
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
