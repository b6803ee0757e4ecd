package recipes

import (
	"context"
	"errors"
	"fmt"
	"time"

	"retrystorm/kvapi"
)

type RemoteKV struct {
	kv  kvapi.KV
	key string
	rev int64
	val string
}

func newKV(kv kvapi.KV, key, val string) (*RemoteKV, error) {
	rev, err := putNewKV(kv, key, val)
	if err != nil {
		return nil, err
	}
	return &RemoteKV{kv, key, rev, val}, nil
}

// newUniqueKV is etcd's (key.go:49): a key that exists already is the
// server's answer (the compare failed), and another key is tried at once,
// by design: optimistic concurrency, not a storm. Silent.
func newUniqueKV(kv kvapi.KV, prefix string, val string) (*RemoteKV, error) {
	for {
		newKey := fmt.Sprintf("%s/%v", prefix, time.Now().UnixNano())
		rev, err := putNewKV(kv, newKey, val)
		if err == nil {
			return &RemoteKV{kv, newKey, rev, val}, nil
		}
		if !errors.Is(err, ErrKeyExists) {
			return nil, err
		}
	}
}

// putNewKV returns ErrKeyExists only after its Txn call returned a nil
// error.
func putNewKV(kv kvapi.KV, key, val string) (int64, error) {
	cmp := kvapi.Compare(key, "version", 0)
	req := kvapi.OpPut(key, val)
	txnresp, err := kv.Txn(context.TODO()).If(cmp).Then(req).Commit()
	if err != nil {
		return 0, err
	}
	if !txnresp.Succeeded {
		return 0, ErrKeyExists
	}
	return txnresp.Revision, nil
}

func newEphemeralKV(kv kvapi.KV, key, val string) (*RemoteKV, error) {
	k, err := newKV(kv, key, val)
	if err != nil {
		return nil, err
	}
	return k, nil
}

// newUniqueEphemeralKV is etcd's (key.go:156): the same conflict, two
// helpers away. Silent.
func newUniqueEphemeralKV(kv kvapi.KV, prefix, val string) (ek *RemoteKV, err error) {
	for {
		newKey := fmt.Sprintf("%s/%v", prefix, time.Now().UnixNano())
		ek, err = newEphemeralKV(kv, newKey, val)
		if err == nil || !errors.Is(err, ErrKeyExists) {
			break
		}
	}
	return ek, err
}
