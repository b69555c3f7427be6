package scenarios

import "testing"

func BenchmarkLoadDefault(b *testing.B) {
	for b.Loop() {
		if _, err := Default(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWith makes a sweep variant of the default scenario.
func BenchmarkWith(b *testing.B) {
	s, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, _, err := s.With("budget.total=*1.1"); err != nil {
			b.Fatal(err)
		}
	}
}
