// Package kvapi is etcd's client/v3 (v3.7.3) in the shape retrystorm
// sees: the KV and Txn interfaces that callers hold, which the package
// implements with the gRPC calls of a generated client.
package kvapi

import (
	"context"

	"google.golang.org/grpc"
)

type RangeRequest struct{ Key string }

type RangeResponse struct {
	Kvs      []string
	Revision int64
}

type TxnRequest struct {
	Compare []Cmp
	Success []Op
}

type TxnResponse struct {
	Succeeded bool
	Revision  int64
}

// KVClient is the generated client of the KV service: a nil error from a
// unary call is the server's answer.
type KVClient interface {
	Range(ctx context.Context, in *RangeRequest, opts ...grpc.CallOption) (*RangeResponse, error) // want Range:"retrystorm: network answers"
	Txn(ctx context.Context, in *TxnRequest, opts ...grpc.CallOption) (*TxnResponse, error)       // want Txn:"retrystorm: network answers"
}

type kVClient struct{ cc grpc.ClientConnInterface }

func NewKVClient(cc grpc.ClientConnInterface) KVClient { return &kVClient{cc} }

func (c *kVClient) Range(ctx context.Context, in *RangeRequest, opts ...grpc.CallOption) (*RangeResponse, error) { // want Range:"retrystorm: network answers"
	out := new(RangeResponse)
	err := c.cc.Invoke(ctx, "/etcdserverpb.KV/Range", in, out, opts...)
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (c *kVClient) Txn(ctx context.Context, in *TxnRequest, opts ...grpc.CallOption) (*TxnResponse, error) { // want Txn:"retrystorm: network answers"
	out := new(TxnResponse)
	err := c.cc.Invoke(ctx, "/etcdserverpb.KV/Txn", in, out, opts...)
	if err != nil {
		return nil, err
	}
	return out, nil
}
