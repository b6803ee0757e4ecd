package retryidempotency

import "fmt"

// SendsFact marks a function that sends a non-idempotent HTTP request
// without an idempotency key, on some path, directly or through the
// functions it calls. A call to it in a retry region is reported.
type SendsFact struct {
	// Method is the request method, e.g. "POST".
	Method string
	// Where is the position of the send, as file:line (base name of the
	// file), for the message.
	Where string
}

func (*SendsFact) AFact() {}

func (f *SendsFact) String() string { return fmt.Sprintf("sends %s at %s", f.Method, f.Where) }

// ParamSendsFact marks a function that sends the request it receives as
// parameter Param (0-based, receiver excluded) without setting an
// idempotency key on it, directly or through the functions it calls. A
// caller that passes it a non-idempotent request sends that request.
type ParamSendsFact struct {
	Params []int
	// Where is the position of the send, as file:line.
	Where string
}

func (*ParamSendsFact) AFact() {}

func (f *ParamSendsFact) String() string {
	return fmt.Sprintf("sends parameter %v at %s", f.Params, f.Where)
}

// RetriesMethodFact marks a request core: a function that builds a request
// whose method is its parameter Param, and sends it, without an
// idempotency key, in a retry (directly, or through the cores it calls).
// A caller that passes a constant POST, PATCH or CONNECT has it retried.
type RetriesMethodFact struct {
	Param int
	// Where is the position of the send, as file:line; By names the
	// retry ("this loop" is said of the core's own loop).
	Where, By string
}

func (*RetriesMethodFact) AFact() {}

func (f *RetriesMethodFact) String() string {
	return fmt.Sprintf("retries a request of the method of parameter %d at %s", f.Param, f.Where)
}
