// Command connflood is the connection flood of the course's "Under load"
// sections: it opens -conns TCP connections to a lesson and holds them
// idle, reports the server's open descriptors and memory while they are
// held (Linux, given the server's -pid), then closes them and times how
// long a normal request takes to be answered.
//
//	go run ./shared/tools/connflood -addr 127.0.0.1:8000 -conns 10000 -pid $(pgrep -n 01-basic)
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"apicourse/shared/program"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(program.ExitCode(err, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("connflood", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8000", "the lesson's `host:port`")
	conns := fs.Int("conns", 10000, "idle connections to open")
	hold := fs.Duration("hold", 10*time.Second, "how long to hold them")
	pid := fs.Int("pid", 0, "the server's process id, to read its descriptors and memory from /proc")
	path := fs.String("path", "/openapi.json", "what the normal request asks for")
	if err := program.ParseFlagsOnly(fs, args); err != nil {
		return err
	}
	if *conns < 1 {
		return program.Usagef("usage: connflood [-addr HOST:PORT] [-conns N] [-hold D] [-pid PID]")
	}

	var held []net.Conn
	defer func() {
		for _, c := range held {
			c.Close()
		}
	}()
	dialer := net.Dialer{Timeout: 2 * time.Second}
	for len(held) < *conns && ctx.Err() == nil {
		c, err := dialer.DialContext(ctx, "tcp", *addr)
		if err != nil {
			fmt.Fprintf(stdout, "dial %d failed: %v\n", len(held)+1, err)
			break
		}
		held = append(held, c)
	}
	fmt.Fprintf(stdout, "holding %d idle connections for %v\n", len(held), *hold)
	report(stdout, *pid, "while held")
	select {
	case <-time.After(*hold):
	case <-ctx.Done():
	}
	report(stdout, *pid, "at the end of the hold")
	for _, c := range held {
		c.Close()
	}
	held = nil

	start := time.Now()
	client := http.Client{Timeout: 30 * time.Second}
	resp, err := client.Get("http://" + *addr + *path)
	if err != nil {
		return fmt.Errorf("after the flood, GET %s: %w", *path, err)
	}
	resp.Body.Close()
	fmt.Fprintf(stdout, "after closing them: GET %s → %d in %v\n", *path, resp.StatusCode, time.Since(start).Round(time.Millisecond))
	report(stdout, *pid, "afterwards")
	return nil
}

// report prints the server's open descriptors and resident memory.
func report(w io.Writer, pid int, when string) {
	if pid == 0 {
		return
	}
	fds, err := os.ReadDir("/proc/" + strconv.Itoa(pid) + "/fd")
	if err != nil {
		fmt.Fprintf(w, "  %s: cannot read /proc/%d: %v\n", when, pid, errors.Unwrap(err))
		return
	}
	fmt.Fprintf(w, "  %s: server has %d open descriptors, RSS %s\n", when, len(fds), rss(pid))
}

func rss(pid int) string {
	status, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return "?"
	}
	for _, line := range strings.Split(string(status), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "?"
}
