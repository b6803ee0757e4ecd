package kvapi

import "context"

type txn struct {
	kv   *kv
	ctx  context.Context
	cmps []Cmp
	ops  []Op
}

func (t *txn) If(cs ...Cmp) Txn {
	t.cmps = append(t.cmps, cs...)
	return t
}

func (t *txn) Then(ops ...Op) Txn {
	t.ops = append(t.ops, ops...)
	return t
}

// Commit is etcd's: a failed compare is an answer (Succeeded false, nil
// error); a failure of the call is its error.
func (t *txn) Commit() (*TxnResponse, error) { // want Commit:"retrystorm: network answers"
	r := &TxnRequest{Compare: t.cmps, Success: t.ops}
	var resp *TxnResponse
	var err error
	resp, err = t.kv.remote.Txn(t.ctx, r)
	if err != nil {
		return nil, toErr(t.ctx, err)
	}
	return resp, nil
}
