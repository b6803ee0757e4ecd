package runner

// semaphore is honnef.co/go/tools/internal/sync.Semaphore, which the
// runner uses and which cannot be imported from outside staticcheck.
type semaphore struct {
	ch chan struct{}
}

func newSemaphore(size int) semaphore {
	return semaphore{ch: make(chan struct{}, size)}
}

func (sem semaphore) Acquire() { sem.ch <- struct{}{} }

func (sem semaphore) AcquireMaybe() bool {
	select {
	case sem.ch <- struct{}{}:
		return true
	default:
		return false
	}
}

func (sem semaphore) Release() { <-sem.ch }
func (sem semaphore) Len() int { return len(sem.ch) }
func (sem semaphore) Cap() int { return cap(sem.ch) }
