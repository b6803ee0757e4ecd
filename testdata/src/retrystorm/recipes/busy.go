package recipes

import (
	"context"
	"errors"
	"fmt"

	"retrystorm/kvapi"
)

// putOrBusy turns a failed call into errBusy.
func putOrBusy(kv kvapi.KV, key, val string) error {
	_, err := kv.Txn(context.TODO()).Then(kvapi.OpPut(key, val)).Commit()
	if err != nil {
		return errBusy
	}
	return nil
}

// A sentinel of a failed call goes round at once: a storm.
func retryBusy(kv kvapi.KV, key string) error {
	for { // want `retry loop has no delay between attempts`
		err := putOrBusy(kv, key, "v")
		if err == nil {
			return nil
		}
		if !errors.Is(err, errBusy) {
			return err
		}
	}
}

// deleteOrGone returns errGone after an answer, and wraps a failure in
// it too: an error matching errGone may be a failure.
func deleteOrGone(kv kvapi.KV, key string) error {
	resp, err := kv.Txn(context.TODO()).Then(kvapi.OpDelete(key)).Commit()
	if err != nil {
		return fmt.Errorf("%w: %v", errGone, err)
	}
	if !resp.Succeeded {
		return errGone
	}
	return nil
}

func retryGone(kv kvapi.KV, key string) error {
	for { // want `retry loop has no delay between attempts`
		err := deleteOrGone(kv, key)
		if err == nil {
			return nil
		}
		if !errors.Is(err, errGone) {
			return err
		}
	}
}

// swallow returns a nil error and no result when its call failed: a nil
// error from it is no answer.
func swallow(kv kvapi.KV, key string) (*kvapi.TxnResponse, error) {
	resp, err := kv.Txn(context.TODO()).Then(kvapi.OpDelete(key)).Commit()
	if err != nil {
		return nil, nil
	}
	if !resp.Succeeded {
		return nil, nil
	}
	return resp, nil
}

func retrySwallowed(kv kvapi.KV, key string) (*kvapi.TxnResponse, error) {
	for i := 0; i < 3; i++ { // want `retry loop has no delay between attempts`
		resp, err := swallow(kv, key)
		if err != nil || resp != nil {
			return resp, err
		}
	}
	return nil, errors.New("gave up")
}

// errStale is returned after an answer, but timeoutError's Is says that a
// failure matches it too.
var errStale = errors.New("stale")

type timeoutError struct{ err error }

func (e *timeoutError) Error() string { return "timeout: " + e.err.Error() }

func (e *timeoutError) Is(target error) bool { return target == errStale }

func readOrStale(kv kvapi.KV, key string) error {
	resp, err := kv.Txn(context.TODO()).Then(kvapi.OpDelete(key)).Commit()
	if err != nil {
		return &timeoutError{err}
	}
	if !resp.Succeeded {
		return errStale
	}
	return nil
}

func retryStale(kv kvapi.KV, key string) error {
	for { // want `retry loop has no delay between attempts`
		err := readOrStale(kv, key)
		if err == nil {
			return nil
		}
		if !errors.Is(err, errStale) {
			return err
		}
	}
}
