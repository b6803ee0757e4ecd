package knowledge

import "go/types"

// This file is the knowledge of retry libraries: which of their functions
// run a function argument again until it succeeds (RetryAPIs), which look
// like that but repeat no side effect (NotRetries), how a failsafe-go
// executor is built, how each library waits between attempts; and which
// calls say that an attempt failed. passes/retry reads it to find retry
// regions, passes/retrystorm to judge their waits.

// Import paths of the retry libraries that RetryAPIs describes, for the
// checks that read these libraries' settings.
const (
	BackoffV4           = "github.com/cenkalti/backoff/v4"
	BackoffV5           = "github.com/cenkalti/backoff/v5"
	RetryGo             = "github.com/avast/retry-go/v4"
	GoRetry             = "github.com/sethvargo/go-retry"
	K8sRetry            = "k8s.io/client-go/util/retry"
	K8sWait             = "k8s.io/apimachinery/pkg/util/wait"
	Failsafe            = "github.com/failsafe-go/failsafe-go"
	FailsafeRetryPolicy = "github.com/failsafe-go/failsafe-go/retrypolicy"
)

// A RetryAPI is a retry library function or method whose function argument
// at index Arg is run again until it succeeds.
type RetryAPI struct {
	Func
	Arg int // 0-based index of the retried function argument
	// RetryPolicy is true when the receiver is a failsafe-go Executor,
	// which retries only when it was built with a retry policy.
	RetryPolicy bool
	// Source documents the entry.
	Source string
}

// RetryAPIs is every known retry API. k8s.io/client-go/util/retry's
// RetryOnConflict is deliberately absent: it retries only 409 Conflict
// responses, which the server sends without applying the request (see
// NotRetries).
var RetryAPIs = []RetryAPI{
	{Func{BackoffV4, "", "Retry"}, 0, false, "backoff v4.3.0 retry.go: Retry(o Operation, b BackOff)"},
	{Func{BackoffV4, "", "RetryWithData"}, 0, false, "backoff v4.3.0 retry.go: RetryWithData[T](o OperationWithData[T], b BackOff)"},
	{Func{BackoffV4, "", "RetryNotify"}, 0, false, "backoff v4.3.0 retry.go: RetryNotify(operation, b, notify)"},
	{Func{BackoffV4, "", "RetryNotifyWithData"}, 0, false, "backoff v4.3.0 retry.go: RetryNotifyWithData[T](operation, b, notify)"},
	{Func{BackoffV4, "", "RetryNotifyWithTimer"}, 0, false, "backoff v4.3.0 retry.go: RetryNotifyWithTimer(operation, b, notify, t)"},
	{Func{BackoffV4, "", "RetryNotifyWithTimerAndData"}, 0, false, "backoff v4.3.0 retry.go: RetryNotifyWithTimerAndData[T](operation, b, notify, t)"},
	{Func{BackoffV5, "", "Retry"}, 1, false, "backoff v5.0.3 retry.go: Retry[T](ctx, operation Operation[T], opts...)"},
	{Func{RetryGo, "", "Do"}, 0, false, "retry-go v4.7.0 retry.go: Do(retryableFunc, opts...)"},
	{Func{RetryGo, "", "DoWithData"}, 0, false, "retry-go v4.7.0 retry.go: DoWithData[T](retryableFunc, opts...)"},
	{Func{GoRetry, "", "Do"}, 2, false, "go-retry v0.5.0 retry.go: Do(ctx, b Backoff, f RetryFunc)"},
	{Func{GoRetry, "", "DoValue"}, 2, false, "go-retry v0.5.0 retry.go: DoValue[T](ctx, b, f RetryFuncValue[T])"},
	{Func{GoRetry, "", "Constant"}, 2, false, "go-retry v0.5.0 backoff_constant.go: Constant(ctx, t, f)"},
	{Func{GoRetry, "", "Exponential"}, 2, false, "go-retry v0.5.0 backoff_exponential.go: Exponential(ctx, base, f)"},
	{Func{GoRetry, "", "Fibonacci"}, 2, false, "go-retry v0.5.0 backoff_fibonacci.go: Fibonacci(ctx, base, f)"},
	{Func{K8sRetry, "", "OnError"}, 2, false, "client-go util/retry: OnError(backoff, retriable, fn)"},
	{Func{K8sWait, "", "ExponentialBackoff"}, 1, false, "apimachinery util/wait backoff.go: ExponentialBackoff(backoff, condition)"},
	{Func{K8sWait, "", "ExponentialBackoffWithContext"}, 2, false, "apimachinery util/wait backoff.go: ExponentialBackoffWithContext(ctx, backoff, condition)"},
	{Func{Failsafe, "Executor", "Run"}, 0, true, "failsafe-go v0.9.8 executor.go: Executor[R].Run(fn)"},
	{Func{Failsafe, "Executor", "Get"}, 0, true, "failsafe-go v0.9.8 executor.go: Executor[R].Get(fn)"},
	{Func{Failsafe, "Executor", "RunWithExecution"}, 0, true, "failsafe-go v0.9.8 executor.go: Executor[R].RunWithExecution(fn)"},
	{Func{Failsafe, "Executor", "GetWithExecution"}, 0, true, "failsafe-go v0.9.8 executor.go: Executor[R].GetWithExecution(fn)"},
	{Func{Failsafe, "Executor", "RunAsync"}, 0, true, "failsafe-go v0.9.8 executor.go: Executor[R].RunAsync(fn)"},
	{Func{Failsafe, "Executor", "GetAsync"}, 0, true, "failsafe-go v0.9.8 executor.go: Executor[R].GetAsync(fn)"},
	{Func{Failsafe, "Executor", "RunAsyncWithExecution"}, 0, true, "failsafe-go v0.9.8 executor.go: Executor[R].RunAsyncWithExecution(fn)"},
	{Func{Failsafe, "Executor", "GetAsyncWithExecution"}, 0, true, "failsafe-go v0.9.8 executor.go: Executor[R].GetAsyncWithExecution(fn)"},
}

