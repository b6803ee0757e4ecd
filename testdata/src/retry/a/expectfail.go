package a

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

type picker interface{ Pick() (string, error) }

// Silent: every attempt is expected to fail; success returns a new error
// (google.golang.org/grpc@v1.85.0 balancer/weightedtarget/weightedtarget_test.go:78).
func pickAndCheckError(want error) func(picker) error {
	const rpcCount = 5
	return func(p picker) error {
		for i := 0; i < rpcCount; i++ {
			if _, err := p.Pick(); err == nil || !strings.Contains(err.Error(), want.Error()) {
				return fmt.Errorf("picker.Pick() returned error: %v, want: %v", err, want)
			}
		}
		return nil
	}
}

// Silent: success fails the test.
func TestAlwaysFails(t *testing.T) {
	for i := 0; i < 3; i++ {
		err := op()
		if err == nil {
			t.Errorf("attempt %d succeeded, want an error", i)
			return
		}
	}
}

// Silent: success panics or exits through a labeled break after t.Fatal.
func TestSwitchAlwaysFails(t *testing.T) {
	for {
		switch err := op(); err {
		case nil:
			t.Fatal("unexpected success")
			return
		default:
			time.Sleep(time.Millisecond)
		}
	}
}

// A test that retries until the server is up is a retry loop: t.Logf is
// no failure.
func TestWaitsForServer(t *testing.T) {
	for i := 0; i < 10; i++ { // want `loop region attempt op counter i`
		if err := op(); err == nil {
			t.Logf("up after %d attempts", i)
			return
		}
		time.Sleep(backoff(i))
	}
	t.Fatal("server never came up")
}

// A new error on one success path but the result on another: still a
// retry loop (a non-200 status is permanent).
func statusIsPermanent() (string, error) {
	for i := 0; i < 3; i++ { // want `loop region attempt getStatus counter i`
		code, err := getStatus()
		if err != nil {
			time.Sleep(backoff(i))
			continue
		}
		if code == 200 {
			return "ok", nil
		}
		return "", fmt.Errorf("status %d", code)
	}
	return "", errors.New("gave up")
}

func getStatus() (int, error) { return 200, nil }

type stream struct{}

func (stream) Recv() (int, error) { return 0, nil }

func openStream() (stream, error) { return stream{}, nil }

var errCanceled = errors.New("canceled")

// Silent: each trial expects its stream to be cancelled, and any other
// error fails the test: the expected error is the trial's success
// (google.golang.org/grpc@v1.85.0 test/context_canceled_test.go:143).
func TestTrialsExpectCancel(t *testing.T) {
	for i := 0; i < 10; i++ {
		s, err := openStream()
		if err != nil {
			t.Fatalf("open: %v", err)
		}
		for {
			_, err := s.Recv()
			if err != nil {
				if !errors.Is(err, errCanceled) {
					t.Fatalf("recv: %v", err)
				}
				break
			}
		}
	}
}

type runStatus struct{ Status string }

func readRun() (runStatus, error) { return runStatus{}, nil }

// Silent: the test stops unless the read succeeded; what goes round is a
// job still running: a poll (go-tfe@v1.111.2 helper_test.go:515).
func TestPollUntilApplied(t *testing.T) {
	for i := 0; ; i++ {
		run, err := readRun()
		require.NoError(t, err)
		if run.Status == "applied" {
			break
		}
		if i > 60 {
			t.Fatal("timeout")
		}
		time.Sleep(time.Second)
	}
}
