package shapes

import (
	"context"
	"errors"
	"io"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
)

type retryOptions struct {
	max            uint
	perCallTimeout time.Duration
	backoff        func(attempt uint) time.Duration
	onRetry        func(ctx context.Context, attempt uint, err error)
}

// waitRetryBackoff waits before every attempt but the first.
func waitRetryBackoff(attempt uint, ctx context.Context, opts *retryOptions) error {
	if attempt == 0 {
		return nil
	}
	t := time.NewTimer(opts.backoff(attempt))
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func isContextError(err error) bool {
	return errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled)
}

func isRetriable(err error) bool {
	c := grpc.Code(err)
	return c == codes.Unavailable || c == codes.DeadlineExceeded
}

// UnaryClientInterceptor is go-grpc-middleware's retry interceptor: the
// wait comes first, the hook is a field, each attempt gets its own
// timeout, a context error continues from a nested if.
func UnaryClientInterceptor(opts *retryOptions) grpc.UnaryClientInterceptor {
	return func(parentCtx context.Context, method string, req, reply any, cc *grpc.ClientConn, invoker grpc.UnaryInvoker, callOpts ...grpc.CallOption) error {
		if opts.max == 0 {
			return invoker(parentCtx, method, req, reply, cc, callOpts...)
		}
		var lastErr error
		for attempt := uint(0); attempt < opts.max; attempt++ { // want `loop region attempt invoker counter attempt`
			if err := waitRetryBackoff(attempt, parentCtx, opts); err != nil {
				return err
			}
			if attempt > 0 {
				opts.onRetry(parentCtx, attempt, lastErr)
			}
			callCtx, cancel := context.WithTimeout(parentCtx, opts.perCallTimeout)
			lastErr = invoker(callCtx, method, req, reply, cc, callOpts...)
			cancel()
			if lastErr == nil {
				mark() // want `runs once`
				return nil
			}
			if isContextError(lastErr) {
				if parentCtx.Err() != nil {
					return lastErr
				} else if opts.perCallTimeout != 0 {
					mark() // want `repeated by loop`
					continue
				}
			}
			if !isRetriable(lastErr) {
				return lastErr
			}
		}
		return lastErr
	}
}

// invokeWithCodes switches on the (deprecated) grpc.Code of the error.
func invokeWithCodes(ctx context.Context, cc *grpc.ClientConn, method string, in, out any) error {
	for attempt := 0; attempt < 5; attempt++ { // want `loop region attempt cc.Invoke counter attempt`
		err := cc.Invoke(ctx, method, in, out)
		switch grpc.Code(err) {
		case codes.OK:
			return nil
		case codes.Unavailable, codes.DeadlineExceeded:
			mark() // want `repeated by loop`
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(time.Duration(attempt+1) * 200 * time.Millisecond):
			}
		default:
			return err
		}
	}
	return errors.New("unavailable")
}

// Event is a message of a server stream.
type Event struct {
	ID   string
	Kind string
}

// watch reads a server stream to its end: each message is new, nothing
// is sent again.
func watch(stream grpc.ClientStream, handle func(*Event)) error {
	for {
		ev := new(Event)
		err := stream.RecvMsg(ev)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		mark() // want `runs once`
		handle(ev)
	}
}

// EventStream is a typed stream, as protoc-gen-go-grpc generates.
type EventStream interface {
	Recv() (*Event, error)
}

// drain reads a typed stream, breaking out at io.EOF.
func drain(s EventStream) ([]*Event, error) {
	var events []*Event
	for {
		msg, err := s.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		events = append(events, msg)
	}
	return events, nil
}
