package shapes

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"retry/shapesutil"
)

// Repo is an API resource.
type Repo struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// ListRepos gets one page of repositories.
func (c *Client) ListRepos(ctx context.Context, opts *ListOptions) ([]*Repo, *Response, error) {
	path := "repos?page=" + strconv.Itoa(opts.Page) + "&per_page=" + strconv.Itoa(opts.PerPage)
	httpResp, err := c.send(ctx, http.MethodGet, path, nil)
	if err != nil {
		return nil, nil, err
	}
	defer httpResp.Body.Close()
	resp := &Response{Response: httpResp}
	if n, err := strconv.Atoi(httpResp.Header.Get("X-Next-Page")); err == nil {
		resp.NextPage = n
	}
	var repos []*Repo
	if err := json.NewDecoder(httpResp.Body).Decode(&repos); err != nil {
		return nil, resp, err
	}
	return repos, resp, nil
}

// ListAllRepos pages with opts.Page = resp.NextPage: not a retry.
func (c *Client) ListAllRepos(ctx context.Context) ([]*Repo, error) {
	opts := &ListOptions{PerPage: 100}
	var all []*Repo
	for {
		repos, resp, err := c.ListRepos(ctx, opts)
		if err != nil {
			return nil, err
		}
		all = append(all, repos...)
		if resp.NextPage == 0 {
			break
		}
		opts.Page = resp.NextPage
	}
	return all, nil
}

// listPages pages with a counter: the page number is the loop variable,
// and an error (the last page) ends it.
func (c *Client) listPages(ctx context.Context, pages int) ([]*Repo, error) {
	var all []*Repo
	for page := 2; page <= pages; page++ {
		repos, _, err := c.ListRepos(ctx, &ListOptions{Page: page, PerPage: 50})
		if err != nil {
			return nil, err
		}
		all = append(all, repos...)
	}
	return all, nil
}

// AuditEntry is a record of the audit log.
type AuditEntry struct {
	ID     string `json:"id"`
	Action string `json:"action"`
}

type auditPage struct {
	Entries    []AuditEntry `json:"entries"`
	NextCursor string       `json:"next_cursor"`
}

func (c *Client) auditPage(ctx context.Context, cursor string) (*auditPage, error) {
	var p auditPage
	err := c.doRequest(ctx, http.MethodGet, "audit?cursor="+url.QueryEscape(cursor), RequestParams{Response: &p})
	return &p, err
}

// AuditLog follows a cursor; a failed page is fetched again after a
// wait, a fetched one moves the cursor: the success goes round, and the
// cursor the loop computes feeds the next fetch. Pagination, not a retry.
func (c *Client) AuditLog(ctx context.Context) ([]AuditEntry, error) {
	var (
		entries []AuditEntry
		cursor  string
		fails   int
	)
	for {
		page, err := c.auditPage(ctx, cursor)
		if err != nil {
			fails++
			if fails > 3 {
				return nil, err
			}
			time.Sleep(time.Second)
			continue
		}
		entries = append(entries, page.Entries...)
		if page.NextCursor == "" {
			return entries, nil
		}
		cursor = page.NextCursor
	}
}

// Incident is a PagerDuty-style resource.
type Incident struct {
	ID string `json:"id"`
}

type incidentList struct {
	Incidents []Incident `json:"incidents"`
	More      bool       `json:"more"`
}

// Incidents pages with an offset, as go-pagerduty's pagedGet.
func (c *Client) Incidents(ctx context.Context) ([]Incident, error) {
	var all []Incident
	for more, offset := true, 0; more; {
		var list incidentList
		path := fmt.Sprintf("incidents?offset=%d&limit=100", offset)
		if err := c.doRequest(ctx, http.MethodGet, path, RequestParams{Response: &list}); err != nil {
			return nil, err
		}
		all = append(all, list.Incidents...)
		offset += len(list.Incidents)
		more = list.More
	}
	return all, nil
}

// JobStatus is what the job endpoint returns.
type JobStatus struct {
	ID    string `json:"id"`
	Done  bool   `json:"done"`
	Error string `json:"error"`
}

func (c *Client) getJob(ctx context.Context, id string) (*JobStatus, error) {
	var st JobStatus
	if err := c.getJSON(ctx, "jobs/"+id, &st); err != nil {
		return nil, err
	}
	return &st, nil
}

