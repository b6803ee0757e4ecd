// Package client is the story of clients that retry by themselves.
package client

import (
	"net/http"

	"github.com/go-resty/resty/v2"
	"github.com/hashicorp/go-retryablehttp"
)

func mark() {}

func retryableSends(rc *retryablehttp.Client, req *retryablehttp.Request, hreq *http.Request) {
	rc.Do(req)                       // want `client region by Do`
	rc.Post("u", "text/plain", nil)  // want `client region by Post`
	retryablehttp.PostForm("u", nil) // want `client region by PostForm`
	std := rc.StandardClient()
	std.Do(hreq)                 // want `client region by Do`
	rc.StandardClient().Do(hreq) // want `client region by Do`
	http.DefaultClient.Do(hreq)  // silent: net/http does not retry this request
	rc.Do(mark2())               // want `client region by Do`
}

func mark2() *retryablehttp.Request { mark(); return nil } // want `runs once`

// Silent: retries turned off.
func noRetries(hreq *http.Request) {
	rc := retryablehttp.NewClient()
	rc.RetryMax = 0
	rc.Post("u", "text/plain", nil)
	rc.StandardClient().Do(hreq)
}

type api struct{ rc *resty.Client }

func newAPI() *api {
	c := resty.New()
	c.SetRetryCount(3)
	return &api{rc: c}
}

func restySends(a *api) {
	r := resty.New().SetRetryCount(2)
	r.R().SetBody("x").Post("u") // want `client region by Post`
	c := resty.New()
	c.SetRetryCount(3)
	c.R().Put("u") // want `client region by Put`
	req := c.R()
	req.Execute("PATCH", "u") // want `client region by Execute`

	// Silent: resty without retries, or with zero or unknown counts.
	resty.New().R().Post("u")
	resty.New().SetRetryCount(0).R().Post("u")
	var n int
	resty.New().SetRetryCount(n).R().Post("u")
}
