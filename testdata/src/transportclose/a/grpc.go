package a

import (
	"context"
	"errors"
	"log"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"transportclose/pb"
)

// --- reported: a connection per call, never closed ---

func greet(ctx context.Context, target string) (string, error) {
	conn, err := grpc.NewClient(target, grpc.WithTransportCredentials(insecure.NewCredentials())) // want `^this grpc.ClientConn is never closed and does not escape: each call leaks its connections and goroutines; call Close when done or reuse one ClientConn \(transportclose\)$`
	if err != nil {
		return "", err
	}
	client := pb.NewGreeterClient(conn)
	reply, err := client.SayHello(ctx, &pb.HelloRequest{Name: "a"})
	if err != nil {
		return "", err
	}
	return reply.Message, nil
}

func greetDial(ctx context.Context, target string) error {
	conn, err := grpc.Dial(target, grpc.WithInsecure()) // want `this grpc.ClientConn is never closed`
	if err != nil {
		return err
	}
	_, err = pb.NewGreeterClient(conn).SayHello(ctx, &pb.HelloRequest{})
	return err
}

func greetDialContext(ctx context.Context, target string) error {
	conn, err := grpc.DialContext(ctx, target) // want `this grpc.ClientConn is never closed`
	if err != nil {
		log.Fatal(err)
	}
	var client = pb.NewGreeterClient(conn)
	_, err = client.SayHello(ctx, &pb.HelloRequest{})
	return err
}

func errorIgnored(ctx context.Context, target string) error {
	conn, _ := grpc.NewClient(target) // want `this grpc.ClientConn is never closed`
	return conn.Invoke(ctx, "/s/m", nil, nil)
}

func errEqualNil(ctx context.Context, target string) {
	conn, err := grpc.NewClient(target) // want `this grpc.ClientConn is never closed`
	if err == nil {
		conn.Connect()
	}
}

func closedOnErrorOnly(ctx context.Context, target string) error {
	conn, err := grpc.NewClient(target) // want `this grpc.ClientConn is closed on some paths but not on the one to the return at line 69, which leaks its connections and goroutines; close it on every path, e.g. with defer conn.Close\(\) right after the error check that follows its creation \(transportclose\)$`
	if err != nil {
		return err
	}
	if _, err := pb.NewGreeterClient(conn).SayHello(ctx, &pb.HelloRequest{}); err != nil {
		conn.Close()
		return err
	}
	return nil
}

// A ClientConn runs goroutines from its creation on: a return before any
// RPC leaks them too.
func validatedAfterDial(ctx context.Context, target, name string) error {
	conn, err := grpc.NewClient(target) // want `this grpc.ClientConn is closed on some paths but not on the one to the return at line 80,`
	if err != nil {
		return err
	}
	if name == "" {
		return errors.New("no name")
	}
	defer conn.Close()
	_, err = pb.NewGreeterClient(conn).SayHello(ctx, &pb.HelloRequest{Name: name})
	return err
}

// --- silent ---

func greetClosed(ctx context.Context, target string) error {
	conn, err := grpc.NewClient(target)
	if err != nil {
		return err
	}
	defer conn.Close()
	_, err = pb.NewGreeterClient(conn).SayHello(ctx, &pb.HelloRequest{})
	return err
}

func closedInNilBranch(ctx context.Context, target string) {
	conn, err := grpc.NewClient(target)
	if err == nil {
		defer conn.Close()
		conn.Connect()
	}
}

func returnedConn(target string) (*grpc.ClientConn, error) {
	conn, err := grpc.NewClient(target)
	if err != nil {
		return nil, err
	}
	return conn, nil
}

// The generated client keeps the connection: returning it hands the
// connection to the caller.
func returnedGreeter(target string) (pb.GreeterClient, error) {
	conn, err := grpc.NewClient(target)
	if err != nil {
		return nil, err
	}
	client := pb.NewGreeterClient(conn)
	return client, nil
}

type service struct {
	greeter pb.GreeterClient
	conn    *grpc.ClientConn
}

func (s *service) clientStored(target string) error {
	conn, err := grpc.NewClient(target)
	if err != nil {
		return err
	}
	s.greeter = pb.NewGreeterClient(conn)
	return nil
}

func (s *service) connStored(target string) error {
	conn, err := grpc.NewClient(target)
	if err != nil {
		return err
	}
	s.conn = conn
	return nil
}

func connAsInterface(target string) grpc.ClientConnInterface {
	conn, err := grpc.NewClient(target)
	if err != nil {
		return nil
	}
	var cci grpc.ClientConnInterface = conn
	return cci
}

// The error is not checked right after the call: on the error path there is
// no connection, and the check cannot tell that path apart. Silent.
func errCheckedLater(ctx context.Context, target string) error {
	conn, err := grpc.NewClient(target)
	log.Println("dialed", target)
	if err != nil {
		return err
	}
	return conn.Invoke(ctx, "/s/m", nil, nil)
}
