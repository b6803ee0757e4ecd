// Package fixderived holds the cases of values derived from a connection
// or transport: a stream opened on it, a client built on it, a response
// read through it. When such a value leaves the function, the connection
// must stay open after the function returns: a deferred Close would end
// what the caller receives, so the check reports nothing. When it stays
// inside, the leak is reported and fixed as usual (see
// fixderived.go.golden).
package fixderived

import (
	"context"
	"encoding/json"
	"io"
	"net/http"

	"google.golang.org/grpc"

	"transportclose/pb"
)

var desc = &grpc.StreamDesc{ServerStreams: true}

// --- silent: a derived value escapes, the connection goes with it ---

// The stream is returned: the caller reads it over the connection.
func openStream(ctx context.Context, target string) (grpc.ClientStream, error) {
	conn, err := grpc.NewClient(target)
	if err != nil {
		return nil, err
	}
	return conn.NewStream(ctx, desc, "/helloworld.Greeter/SayHellos")
}

// The same, through the generated client and a variable.
func streamFromClient(ctx context.Context, target string) (pb.Greeter_SayHellosClient, error) {
	conn, err := grpc.NewClient(target)
	if err != nil {
		return nil, err
	}
	client := pb.NewGreeterClient(conn)
	stream, err := client.SayHellos(ctx, &pb.HelloRequest{})
	if err != nil {
		return nil, err
	}
	return stream, nil
}

// The stream is assigned to a named result, returned by a bare return.
func namedResult(ctx context.Context, target string) (s pb.Greeter_SayHellosClient, err error) {
	conn, err := grpc.NewClient(target)
	if err != nil {
		return nil, err
	}
	s, err = pb.NewGreeterClient(conn).SayHellos(ctx, &pb.HelloRequest{})
	return
}

type watcher struct {
	stream grpc.ClientStream
}

// The stream is stored in a field.
func (w *watcher) watch(ctx context.Context, target string) error {
	conn, err := grpc.NewClient(target)
	if err != nil {
		return err
	}
	s, err := conn.NewStream(ctx, desc, "/helloworld.Greeter/SayHellos")
	if err != nil {
		return err
	}
	w.stream = s
	return nil
}

// The stream is put in a composite literal that is returned.
func newWatcher(ctx context.Context, target string) (*watcher, error) {
	conn, err := grpc.NewClient(target)
	if err != nil {
		return nil, err
	}
	s, err := conn.NewStream(ctx, desc, "/helloworld.Greeter/SayHellos")
	if err != nil {
		return nil, err
	}
	return &watcher{stream: s}, nil
}

// The stream is sent on a channel.
func streams(ctx context.Context, target string, out chan<- grpc.ClientStream) error {
	conn, err := grpc.NewClient(target)
	if err != nil {
		return err
	}
	s, err := conn.NewStream(ctx, desc, "/helloworld.Greeter/SayHellos")
	if err != nil {
		return err
	}
	out <- s
	return nil
}

// The stream is read by a goroutine that outlives the function.
func recvInBackground(ctx context.Context, target string, replies chan<- *pb.HelloReply) error {
	conn, err := grpc.NewClient(target)
	if err != nil {
		return err
	}
	stream, err := pb.NewGreeterClient(conn).SayHellos(ctx, &pb.HelloRequest{})
	if err != nil {
		return err
	}
	go func() {
		for {
			r, err := stream.Recv()
			if err != nil {
				return
			}
			replies <- r
		}
	}()
	return nil
}

// The response is returned: its body is read later, over the transport.
func fetch(url string) (*http.Response, error) {
	tr := &http.Transport{}
	c := &http.Client{Transport: tr}
	return c.Get(url)
}

// The body of a response read on a connection is returned.
func fetchBody(ctx context.Context, tr *http.Transport, req *http.Request) (io.ReadCloser, error) {
	cc, err := tr.NewClientConn(ctx, "https", "example.com:443")
	if err != nil {
		return nil, err
	}
	resp, err := cc.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	return resp.Body, nil
}

// A decoder reading the body is returned.
func decoder(ctx context.Context, tr *http.Transport, req *http.Request) (*json.Decoder, error) {
	cc, err := tr.NewClientConn(ctx, "https", "example.com:443")
	if err != nil {
		return nil, err
	}
	resp, err := cc.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	return json.NewDecoder(resp.Body), nil
}

// --- reported and fixed: what leaves the function holds no connection ---

// A unary reply is a decoded message (it has a ProtoReflect method): the
// connection is not needed once the call returns.
func unaryReply(ctx context.Context, target string) (*pb.HelloReply, error) {
	conn, err := grpc.NewClient(target) // want `this grpc.ClientConn is never closed`
	if err != nil {
		return nil, err
	}
	reply, err := pb.NewGreeterClient(conn).SayHello(ctx, &pb.HelloRequest{})
	if err != nil {
		return nil, err
	}
	return reply, nil
}

// The stream is read to its end here; only strings leave.
func readAll(ctx context.Context, target string) ([]string, error) {
	conn, err := grpc.NewClient(target) // want `this grpc.ClientConn is never closed`
	if err != nil {
		return nil, err
	}
	stream, err := pb.NewGreeterClient(conn).SayHellos(ctx, &pb.HelloRequest{})
	if err != nil {
		return nil, err
	}
	var out []string
	for {
		r, err := stream.Recv()
		if err != nil {
			break
		}
		out = append(out, r.Message)
	}
	return out, nil
}

// The body is read and closed here; its bytes, the status and the error
// leave.
func fetchText(url string) (string, int, error) {
	tr := &http.Transport{} // want `this http.Transport is never closed`
	c := &http.Client{Transport: tr}
	resp, err := c.Get(url)
	if err != nil {
		return "", 0, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return string(b), resp.StatusCode, err
}

// The response's header is data.
func header(ctx context.Context, tr *http.Transport, req *http.Request) (http.Header, error) {
	cc, err := tr.NewClientConn(ctx, "https", "example.com:443") // want `this http.ClientConn is never closed`
	if err != nil {
		return nil, err
	}
	resp, err := cc.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	return resp.Header, nil
}
