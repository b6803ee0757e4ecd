// Package a is the story of hand-written loops: which are retry loops and
// which are not.
package a

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/http"
	"time"
)

func mark() {}

func op() error                         { return nil }
func send(item string) error            { return nil }
func fetch(page int) error              { return nil }
func record(n int)                      {}
func retryable(err error) bool          { return true }
func backoff(attempt int) time.Duration { return time.Duration(attempt) * time.Second }

// A three-clause loop around a send: failure sleeps and goes round,
// success returns.
func threeClause(c *http.Client, req *http.Request) (*http.Response, error) {
	for i := 0; i < 3; i++ { // want `loop region attempt c.Do counter i`
		resp, err := c.Do(req)
		if err != nil {
			log.Printf("attempt %d: %v", i, err)
			time.Sleep(time.Duration(1<<i) * 100 * time.Millisecond)
			continue
		}
		mark() // want `runs once`
		return resp, nil
	}
	return nil, errors.New("gave up")
}

func opN() (int, error) { return 0, nil }

// A condition loop with the counter outside; success breaks. n, an
// integer result, is not the counter.
func condition() error {
	attempt, max := 0, 5
	var err error
	var n int
	for attempt < max { // want `loop region attempt opN counter attempt`
		mark() // want `repeated by loop`
		n, err = opN()
		if err == nil {
			break
		}
		attempt++
		time.Sleep(backoff(attempt))
	}
	fmt.Println(n)
	return err
}

