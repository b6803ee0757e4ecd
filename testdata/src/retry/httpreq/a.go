// Package httpreq exercises internal/httpreq's tables: every call the
// tables know is described by the test analyzer.
package httpreq

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
	"github.com/go-resty/resty/v2"
	"github.com/hashicorp/go-retryablehttp"
)

const create = "post"

func stdlib(ctx context.Context, c *http.Client, rt http.RoundTripper, tr *http.Transport, m string) {
	req, _ := http.NewRequest(http.MethodPost, "u", nil)         // want `new POST`
	req2, _ := http.NewRequestWithContext(ctx, create, "u", nil) // want `new POST`
	req3, _ := http.NewRequestWithContext(ctx, m, "u", nil)      // want `new \?`
	req4, _ := http.NewRequest("", "u", nil)                     // want `new GET`
	c.Do(req)                                                    // want `send \?`
	rt.RoundTrip(req2)                                           // want `send \?`
	tr.RoundTrip(req3)                                           // want `send \?`
	c.Do(req4.WithContext(ctx))                                  // want `send \?` `new \?`
	http.Post("u", "text/plain", strings.NewReader("x"))         // want `send POST`
	http.PostForm("u", url.Values{})                             // want `send POST`
	c.Get("u")                                                   // want `send GET`
	http.Head("u")                                               // want `send HEAD`
	http.DefaultClient.PostForm("u", nil)                        // want `send POST`
	_ = req.Header.Get("x")                                      // not a send
}

type wrapped struct{ *http.Client }

func embedded(w wrapped, req *http.Request) {
	w.Do(req) // want `send \?`
}

func retryable(rc *retryablehttp.Client, rt *retryablehttp.RoundTripper) {
	req, _ := retryablehttp.NewRequest("PATCH", "u", nil) // want `new PATCH`
	rc.Do(req)                                            // want `retrying send \?`
	rc.Post("u", "text/plain", nil)                       // want `retrying send POST`
	retryablehttp.Get("u")                                // want `retrying send GET`
	r, _ := http.NewRequest("GET", "u", nil)              // want `new GET`
	rt.RoundTrip(r)                                       // want `retrying send \?`
	rc.StandardClient().Do(r)                             // want `send \?`
}

func restyCalls(c *resty.Client, m string) {
	c.R().SetBody("x").Post("u") // want `send POST` `new \?`
	c.R().Put("u")               // want `send PUT` `new \?`
	c.R().Execute("PATCH", "u")  // want `send PATCH` `new \?`
	c.R().Execute(m, "u")        // want `send \?` `new \?`
	r := c.NewRequest()          // want `new \?`
	r.Method = "POST"
	r.Send() // want `send \?`
}

func azure(ctx context.Context, pl runtime.Pipeline, c *azcore.Client, m string) {
	req, _ := runtime.NewRequest(ctx, http.MethodPost, "u") // want `new POST`
	req2, _ := runtime.NewRequest(ctx, m, "u")              // want `new \?`
	pl.Do(req)                                              // want `retrying send \?`
	c.Pipeline().Do(req2)                                   // want `retrying send \?`
	_ = req.Raw().Header.Get("x")                           // not a send
	req.Next()                                              // a policy's step, not a send
}
