package scenarios

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"

	"github.com/mattn/go-isatty"
	"go.yaml.in/yaml/v3"
)

// source is where scenario files come from: the operating system's files or an
// fs.FS such as the embedded library.
type source interface {
	// read returns a file's bytes, failing with errTooLarge past MaxFileSize.
	read(name string) ([]byte, error)
	// join names the file rel written in an extends of the file from.
	join(from, rel string) (string, error)
	// identity names a file uniquely, to detect cycles.
	identity(name string) string
}

var errTooLarge = fmt.Errorf("the file is over the limit of %d bytes", MaxFileSize)

func readLimited(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileSize {
		return nil, errTooLarge
	}
	return data, nil
}

// StdinName is the name a scenario read from standard input goes by in
// positions (<stdin>:3:5); the files it extends are relative to the working
// directory.
const StdinName = "<stdin>"

// libraryPrefix starts the name of a shipped scenario that a file on disk
// extends (<library>/india-japan-2026.yaml), as positions show it.
const libraryPrefix = "<library>/"

// osSource reads the operating system's files; StdinName from stdin, when set;
// and shipped scenarios that files extend by name.
type osSource struct{ stdin io.Reader }

func (s osSource) read(name string) ([]byte, error) {
	if name == StdinName && s.stdin != nil {
		return readLimited(s.stdin)
	}
	if lib, ok := strings.CutPrefix(name, libraryPrefix); ok {
		return fsSource{library}.read(lib)
	}
	f, err := OpenInput(name)
	if err != nil {
		return nil, err
	}
	return readOpened(f)
}

// OpenInput opens the input file name for reading without ever blocking: a
// named pipe, socket or terminal, whose reads would wait for a writer, is
// refused (wrapping errNotRegular), as is anything that is not there. Other
// character devices such as /dev/null are opened; callers limit what they read.
func OpenInput(name string) (*os.File, error) {
	// Look before opening, and open without blocking in case the file changed
	// in between.
	if fi, err := os.Stat(name); err == nil {
		if err := notAScenarioFile(fi.Mode()); err != nil {
			return nil, err
		}
	}
	f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	if fi, err := f.Stat(); err == nil {
		err := notAScenarioFile(fi.Mode())
		if err == nil && fi.Mode()&fs.ModeCharDevice != 0 && isatty.IsTerminal(f.Fd()) {
			err = fmt.Errorf("it is a terminal, %w", errNotRegular)
		}
		if err != nil {
			f.Close()
			return nil, err
		}
	}
	return f, nil
}

// ReadFile reads an input file of at most MaxFileSize bytes, as scenario files
// are read: never blocking on a pipe, refusing folders and larger files.
func ReadFile(name string) ([]byte, error) {
	f, err := OpenInput(name)
	if err != nil {
		return nil, err
	}
	return readOpened(f)
}

// errNotRegular is returned for a named pipe, socket or terminal, which reading
// would wait on forever.
var errNotRegular = errors.New("not a regular file")

// notAScenarioFile refuses the kinds of file whose reads can block: named pipes,
// sockets and terminals. Folders are refused later, with their own message;
// terminals are refused after opening; other character devices such as /dev/null
// and /dev/zero are read up to the size limit.
func notAScenarioFile(m fs.FileMode) error {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return fmt.Errorf("it is a named pipe (FIFO), %w", errNotRegular)
	case m&fs.ModeSocket != 0:
		return fmt.Errorf("it is a socket, %w", errNotRegular)
	}
	return nil
}

// readOpened reads and closes an opened scenario file, refusing folders.
func readOpened(f fs.File) ([]byte, error) {
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return nil, errors.New("it is a directory")
	}
	return readLimited(f)
}

// join resolves rel against the folder of from. A name with no folder in it
// (india-japan-2026.yaml, or india-japan-2026) that names no file there but a
// shipped scenario is that scenario, so a scenario anywhere can extend the
// library's; a library scenario's extends stay in the library.
func (osSource) join(from, rel string) (string, error) {
	if lib, ok := strings.CutPrefix(from, libraryPrefix); ok {
		p, err := fsSource{library}.join(lib, rel)
		return libraryPrefix + p, err
	}
	p := filepath.Join(filepath.Dir(from), rel)
	if filepath.IsAbs(rel) {
		p = filepath.Clean(rel)
	}
	if _, err := os.Stat(p); errors.Is(err, fs.ErrNotExist) {
		if name, ok := libraryFile(rel); ok {
			return libraryPrefix + name, nil
		}
	}
	return p, nil
}

