package program

import (
	"flag"
	"fmt"
	"net"
	"strconv"
	"strings"
)

// ListenFlags defines -addr, -max-conns, -max-conns-per-client and
// -allow-host on fs.
func ListenFlags(fs *flag.FlagSet) *Listen {
	l := &Listen{}
	fs.StringVar(&l.Addr, "addr", "127.0.0.1:8000", "listen on `host:port` (port 0 picks a free one)")
	fs.IntVar(&l.MaxConns, "max-conns", MaxConns, "serve at most `n` connections at once; more wait to be accepted")
	fs.IntVar(&l.MaxConnsPerClient, "max-conns-per-client", MaxConnsPerClient, "serve at most `n` connections from one IP address at once")
	fs.StringVar(&l.AllowHosts, "allow-host", "", "on a loopback -addr, answer these `names` (comma-separated) besides localhost and 127.0.0.1")
	return l
}

// ParseFlags parses args with fs (which prints its own errors and usage).
// Arguments after the flags are left in fs.Args for the program to read.
func ParseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return flagError{err}
	}
	return nil
}

// ParseFlagsOnly is ParseFlags for a program that takes flags and nothing
// else, as every lesson does. An argument left over is a usage error that
// names it and guesses the flag meant: otherwise `go run ./lesson 9000`
// would quietly listen on port 8000.
func ParseFlagsOnly(fs *flag.FlagSet, args []string) error {
	if err := ParseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return nil
	}
	arg := fs.Arg(0)
	if guess := flagMeant(fs, arg); guess != "" {
		return Usagef("unexpected argument %q: did you mean %s? (-h lists the flags)", arg, guess)
	}
	return Usagef("unexpected argument %q: this program takes only flags, which start with - (-h lists them)", arg)
}

// flagMeant guesses the flag a stray argument was meant for: a port or a
// host:port is an -addr, a flag's name without its dash is that flag.
func flagMeant(fs *flag.FlagSet, arg string) string {
	if fs.Lookup("addr") != nil {
		if _, err := strconv.ParseUint(arg, 10, 16); err == nil {
			return "-addr 127.0.0.1:" + arg
		}
		if _, port, err := net.SplitHostPort(arg); err == nil && port != "" {
			return "-addr " + arg
		}
	}
	name, value, _ := strings.Cut(arg, "=")
	f := fs.Lookup(name)
	switch {
	case f == nil || name == "":
		return ""
	case value != "":
		return fmt.Sprintf("-%s %s", name, value)
	case f.DefValue != "" && f.DefValue != "false":
		return fmt.Sprintf("-%s %s", name, f.DefValue)
	}
	return "-" + name
}
