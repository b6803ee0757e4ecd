// Package require is a stub of github.com/stretchr/testify/require
// v1.12.1 (require.go, requirements.go, require_forward.go): the
// signatures transportvet's tests use, with bodies that do what the real
// ones do in one line.
package require

// TestingT is an interface wrapper around *testing.T.
type TestingT interface {
	Errorf(format string, args ...interface{})
	FailNow()
}

// NoError asserts that a function returned no error (i.e. `nil`).
func NoError(t TestingT, err error, msgAndArgs ...interface{}) {
	if err != nil {
		t.FailNow()
	}
}

// Nil asserts that the specified object is nil.
func Nil(t TestingT, object interface{}, msgAndArgs ...interface{}) {
	if object != nil {
		t.FailNow()
	}
}

// NoErrorf asserts that a function returned no error (i.e. `nil`).
func NoErrorf(t TestingT, err error, msg string, args ...interface{}) {
	if err != nil {
		t.FailNow()
	}
}

// Nilf asserts that the specified object is nil.
func Nilf(t TestingT, object interface{}, msg string, args ...interface{}) {
	if object != nil {
		t.FailNow()
	}
}

// Assertions provides assertion methods around the TestingT interface.
type Assertions struct{ t TestingT }

// New makes a new Assertions object for the specified TestingT.
func New(t TestingT) *Assertions { return &Assertions{t: t} }

// NoError asserts that a function returned no error (i.e. `nil`).
func (a *Assertions) NoError(err error, msgAndArgs ...interface{}) { NoError(a.t, err, msgAndArgs...) }
