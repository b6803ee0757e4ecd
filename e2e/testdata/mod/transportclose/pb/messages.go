// Package pb stands in for the code protoc generates for a Greeter service.
// The messages are plain structs here (protoc-gen-go would generate
// protobuf messages); greeter_grpc.pb.go is what protoc-gen-go-grpc emits
// for the client side.
package pb

// HelloRequest is the request message.
type HelloRequest struct {
	Name string
}

// HelloReply is the response message.
type HelloReply struct {
	Message string
}
