package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Limits on one load: a file, every file it extends and the --set values together.
// They make hostile input (alias bombs, deep nesting, huge or binary files) fail
// fast, with memory bounded, and are far above what a real scenario needs.
const (
	// MaxFileSize is the largest scenario file read, in bytes.
	MaxFileSize = 8 << 20
	// MaxTokens caps the words and flow indicators ("words and brackets")
	// scanned before parsing; it bounds the parser's time and memory, which grow
	// with them.
	MaxTokens = 1 << 19
	// maxNodes caps the YAML nodes built, aliases expanded.
	maxNodes = 1 << 20
	// maxAliasNodes caps the nodes copied by aliases: an alias bomb (billion
	// laughs) fails as soon as its copies pass it.
	maxAliasNodes = 1 << 16
	// maxDepth caps nesting; a scenario is about 6 levels deep.
	maxDepth = 64
	// maxExtends caps the length of an extends chain.
	maxExtends = 16
)

// parser reads YAML documents into node trees, expanding aliases and merge keys,
// and remembers the file each node was written in.
type parser struct {
	files  map[*yaml.Node]string
	tokens int
	nodes  int         // nodes built
	copies int         // nodes copied by aliases
	ds     Diagnostics // errors that do not stop parsing, such as repeated keys
	hints  *hinter     // the did-you-mean budget of the whole load
	// removed maps a path (in --set syntax) to the null that removed its key,
	// in an extending file or a --set, so that "has no X" points there.
	removed map[string]*yaml.Node
}

func newParser() *parser {
	return &parser{files: map[*yaml.Node]string{}, hints: newHinter(), removed: map[string]*yaml.Node{}}
}

// errFatal reports that parsing stopped at an error; the diagnostic is in p.ds.
var errFatal = errors.New("stopped at an error")

func (p *parser) errorAt(file string, line, col int, msg, fix string) {
	p.ds = append(p.ds, Diagnostic{Pos: Position{File: file, Line: line, Col: col}, Msg: msg, Fix: fix})
}

func (p *parser) nodeError(n *yaml.Node, msg, fix string) {
	p.errorAt(p.files[n], n.Line, n.Column, msg, fix)
}

// parseScenario parses a scenario file: one YAML document whose top is a map.
func (p *parser) parseScenario(file string, data []byte) (*yaml.Node, error) {
	root, err := p.parseValue(file, data)
	if err != nil {
		return nil, err
	}
	if root == nil || root.Tag == "!!null" {
		p.errorAt(file, 1, 1, "the file is empty", "a scenario needs at least name, horizon, discount_rate, materials, technologies, sites and budget")
		return nil, errFatal
	}
	if root.Kind != yaml.MappingNode {
		p.nodeError(root, "expected a map of scenario keys at the top of the file, found "+describe(root), "start with keys such as \"name: my-scenario\"")
		return nil, errFatal
	}
	return root, nil
}

// parseValue parses one YAML document; nil means an empty document.
func (p *parser) parseValue(file string, data []byte) (*yaml.Node, error) {
	if len(data) > MaxFileSize {
		p.errorAt(file, 1, 1, fmt.Sprintf("the file is %d bytes, over the limit of %d", len(data), MaxFileSize), "a scenario file is far smaller; check that this is the right file")
		return nil, errFatal
	}
	if err := p.scan(file, data); err != nil {
		return nil, err
	}
	doc, extra, err := decodeDocument(data)
	if err != nil {
		line, col, msg := yamlErrorPosition(err, data)
		if tab := leadingTab(data, line); tab > 0 {
			p.errorAt(file, line, tab, "invalid YAML: a tab in the indentation", "YAML indents with spaces only; replace the tab with spaces")
			return nil, errFatal
		}
		p.errorAt(file, line, col, "invalid YAML: "+msg, "check the indentation, the colons after keys and the quotes")
		return nil, errFatal
	}
	if extra != nil {
		p.errorAt(file, extra.Line, extra.Column, "a second YAML document; a file holds one scenario", "remove the \"---\" and what follows, or move it to its own file")
		return nil, errFatal
	}
	if doc == nil || len(doc.Content) == 0 {
		return nil, nil
	}
	return p.expand(file, doc.Content[0], 0, nil, map[*yaml.Node]bool{})
}

