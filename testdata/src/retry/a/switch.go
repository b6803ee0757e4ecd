package a

import (
	"errors"
	"io"
	"net/http"
	"time"
)

// The error checked by a switch, as the equivalent if would: the failure
// case waits and goes round, the default returns.
func switchFailure(c *http.Client, req *http.Request) (*http.Response, error) {
	for i := 0; i < 3; i++ { // want `loop region attempt c.Do counter i`
		resp, err := c.Do(req)
		switch {
		case err != nil:
			time.Sleep(backoff(i))
			continue
		default:
			mark() // want `runs once`
			return resp, nil
		}
	}
	return nil, errors.New("gave up")
}

// The success case first; a permanent error leaves, others fall out of the
// switch and go round.
func switchSuccess() error {
	for attempt := 0; attempt < 5; attempt++ { // want `loop region attempt op counter attempt`
		err := op()
		switch {
		case err == nil:
			return nil
		case !retryable(err):
			return err
		}
		time.Sleep(backoff(attempt))
	}
	return errors.New("gave up")
}

// A switch on the error itself, with the call in the switch's init.
func switchOnErr() error {
	for { // want `loop region attempt op`
		switch err := op(); err {
		case nil:
			mark() // want `runs once`
			return nil
		case io.EOF:
			return err
		default:
			mark() // want `repeated by loop`
			time.Sleep(time.Second)
		}
	}
}

// Only the failure case, which goes round; success falls out of the switch
// to the return.
func switchOnlyFailure() error {
	for i := 0; i < 3; i++ { // want `loop region attempt op counter i`
		err := op()
		switch {
		case err != nil:
			continue
		}
		return nil
	}
	return nil
}

// A labeled break in the success case leaves the loop.
func switchLabeledBreak() (err error) {
retry:
	for i := 0; i < 3; i++ { // want `loop region attempt op counter i`
		err = op()
		switch {
		case err == nil:
			break retry
		default:
			time.Sleep(backoff(i))
		}
	}
	return err
}

// Silent: an unlabeled break leaves only the switch, so success goes round
// again.
func switchBreakIsNotLeave() {
	for i := 0; i < 3; i++ {
		err := op()
		switch {
		case err == nil:
			break
		default:
			time.Sleep(backoff(i))
		}
	}
}

// Silent: every failure leaves the loop too.
func switchFailureLeaves() error {
	for i := 0; i < 3; i++ {
		err := op()
		switch {
		case err != nil:
			return err
		default:
			return nil
		}
	}
	return nil
}

// A conditional break out of the success case on a 5xx status goes round:
// a status-driven retry (silent before regions were decided on the CFG).
func switchConditionalBreak(c *http.Client, req *http.Request) (*http.Response, error) {
	for i := 0; i < 3; i++ { // want `loop region attempt c.Do counter i`
		resp, err := c.Do(req)
		switch {
		case err == nil:
			if resp.StatusCode >= 500 {
				break
			}
			return resp, nil
		}
		time.Sleep(backoff(i))
	}
	return nil, errors.New("gave up")
}

// Silent: fallthrough makes the paths differ from an if's.
func switchFallthrough() error {
	for i := 0; i < 3; i++ {
		err := op()
		switch {
		case err == nil:
			fallthrough
		default:
			time.Sleep(backoff(i))
		}
	}
	return nil
}

// Silent: the first case is not the error check; a sentinel error before
// nil could be nil itself.
func switchNilNotFirst(sentinel error) error {
	for {
		switch err := op(); err {
		case sentinel:
			time.Sleep(time.Second)
		case nil:
			return nil
		}
	}
}

// Silent: a switch on another variable.
func switchOther(mode int) error {
	for i := 0; i < 3; i++ {
		err := op()
		switch mode {
		case 0:
			return err
		default:
			time.Sleep(backoff(i))
		}
	}
	return nil
}

// The complement of the first case is as good as a default.
func switchComplement() error {
	for i := 0; i < 3; i++ { // want `loop region attempt op counter i`
		err := op()
		switch {
		case err != nil:
			time.Sleep(backoff(i))
		case err == nil:
			return nil
		}
	}
	return nil
}

// Silent: success and failure both leave; no way through the switch is
// left to go round.
func switchBothLeave() error {
	for i := 0; i < 3; i++ {
		err := op()
		switch {
		case err == nil:
			return nil
		case err != nil:
			return err
		}
	}
	return nil
}

// Silent: the first case is not a plain check, so the second does not
// cover every other way (a permanent error falls out of the switch).
func switchNotComplement() error {
	for i := 0; i < 3; i++ {
		err := op()
		switch {
		case err != nil && retryable(err):
			time.Sleep(backoff(i))
		case err == nil:
			return nil
		}
		return err
	}
	return nil
}
