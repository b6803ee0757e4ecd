// Package fixleak holds the local-leak cases whose suggested fix is checked
// against fixleak.go.golden, and reported cases that get no fix (unchanged
// in the golden file).
package fixleak

import (
	"context"
	"log"
	"net/http"
	"time"

	"golang.org/x/net/http2"
	"google.golang.org/grpc"

	"transportclose/helpers"
	"transportclose/pb"
)

// --- fixed: defer right after the creation ---

func perCall(url string) error {
	tr := &http.Transport{MaxIdleConns: 10} // want `this http.Transport is never closed`
	c := &http.Client{Transport: tr}
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func inlineInClient(url string) error {
	client := &http.Client{
		Transport: &http.Transport{ // want `this http.Transport is never closed`
			MaxIdleConnsPerHost: 2,
		},
	}
	_, err := client.Get(url)
	return err
}

func varDecl(req *http.Request) error {
	var tr = http.DefaultTransport.(*http.Transport).Clone() // want `this http.Transport is never closed`
	_, err := tr.RoundTrip(req)
	return err
}

func h2(req *http.Request) error {
	tr := &http2.Transport{} // want `this http2.Transport is never closed`
	_, err := tr.RoundTrip(req)
	return err
}

func inCase(req *http.Request, kind int) {
	switch kind {
	case 1:
		tr := new(http.Transport) // want `this http.Transport is never closed`
		tr.RoundTrip(req)
	}
}

func varBlock(req *http.Request) error {
	var (
		n  = 1
		tr = &http.Transport{MaxIdleConns: n} // want `this http.Transport is never closed`
	)
	_, err := tr.RoundTrip(req)
	return err
}

// --- fixed: defer after the error check ---

func greet(ctx context.Context, target string) error {
	conn, err := grpc.NewClient(target) // want `this grpc.ClientConn is never closed`
	if err != nil {
		return err
	}
	_, err = pb.NewGreeterClient(conn).SayHello(ctx, &pb.HelloRequest{})
	return err
}

func greetFatal(ctx context.Context, target string) {
	conn, err := grpc.Dial(target) // want `this grpc.ClientConn is never closed`
	if err != nil {
		log.Fatalf("dial: %v", err)
	}
	client := pb.NewGreeterClient(conn)
	client.SayHello(ctx, &pb.HelloRequest{})
}

func clientConn(ctx context.Context, tr *http.Transport, req *http.Request) error {
	cc, err := tr.NewClientConn(ctx, "https", "example.com:443") // want `this http.ClientConn is never closed`
	if err != nil {
		return err
	}
	_, err = cc.RoundTrip(req)
	return err
}

// --- fixed: a helper that returns a new transport on every call ---

func viaHelper(req *http.Request) error {
	tr := helpers.Fresh(time.Second) // want `this http.Transport is never closed`
	_, err := tr.RoundTrip(req)
	return err
}

func dialHelper(ctx context.Context, target string) error {
	conn, err := helpers.Dial(target) // want `this grpc.ClientConn is never closed`
	if err != nil {
		return err
	}
	return conn.Invoke(ctx, "/s/m", nil, nil)
}

// --- reported without a fix ---

// Closed on one path already: where to close on the others is the
// author's call.
func allButOne(url string) error {
	tr := &http.Transport{} // want `this http.Transport is closed on some paths but not on the one to the return`
	c := &http.Client{Transport: tr}
	if _, err := c.Get(url); err != nil {
		return err
	}
	tr.CloseIdleConnections()
	return nil
}

// A defer in a loop would keep every iteration's transport until the
// function returns: close it at the end of the iteration instead.
func inLoop(urls []string) {
	for _, u := range urls {
		tr := &http.Transport{} // want `this http.Transport is never closed`
		c := &http.Client{Transport: tr}
		c.Get(u)
	}
}

// With the error discarded, conn may be nil, and a deferred Close would
// panic.
func errDiscarded(ctx context.Context, target string) error {
	conn, _ := grpc.NewClient(target) // want `this grpc.ClientConn is never closed`
	return conn.Invoke(ctx, "/s/m", nil, nil)
}

// The error check is the other way round.
func errEqualNil(target string) {
	conn, err := grpc.NewClient(target) // want `this grpc.ClientConn is never closed`
	if err == nil {
		conn.Connect()
	}
}

// Created in an if statement's init: no statement list to add to.
func ifInit(req *http.Request) {
	if tr := (&http.Transport{}); tr != nil { // want `this http.Transport is never closed`
		tr.RoundTrip(req)
	}
}

// The error branch falls through: conn may be nil after it.
func errFallsThrough(ctx context.Context, target string) {
	conn, err := grpc.NewClient(target) // want `this grpc.ClientConn is never closed`
	if err != nil {
		log.Println(err)
	}
	conn.Connect()
}

// The error check has an else branch.
func errElse(ctx context.Context, target string) error {
	conn, err := grpc.NewClient(target) // want `this grpc.ClientConn is never closed`
	if err != nil {
		return err
	} else {
		conn.Connect()
	}
	return nil
}
