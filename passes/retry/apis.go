package retry

// An API is a retry library function or method whose function argument at
// index Arg is run again until it succeeds.
type API struct {
	Pkg  string // package path
	Type string // receiver's named type for a method, "" for a function
	Name string
	Arg  int // 0-based index of the retried function argument
	// RetryPolicy is true when the receiver is a failsafe-go Executor,
	// which retries only when it was built with a retry policy.
	RetryPolicy bool
	// Source documents the entry.
	Source string
}

// Import paths of the retry libraries that APIs describes, for the checks
// that read these libraries' settings.
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

// APIs is every known retry API. k8s.io/client-go/util/retry's
// RetryOnConflict is deliberately absent: it retries only 409 Conflict
// responses, which the server sends without applying the request.
var APIs = []API{
	{BackoffV4, "", "Retry", 0, false, "backoff v4.3.0 retry.go: Retry(o Operation, b BackOff)"},
	{BackoffV4, "", "RetryWithData", 0, false, "backoff v4.3.0 retry.go: RetryWithData[T](o OperationWithData[T], b BackOff)"},
	{BackoffV4, "", "RetryNotify", 0, false, "backoff v4.3.0 retry.go: RetryNotify(operation, b, notify)"},
	{BackoffV4, "", "RetryNotifyWithData", 0, false, "backoff v4.3.0 retry.go: RetryNotifyWithData[T](operation, b, notify)"},
	{BackoffV4, "", "RetryNotifyWithTimer", 0, false, "backoff v4.3.0 retry.go: RetryNotifyWithTimer(operation, b, notify, t)"},
	{BackoffV4, "", "RetryNotifyWithTimerAndData", 0, false, "backoff v4.3.0 retry.go: RetryNotifyWithTimerAndData[T](operation, b, notify, t)"},
	{BackoffV5, "", "Retry", 1, false, "backoff v5.0.3 retry.go: Retry[T](ctx, operation Operation[T], opts...)"},
	{RetryGo, "", "Do", 0, false, "retry-go v4.7.0 retry.go: Do(retryableFunc, opts...)"},
	{RetryGo, "", "DoWithData", 0, false, "retry-go v4.7.0 retry.go: DoWithData[T](retryableFunc, opts...)"},
	{GoRetry, "", "Do", 2, false, "go-retry v0.5.0 retry.go: Do(ctx, b Backoff, f RetryFunc)"},
	{GoRetry, "", "DoValue", 2, false, "go-retry v0.5.0 retry.go: DoValue[T](ctx, b, f RetryFuncValue[T])"},
	{GoRetry, "", "Constant", 2, false, "go-retry v0.5.0 backoff_constant.go: Constant(ctx, t, f)"},
	{GoRetry, "", "Exponential", 2, false, "go-retry v0.5.0 backoff_exponential.go: Exponential(ctx, base, f)"},
	{GoRetry, "", "Fibonacci", 2, false, "go-retry v0.5.0 backoff_fibonacci.go: Fibonacci(ctx, base, f)"},
	{K8sRetry, "", "OnError", 2, false, "client-go util/retry: OnError(backoff, retriable, fn)"},
	{K8sWait, "", "ExponentialBackoff", 1, false, "apimachinery util/wait backoff.go: ExponentialBackoff(backoff, condition)"},
	{K8sWait, "", "ExponentialBackoffWithContext", 2, false, "apimachinery util/wait backoff.go: ExponentialBackoffWithContext(ctx, backoff, condition)"},
	{Failsafe, "Executor", "Run", 0, true, "failsafe-go v0.9.8 executor.go: Executor[R].Run(fn)"},
	{Failsafe, "Executor", "Get", 0, true, "failsafe-go v0.9.8 executor.go: Executor[R].Get(fn)"},
	{Failsafe, "Executor", "RunWithExecution", 0, true, "failsafe-go v0.9.8 executor.go: Executor[R].RunWithExecution(fn)"},
	{Failsafe, "Executor", "GetWithExecution", 0, true, "failsafe-go v0.9.8 executor.go: Executor[R].GetWithExecution(fn)"},
	{Failsafe, "Executor", "RunAsync", 0, true, "failsafe-go v0.9.8 executor.go: Executor[R].RunAsync(fn)"},
	{Failsafe, "Executor", "GetAsync", 0, true, "failsafe-go v0.9.8 executor.go: Executor[R].GetAsync(fn)"},
	{Failsafe, "Executor", "RunAsyncWithExecution", 0, true, "failsafe-go v0.9.8 executor.go: Executor[R].RunAsyncWithExecution(fn)"},
	{Failsafe, "Executor", "GetAsyncWithExecution", 0, true, "failsafe-go v0.9.8 executor.go: Executor[R].GetAsyncWithExecution(fn)"},
}

// NotRetries are functions that retry, but only in a way that repeats no
// side effect: they are never regions, nor retry helpers, whatever their
// body looks like.
var NotRetries = []API{
	{K8sRetry, "", "RetryOnConflict", 1, false, "client-go util/retry: retries only 409 Conflict, which the server did not apply"},
}

// executorBuilders are the failsafe-go Executor methods that return an
// executor with the same policies as their receiver (plus, for Compose, its
// argument).
var executorBuilders = []string{"Compose", "WithContext", "OnDone", "OnSuccess", "OnFailure"}
