// Package protoreflect is a stub of google.golang.org/protobuf's package of
// the same path, with what transportvet's test packages use.
package protoreflect

// Message is a reflective interface for a concrete message value.
// Generated message types have a method ProtoReflect() Message.
type Message interface {
	Interface() ProtoMessage
}

// ProtoMessage is the top-level interface that all proto messages implement.
type ProtoMessage interface{ ProtoReflect() Message }
