package transportclose

import (
	"net/http"
	"testing"
)

// A leak in a test file: reported only with -transportclose.tests.
func TestPing(t *testing.T) {
	tr := &http.Transport{}
	resp, err := (&http.Client{Transport: tr}).Get("http://127.0.0.1:1/")
	if err == nil {
		resp.Body.Close()
	}
}
