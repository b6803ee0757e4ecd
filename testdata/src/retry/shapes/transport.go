package shapes

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"time"
)

// An Attempt is what rehttp's retry functions see.
type Attempt struct {
	Index    int
	Request  *http.Request
	Response *http.Response
	Error    error
}

// Transport is rehttp's retrying RoundTripper.
type Transport struct {
	http.RoundTripper
	retry func(Attempt) (bool, time.Duration)
}

// RoundTrip buffers the body once and rewinds it, asks the retry function
// (fed a struct that holds the counter), drains the response, and waits on
// a select whose timer case counts the attempt.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	var attempt int
	var br *bytes.Reader
	if req.Body != nil && req.Body != http.NoBody {
		var buf bytes.Buffer
		if _, err := io.Copy(&buf, req.Body); err != nil {
			req.Body.Close()
			return nil, err
		}
		req.Body.Close()
		br = bytes.NewReader(buf.Bytes())
		req.Body = io.NopCloser(br)
	}

	for { // want `loop region attempt t.RoundTripper.RoundTrip counter attempt`
		res, err := t.RoundTripper.RoundTrip(req)
		retry, delay := t.retry(Attempt{Index: attempt, Request: req, Response: res, Error: err})
		if !retry {
			mark() // want `runs once`
			return res, err
		}
		if br != nil {
			if _, serr := br.Seek(0, io.SeekStart); serr != nil {
				return res, err
			}
			req.Body = io.NopCloser(br)
		}
		if res != nil {
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
		}
		mark() // want `repeated by loop`
		select {
		case <-time.After(delay):
			attempt++
		case <-req.Context().Done():
			return nil, req.Context().Err()
		}
	}
}

// CheckRetry and Backoff are go-retryablehttp's policies.
type (
	CheckRetry func(ctx context.Context, resp *http.Response, err error) (bool, error)
	Backoff    func(min, max time.Duration, attemptNum int, resp *http.Response) time.Duration
)

// RetryingClient is go-retryablehttp's Client, cut down.
type RetryingClient struct {
	HTTPClient     *http.Client
	RetryWaitMin   time.Duration
	RetryWaitMax   time.Duration
	RetryMax       int
	CheckRetry     CheckRetry
	Backoff        Backoff
	RequestLogHook func(*log.Logger, *http.Request, int)
	Logger         *log.Logger
}

// Request carries a rewindable body.
type Request struct {
	body func() (io.Reader, error)
	*http.Request
}

// Do is go-retryablehttp's Client.Do: the body is rewound, a hook sees
// the attempt number, CheckRetry decides, a bound breaks out, and the wait
// is a timer raced against the request's context.
func (c *RetryingClient) Do(req *Request) (*http.Response, error) {
	var resp *http.Response
	var attempt int
	var shouldRetry bool
	var doErr, checkErr error

	for i := 0; ; i++ { // want `loop region attempt c.HTTPClient.Do counter i`
		doErr = nil
		attempt++

		if req.body != nil {
			body, err := req.body()
			if err != nil {
				c.HTTPClient.CloseIdleConnections()
				return resp, err
			}
			if rc, ok := body.(io.ReadCloser); ok {
				req.Body = rc
			} else {
				req.Body = io.NopCloser(body)
			}
		}

		if c.RequestLogHook != nil {
			c.RequestLogHook(c.Logger, req.Request, i)
		}

		resp, doErr = c.HTTPClient.Do(req.Request)

		shouldRetry, checkErr = c.CheckRetry(req.Context(), resp, doErr)
		if doErr != nil {
			c.Logger.Printf("[ERR] %s %s request failed: %v", req.Method, req.URL, doErr)
		}
		if !shouldRetry {
			mark() // want `runs once`
			break
		}

		remain := c.RetryMax - i
		if remain <= 0 {
			break
		}
		if doErr == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}

		wait := c.Backoff(c.RetryWaitMin, c.RetryWaitMax, i, resp)
		c.Logger.Printf("[DEBUG] %s %s: retrying in %s (%d left)", req.Method, req.URL, wait, remain)
		mark() // want `repeated by loop`
		timer := time.NewTimer(wait)
		select {
		case <-req.Context().Done():
			timer.Stop()
			c.HTTPClient.CloseIdleConnections()
			return nil, req.Context().Err()
		case <-timer.C:
		}

		httpreq := *req.Request
		req.Request = &httpreq
	}

	if doErr == nil && checkErr == nil && !shouldRetry {
		return resp, nil
	}
	err := doErr
	if checkErr != nil {
		err = checkErr
	}
	if resp != nil {
		resp.Body.Close()
	}
	return nil, fmt.Errorf("%s %s giving up after %d attempt(s): %w", req.Method, req.URL, attempt, err)
}

// AttemptResult is the outcome the retry middleware records (aws-sdk-go-v2).
type AttemptResult struct {
	Retried bool
	Err     error
}

type attemptMetadata struct {
	AttemptNum  int
	AttemptTime time.Time
	MaxAttempts int
}

type attemptKey struct{}

func setAttemptMetadata(ctx context.Context, md attemptMetadata) context.Context {
	return context.WithValue(ctx, attemptKey{}, md)
}

// Input and Output are a middleware's input and output.
type (
	Input  struct{ Request *http.Request }
	Output struct{ Result any }
)

// Handler is the next handler of the stack.
type Handler interface {
	Handle(ctx context.Context, in Input) (Output, error)
}

// RetryMiddleware is aws-sdk-go-v2's retry middleware: the counter is
// incremented at the top of a bare loop and goes into the attempt's
// context; handleAttempt waits and decides, and the loop stops when the
// attempt was not retried. A release function is carried from one attempt
// to the next.
type RetryMiddleware struct {
	maxAttempts   int
	requestCloner func(*http.Request) *http.Request
}

func (r *RetryMiddleware) HandleFinalize(ctx context.Context, in Input, next Handler) (out Output, err error) {
	var attemptNum int
	var results []AttemptResult
	release := func(error) error { return nil }

	for { // want `loop region attempt r.handleAttempt counter attemptNum`
		attemptNum++
		attemptInput := in
		attemptInput.Request = r.requestCloner(attemptInput.Request)

		attemptCtx := setAttemptMetadata(ctx, attemptMetadata{
			AttemptNum:  attemptNum,
			AttemptTime: time.Now().UTC(),
			MaxAttempts: r.maxAttempts,
		})

		var result AttemptResult
		out, result, release, err = r.handleAttempt(attemptCtx, attemptInput, release, next)
		results = append(results, result)
		if !result.Retried {
			mark() // want `runs once`
			break
		}
	}
	log.Printf("%d attempts", len(results))
	return out, err
}

func (r *RetryMiddleware) handleAttempt(ctx context.Context, in Input, release func(error) error, next Handler) (Output, AttemptResult, func(error) error, error) {
	if err := release(nil); err != nil {
		return Output{}, AttemptResult{}, release, err
	}
	out, err := next.Handle(ctx, in)
	res := AttemptResult{Err: err}
	if err != nil && !errors.Is(err, context.Canceled) {
		res.Retried = true
		time.Sleep(time.Second)
	}
	return out, res, release, err
}
