// Package leasing is etcd's client/v3/leasing (v3.7.3) in the shape
// retrystorm sees: transactions through the kvapi.Txn interface.
package leasing

import (
	"context"

	"retrystorm/kvapi"
)

type leasingKV struct {
	kv  kvapi.KV
	pfx string
}

type DeleteResponse struct{ Revision int64 }

// rescind is etcd's (kv.go:197): the delete is sent again at once on any
// error of the call, the server's unavailability included: a storm.
func (lkv *leasingKV) rescind(ctx context.Context, key string, rev int64) {
	cmp := kvapi.Compare(lkv.pfx+key, "create", rev)
	op := kvapi.OpDelete(lkv.pfx + key)
	for ctx.Err() == nil { // want `retry loop has no delay between attempts`
		if _, err := lkv.kv.Txn(ctx).If(cmp).Then(op).Commit(); err == nil {
			return
		}
	}
}

func (lkv *leasingKV) revokeRange(ctx context.Context, key, end string) (int64, error) {
	resp, err := lkv.kv.Get(ctx, lkv.pfx+key)
	if err != nil {
		return 0, err
	}
	return resp.Revision, nil
}

// deleteRangeRPC returns a nil error only after its Txn returned one: no
// response when the compare failed.
func (lkv *leasingKV) deleteRangeRPC(ctx context.Context, maxLeaseRev int64, key, end string) (*DeleteResponse, error) {
	resp, err := lkv.kv.Txn(ctx).If(
		kvapi.Compare(lkv.pfx+key, "create", maxLeaseRev+1),
	).Then(
		kvapi.OpDelete(key),
	).Commit()
	if err != nil {
		return nil, err
	}
	if !resp.Succeeded {
		return nil, nil
	}
	return &DeleteResponse{Revision: resp.Revision}, nil
}

// deleteRange is etcd's (kv.go:365): it goes round only when the call
// returned a nil error and no response, the compare having failed: a
// conflict retry. Silent.
func (lkv *leasingKV) deleteRange(ctx context.Context, key, end string) (*DeleteResponse, error) {
	for ctx.Err() == nil {
		maxLeaseRev, err := lkv.revokeRange(ctx, key, end)
		if err != nil {
			return nil, err
		}
		delResp, err := lkv.deleteRangeRPC(ctx, maxLeaseRev, key, end)
		if err != nil || delResp != nil {
			return delResp, err
		}
	}
	return nil, ctx.Err()
}

// A generated client's unary call sent again at once when it failed: a
// storm, though a nil error from it is an answer.
func casOrRetry(ctx context.Context, remote kvapi.KVClient, req *kvapi.TxnRequest) (*kvapi.TxnResponse, error) {
	for { // want `retry loop has no delay between attempts`
		resp, err := remote.Txn(ctx, req)
		if err != nil {
			continue
		}
		if resp.Succeeded {
			return resp, nil
		}
	}
}

// reset says whether the connection was set up again.
func reset(ctx context.Context) error { return ctx.Err() }

// After a failed call, err holds reset's verdict: the test that it is nil
// says nothing of the call, and the way round after a failure is a storm.
func resetThenRetry(ctx context.Context, remote kvapi.KVClient, req *kvapi.TxnRequest) (*kvapi.TxnResponse, error) {
	for i := 0; i < 3; i++ { // want `retry loop has no delay between attempts`
		resp, err := remote.Txn(ctx, req)
		if err != nil {
			err = reset(ctx)
		}
		if err != nil || resp != nil {
			return resp, err
		}
	}
	return nil, ctx.Err()
}
