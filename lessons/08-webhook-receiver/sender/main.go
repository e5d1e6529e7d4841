// Command sender signs a JSON file with WEBHOOK_SECRET and posts it to a
// webhook receiver, as GitHub would: the Go counterpart of the original course's
// Python script.
//
//	WEBHOOK_SECRET=... go run ./lessons/08-webhook-receiver/sender -url http://127.0.0.1:8000/webhook -event push payload.json
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode"
	"unicode/utf8"

	"apicourse/lessons/08-webhook-receiver/webhook"
	"apicourse/shared/program"
)

// maxPayload is the receiver's body cap; a bigger file is refused here.
const maxPayload = 1 << 20

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(program.ExitCode(err, os.Stderr))
}

// run signs and posts the file named in args, prints the receiver's status
// and body to stdout, and fails unless the receiver answered 2xx.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("sender", flag.ContinueOnError)
	fs.SetOutput(stderr)
	url := fs.String("url", "http://127.0.0.1:8000/webhook", "the receiver's `URL`")
	event := fs.String("event", "push", "the event name sent as X-GitHub-Event")
	timeout := fs.Duration("timeout", 10*time.Second, "give up on the receiver after this long")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: WEBHOOK_SECRET=... sender [-url URL] [-event NAME] payload.json")
		fs.PrintDefaults()
	}
	if err := program.ParseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return program.Usagef("give exactly one payload file (got %d arguments)", fs.NArg())
	}
	secret := getenv("WEBHOOK_SECRET")
	if secret == "" {
		return program.Usagef("WEBHOOK_SECRET is empty: set it to the receiver's secret")
	}
	body, err := readPayload(fs.Arg(0))
	if err != nil {
		return err
	}

	client := &http.Client{
		Timeout: *timeout,
		// A redirect is the receiver's answer, not an instruction: followed,
		// a 307 would post the body and its signature to whatever host it
		// names, a valid delivery that host could replay to the real receiver.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	reply, err := webhook.Send(ctx, client, *url, *event, []byte(secret), body)
	if err != nil {
		return err
	}
	// The receiver's words go to a terminal: escaped, they cannot move the
	// cursor, clear the screen or retitle the window.
	fmt.Fprintf(stdout, "%s\n%s\n", printable(reply.Status), printable(string(bytes.TrimSpace(reply.Body))))
	if reply.Code >= 300 && reply.Code <= 399 {
		return fmt.Errorf("the receiver answered %s; redirects are not followed, so the delivery went nowhere else",
			printable(reply.Status))
	}
	if reply.Code < 200 || reply.Code > 299 {
		return fmt.Errorf("the receiver answered %s", printable(reply.Status))
	}
	return nil
}

// printable returns s with every control character but newline and tab
// written as a Go escape (\x1b, \r, \u009b), as are the bidirectional
// overrides that reorder what a terminal shows and the bytes that are not
// UTF-8: what the receiver sent, but nothing a terminal would obey.
func printable(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case unicode.IsControl(r) || (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069'):
			q := strconv.QuoteRune(r) // '\x1b', '\r', '\u202e'
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// readPayload reads the file, refusing one larger than the receiver takes.
func readPayload(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	body, err := io.ReadAll(io.LimitReader(f, maxPayload+1))
	if err == nil && len(body) > maxPayload {
		err = errors.New(name + " is larger than the receiver's 1 MiB limit")
	}
	return body, err
}