// WithinLimits returns an error saying which limit of a load data passes: the
// file size (MaxFileSize) or the words and brackets the parser reads; nil when a
// load would read it. Writers of scenario files (generate, import) check their
// output with it, so that they never write a file mineralplan then refuses.
func WithinLimits(data []byte) error {
	if len(data) > MaxFileSize {
		return fmt.Errorf("%d bytes, over the limit of %d", len(data), MaxFileSize)
	}
	p := &parser{}
	if p.scan("", data) != nil {
		return fmt.Errorf("more than %d words and brackets to parse", MaxTokens)
	}
	return nil
}

// scan checks that data is UTF-8 text and counts its tokens (words and flow
// indicators) against the budget, before the YAML parser spends time on it.
func (p *parser) scan(file string, data []byte) error {
	line, col := 1, 1
	sep := true
	for i := 0; i < len(data); {
		c, size := data[i], 1
		switch {
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && n == 1 {
				p.errorAt(file, line, col, fmt.Sprintf("the file is not UTF-8 text (byte 0x%02x)", c), "a scenario is a YAML text file in UTF-8")
				return errFatal
			}
			size = n
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r', c == 0x7f:
			p.errorAt(file, line, col, fmt.Sprintf("the file is not text (control byte 0x%02x)", c), "a scenario is a YAML text file in UTF-8")
			return errFatal
		}
		space := c == ' ' || c == '\t' || c == '\n' || c == '\r'
		flow := c == ',' || c == '[' || c == ']' || c == '{' || c == '}'
		if flow || (!space && sep) {
			p.tokens++
			if p.tokens > MaxTokens {
				p.errorAt(file, line, col, fmt.Sprintf("more than %d words and brackets to parse", MaxTokens), "a scenario is far smaller; check that this is the right file")
				return errFatal
			}
		}
		sep = space || flow
		if c == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return nil
}

// decodeDocument parses the first YAML document of data and reports a second one.
// The YAML library's panics are turned into errors: a user's file never crashes the
// program.
func decodeDocument(data []byte) (doc, extra *yaml.Node, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: %v", r)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var first yaml.Node
	if err := dec.Decode(&first); err != nil {
		if err == io.EOF {
			return nil, nil, nil
		}
		return nil, nil, err
	}
	var second yaml.Node
	switch err := dec.Decode(&second); {
	case err == io.EOF:
		return &first, nil, nil
	case err != nil:
		return nil, nil, err
	}
	if len(second.Content) > 0 {
		return &first, second.Content[0], nil
	}
	return &first, &second, nil
}

var (
	yamlLineRE   = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
	yamlAnchorRE = regexp.MustCompile(`^yaml: unknown anchor '(.*)' referenced$`)
)

// yamlErrorPosition turns the YAML library's error into a line, a column and a
// message. The library gives lines only (none for problems on the first line), so
// the column is 1 except for unknown anchors, which are found in the text.
func yamlErrorPosition(err error, data []byte) (line, col int, msg string) {
	s := err.Error()
	if m := yamlLineRE.FindStringSubmatch(s); m != nil {
		n, _ := strconv.Atoi(m[1])
		line, col, msg = max(n, 1), 1, m[2]
		// The library names the line where the enclosing block or flow
		// collection began (its context), not the fault: find the fault.
		if l, c, note := strayCloser(data); l > 0 {
			return l, c, note
		}
		switch {
		case strings.HasPrefix(msg, "found unexpected end of stream"):
			if l, c, note := unclosedQuote(data); l > 0 {
				return l, c, msg + "; " + note
			}
		case strings.HasPrefix(msg, "mapping values are not allowed"):
			if c := secondKey(data, line); c > 0 {
				return line, c, msg + "; a second key: on one line; put the keys under the first on lines of their own, indented"
			}
		}
		switch {
		case strings.HasPrefix(msg, "did not find expected key"), strings.HasPrefix(msg, "did not find expected '-' indicator"),
			strings.HasPrefix(msg, "block sequence entries are not allowed"):
			if l, c, note := mixedBlock(data); l > 0 {
				return l, c, msg + "; " + note
			}
		}
		switch {
		case strings.HasPrefix(msg, "did not find expected ',' or"):
			// The context line is the flow's own line, or (for a flow that
			// runs to the end of the file) a block line above it: the first
			// flow opened from there on and never closed is the fault.
			lines := sourceLines(data)
			for from := line; from <= len(lines); from++ {
				if flowDepth(lines[from-1]) <= 0 {
					continue
				}
				if l, c, note := unclosedFlow(data, from); l > 0 {
					return l, c, msg + "; " + note
				}
			}
		case strings.HasPrefix(msg, "did not find expected key"), strings.HasPrefix(msg, "did not find expected '-' indicator"),
			strings.HasPrefix(msg, "mapping values are not allowed"), strings.HasPrefix(msg, "block sequence entries are not allowed"):
			if l, c := badIndent(data); l > 0 {
				return l, c, msg + "; this line's indentation matches no key above it"
			}
			if c, note := overIndent(data, line); c > 0 {
				return line, c, msg + note
			}
		}
		// The library gives no column: point at the line's content.
		if lines := sourceLines(data); line <= len(lines) {
			if ind, ok := contentIndent(lines[line-1]); ok {
				col = ind + 1
			}
		}
		return line, col, msg
	}
	if m := yamlAnchorRE.FindStringSubmatch(s); m != nil {
		line, col = 1, 1
		if i := bytes.Index(data, []byte("*"+m[1])); i >= 0 {
			line += bytes.Count(data[:i], []byte("\n"))
			col += utf8.RuneCount(data[bytes.LastIndexByte(data[:i], '\n')+1 : i])
		}
		return line, col, fmt.Sprintf("alias *%s names no anchor", m[1])
	}
	if len(s) > 6 && s[:6] == "yaml: " {
		s = s[6:]
	}
	return 1, 1, s
}

// expand returns n with aliases replaced by copies of what they name and merge
// keys (<<) applied, counting nodes and depth against the limits, and records the
// file of every node. Copies take the position of the alias that made them. via is
// the outermost alias being copied (nil outside aliases), where a limit is
// reported; active holds the anchors being copied, to catch an alias inside what
// it names.
func (p *parser) expand(file string, n *yaml.Node, depth int, via *yaml.Node, active map[*yaml.Node]bool) (*yaml.Node, error) {
	at := n
	if via != nil {
		at = via
		p.copies++
	}
	p.nodes++
	switch {
	case depth > maxDepth:
		p.errorAt(file, at.Line, at.Column, fmt.Sprintf("the document is nested more than %d levels deep", maxDepth), "a scenario is about 6 levels deep; check the indentation and brackets")
		return nil, errFatal
	case p.nodes > maxNodes || p.copies > maxAliasNodes:
		p.errorAt(file, at.Line, at.Column, fmt.Sprintf("aliases expand the document past %d copied nodes", maxAliasNodes), "aliases (*name) repeat what they name; check for aliases of aliases that multiply the document")
		return nil, errFatal
	}
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil {
			p.errorAt(file, n.Line, n.Column, fmt.Sprintf("alias *%s names no anchor", n.Value), "define &"+n.Value+" before using *"+n.Value)
			return nil, errFatal
		}
		if active[n.Alias] {
			p.errorAt(file, n.Line, n.Column, fmt.Sprintf("alias *%s is used inside the value it names", n.Value), "an alias cannot repeat its own container")
			return nil, errFatal
		}
		if via == nil {
			via = n
		}
		active[n.Alias] = true
		out, err := p.expand(file, n.Alias, depth, via, active)
		delete(active, n.Alias)
		return out, err
	}
	out := n
	if via != nil {
		// A copy is where the alias put it: a problem with it is the alias's
		// (the anchored original is reported, if at all, where it stands).
		c := *n
		c.Line, c.Column = via.Line, via.Column
		out = &c
	}
	out.Anchor = ""
	p.files[out] = file
	if n.Kind != yaml.MappingNode && n.Kind != yaml.SequenceNode {
		return out, nil
	}
	content := make([]*yaml.Node, 0, len(n.Content))
	for _, c := range n.Content {
		e, err := p.expand(file, c, depth+1, via, active)
		if err != nil {
			return nil, err
		}
		content = append(content, e)
	}
	out.Content = content
	if out.Kind == yaml.MappingNode {
		return out, p.mapping(file, out)
	}
	return out, nil
}

