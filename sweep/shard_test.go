package sweep

import (
	"strings"
	"testing"
)

func TestParseShard(t *testing.T) {
	for in, want := range map[string]Shard{"1/1": {Index: 1, Count: 1}, "3/10": {Index: 3, Count: 10}, " 2 / 2 ": {Index: 2, Count: 2}} {
		got, err := ParseShard(in)
		if err != nil || got != want {
			t.Errorf("ParseShard(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"0/2", "3/2", "1", "a/b", "1/0", "-1/2", ""} {
		if _, err := ParseShard(in); err == nil || !strings.Contains(err.Error(), "1 ≤ i ≤ n") {
			t.Errorf("ParseShard(%q) = %v; want an error", in, err)
		}
	}
}

// TestShardPartition checks that every case belongs to exactly one shard, and
// that shards are balanced to within one case.
func TestShardPartition(t *testing.T) {
	for _, n := range []int{1, 2, 3, 7, 16} {
		for _, cases := range []int{0, 1, 5, 100, 1001} {
			owners := make([]int, cases)
			sizes := make([]int, n)
			for i := 1; i <= n; i++ {
				s := Shard{Index: i, Count: n}
				for c := range cases {
					if s.Owns(c) {
						owners[c]++
						sizes[i-1]++
					}
				}
			}
			for c, k := range owners {
				if k != 1 {
					t.Errorf("n=%d cases=%d: case %d is in %d shards", n, cases, c, k)
				}
			}
			lo, hi := cases, 0
			for _, s := range sizes {
				lo, hi = min(lo, s), max(hi, s)
			}
			if hi-lo > 1 {
				t.Errorf("n=%d cases=%d: shard sizes %v", n, cases, sizes)
			}
		}
	}
	if !(Shard{}).Owns(5) {
		t.Error("the zero shard must own every case")
	}
}

// TestShardKeepsStacksWhole: with Stride and Depth, every case belongs to exactly
// one shard, and the Depth lines of a stack (Stride lines apart) to the same one.
func TestShardKeepsStacksWhole(t *testing.T) {
	const block, stride, depth, outer = 5, 3, 4, 2 // grid: outer × depth × stride lines of block cases
	n := block * stride * depth * outer
	for _, count := range []int{1, 2, 3, 6, 7} {
		owner := make([]int, n)
		for i := 1; i <= count; i++ {
			s := Shard{Index: i, Count: count, Block: block, Stride: stride, Depth: depth}
			for c := range n {
				if s.Owns(c) {
					if owner[c] != 0 {
						t.Fatalf("count %d: case %d is in shards %d and %d", count, c, owner[c], i)
					}
					owner[c] = i
				}
			}
		}
		stacks := map[[2]int]int{} // (outer, position in the stride) → shard
		for c, o := range owner {
			if o == 0 {
				t.Fatalf("count %d: case %d is in no shard", count, c)
			}
			line := c / block
			key := [2]int{line / (stride * depth), line % stride}
			if prev, ok := stacks[key]; ok && prev != o {
				t.Errorf("count %d: stack %v is split between shards %d and %d", count, key, prev, o)
			}
			stacks[key] = o
		}
		used := map[int]bool{}
		for _, o := range stacks {
			used[o] = true
		}
		if want := min(count, stride*outer); len(used) != want {
			t.Errorf("count %d: %d shards own stacks; want %d", count, len(used), want)
		}
	}
}

// TestShardPieces: with Pieces, every case belongs to exactly one shard, each
// piece is consecutive cases of one line, and every shard has cases when there
// are at least as many pieces as shards.
func TestShardPieces(t *testing.T) {
	const block, lines = 10, 2
	for _, count := range []int{3, 4, 5, 8} {
		pieces := min((count+lines-1)/lines, block)
		owner := make([]int, block*lines)
		sizes := make([]int, count)
		for i := 1; i <= count; i++ {
			s := Shard{Index: i, Count: count, Block: block, Pieces: pieces}
			for c := range owner {
				if s.Owns(c) {
					if owner[c] != 0 {
						t.Fatalf("count %d: case %d in shards %d and %d", count, c, owner[c], i)
					}
					owner[c] = i
					sizes[i-1]++
				}
			}
		}
		for c := range owner {
			if owner[c] == 0 {
				t.Fatalf("count %d: case %d in no shard", count, c)
			}
			// A change of owner inside a line starts a new piece; there are
			// pieces-1 such changes per line.
		}
		for l := range lines {
			changes := 0
			for c := l*block + 1; c < (l+1)*block; c++ {
				if owner[c] != owner[c-1] {
					changes++
				}
			}
			if changes != pieces-1 {
				t.Errorf("count %d: line %d changes owner %d times; want %d (pieces of consecutive cases)", count, l, changes, pieces-1)
			}
		}
		for i, n := range sizes {
			if n == 0 {
				t.Errorf("count %d: shard %d has no cases (sizes %v)", count, i+1, sizes)
			}
		}
	}
}