// WaitForJob polls until st.Done: not a retry.
func (c *Client) WaitForJob(ctx context.Context, id string) (*JobStatus, error) {
	ticker := time.NewTicker(2 * time.Second)
	defer ticker.Stop()
	for {
		st, err := c.getJob(ctx, id)
		if err != nil {
			return nil, err
		}
		if st.Done {
			if st.Error != "" {
				return st, errors.New(st.Error)
			}
			return st, nil
		}
		mark() // want `runs once`
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-ticker.C:
		}
	}
}

// waitActive polls with a counter and a sleep until the state changes:
// not a retry either.
func (c *Client) waitActive(ctx context.Context, id string) error {
	for i := 0; i < 60; i++ {
		var st struct {
			State string `json:"state"`
		}
		if err := c.getJSON(ctx, "instances/"+id, &st); err != nil {
			return err
		}
		if st.State == "active" {
			return nil
		}
		time.Sleep(time.Duration(i+1) * time.Second)
	}
	return errors.New("timed out")
}

// Webhook is a delivery to make.
type Webhook struct {
	URL     string
	Payload []byte
}

// deliverAll fans out over items: each send is a different operation.
func (c *Client) deliverAll(ctx context.Context, hooks []Webhook) error {
	var errs []error
	for _, h := range hooks {
		resp, err := c.post(ctx, h.URL, h.Payload)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		resp.Body.Close()
	}
	return errors.Join(errs...)
}

// deliverEach fans out with an index: the counter picks the item.
func (c *Client) deliverEach(ctx context.Context, hooks []Webhook) error {
	for i := 0; i < len(hooks); i++ {
		resp, err := c.post(ctx, hooks[i].URL, hooks[i].Payload)
		if err != nil {
			continue
		}
		resp.Body.Close()
		return nil
	}
	return errors.New("no hook delivered")
}

// worker sends what arrives on a channel: a worker loop.
func (c *Client) worker(ctx context.Context, jobs <-chan Webhook) {
	for {
		select {
		case <-ctx.Done():
			return
		case h := <-jobs:
			resp, err := c.post(ctx, h.URL, h.Payload)
			if err != nil {
				c.logger.Printf("deliver %s: %v", h.URL, err)
				continue
			}
			resp.Body.Close()
		}
	}
}

// heartbeat pings forever: success goes round as failure does.
func (c *Client) heartbeat(ctx context.Context) {
	for {
		resp, err := c.get(ctx, "ping")
		if err != nil {
			c.logger.Printf("ping: %v", err)
		} else {
			resp.Body.Close()
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(30 * time.Second):
		}
	}
}

// CreateRepo calls the package's request core with a POST.
func (c *Client) CreateRepo(ctx context.Context, name string) (*Repo, error) {
	var r Repo
	if err := c.doRequest(ctx, http.MethodPost, "repos", RequestParams{Body: map[string]string{"name": name}, Response: &r}); err != nil {
		return nil, err
	}
	return &r, nil
}

// DeleteRepo retries through the imported helper: a callback region.
func (c *Client) DeleteRepo(ctx context.Context, id int64) error {
	return shapesutil.Retry(ctx, 3, func(ctx context.Context) error { // want `callback region by Retry`
		req, err := c.newRequest(ctx, http.MethodDelete, "repos/"+strconv.FormatInt(id, 10), nil)
		if err != nil {
			return &shapesutil.PermanentError{Err: err}
		}
		resp, err := c.httpClient.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		mark() // want `repeated by callback`
		if resp.StatusCode == http.StatusNotFound {
			return nil
		}
		return checkResponse(resp)
	})
}

// uploadPart retries a part with its own counter and status check, and
// advances nothing: the part number is fixed.
func (c *Client) uploadPart(ctx context.Context, uploadID string, part int, data []byte) (string, error) {
	path := fmt.Sprintf("uploads/%s/parts/%d", uploadID, part)
	var lastStatus int
	for try := 0; try < 3; try++ { // want `loop region attempt c.send counter try`
		resp, err := c.send(ctx, http.MethodPut, path, data)
		if err != nil {
			return "", err
		}
		etag := resp.Header.Get("ETag")
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			return etag, nil
		}
		lastStatus = resp.StatusCode
		time.Sleep(shapesutil.Backoff(try, 500*time.Millisecond, 10*time.Second))
	}
	return "", fmt.Errorf("part %d: status %d", part, lastStatus)
}