// mapping applies merge keys (<<: *base or <<: [*a, *b]; keys written in the map
// win, then earlier merged maps) and drops repeated or non-scalar keys with an
// error.
func (p *parser) mapping(file string, m *yaml.Node) error {
	var own, merged []*yaml.Node
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			sources := []*yaml.Node{v}
			if v.Kind == yaml.SequenceNode {
				sources = v.Content
			}
			for _, src := range sources {
				if src.Kind != yaml.MappingNode {
					p.nodeError(k, "a merge key (<<) takes a map or a list of maps, found "+describe(src), "write <<: *anchor where &anchor names a map")
					return errFatal
				}
				merged = append(merged, src.Content...)
			}
			continue
		}
		own = append(own, k, v)
	}
	seen := map[string]*yaml.Node{}
	out := m.Content[:0:0]
	for i := 0; i+1 < len(own); i += 2 {
		k := own[i]
		if k.Kind != yaml.ScalarNode {
			p.nodeError(k, "a key must be a plain name, found "+describe(k), "write keys as names such as capacity")
			continue
		}
		if first, ok := seen[k.Value]; ok {
			p.nodeError(k, fmt.Sprintf("key %q is given twice in this map (first at line %d)", k.Value, first.Line), "remove one of them")
			continue
		}
		seen[k.Value] = k
		out = append(out, k, own[i+1])
	}
	for i := 0; i+1 < len(merged); i += 2 {
		k := merged[i]
		if _, ok := seen[k.Value]; ok || k.Kind != yaml.ScalarNode {
			continue
		}
		seen[k.Value] = k
		out = append(out, k, merged[i+1])
	}
	m.Content = out
	return nil
}

