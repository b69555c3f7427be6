package sweep

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/mineralplan/mineralplan/results"
)

// A sweep folder is filled under its work folder, a hidden sibling, and renamed
// into place when the sweep has finished, with manifest.json (a
// results.TreeManifest listing every file) written last. So the folder named by
// --out is at every moment absent or complete, also when the process is killed,
// while an interrupted sweep keeps its finished cases in the work folder, where
// Resume finds them. Resuming a finished sweep moves it back under the work
// folder first.

// treeManifest is the name of the finished folder's file list.
const treeManifest = "manifest.json"

// WorkDir is the folder a sweep bound for out is written in until it finishes:
// ".partial-<name>" beside out.
func WorkDir(out string) string {
	return filepath.Join(filepath.Dir(filepath.Clean(out)), ".partial-"+filepath.Base(filepath.Clean(out)))
}

// claim readies the work folder of out and returns it. A finished sweep at out
// is refused unless resume is set, when it is moved back under the work folder
// (its manifest.json removed, as the folder will change, and returned, so that
// release can put it back); an unfinished one in the work folder is refused
// unless resume is set. An empty folder at out (made by the user) is removed;
// any other folder or file there is refused.
func claim(out string, resume bool) (work string, manifest []byte, err error) {
	work = WorkDir(out)
	_, werr := os.Stat(work)
	haveWork := werr == nil
	fi, err := os.Stat(out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return "", nil, err
	case !fi.IsDir():
		return "", nil, fmt.Errorf("%w: %s is a file; choose another --out", ErrExists, out)
	case isSweepDir(out) && !resume:
		return "", nil, fmt.Errorf("%w: %s already holds a sweep; pass --resume to continue it, or choose another --out", ErrExists, out)
	case isSweepDir(out) && haveWork:
		return "", nil, fmt.Errorf("%w: %s holds a finished sweep and %s an unfinished one; remove one of them", ErrExists, out, work)
	case isSweepDir(out):
		man, err := os.ReadFile(filepath.Join(out, treeManifest))
		if err != nil {
			return "", nil, err
		}
		// Moved first: out is then absent, never present without its manifest.
		if err := os.Rename(out, work); err != nil {
			return "", nil, err
		}
		if err := os.Remove(filepath.Join(work, treeManifest)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return "", nil, err
		}
		return work, man, nil
	default:
		entries, err := os.ReadDir(out)
		if err != nil {
			return "", nil, err
		}
		if len(entries) > 0 {
			return "", nil, fmt.Errorf("%w: %s holds %d files or folders but no sweep (no %s); choose another --out", ErrExists, out, len(entries), ManifestFile)
		}
		if err := os.Remove(out); err != nil {
			return "", nil, err
		}
	}
	if haveWork && !resume {
		return "", nil, fmt.Errorf("%w: %s holds an unfinished sweep for %s (interrupted or killed); pass --resume to finish it, or remove it", ErrExists, work, out)
	}
	return work, nil, nil
}

// isSweepDir reports whether dir holds a sweep's manifest.
func isSweepDir(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, ManifestFile))
	return err == nil
}

// publish finishes the sweep of the given kind in work: it writes
// manifest.json, listing every file, and renames work to out. man gives the
// base scenario file and the versions.
func publish(work, out, kind string, man results.Manifest) error {
	if err := results.WriteTreeManifest(work, kind, man); err != nil {
		return err
	}
	if err := os.Rename(work, out); err != nil {
		return fmt.Errorf("finish %s: %w", out, err)
	}
	return nil
}

// inWorkDir runs a sweep bound for cfg.Out in its work folder (claim), and
// publishes the folder when the sweep has finished; an interrupted sweep stays
// in the work folder, which the Outcome names.
func inWorkDir(cfg Config, run func(Config) (*Outcome, error)) (*Outcome, error) {
	out := cfg.Out
	work, moved, err := claim(out, cfg.Resume)
	if err != nil {
		return nil, err
	}
	cfg.Out = work
	o, err := run(cfg)
	if errors.Is(err, ErrExists) && moved != nil {
		// A finished sweep moved back to be resumed, found to be another
		// sweep before anything was written: put it back as it was.
		if rerr := release(work, out, moved); rerr != nil {
			return nil, fmt.Errorf("%w (and putting %s back failed: %v)", err, out, rerr)
		}
		return nil, renamed{strings.ReplaceAll(err.Error(), work, out), err}
	}
	if err != nil || o.Interrupted {
		return o, err
	}
	man := results.Manifest{ScenarioFile: cfg.BaseFile, ToolVersion: cfg.ToolVersion, HiGHSVersion: cfg.HiGHSVersion}
	if err := publish(work, out, o.Manifest.Kind, man); err != nil {
		return nil, err
	}
	o.Dir = out
	return o, nil
}

// release puts a finished sweep that claim moved to work back at out,
// unchanged, with its manifest.json.
func release(work, out string, manifest []byte) error {
	if err := results.WriteFileAtomic(filepath.Join(work, treeManifest), manifest); err != nil {
		return err
	}
	return os.Rename(work, out)
}

// renamed is an error whose message names the folder the user gave rather than
// the work folder, and which wraps the original.
type renamed struct {
	msg string
	err error
}

func (e renamed) Error() string { return e.msg }
func (e renamed) Unwrap() error { return e.err }
