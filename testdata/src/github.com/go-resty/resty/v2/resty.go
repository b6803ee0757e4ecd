// Package resty is a stub of github.com/go-resty/resty/v2 v2.17.2 for
// analysistest: the declarations transportvet uses, with the real signatures
// (client.go, request.go, response.go, retry.go, resty.go); bodies are
// trivial.
package resty

import (
	"context"
	"net/http"
	"net/url"
	"time"
)

type (
	// Option is to create convenient retry options like wait time, max retries, etc.
	Option func(*Options)

	// RetryConditionFunc type is for the retry condition function
	// input: non-nil Response OR request execution error
	RetryConditionFunc func(*Response, error) bool

	// OnRetryFunc is for side-effecting functions triggered on retry
	OnRetryFunc func(*Response, error)

	// RetryAfterFunc returns time to wait before retry
	RetryAfterFunc func(*Client, *Response) (time.Duration, error)

	// Options struct is used to hold retry settings.
	Options struct{}
)

// Client struct is used to create Resty client with client setting.
type Client struct {
	BaseURL    string
	HostURL    string
	QueryParam url.Values
	FormData   url.Values
	PathParams map[string]string
	Header     http.Header
	RetryCount int
}

// New method creates a new Resty client.
func New() *Client { return &Client{Header: http.Header{}} }

// NewWithClient method creates a new Resty client with given http.Client.
func NewWithClient(hc *http.Client) *Client { return New() }

func (c *Client) SetBaseURL(url string) *Client                         { return c }
func (c *Client) SetHeader(header, value string) *Client                { return c }
func (c *Client) SetHeaders(headers map[string]string) *Client          { return c }
func (c *Client) R() *Request                                           { return &Request{client: c, Header: http.Header{}} }
func (c *Client) NewRequest() *Request                                  { return c.R() }
func (c *Client) SetTimeout(timeout time.Duration) *Client              { return c }
func (c *Client) SetRetryCount(count int) *Client                       { c.RetryCount = count; return c }
func (c *Client) SetRetryWaitTime(waitTime time.Duration) *Client       { return c }
func (c *Client) SetRetryMaxWaitTime(maxWaitTime time.Duration) *Client { return c }
func (c *Client) SetRetryAfter(callback RetryAfterFunc) *Client         { return c }
func (c *Client) AddRetryCondition(condition RetryConditionFunc) *Client {
	return c
}

// Request struct is used to compose and fire individual request from
// resty client.
type Request struct {
	URL        string
	Method     string
	Token      string
	AuthScheme string
	QueryParam url.Values
	FormData   url.Values
	PathParams map[string]string
	Header     http.Header
	Time       time.Time
	Body       interface{}
	Result     interface{}

	client *Client
}

func (r *Request) SetContext(ctx context.Context) *Request       { return r }
func (r *Request) ExpectContentType(contentType string) *Request { return r }
func (r *Request) SetHeader(header, value string) *Request       { return r }
func (r *Request) SetHeaders(headers map[string]string) *Request { return r }
func (r *Request) SetQueryParam(param, value string) *Request    { return r }
func (r *Request) SetFormData(data map[string]string) *Request   { return r }
func (r *Request) SetBody(body interface{}) *Request             { r.Body = body; return r }
func (r *Request) SetResult(res interface{}) *Request            { return r }
func (r *Request) SetError(err interface{}) *Request             { return r }
func (r *Request) Get(url string) (*Response, error)             { return r.Execute("GET", url) }
func (r *Request) Head(url string) (*Response, error)            { return r.Execute("HEAD", url) }
func (r *Request) Post(url string) (*Response, error)            { return r.Execute("POST", url) }
func (r *Request) Put(url string) (*Response, error)             { return r.Execute("PUT", url) }
func (r *Request) Delete(url string) (*Response, error)          { return r.Execute("DELETE", url) }
func (r *Request) Options(url string) (*Response, error)         { return r.Execute("OPTIONS", url) }
func (r *Request) Patch(url string) (*Response, error)           { return r.Execute("PATCH", url) }
func (r *Request) Send() (*Response, error)                      { return r.Execute(r.Method, r.URL) }
func (r *Request) Execute(method, url string) (*Response, error) { return &Response{Request: r}, nil }

// Response struct holds response values of executed requests.
type Response struct {
	Request     *Request
	RawResponse *http.Response
}

func (r *Response) Body() []byte    { return nil }
func (r *Response) StatusCode() int { return 0 }
func (r *Response) String() string  { return "" }
func (r *Response) IsSuccess() bool { return true }
func (r *Response) IsError() bool   { return false }