// sourceLines splits data into lines without their line ends.
func sourceLines(data []byte) []string {
	return strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
}

// contentIndent is the indentation of a line's content and whether the line
// has any (blank lines and comments have none).
func contentIndent(l string) (int, bool) {
	t := strings.TrimLeft(l, " ")
	if t == "" || strings.HasPrefix(t, "#") {
		return 0, false
	}
	return len(l) - len(t), true
}

// badIndent finds the first line whose indentation is less than the line
// before it but matches no enclosing level: an outdented key. Lines inside
// block scalars (| and >) and multi-line flow collections are skipped. It
// returns 0, 0 when every line fits.
func badIndent(data []byte) (line, col int) {
	var levels []int
	scalarAbove := -1 // the indentation a block scalar's lines exceed, or -1
	depth := 0
	for i, l := range sourceLines(data) {
		ind, ok := contentIndent(l)
		if !ok {
			continue
		}
		if scalarAbove >= 0 {
			if ind > scalarAbove {
				continue
			}
			scalarAbove = -1
		}
		if depth == 0 {
			popped := false
			for len(levels) > 0 && levels[len(levels)-1] > ind {
				levels = levels[:len(levels)-1]
				popped = true
			}
			switch {
			case popped && (len(levels) == 0 || levels[len(levels)-1] != ind):
				return i + 1, ind + 1 // back out to a level no key above has
			case len(levels) == 0 || levels[len(levels)-1] < ind:
				levels = append(levels, ind)
			}
			// "- key: v" opens a level at the key too.
			t := l[ind:]
			for strings.HasPrefix(t, "- ") {
				off := len(l) - len(strings.TrimLeft(t[1:], " "))
				levels = append(levels, off)
				t = l[off:]
			}
			trimmed := strings.TrimRight(stripComment(l), " ")
			if strings.HasSuffix(trimmed, "|") || strings.HasSuffix(trimmed, ">") || strings.HasSuffix(trimmed, "|-") || strings.HasSuffix(trimmed, ">-") {
				scalarAbove = ind
			}
		}
		depth += flowDepth(l)
		if depth < 0 {
			depth = 0
		}
	}
	return 0, 0
}

// overIndent checks whether line (from 1) is indented deeper than the content
// line above it, which holds a key with its value already given: a key that
// belongs beside that one, or under a key without a value. It returns the
// line's first column of content and a note, or 0 and "".
func overIndent(data []byte, line int) (col int, note string) {
	lines := sourceLines(data)
	if line < 2 || line > len(lines) {
		return 0, ""
	}
	ind, ok := contentIndent(lines[line-1])
	if !ok {
		return 0, ""
	}
	for i := line - 2; i >= 0; i-- {
		above, ok := contentIndent(lines[i])
		if !ok {
			continue
		}
		key, value, found := strings.Cut(strings.TrimSpace(stripComment(lines[i])), ": ")
		if ind > above && found && strings.TrimSpace(value) != "" && !strings.HasPrefix(key, "- ") {
			return ind + 1, fmt.Sprintf("; this line is indented deeper than %q on line %d, which already has a value", key, i+1)
		}
		return 0, ""
	}
	return 0, ""
}

