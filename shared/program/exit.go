package program

import (
	"errors"
	"flag"
	"fmt"
	"io"
)

// errUsage marks a mistake in how a program was started (a flag, an
// environment variable): the program exits with code 2, as flag does.
var errUsage = errors.New("usage")

// Usagef returns an error, wrapping errUsage, that ExitCode prints.
func Usagef(format string, args ...any) error {
	return fmt.Errorf("%w: %s", errUsage, fmt.Sprintf(format, args...))
}

// flagError is a flag error that the FlagSet has printed already.
type flagError struct{ err error }

func (e flagError) Error() string   { return e.err.Error() }
func (e flagError) Unwrap() []error { return []error{errUsage, e.err} }

// ExitCode prints err to stderr unless it was printed already and returns the
// process exit code: 0 for nil and -h, 2 for errUsage, 1 for the rest.
func ExitCode(err error, stderr io.Writer) int {
	var printed flagError
	switch {
	case err == nil || errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &printed):
		return 2
	}
	fmt.Fprintln(stderr, err)
	if errors.Is(err, errUsage) {
		return 2
	}
	return 1
}