// libraryFile returns the file name of the shipped scenario rel names, with or
// without ".yaml", if there is one.
func libraryFile(rel string) (string, bool) {
	if strings.ContainsAny(rel, `/\`) {
		return "", false
	}
	if !strings.HasSuffix(rel, ".yaml") {
		rel += ".yaml"
	}
	return rel, slices.Contains(LibraryNames(), rel)
}

func (osSource) identity(name string) string {
	if name == StdinName || strings.HasPrefix(name, libraryPrefix) {
		return name
	}
	if abs, err := filepath.Abs(name); err == nil {
		return abs
	}
	return filepath.Clean(name)
}

type fsSource struct{ fsys fs.FS }

func (s fsSource) read(name string) ([]byte, error) {
	f, err := s.fsys.Open(name)
	if err != nil {
		return nil, err
	}
	return readOpened(f)
}

func (fsSource) join(from, rel string) (string, error) {
	p := path.Join(path.Dir(from), rel)
	if path.IsAbs(rel) || !fs.ValidPath(p) {
		return "", errors.New("the path leads outside the folder of scenarios")
	}
	return p, nil
}

func (fsSource) identity(name string) string { return name }

// ReadError says why an input file could not be read, in a user's words ("no
// such file", "it is a named pipe (FIFO), not a regular file"), and what to do.
func ReadError(err error) (msg, fix string) {
	fix = "check the file name"
	switch {
	case errors.Is(err, errNotRegular):
		return err.Error(), "save the scenario to a regular file and name that file"
	case errors.Is(err, errTooLarge):
		return err.Error(), "a scenario file is far smaller; check that this is the right file"
	case errors.Is(err, fs.ErrNotExist):
		return "no such file", fix
	case errors.Is(err, fs.ErrPermission):
		return "permission denied", "check the file's permissions"
	case errors.Is(err, fs.ErrInvalid):
		return "invalid file name", fix
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error(), fix
	}
	return err.Error(), fix
}

// chainLoader reads a scenario file and, through extends, the files it builds on,
// and merges them into one tree.
type chainLoader struct {
	src   source
	p     *parser
	files []string // every file read, the named one first
}

// load reads name and its ancestors and returns the merged tree, or nil after
// recording errors in l.p.ds. via is the extends value that named this file (nil
// for the first), chain the files that led here.
func (l *chainLoader) load(name string, via *yaml.Node, chain []string) *yaml.Node {
	data, err := l.src.read(name)
	if err != nil {
		why, fix := ReadError(err)
		if via == nil {
			l.p.ds = append(l.p.ds, Diagnostic{Pos: Position{File: name}, Msg: fmt.Sprintf("cannot read %s: %s", name, why), Fix: fix})
			return nil
		}
		if errors.Is(err, fs.ErrNotExist) {
			fix = extendsFix(via.Value, chain[len(chain)-1])
		}
		l.p.nodeError(via, fmt.Sprintf("extends %q: cannot read %s: %s (chain: %s)", via.Value, name, why, strings.Join(append(chain, name), " → ")), fix)
		return nil
	}
	l.files = append(l.files, name)
	before := len(l.p.ds)
	root, err := l.parse(name, data)
	if err != nil {
		if via != nil {
			// Name the extends line that led here and the chain, so the error in
			// a base file is found from the file the user named.
			for i := before; i < len(l.p.ds); i++ {
				l.p.ds[i].Msg += fmt.Sprintf(" (in %s, named by extends at %s:%d:%d; chain: %s)", name, l.p.files[via], via.Line, via.Column, strings.Join(append(chain, name), " → "))
			}
		}
		return nil
	}
	checkIDs(root, scenarioType, "", l.p.files, &l.p.ds)
	ext, idx := mapGet(root, "extends")
	if ext == nil {
		return root
	}
	root.Content = append(root.Content[:idx-1:idx-1], root.Content[idx+1:]...)
	if ext.Tag == "!!null" {
		return root
	}
	if ext.Kind != yaml.ScalarNode || ext.Tag != "!!str" || ext.Value == "" {
		l.p.nodeError(ext, "extends: expected a file name, found "+describe(ext), "write extends: base.yaml, a path relative to this file, or the name of a shipped scenario such as "+strings.TrimSuffix(DefaultName, ".yaml"))
		return nil
	}
	chain = append(chain, name)
	parentName, err := l.src.join(name, ext.Value)
	if err != nil {
		l.p.nodeError(ext, fmt.Sprintf("extends %q: %v", ext.Value, err), "name a file in the same folder or below it")
		return nil
	}
	id := l.src.identity(parentName)
	for i, c := range chain {
		if l.src.identity(c) == id {
			cycle := append(chain[i:len(chain):len(chain)], parentName)
			l.p.nodeError(ext, "extends makes a cycle: "+strings.Join(cycle, " → "), "remove one of these extends")
			return nil
		}
	}
	if len(chain) >= maxExtends {
		l.p.nodeError(ext, fmt.Sprintf("extends chain longer than %d files: %s", maxExtends, strings.Join(chain, " → ")), "flatten some of the files into one")
		return nil
	}
	parent := l.load(parentName, ext, chain)
	if parent == nil {
		return nil
	}
	m := &merger{files: l.p.files, hints: l.p.hints, removed: l.p.removed}
	merged := m.merge(parent, root, scenarioType, "")
	l.p.ds = append(l.p.ds, m.ds...)
	return merged
}

// parsed caches, for the life of the process, the trees of files parsed without
// a diagnostic, by name and content: validating a thousand one-line overlays of
// one base parses the base once. A file changed in between has a new content
// key; a cached tree is copied before use, since loading changes trees.
var parsed struct {
	sync.Mutex
	trees map[parsedKey]parsedTree
}

type parsedKey struct {
	name string
	sum  [sha256.Size]byte
}

type parsedTree struct {
	root                  *yaml.Node
	tokens, nodes, copies int
}

// parse parses the scenario file name holding data, from the cache when it can.
func (l *chainLoader) parse(name string, data []byte) (*yaml.Node, error) {
	key := parsedKey{name, sha256.Sum256(data)}
	parsed.Lock()
	c, ok := parsed.trees[key]
	parsed.Unlock()
	p := l.p
	if ok {
		p.tokens += c.tokens
		p.nodes += c.nodes
		p.copies += c.copies
		if p.tokens > MaxTokens || p.nodes > maxNodes || p.copies > maxAliasNodes {
			ok = false // let the parser report the limit, where it is passed
			p.tokens -= c.tokens
			p.nodes -= c.nodes
			p.copies -= c.copies
		}
	}
	if ok {
		return copyTree(c.root, name, p.files), nil
	}
	before, tokens, nodes, copies := len(p.ds), p.tokens, p.nodes, p.copies
	root, err := p.parseScenario(name, data)
	if err != nil || len(p.ds) > before {
		return root, err
	}
	parsed.Lock()
	if parsed.trees == nil {
		parsed.trees = map[parsedKey]parsedTree{}
	}
	parsed.trees[key] = parsedTree{copyTree(root, name, nil), p.tokens - tokens, p.nodes - nodes, p.copies - copies}
	parsed.Unlock()
	return root, nil
}

// copyTree returns a deep copy of the tree at n, recording file as the file of
// every copied node in files (when not nil).
func copyTree(n *yaml.Node, file string, files map[*yaml.Node]string) *yaml.Node {
	m := *n
	m.Content = make([]*yaml.Node, len(n.Content))
	for i, x := range n.Content {
		m.Content[i] = copyTree(x, file, files)
	}
	if files != nil {
		files[&m] = file
	}
	return &m
}

// extendsFix says where an extends that names no file may look: the folder of
// the file extending (the working directory for stdin), or the shipped
// scenarios by name.
func extendsFix(rel, from string) string {
	folder := "the folder of " + from
	if from == StdinName {
		folder = "the working directory"
	}
	if strings.HasPrefix(from, libraryPrefix) {
		return "the path is relative to the folder of shipped scenarios"
	}
	names := LibraryNames()
	short := make([]string, len(names))
	for i, n := range names {
		short[i] = strings.TrimSuffix(n, ".yaml")
	}
	fix := fmt.Sprintf("the path is relative to %s, and no shipped scenario (such as %s) has this name either", folder, strings.TrimSuffix(DefaultName, ".yaml"))
	if s := suggest(strings.TrimSuffix(filepath.Base(rel), ".yaml"), short); s != "" {
		fix += fmt.Sprintf("; did you mean the shipped %q?", s)
	}
	return fix
}