// stripComment removes a trailing comment outside quoted scalars (see
// valueStart for where a quote opens one).
func stripComment(l string) string {
	var quote rune
	for i, r := range l {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case (r == '"' || r == '\'') && valueStart(l[:i]):
			quote = r
		case r == '#' && (i == 0 || l[i-1] == ' '):
			return l[:i]
		}
	}
	return l
}

// flowDepth is the change in flow-collection depth ([ and {) over a line,
// outside quotes and comments.
func flowDepth(l string) int {
	d := 0
	structural(l, func(_ int, r rune) bool {
		switch r {
		case '[', '{':
			d++
		case ']', '}':
			d--
		}
		return true
	})
	return d
}

// structural calls visit with the byte offset and rune of each character of l
// that is YAML structure: outside its comment and outside quoted scalars (a
// quote that starts a value opens one; elsewhere, as in India's, a quote is a
// character of a plain scalar). It stops when visit returns false.
func structural(l string, visit func(j int, r rune) bool) {
	var quote rune
	for j, r := range stripComment(l) {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case (r == '"' || r == '\'') && valueStart(l[:j]):
			quote = r
		case !visit(j, r):
			return
		}
	}
}

// unclosedFlow finds where a flow collection opened on line from (1-based) is
// cut off: the first later line, indented no deeper than the line it opened
// on, reached while it is still open (or the end of the file). It returns that
// line and column and a note naming where the collection opened.
func unclosedFlow(data []byte, from int) (line, col int, note string) {
	lines := sourceLines(data)
	if from < 1 || from > len(lines) {
		return 0, 0, ""
	}
	open := lines[from-1]
	base, _ := contentIndent(open)
	openCol := strings.IndexAny(stripComment(open), "[{") + 1
	depth := flowDepth(open)
	if depth <= 0 || openCol < 1 {
		return 0, 0, ""
	}
	note = fmt.Sprintf("the %c opened at line %d, column %d is not closed", open[openCol-1], from, openCol)
	last, lastCol := from, len(strings.TrimRight(stripComment(open), " "))+1
	for i := from; i < len(lines); i++ {
		ind, ok := contentIndent(lines[i])
		if !ok {
			continue
		}
		if ind <= base {
			return i + 1, ind + 1, note
		}
		depth += flowDepth(lines[i])
		if depth <= 0 {
			return 0, 0, ""
		}
		last, lastCol = i+1, len(strings.TrimRight(stripComment(lines[i]), " "))+1
	}
	return last, lastCol, note
}

// leadingTab returns the column of the first tab in the indentation of line
// (1-based) of data, 0 when its indentation has none.
func leadingTab(data []byte, line int) int {
	for n := 1; n < line; n++ {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			return 0
		}
		data = data[i+1:]
	}
	for i, c := range data {
		switch c {
		case ' ':
		case '\t':
			return i + 1
		default:
			return 0
		}
	}
	return 0
}

// strayCloser finds the first ] or } (outside quotes and comments) that closes
// nothing, and says so; 0 when there is none.
func strayCloser(data []byte) (line, col int, note string) {
	depth := 0
	lines := sourceLines(data)
	prose := inBlockScalar(lines)
	for i, l := range lines {
		if prose[i] {
			continue
		}
		structural(l, func(j int, r rune) bool {
			switch r {
			case '[', '{':
				depth++
			case ']', '}':
				if depth--; depth < 0 {
					line, col = i+1, utf8.RuneCountInString(l[:j])+1
					note = fmt.Sprintf("a %c that closes nothing; remove it, or open the list or map it ends", r)
					return false
				}
			}
			return true
		})
		if line > 0 {
			return line, col, note
		}
	}
	return 0, 0, ""
}

// valueStart reports whether a quote after before would open a quoted scalar:
// it starts a value (after a colon, a dash, a bracket, a comma, or at the start
// of the line); elsewhere, as in India's, it is a character of a plain scalar.
func valueStart(before string) bool {
	t := strings.TrimRight(before, " ")
	return t == "" || strings.HasSuffix(t, ":") || strings.HasSuffix(t, "-") || strings.HasSuffix(t, "[") || strings.HasSuffix(t, "{") || strings.HasSuffix(t, ",")
}

