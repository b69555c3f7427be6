package scenarios

import (
	"fmt"
	"slices"
	"strings"
)

// Limits that keep did-you-mean cheap on hostile input: past them only a
// case-insensitive match is suggested.
const (
	suggestMaxCandidates = 2000
	suggestMaxLen        = 64
)

// suggest returns the candidate closest to word by edit distance (insertions,
// deletions and substitutions, ignoring case), or "" when none is close enough to
// be a likely typo. Ties go to the candidate first in sorted order.
func suggest(word string, candidates []string) string {
	lw := strings.ToLower(word)
	for _, c := range candidates {
		if strings.ToLower(c) == lw && c != word {
			return c
		}
	}
	if len(candidates) > suggestMaxCandidates || len(word) > suggestMaxLen {
		return ""
	}
	limit := 1
	switch {
	case len(word) >= 12:
		limit = 3
	case len(word) >= 5:
		limit = 2
	}
	best, bestD := "", limit+1
	for _, c := range slices.Sorted(slices.Values(candidates)) {
		if c == word || len(c) > suggestMaxLen {
			continue
		}
		if d := editDistance(lw, strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, counted in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// maxHints caps the did-you-mean searches of one load, so that a file with very
// many mistakes is still reported quickly; past it, fixes fall back to plain
// advice.
const maxHints = 200

// hinter makes did-you-mean fixes within the budget of one load.
type hinter struct{ left int }

func newHinter() *hinter { return &hinter{left: maxHints} }

// didYouMean is the package function didYouMean while the budget lasts, and what
// after.
func (h *hinter) didYouMean(word string, candidates []string, what string) string {
	if h.left <= 0 {
		return what
	}
	h.left--
	return didYouMean(word, candidates, what)
}

// didYouMean is the fix for an unknown name: a suggestion when one is close, or
// else the list of known names (up to a dozen), or else what.
func didYouMean(word string, candidates []string, what string) string {
	if s := suggest(word, candidates); s != "" {
		return fmt.Sprintf("did you mean %q?", s)
	}
	if len(candidates) == 0 {
		return what
	}
	return "known: " + listNames(candidates)
}

// listNames lists names sorted and quoted, the first dozen of them.
func listNames(names []string) string {
	s := slices.Sorted(slices.Values(names))
	more := ""
	if len(s) > 12 {
		more = fmt.Sprintf(" and %d more", len(s)-12)
		s = s[:12]
	}
	return strings.Join(s, ", ") + more
}
