package kvapi

import "context"

type Cmp struct {
	Key, Target string
	Value       int64
}

func Compare(key, target string, v int64) Cmp { return Cmp{key, target, v} }

type Op struct {
	Key, Val string
	Delete   bool
}

func OpPut(key, val string) Op { return Op{Key: key, Val: val} }
func OpDelete(key string) Op   { return Op{Key: key, Delete: true} }

type GetResponse RangeResponse

// KV is what callers hold: its kv implementation sends gRPC calls.
type KV interface {
	Get(ctx context.Context, key string) (*GetResponse, error) // want Get:"retrystorm: network answers"
	Txn(ctx context.Context) Txn
}

// Txn is etcd's transaction builder; Commit sends it.
type Txn interface {
	If(cs ...Cmp) Txn
	Then(ops ...Op) Txn
	Commit() (*TxnResponse, error) // want Commit:"retrystorm: network answers"
}

type kv struct{ remote KVClient }

func NewKV(remote KVClient) KV { return &kv{remote} }

func (kv *kv) Get(ctx context.Context, key string) (*GetResponse, error) { // want Get:"retrystorm: network answers"
	r, err := kv.remote.Range(ctx, &RangeRequest{Key: key})
	if err != nil {
		return nil, toErr(ctx, err)
	}
	return (*GetResponse)(r), nil
}

func (kv *kv) Txn(ctx context.Context) Txn { return &txn{kv: kv, ctx: ctx} }

// toErr is etcd's ContextError: the context's error when it is done.
func toErr(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}