// unclosedQuote finds a quoted scalar that is still open at the end of the
// file, and says where it opened; 0 when there is none.
func unclosedQuote(data []byte) (line, col int, note string) {
	var quote rune
	qLine, qCol := 0, 0
	for i, l := range sourceLines(data) {
		for j, r := range l {
			switch {
			case quote == '"' && r == '\\':
				// an escape: the next character is taken as it is
			case quote != 0:
				if r == quote && !(quote == '"' && j > 0 && l[j-1] == '\\') {
					quote = 0
				}
			case r == '#' && (j == 0 || l[j-1] == ' '):
			case r == '"' || r == '\'':
				if valueStart(l[:j]) {
					quote, qLine, qCol = r, i+1, utf8.RuneCountInString(l[:j])+1
				}
			}
			if quote == 0 && r == '#' && (j == 0 || l[j-1] == ' ') {
				break
			}
		}
	}
	if quote == 0 {
		return 0, 0, ""
	}
	return qLine, qCol, fmt.Sprintf("the %c opened at line %d, column %d is not closed; close the string with %c", quote, qLine, qCol, quote)
}

// secondKey returns the column of a second "key:" on line (1-based) of data,
// outside quotes and flow collections, as in "budget: total: 5"; 0 when none.
func secondKey(data []byte, line int) int {
	lines := sourceLines(data)
	if line < 1 || line > len(lines) {
		return 0
	}
	l := lines[line-1]
	colons, col := 0, 0
	structural(l, func(j int, r rune) bool {
		switch {
		case r == '[' || r == '{':
			return false
		case r == ':' && (j+1 == len(l) || l[j+1] == ' '):
			if colons++; colons == 2 {
				// The second key starts after the first's ": ".
				key := strings.TrimRight(l[:j], " ")
				start := strings.LastIndexAny(key, " ") + 1
				col = utf8.RuneCountInString(l[:start]) + 1
				return false
			}
		}
		return true
	})
	if colons == 2 {
		return col
	}
	return 0
}

// mixedBlock finds a block collection that mixes keys and list items at one
// indentation ("key: v" then "- item", or the reverse), and says which line
// breaks it; 0 when none does.
func mixedBlock(data []byte) (line, col int, note string) {
	lines := sourceLines(data)
	prose := inBlockScalar(lines)
	// kind of the last line seen at each indentation: "key" or "item".
	last := map[int]string{}
	lastLine := map[int]int{}
	depth := 0
	for i, l := range lines {
		ind, ok := contentIndent(l)
		if !ok || prose[i] {
			continue
		}
		if depth == 0 {
			for k := range last {
				if k > ind {
					delete(last, k)
				}
			}
			t := strings.TrimSpace(stripComment(l))
			kind := ""
			switch {
			case t == "-" || strings.HasPrefix(t, "- "):
				kind = "item"
			case strings.Contains(t, ": ") || strings.HasSuffix(t, ":"):
				kind = "key"
			}
			if kind != "" {
				if prev := last[ind]; prev != "" && prev != kind {
					if kind == "key" {
						return i + 1, ind + 1, fmt.Sprintf("a key where line %d has a list item at the same indentation; indent it deeper (a key of that item), or write it as a list item", lastLine[ind])
					}
					return i + 1, ind + 1, fmt.Sprintf("a list item (- …) where line %d has a key at the same indentation; indent it under a key, or write it as a key: value", lastLine[ind])
				}
				last[ind], lastLine[ind] = kind, i+1
			}
		}
		depth = max(0, depth+flowDepth(l))
	}
	return 0, 0, ""
}

// inBlockScalar marks the lines of lines that are the text of a block scalar
// (after a key ending in |, >, |- or >-, and indented deeper than it): prose,
// whose brackets, dashes and colons are no YAML structure.
func inBlockScalar(lines []string) []bool {
	in := make([]bool, len(lines))
	above := -1
	for i, l := range lines {
		ind, ok := contentIndent(l)
		if !ok {
			in[i] = above >= 0
			continue
		}
		if above >= 0 && ind > above {
			in[i] = true
			continue
		}
		above = -1
		t := strings.TrimRight(stripComment(l), " ")
		for _, h := range []string{"|", ">", "|-", ">-", "|+", ">+"} {
			if strings.HasSuffix(t, " "+h) || strings.HasSuffix(t, ":"+h) {
				above = ind
			}
		}
	}
	return in
}
