package shapes

import (
	"io"
	"net/http"
	"strings"
	"time"
)

// waitForServer is aws-sdk-go-v2's awstesting.CreateTLSServer wait
// (retry-loops.md R14, certificate_utils.go:233): it sends again while
// the connection is refused and leaves on any other error. The loop
// chooses which failures to retry; a success would go round too.
func waitForServer(addr string) {
	for i := 0; i < 60; i++ { // want `loop region attempt http.Get counter i`
		if _, err := http.Get("https://" + addr); err != nil && !strings.Contains(err.Error(), "connection refused") {
			break
		}
		time.Sleep(time.Second)
	}
}

// Silent: a read loop leaves on any error but EOF, and on EOF after
// using what it read: what goes round is a success.
func readAll(r io.Reader, use func([]byte)) error {
	buf := make([]byte, 512)
	for {
		n, err := r.Read(buf)
		if err != nil && err != io.EOF {
			return err
		}
		use(buf[:n])
		if err == io.EOF {
			return nil
		}
	}
}

// Silent: a nil test alone tells no failures apart; success and failure
// both go round.
func hammer(addr string) {
	for i := 0; i < 60; i++ {
		if _, err := http.Get(addr); err != nil && i > 30 {
			break
		}
		time.Sleep(time.Second)
	}
}

// Silent: leaving on EOF ends the stream; the errors that go round are
// not singled out (err != io.EOF is any other error, or none).
func readLoose(r io.Reader, use func([]byte)) {
	buf := make([]byte, 512)
	for {
		n, err := r.Read(buf)
		if err == io.EOF {
			return
		}
		use(buf[:n])
	}
}
