package sweep

import (
	"fmt"
	"strconv"
	"strings"
)

// Shard is one of Count parts of a sweep, Index from 1 to Count. Cases are dealt
// to the shards round robin (not in contiguous ranges), so that the costly corner
// of a grid is spread over every shard: one case at a time, or Block consecutive
// cases at a time when Block > 1. A grid whose lines prove cases from their
// neighbours (see Options.Reuse) sets Block to its line length, so that each line
// stays whole in one shard and its results do not depend on the sharding; when
// its lines also prove cases from one another (a stack, along an axis such as the
// budget), Stride and Depth keep each stack whole too. When a grid has fewer
// lines (or stacks) than shards, Pieces cuts every line into that many pieces of
// consecutive cases, dealt like lines, so that every shard has cases. The zero
// Shard is the whole sweep.
type Shard struct {
	Index int `json:"index"`
	Count int `json:"count"`
	// Block is the number of consecutive cases dealt at a time (0 or 1: one).
	Block int `json:"block,omitempty"`
	// Depth, when above 1, is the number of blocks dealt together as one: the
	// blocks Stride blocks apart, Depth of them (the values of the stack's axis).
	Stride int `json:"stride,omitempty"`
	Depth  int `json:"depth,omitempty"`
	// Pieces, when above 1, cuts each block into that many pieces of
	// consecutive cases (as equal as can be), dealt one at a time.
	Pieces int `json:"pieces,omitempty"`
}

// ParseShard reads a --shard flag, i/n with 1 ≤ i ≤ n, such as 3/10.
func ParseShard(s string) (Shard, error) {
	i, n, ok := strings.Cut(strings.TrimSpace(s), "/")
	a, errA := strconv.Atoi(strings.TrimSpace(i))
	b, errB := strconv.Atoi(strings.TrimSpace(n))
	if !ok || errA != nil || errB != nil || b < 1 || a < 1 || a > b {
		return Shard{}, fmt.Errorf("--shard %q: write i/n with 1 ≤ i ≤ n, such as 1/4 (on Slurm: $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT with --array=1-N)", s)
	}
	return Shard{Index: a, Count: b}, nil
}

// Whole reports whether the shard is the whole sweep (zero, or 1/1).
func (s Shard) Whole() bool { return s.Count <= 1 }

// Owns reports whether the case with the given index belongs to the shard.
func (s Shard) Owns(index int) bool { return s.Whole() || s.owner(index) == s.Index }

// owner is the index (from 1) of the shard of Count that owns a case.
func (s Shard) owner(index int) int {
	block := max(s.Block, 1)
	g := index / block
	if s.Depth > 1 {
		stride := max(s.Stride, 1)
		g = g/(stride*s.Depth)*stride + g%stride
	}
	if s.Pieces > 1 {
		g = g*s.Pieces + piece(index, block, s.Pieces)
	}
	return g%s.Count + 1
}

// piece is the piece, from 0, of a block of n cases cut into k that holds the
// case with the given index: the pieces are consecutive and their lengths
// differ by at most one.
func piece(index, n, k int) int {
	if k <= 1 {
		return 0
	}
	return index % n * k / n
}

// String writes the shard as i/n.
func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.Index, s.Count) }
