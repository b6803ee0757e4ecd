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

const (
	backoffV4   = "github.com/cenkalti/backoff/v4"
	backoffV5   = "github.com/cenkalti/backoff/v5"
	retryGo     = "github.com/avast/retry-go/v4"
	goRetry     = "github.com/sethvargo/go-retry"
	k8sRetry    = "k8s.io/client-go/util/retry"
	k8sWait     = "k8s.io/apimachinery/pkg/util/wait"
	failsafe    = "github.com/failsafe-go/failsafe-go"
	retryPolicy = "github.com/failsafe-go/failsafe-go/retrypolicy"
)

// APIs is every known retry API. k8s.io/client-go/util/retry's
// RetryOnConflict is deliberately absent: it retries only 409 Conflict
// responses, which the server sends without applying the request.
var APIs = []API{
	{backoffV4, "", "Retry", 0, false, "backoff v4.3.0 retry.go: Retry(o Operation, b BackOff)"},
	{backoffV4, "", "RetryWithData", 0, false, "backoff v4.3.0 retry.go: RetryWithData[T](o OperationWithData[T], b BackOff)"},
	{backoffV4, "", "RetryNotify", 0, false, "backoff v4.3.0 retry.go: RetryNotify(operation, b, notify)"},
	{backoffV4, "", "RetryNotifyWithData", 0, false, "backoff v4.3.0 retry.go: RetryNotifyWithData[T](operation, b, notify)"},
	{backoffV4, "", "RetryNotifyWithTimer", 0, false, "backoff v4.3.0 retry.go: RetryNotifyWithTimer(operation, b, notify, t)"},
	{backoffV4, "", "RetryNotifyWithTimerAndData", 0, false, "backoff v4.3.0 retry.go: RetryNotifyWithTimerAndData[T](operation, b, notify, t)"},
	{backoffV5, "", "Retry", 1, false, "backoff v5.0.3 retry.go: Retry[T](ctx, operation Operation[T], opts...)"},
	{retryGo, "", "Do", 0, false, "retry-go v4.7.0 retry.go: Do(retryableFunc, opts...)"},
	{retryGo, "", "DoWithData", 0, false, "retry-go v4.7.0 retry.go: DoWithData[T](retryableFunc, opts...)"},
	{goRetry, "", "Do", 2, false, "go-retry v0.5.0 retry.go: Do(ctx, b Backoff, f RetryFunc)"},
	{goRetry, "", "DoValue", 2, false, "go-retry v0.5.0 retry.go: DoValue[T](ctx, b, f RetryFuncValue[T])"},
	{goRetry, "", "Constant", 2, false, "go-retry v0.5.0 backoff_constant.go: Constant(ctx, t, f)"},
	{goRetry, "", "Exponential", 2, false, "go-retry v0.5.0 backoff_exponential.go: Exponential(ctx, base, f)"},
	{goRetry, "", "Fibonacci", 2, false, "go-retry v0.5.0 backoff_fibonacci.go: Fibonacci(ctx, base, f)"},
	{k8sRetry, "", "OnError", 2, false, "client-go util/retry: OnError(backoff, retriable, fn)"},
	{k8sWait, "", "ExponentialBackoff", 1, false, "apimachinery util/wait backoff.go: ExponentialBackoff(backoff, condition)"},
	{k8sWait, "", "ExponentialBackoffWithContext", 2, false, "apimachinery util/wait backoff.go: ExponentialBackoffWithContext(ctx, backoff, condition)"},
	{failsafe, "Executor", "Run", 0, true, "failsafe-go v0.9.8 executor.go: Executor[R].Run(fn)"},
	{failsafe, "Executor", "Get", 0, true, "failsafe-go v0.9.8 executor.go: Executor[R].Get(fn)"},
	{failsafe, "Executor", "RunWithExecution", 0, true, "failsafe-go v0.9.8 executor.go: Executor[R].RunWithExecution(fn)"},
	{failsafe, "Executor", "GetWithExecution", 0, true, "failsafe-go v0.9.8 executor.go: Executor[R].GetWithExecution(fn)"},
	{failsafe, "Executor", "RunAsync", 0, true, "failsafe-go v0.9.8 executor.go: Executor[R].RunAsync(fn)"},
	{failsafe, "Executor", "GetAsync", 0, true, "failsafe-go v0.9.8 executor.go: Executor[R].GetAsync(fn)"},
	{failsafe, "Executor", "RunAsyncWithExecution", 0, true, "failsafe-go v0.9.8 executor.go: Executor[R].RunAsyncWithExecution(fn)"},
	{failsafe, "Executor", "GetAsyncWithExecution", 0, true, "failsafe-go v0.9.8 executor.go: Executor[R].GetAsyncWithExecution(fn)"},
}

// NotRetries are functions that retry, but only in a way that repeats no
// side effect: they are never regions, nor retry helpers, whatever their
// body looks like.
var NotRetries = []API{
	{k8sRetry, "", "RetryOnConflict", 1, false, "client-go util/retry: retries only 409 Conflict, which the server did not apply"},
}

// executorBuilders are the failsafe-go Executor methods that return an
// executor with the same policies as their receiver (plus, for Compose, its
// argument).
var executorBuilders = []string{"Compose", "WithContext", "OnDone", "OnSuccess", "OnFailure"}