// LogReader is go-tfe's log reader: a long poll with progress.
type LogReader struct {
	client *Client
	ctx    context.Context
	logURL *url.URL
	offset int64
	reads  int
}

func pollBackoff(lo, hi float64, iter int) time.Duration {
	d := lo * float64(int(1)<<min(iter, 10))
	if d > hi {
		d = hi
	}
	return time.Duration(d) * time.Millisecond
}

// Read polls until the log has new data. "No data yet"
// (io.ErrNoProgress) is not a failure: the offset moves whenever data
// arrives, and every error is returned at once. Not a retry
// (eval/new-retry-loops.md, go-tfe logreader.go:37).
func (r *LogReader) Read(l []byte) (int, error) {
	if written, err := r.read(l); !errors.Is(err, io.ErrNoProgress) {
		return written, err
	}
	for r.reads = 1; ; r.reads++ {
		select {
		case <-r.ctx.Done():
			return 0, r.ctx.Err()
		case <-time.After(pollBackoff(500, 2000, r.reads)):
			if written, err := r.read(l); !errors.Is(err, io.ErrNoProgress) {
				return written, err
			}
		}
	}
}

func (r *LogReader) read(l []byte) (int, error) {
	r.logURL.RawQuery = fmt.Sprintf("limit=%d&offset=%d", len(l), r.offset)
	req, err := http.NewRequestWithContext(r.ctx, http.MethodGet, r.logURL.String(), nil)
	if err != nil {
		return 0, err
	}
	resp, err := r.client.httpClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if err := checkResponse(resp); err != nil {
		return 0, err
	}
	written, err := resp.Body.Read(l)
	if err != nil && !errors.Is(err, io.EOF) {
		return written, err
	}
	if written == 0 {
		return 0, io.ErrNoProgress
	}
	r.offset += int64(written)
	return written, nil
}

// Action is a godo-style action.
type Action struct {
	ID     int64  `json:"id"`
	Status string `json:"status"`
}

func (c *Client) getAction(ctx context.Context, uri string) (*Action, error) {
	var a Action
	if err := c.getJSON(ctx, uri, &a); err != nil {
		return nil, err
	}
	return &a, nil
}

const activeFailure = 3

// WaitForActive is godo's util.WaitForActive: a poll that also sends a
// failed GET again at once (no delay on that path), eval/new-retry-loops.md
// R6. Its success goes round too while the action is in progress, and
// completed = true ends the loop at its condition as a break would.
func (c *Client) WaitForActive(ctx context.Context, monitorURI string) error {
	completed := false
	failCount := 0
	for !completed { // want `loop region attempt c.getAction counter failCount`
		action, err := c.getAction(ctx, monitorURI)
		if err != nil {
			select {
			case <-ctx.Done():
				return err
			default:
			}
			if failCount <= activeFailure {
				failCount++
				continue
			}
			return err
		}
		switch action.Status {
		case "in-progress":
			select {
			case <-time.After(5 * time.Second):
			case <-ctx.Done():
				return err
			}
		case "completed":
			completed = true
		default:
			return fmt.Errorf("unknown status: [%s]", action.Status)
		}
	}
	return nil
}

type retryableFn func() (any, error)

// retryTimes is go-tfe's test helper (R8): the attempt runs in a
// ticker's select case.
func retryTimes(maxRetries, secondsBetween int, f retryableFn) (any, error) {
	tick := time.NewTicker(time.Duration(secondsBetween) * time.Second)
	retries := 0
	defer tick.Stop()
	for { // want `loop region attempt f counter retries`
		select {
		case <-tick.C:
			res, err := f()
			if err == nil {
				return res, nil
			}
			if retries >= maxRetries {
				return nil, err
			}
			retries += 1
		}
	}
}

// retryTimesIf is go-tfe's generic helper (R9): retry on an error, or
// while the condition says "not yet".
func retryTimesIf[T any](maxRetries, secondsBetween int, f retryableFn, c func(T) bool) (T, error) {
	tick := time.NewTicker(time.Duration(secondsBetween) * time.Second)
	retries := 0
	defer tick.Stop()
	var zero T
	for { // want `loop region attempt f counter retries`
		<-tick.C
		res, err := f()
		obj, ok := res.(T)
		if !ok {
			return zero, fmt.Errorf("type assertion failed in retryTimesIf")
		}
		if err == nil && !c(obj) {
			return obj, nil
		}
		if retries >= maxRetries {
			return zero, err
		}
		retries += 1
	}
}