// A bare loop whose failure waits on a select.
func bare(ctx context.Context) error {
	for { // want `loop region attempt op`
		err := op()
		if err == nil {
			mark() // want `runs once`
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
}

// A range over an integer, with the error checked in the if's init and an
// else that logs.
func rangeInt() error {
	for i := range 5 { // want `loop region attempt op counter i`
		if err := op(); err == nil {
			return nil
		} else {
			log.Printf("try %d failed: %v", i, err)
		}
	}
	return errors.New("gave up")
}

// Success and permanent errors leave together.
func permanent() error {
	for n := 0; ; n++ { // want `loop region attempt op counter n`
		err := op()
		if err == nil || !retryable(err) || n == 4 {
			return err
		}
		time.Sleep(backoff(n))
	}
}

// The else branch is the success path.
func elseBreak() (err error) {
	for i := 0; i < 3; i++ { // want `loop region attempt op counter i`
		if err = op(); err != nil {
			fmt.Println("retrying", i)
		} else {
			break
		}
	}
	return err
}

// A 5xx status goes round too: the code before that continue repeats,
// the code after it runs once.
func status(c *http.Client, req *http.Request) (*http.Response, error) {
	for attempt := 1; attempt <= 3; attempt++ { // want `loop region attempt c.Do counter attempt`
		resp, err := c.Do(req)
		if err != nil {
			continue
		}
		mark() // want `repeated by loop`
		if resp.StatusCode >= 500 {
			resp.Body.Close()
			continue
		}
		mark() // want `runs once`
		return resp, nil
	}
	return nil, errors.New("gave up")
}

// A labeled loop broken by its label.
func labeled() error {
retry:
	for i := 0; i < 3; i++ { // want `loop region attempt op counter i`
		if err := op(); err != nil {
			continue retry
		}
		break retry
	}
	return nil
}

// Silent: ranging over data is never a retry loop.
func overItems(items []string) error {
	for _, it := range items {
		if err := send(it); err != nil {
			continue
		}
		return nil
	}
	return nil
}

// Silent: the counter indexes data.
func indexed(items []string) error {
	for i := 0; i < len(items); i++ {
		if err := send(items[i]); err != nil {
			continue
		}
		return nil
	}
	return nil
}

// Silent: the counter is the call's argument (pagination by page number).
func pages() error {
	for page := 0; page < 10; page++ {
		if err := fetch(page); err != nil {
			continue
		}
		return nil
	}
	return nil
}

type pageResp struct {
	next  string
	items []string
}

func fetchPage(cursor string) (*pageResp, error) { return nil, nil }

// Silent: pagination, the cursor read from the response feeds the next
// call.
func paginate() ([]string, error) {
	var all []string
	cursor := ""
	for {
		p, err := fetchPage(cursor)
		if err != nil {
			continue
		}
		all = append(all, p.items...)
		cursor = p.next
		if cursor == "" {
			return all, nil
		}
	}
}

// Silent: the input changes each time round even though success returns.
func changingInput() (*pageResp, error) {
	since := "0"
	for {
		p, err := fetchPage(since)
		if err != nil {
			since = "1"
			continue
		}
		return p, nil
	}
}

type state struct{ done bool }

func getState(id string) (state, error) { return state{}, nil }

// A poll that also retries: success goes round until the state is done,
// and a failed getState is sent again. The ways round after a failure
// make it a region (a failed POST would be re-sent); pollOnly is silent.
func poll(id string) state {
	for { // want `loop region attempt getState`
		st, err := getState(id)
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		if st.done {
			return st
		}
		time.Sleep(time.Second)
	}
}

// Silent: polling only; a failure leaves the loop.
func pollOnly(id string) (state, error) {
	for {
		st, err := getState(id)
		if err != nil {
			return st, err
		}
		if st.done {
			return st, nil
		}
		time.Sleep(time.Second)
	}
}

// Silent: the done flag is also set from what the poll returned, so it is
// not known to end the loop; both ways round follow a success.
func pollFlag(id string) error {
	done := false
	for !done {
		st, err := getState(id)
		if err != nil {
			return err
		}
		done = st.done
		time.Sleep(time.Second)
	}
	return nil
}

// Silent: a worker loop receives its work.
func worker(jobs chan string) error {
	for {
		job := <-jobs
		if err := send(job); err != nil {
			continue
		}
		return nil
	}
}

// Silent: ranging over a channel.
func workerRange(jobs chan string) {
	for job := range jobs {
		if err := send(job); err != nil {
			continue
		}
		return
	}
}

// Silent: failure leaves the loop.
func failFast() error {
	for i := 0; i < 3; i++ {
		if err := op(); err != nil {
			return err
		}
	}
	return nil
}

// Silent: failure leaves through both branches of an if.
func failBothWays(strict bool) error {
	for i := 0; i < 3; i++ {
		err := op()
		if err != nil {
			if strict {
				return err
			} else {
				return nil
			}
		}
		return nil
	}
	return nil
}

// Silent: nothing fallible.
func counting() {
	for i := 0; i < 3; i++ {
		fmt.Println(i)
	}
}

// Silent: the counter is handed to a call that is neither a delay nor
// logging.
func counterEscapes() error {
	for i := 0; i < 3; i++ {
		record(i)
		if err := op(); err == nil {
			return nil
		}
	}
	return nil
}

type sub struct{}

func (sub) Delivered() (int64, error) { return 0, nil }

// Silent: the attempt's error is discarded; the loop polls a count
// (nats.go@v1.55.0 test/js_test.go:2026).
func waitForDelivered(s sub) {
	timeout := time.Now().Add(2 * time.Second)
	for time.Now().Before(timeout) {
		if msgs, _ := s.Delivered(); msgs != 0 {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
}

type event struct{ Data []byte }

type sseReader struct{}

func (sseReader) Next() (event, error) { return event{}, nil }

// Silent: a stream read that skips the events it cannot use. Only what it
// does with an event fails and goes round; its own failure returns: it
// reads the next event, it retries nothing
// (godo@v1.237.0 action_gateway_runtime.go:189).
func nextGood(r sseReader) ([]byte, error) {
	for {
		ev, err := r.Next()
		if err != nil {
			return nil, err
		}
		if json.Unmarshal(ev.Data, new(any)) != nil || len(ev.Data) == 0 {
			continue
		}
		return ev.Data, nil
	}
}
