package stochastic

import (
	"runtime"
	"sync"
)

// forEach calls fn(i) for i = 0 … n−1 on up to workers goroutines (GOMAXPROCS
// when workers < 1), handing out indices in increasing order, and returns the
// error of the smallest i that failed. After a failure no new index is handed
// out; every smaller index has been handed out by then, so the error returned
// is the one a single worker would meet first, whatever the number of workers.
// fn must write its results only to places of its own index, so that what the
// caller reads afterwards does not depend on the order the calls ran in.
func forEach(n, workers int, fn func(i int) error) error {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, n)
	errs := make([]error, n)
	var (
		mu     sync.Mutex
		next   int
		failed bool
		wg     sync.WaitGroup
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				if failed || next >= n {
					mu.Unlock()
					return
				}
				i := next
				next++
				mu.Unlock()
				if err := fn(i); err != nil {
					errs[i] = err
					mu.Lock()
					failed = true
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