var retryAPIs = NewTable(RetryAPIs, func(a *RetryAPI) Func { return a.Func })

// RetryAPIOf returns the RetryAPIs entry for fn, or nil.
func RetryAPIOf(fn *types.Func) *RetryAPI { return retryAPIs.Lookup(fn) }

// NotRetries are functions that retry, but only in a way that repeats no
// side effect: they are never regions, nor retry helpers, whatever their
// body looks like.
var NotRetries = []RetryAPI{
	{Func{K8sRetry, "", "RetryOnConflict"}, 1, false, "client-go util/retry: retries only 409 Conflict, which the server did not apply"},
}

var notRetries = NewTable(NotRetries, func(a *RetryAPI) Func { return a.Func })

// IsNotRetry reports whether fn is one of NotRetries.
func IsNotRetry(fn *types.Func) bool { return notRetries.Has(fn) }

// ExecutorBuilders are the failsafe-go Executor methods that return an
// executor with the same policies as their receiver (plus, for Compose, its
// argument). Source: failsafe-go v0.9.8 executor.go.
var ExecutorBuilders = NewSet([]Func{
	{Failsafe, "Executor", "Compose"},
	{Failsafe, "Executor", "WithContext"},
	{Failsafe, "Executor", "OnDone"},
	{Failsafe, "Executor", "OnSuccess"},
	{Failsafe, "Executor", "OnFailure"},
})

// FailsafeDelays are the names of the retrypolicy.Builder methods that set
// a delay between attempts (failsafe-go v0.9.8 retrypolicy/retry.go, and
// DelayablePolicyBuilder in policy.go). WithJitter and WithJitterFactor are
// counted too: a jitter is a delay, even around zero. They are names, not
// Funcs: the methods are declared on generic interfaces and their
// implementations in two packages, and a builder chain is read by the
// names of its calls.
var FailsafeDelays = []string{
	"WithDelay", "WithDelayFunc", "WithBackoff",
	"WithBackoffFactor", "WithRandomDelay",
	"WithJitter", "WithJitterFactor",
}

// ContextWaits says, per retry library, which context-aware wait to use
// instead of sleeping in the retried function (each library's README and
// retry.go).
var ContextWaits = map[string]string{
	BackoffV4: "let backoff.Retry wait, with backoff.WithContext(b, ctx)",
	BackoffV5: "let backoff.Retry(ctx, ...) wait, with backoff.WithBackOff",
	RetryGo:   "let retry-go wait, with retry.Delay and retry.Context(ctx)",
	GoRetry:   "let retry.Do(ctx, backoff, ...) wait",
	Failsafe:  "let the retry policy wait (WithBackoff), with the executor's WithContext(ctx)",
	K8sWait:   "let wait.ExponentialBackoffWithContext(ctx, ...) wait",
	K8sRetry:  "let the wait.Backoff given to retry.OnError wait",
}

// FailureCalls are the functions, and the methods of any type of their
// package, whose call at the top level of a loop's success path says that
// success was the unexpected outcome: a test expecting every attempt to
// fail, an exit. Sources: testing (the Error, Fatal and Fail families of
// T, B, F and TB), log (its functions and Logger's methods), os.Exit.
var FailureCalls = NewSet([]Func{
	{"testing", Any, "Error"}, {"testing", Any, "Errorf"}, {"testing", Any, "Fatal"},
	{"testing", Any, "Fatalf"}, {"testing", Any, "Fail"}, {"testing", Any, "FailNow"},
	{"log", Any, "Fatal"}, {"log", Any, "Fatalf"}, {"log", Any, "Fatalln"},
	{"log", Any, "Panic"}, {"log", Any, "Panicf"}, {"log", Any, "Panicln"},
	{"os", Any, "Exit"},
})

// IsTestFailure reports whether fn is one of FailureCalls of package
// testing: it fails a test.
func IsTestFailure(fn *types.Func) bool {
	return fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "testing" && FailureCalls.Has(fn)
}

// AssertsNoError are the functions, and the methods of any type of their
// package, that stop a test unless the error they are given is nil
// (testify v1.12.1's require package: "require ... stops test execution
// on failure", require.go; its Assertions have the same methods).
var AssertsNoError = NewSet([]Func{
	{"github.com/stretchr/testify/require", Any, "NoError"},
	{"github.com/stretchr/testify/require", Any, "NoErrorf"},
	{"github.com/stretchr/testify/require", Any, "Nil"},
	{"github.com/stretchr/testify/require", Any, "Nilf"},
})

// ErrorMakers are the functions whose result is never a nil error
// (errors.New, fmt.Errorf: their doc comments).
var ErrorMakers = NewSet([]Func{
	{"errors", Any, "New"},
	{"fmt", Any, "Errorf"},
})
